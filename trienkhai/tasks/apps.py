from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "trienkhai.tasks"
    label = "tasks"
    verbose_name = _("Nhiệm vụ")

    def ready(self) -> None:
        from trienkhai.core.audit import register_audited
        from trienkhai.tasks import models

        register_audited(models.Task, m2m={"helpers"}, exclude=["search_text"])
        register_audited(models.TaskOccurrence, models.TaskUpdate)
        # The summary report's section IV and the report form's figures: the task totals.
        from trienkhai.tasks import summary  # noqa: F401
