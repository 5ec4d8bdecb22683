"""The home page: the user's units, what the first of them has to do next, and the state of
each plan it implements."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import AuthenticatedRequest
from trienkhai.dashboard.communes import HOME_FIGURES, MODULES, city_home
from trienkhai.dashboard.overview import overview_for
from trienkhai.dashboard.selectors import home_for
from trienkhai.dashboard.todo import todo_for
from trienkhai.media.todo import standings_by_plan
from trienkhai.plans.in_force import plans_in_force


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    summaries = home_for(user=request.user)
    context: dict[str, Any] = {"title": _("Trang chủ"), "summaries": summaries}
    if summaries:
        # The user's first unit: what a secretary or a leader asks first.
        unit, today = summaries[0].unit, timezone.localdate()
        plans = plans_in_force(unit=unit, today=today)
        # The media rules are judged once for both the figures and the list.
        standings = standings_by_plan(plans=plans, unit=unit, today=today)
        context["overview"] = overview_for(unit=unit, today=today, plans=plans, standings=standings)
        context["todo"] = todo_for(unit=unit, today=today, plans=plans, standings=standings)
        # A level with communes under it (the city) sees them side by side, with figures.
        context["communes"] = city_home(unit, today)
        context["commune_headers"] = [label for _m, _k, label in HOME_FIGURES]
        context["commune_modules"] = MODULES
    return render(request, "dashboard/home.html", context)
