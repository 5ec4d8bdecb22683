from __future__ import annotations

from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "trienkhai.tasks"
    label = "tasks"
    verbose_name = "Nhiệm vụ"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from trienkhai.tasks import models

        auditlog.register(models.Task, m2m_fields={"helpers"}, exclude_fields=["search_text"])
        auditlog.register(models.TaskOccurrence)
        auditlog.register(models.TaskUpdate)
        # The summary report's section IV gets the task totals of the unit and period.
        from trienkhai.tasks import summary  # noqa: F401
