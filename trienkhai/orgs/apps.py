from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "trienkhai.orgs"
    label = "orgs"
    verbose_name = _("Tổ chức")

    def ready(self) -> None:
        from trienkhai.core.audit import register_audited
        from trienkhai.orgs.models import OrgUnit

        register_audited(OrgUnit)
