"""The project's URLs plus the progress pages, until the project includes them itself."""

from __future__ import annotations

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns


def _included(namespace: str) -> bool:
    return any(getattr(p, "namespace", None) == namespace for p in project_urlpatterns)


urlpatterns = list(project_urlpatterns)
if not _included("progress"):
    urlpatterns.insert(0, path("so-lieu/tien-do/", include("trienkhai.monitoring.progress_urls")))
