from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "trienkhai.monitoring"
    label = "monitoring"
    verbose_name = _("Số liệu chỉ tiêu")

    def ready(self) -> None:
        from trienkhai.core.audit import register_audited
        from trienkhai.monitoring import models

        register_audited(models.Observation, models.ObservationImport, models.TargetBand)
        # The summary report's section V and the report form's figures: the unit's targets.
        from trienkhai.monitoring import summary  # noqa: F401
