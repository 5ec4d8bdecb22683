from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# Paths a user who must change the password may still reach.
_ALLOWED_PREFIXES = (
    "/tai-khoan/doi-mat-khau/",
    "/tai-khoan/dang-xuat/",
    "/static/",
    "/healthz",
    "/readyz",
)


class ForcePasswordChangeMiddleware:
    """A user given a one-time code must choose a password before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not request.path.startswith(_ALLOWED_PREFIXES)
        ):
            return redirect(reverse("accounts:password_change"))
        return self.get_response(request)
