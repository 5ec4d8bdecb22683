from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "trienkhai.inspections"
    label = "inspections"
    verbose_name = _("Kiểm tra, giám sát")

    def ready(self) -> None:
        from trienkhai.core.audit import register_audited
        from trienkhai.inspections import models

        register_audited(models.Inspection, exclude=["version"])
        register_audited(models.Finding)
        register_audited(models.CorrectiveAction, exclude=["version"])
