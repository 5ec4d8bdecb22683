from __future__ import annotations

from django.urls import path

from trienkhai.core import views

app_name = "core"

urlpatterns = [
    path("<uuid:file_id>/", views.file_download, name="file_download"),
]
