"""Reads on the org tree, always within the reader's scope."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from trienkhai.accounts.permissions import has_cap
from trienkhai.orgs.models import OrgUnit


def unit_get(*, user: Any, code: str) -> OrgUnit:
    """A unit the user may read; another unit is a 404, the same as a missing one."""
    return get_object_or_404(OrgUnit.objects.visible_to(user), code=code)


def require_cap(user: Any, cap: str, unit: OrgUnit) -> None:
    """The user can see the unit but may not act on it: 403."""
    if not has_cap(user, cap, unit):
        raise PermissionDenied


def unit_children(*, unit: OrgUnit) -> QuerySet[OrgUnit]:
    return (
        OrgUnit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1)
        .annotate(member_count=Count("memberships"))
        .order_by("path")
    )


def tree_for(*, user: Any) -> list[OrgUnit]:
    """Every unit the user reads, in tree order (ancestors first)."""
    return list(OrgUnit.objects.visible_to(user).order_by("path"))


def unit_members(*, unit: OrgUnit) -> QuerySet[Any]:
    from trienkhai.accounts.models import Membership

    return (
        Membership.objects.active()
        .filter(org_unit=unit)
        .select_related("user")
        .order_by("role", "user__full_name", "user__username")
    )


def successor_choices(*, unit: OrgUnit) -> QuerySet[OrgUnit]:
    """Open units under the same parent: where a merged unit's work goes."""
    parent_path = unit.path[: -OrgUnit.steplen] if unit.depth > 1 else unit.path
    return (
        OrgUnit.objects.valid_on()
        .filter(path__startswith=parent_path, depth=unit.depth)
        .exclude(pk=unit.pk)
        .order_by("path")
    )
