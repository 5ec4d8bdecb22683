"""The project's URLs with this app's, for tests run before the project includes them."""

from __future__ import annotations

from django.urls import URLResolver, include, path

from config import urls as project

_included = any(
    isinstance(p, URLResolver) and p.namespace == "documents" for p in project.urlpatterns
)
urlpatterns = (
    list(project.urlpatterns)
    if _included
    else [path("van-ban/", include("trienkhai.documents.urls")), *project.urlpatterns]
)
handler403 = project.handler403
handler404 = project.handler404
handler500 = project.handler500
