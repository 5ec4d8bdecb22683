"""What the navigation needs to know about the user on every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from trienkhai.accounts.permissions import Cap, cap_paths


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"SITE_NAME": "Triển Khai"}
    if user is not None and user.is_authenticated:
        context["nav_can_manage_users"] = bool(cap_paths(user, Cap.ACCOUNTS_MANAGE))
        context["nav_can_audit"] = bool(cap_paths(user, Cap.AUDIT_VIEW))
    return context
