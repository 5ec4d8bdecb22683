from __future__ import annotations

from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "trienkhai.media"
    label = "media"
    verbose_name = "Tuyên truyền"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from trienkhai.media import models

        for model in (
            models.Channel,
            models.MediaItem,
            models.MediaTally,
            models.Banner,
            models.RuleSetting,
            models.ExemptWeek,
        ):
            auditlog.register(model, exclude_fields=["search_text"])
        # Section III of the summary report registers itself on import.
        from trienkhai.media import summary  # noqa: F401
