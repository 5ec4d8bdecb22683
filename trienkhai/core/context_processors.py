from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from trienkhai.accounts.permissions import scope_for


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"SITE_NAME": "Triển Khai"}
    if user is not None and user.is_authenticated:
        scope = scope_for(user)
        context["nav_can_manage_users"] = bool(scope.paths_with("accounts.manage"))
        context["nav_can_audit"] = bool(scope.paths_with("audit.view"))
    return context
