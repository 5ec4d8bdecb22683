from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "trienkhai.plans"
    label = "plans"
    verbose_name = _("Kế hoạch")

    def ready(self) -> None:
        from trienkhai.core.audit import register_audited
        from trienkhai.plans import models

        register_audited(
            models.Programme,
            models.Plan,
            models.Target,
            models.Solution,
            models.PlanDuty,
            models.PlanDeadline,
            models.CoverageThreshold,
            models.MediaRule,
            models.Audience,
        )
