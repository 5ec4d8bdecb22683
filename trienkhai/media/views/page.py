"""Which unit, which plan and how many weeks a tuyên truyền page is about.

Read from the query string through `core.pages.PageQuery` (``don_vi``, ``ke_hoach``,
``tuan``), then resolved inside the reader's scope by this app's selectors.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.urls import reverse

from trienkhai.accounts.permissions import AuthenticatedRequest
from trienkhai.core.pages import UNIT, PageQuery
from trienkhai.media import selectors
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import ancestor_paths
from trienkhai.plans.models import Plan

WEEK_CHOICES = (4, 8, 12, 26, 52)


def page_unit(request: AuthenticatedRequest) -> OrgUnit:
    """The unit a page looks at: `?don_vi=` within the user's subtrees (else 404), or the
    top of the user's own subtree."""
    # A posted form names its unit in the body (the tallies grid posts back to itself).
    code = PageQuery.of(request).unit_code or request.POST.get(UNIT, "")
    if code:
        return selectors.media_unit_get(user=request.user, code=code)
    return selectors.home_unit(request.user)


def page_plan(request: AuthenticatedRequest, unit: OrgUnit) -> Plan | None:
    return selectors.plan_for_unit(user=request.user, unit=unit, pk=PageQuery.of(request).plan_id)


def page_weeks(request: AuthenticatedRequest, default: int) -> int:
    return PageQuery.of(request).number("tuan", default, low=1, high=53)


def unit_trail(request: AuthenticatedRequest, unit: OrgUnit) -> list[OrgUnit]:
    """The units above `unit` the user may open, for the breadcrumb."""
    return list(
        OrgUnit.objects.in_own_subtrees(request.user)
        .filter(path__in=ancestor_paths(unit.path))
        .order_by("path")
    )


def page_context(
    request: AuthenticatedRequest, unit: OrgUnit, plan: Plan | None, tab: str
) -> dict[str, Any]:
    return {
        "unit": unit,
        "plan": plan,
        "plans": selectors.plans_with_rules(user=request.user),
        "trail": unit_trail(request, unit),
        "tab": tab,
        "can_enter": selectors.entry_units(request.user).exists(),
    }


def entry_units_or_403(request: AuthenticatedRequest) -> tuple[QuerySet[OrgUnit], OrgUnit]:
    """The units the user enters media data for, and the first of them (the page's default)."""
    units = selectors.entry_units(request.user)
    first = units.first()
    if first is None:
        raise PermissionDenied
    return units, first


def with_unit(name: str, unit: OrgUnit) -> str:
    return f"{reverse(name)}?don_vi={unit.code}"
