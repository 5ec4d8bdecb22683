"""The home page: the user's units and the state of the plan for the first of them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import AuthenticatedRequest
from trienkhai.dashboard.overview import overview_for
from trienkhai.dashboard.selectors import home_for


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    summaries = home_for(user=request.user)
    # The state of the plan for the user's first unit: what leaders ask first.
    overview = overview_for(unit=summaries[0].unit) if summaries else []
    return render(
        request,
        "dashboard/home.html",
        {"title": _("Trang chủ"), "summaries": summaries, "overview": overview},
    )
