"""The home page: the user's units, what the first of them has to do next, and the state of
each plan it implements."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.models import Role
from trienkhai.accounts.permissions import AuthenticatedRequest
from trienkhai.dashboard.communes import HOME_FIGURES, MODULES, city_home
from trienkhai.dashboard.office import office_board
from trienkhai.dashboard.overview import overview_for
from trienkhai.dashboard.selectors import home_for
from trienkhai.dashboard.todo import quick_actions, todo_for
from trienkhai.dashboard.views import leaders
from trienkhai.media.todo import standings_by_plan
from trienkhai.plans.in_force import plans_in_force

# The roles whose home starts with the office's board (the admin keeps the unit home).
OFFICE_ROLES = (Role.OFFICE,)


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """By the role of the user's first unit: a leader sees the leaders' dashboard, the office
    what waits on it today above the unit home, the others the unit home."""
    summaries = home_for(user=request.user)
    context: dict[str, Any] = {"title": _("Trang chủ"), "summaries": summaries}
    first = summaries[0].membership if summaries else None
    if first is not None and first.role == Role.LEADER:
        return leaders.dashboard(request)
    if first is not None and first.role in OFFICE_ROLES:
        today = timezone.localdate()
        context["duties"] = office_board(user=request.user, unit=first.org_unit, today=today)
    if summaries:
        # The user's first unit: what a secretary or a leader asks first.
        unit, today = summaries[0].unit, timezone.localdate()
        plans = plans_in_force(unit=unit, today=today)
        # The media rules are judged once for both the figures and the list.
        standings = standings_by_plan(plans=plans, unit=unit, today=today)
        context["overview"] = overview_for(unit=unit, today=today, plans=plans, standings=standings)
        context["todo"] = todo_for(unit=unit, today=today, plans=plans, standings=standings)
        context["actions"] = quick_actions(request.user, unit, plans)
        # A level with communes under it (the city) sees them side by side, with figures.
        context["communes"] = city_home(unit, today)
        context["commune_headers"] = [label for _m, _k, label in HOME_FIGURES]
        context["commune_modules"] = MODULES
    return render(request, "dashboard/home.html", context)
