from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "trienkhai.demo"
    label = "demo"
    verbose_name = "Dữ liệu minh họa"
