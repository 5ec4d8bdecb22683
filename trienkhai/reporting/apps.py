from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "trienkhai.reporting"
    label = "reporting"
    verbose_name = _("Báo cáo định kỳ")

    def ready(self) -> None:
        from trienkhai.core.audit import register_audited
        from trienkhai.reporting import models

        register_audited(models.Holiday, models.ReportSchedule)
        register_audited(models.ReportRequest, exclude=["version"])
