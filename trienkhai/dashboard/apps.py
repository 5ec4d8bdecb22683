from __future__ import annotations

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "trienkhai.dashboard"
    label = "dashboard"
    verbose_name = "Bảng điều khiển"
