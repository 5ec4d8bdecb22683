from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisseminationConfig(AppConfig):
    name = "trienkhai.dissemination"
    label = "dissemination"
    verbose_name = _("Học tập, quán triệt")

    def ready(self) -> None:
        from trienkhai.core.audit import register_audited
        from trienkhai.dissemination import models

        register_audited(
            models.Headcount,
            models.StudySession,
            models.SessionAttendance,
            models.Material,
            models.MaterialReceipt,
            models.Outreach,
        )
        # Section II of the summary report and its form figures register on import.
        from trienkhai.dissemination import summary  # noqa: F401
