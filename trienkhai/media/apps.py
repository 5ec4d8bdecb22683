from __future__ import annotations

from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "trienkhai.media"
    label = "media"
    verbose_name = "Tuyên truyền"
