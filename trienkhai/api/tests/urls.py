"""The project's URLs plus the API, for tests that run before config/urls.py mounts it."""

from __future__ import annotations

from typing import cast

from django.urls import URLPattern, URLResolver, path

from config.urls import urlpatterns as project_urlpatterns
from trienkhai.api.api import api

_project = cast(list[URLPattern | URLResolver], project_urlpatterns)
_mounted = any(str(p.pattern) == "api/v1/" for p in _project)

urlpatterns: list[URLPattern | URLResolver] = [*_project]
if not _mounted:
    urlpatterns.insert(0, path("api/v1/", api.urls))
