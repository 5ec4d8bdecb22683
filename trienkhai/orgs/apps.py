from __future__ import annotations

from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "trienkhai.orgs"
    label = "orgs"
    verbose_name = "Tổ chức"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from trienkhai.orgs.models import OrgUnit

        auditlog.register(OrgUnit)
