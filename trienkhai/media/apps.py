from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "trienkhai.media"
    label = "media"
    verbose_name = _("Tuyên truyền")

    def ready(self) -> None:
        from trienkhai.core.audit import register_audited
        from trienkhai.media import models

        register_audited(
            models.Channel,
            models.MediaItem,
            models.MediaTally,
            models.Banner,
            models.RuleSetting,
            models.ExemptWeek,
            exclude=["search_text"],
        )
        # Section III of the summary report and its form figures register on import.
        from trienkhai.media import summary  # noqa: F401
