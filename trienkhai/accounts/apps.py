from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "trienkhai.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")

    def ready(self) -> None:
        from trienkhai.accounts.models import Membership, User
        from trienkhai.core.audit import register_audited

        register_audited(User, exclude=["password", "last_login"])
        register_audited(Membership)
