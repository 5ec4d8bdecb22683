from __future__ import annotations

from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "trienkhai.monitoring"
    label = "monitoring"
    verbose_name = "Số liệu chỉ tiêu"
