from __future__ import annotations

from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "trienkhai.monitoring"
    label = "monitoring"
    verbose_name = "Số liệu chỉ tiêu"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from trienkhai.monitoring import models

        auditlog.register(models.Observation)
        auditlog.register(models.ObservationImport)
