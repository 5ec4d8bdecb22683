from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "trienkhai.emulation"
    label = "emulation"
    verbose_name = _("Thi đua, khen thưởng")

    def ready(self) -> None:
        from trienkhai.core.audit import register_audited
        from trienkhai.emulation import models

        register_audited(models.ScoreRound, exclude=["version"])
        register_audited(models.Scorecard, exclude=["version", "criteria", "conditions"])
        register_audited(models.Commendation)
