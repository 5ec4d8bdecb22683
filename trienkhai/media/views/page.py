"""Which unit, which plan and how many weeks a tuyên truyền page is about, and what the
pages share (their context, deleting an entry).

Read from the query string through `core.pages.PageQuery` (``don_vi``, ``ke_hoach``,
``tuan``), then resolved inside the reader's scope by this app's selectors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest
from trienkhai.core.files import read_upload
from trienkhai.core.pages import UNIT, PageQuery
from trienkhai.media import selectors, services
from trienkhai.media.models import Banner, MediaItem
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
    return PageQuery.of(request).pick_plan(
        selectors.plans_with_rules(user=request.user),
        fallback=lambda: selectors.plan_for_unit(user=request.user, unit=unit),
    )


def page_weeks(request: AuthenticatedRequest, default: int) -> int:
    return PageQuery.of(request).number("tuan", default, low=1, high=53)


def upload_of(data: dict[str, Any], field: str) -> services.Upload | None:
    """The file a form's `field` carries, if one was sent."""
    upload = data.get(field)
    return services.Upload(read_upload(upload), upload.name) if upload else None


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


class Entry(NamedTuple):
    """A kind of row a unit enters on its own (a news item, a banner)."""

    get: Callable[..., MediaItem | Banner]  # the row, within the reader's scope
    deleted: Promise  # what the page says once one is deleted
    back: str  # the list of its unit


ENTRIES = {
    "item": Entry(selectors.item_get, gettext_lazy("Đã xóa tin, bài."), "media:items"),
    "banner": Entry(selectors.banner_get, gettext_lazy("Đã xóa."), "media:banners"),
}


@login_required
@require_POST
def entry_delete(request: AuthenticatedRequest, pk: int, entry: str) -> HttpResponse:
    """Delete a news item or a banner (`entry`), then back to the list of its unit."""
    kind = ENTRIES[entry]
    row = kind.get(user=request.user, pk=pk)
    services.entry_delete(actor=request.user, entry=row)
    messages.success(request, str(kind.deleted))
    return redirect(with_unit(kind.back, row.org_unit))
