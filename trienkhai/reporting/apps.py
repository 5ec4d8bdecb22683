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
        register_audited(models.ReportRequest, exclude=["version", "prefill"])
        register_audited(models.ReportAttachment)
        # The content is large JSON; the service's entry sums up each change of it.
        register_audited(models.SummaryReport, exclude=["version", "sections", "figures"])
        from trienkhai.reporting import summary  # noqa: F401  (registers its sections)
