"""The unread count of the bell in the navigation: one COUNT, for a signed-in user only."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from trienkhai.accounts.models import User
from trienkhai.reminders.selectors import unread_count


def notifications(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user=user)}
