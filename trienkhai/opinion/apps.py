from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionConfig(AppConfig):
    name = "trienkhai.opinion"
    label = "opinion"
    verbose_name = _("Dư luận xã hội, mô hình hay")

    def ready(self) -> None:
        from trienkhai.core.audit import register_audited
        from trienkhai.opinion import models, summary  # noqa: F401  (registers the figures)

        register_audited(models.OpinionReport, exclude=["version", "search_text", "entry_token"])
        register_audited(models.Rebuttal, exclude=["version", "post_key", "entry_token"])
        register_audited(models.GoodPractice, exclude=["version", "entry_token"])
