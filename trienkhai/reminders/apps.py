from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "trienkhai.reminders"
    label = "reminders"
    verbose_name = _("Nhắc việc")

    def ready(self) -> None:
        from trienkhai.core.audit import register_audited
        from trienkhai.reminders import models

        register_audited(models.ReminderRule, models.ReminderPause)
