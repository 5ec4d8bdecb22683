from __future__ import annotations

from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "trienkhai.tasks"
    label = "tasks"
    verbose_name = "Nhiệm vụ"
