"""Reads on the org tree, always within the reader's scope."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from trienkhai.orgs.models import OrgUnit


def unit_get(*, user: object, code: str) -> OrgUnit:
    """A unit the user may read; another unit is a 404, the same as a missing one."""
    return get_object_or_404(OrgUnit.objects.visible_to(user), code=code)


def unit_children(*, unit: OrgUnit) -> QuerySet[OrgUnit]:
    return (
        OrgUnit.objects.in_subtree(unit)
        .filter(depth=unit.depth + 1)
        .annotate(member_count=Count("memberships"))
        .order_by("path")
    )


def tree_for(*, user: object) -> list[OrgUnit]:
    """Every unit the user reads, in tree order (ancestors first)."""
    return list(OrgUnit.objects.visible_to(user).order_by("path"))


def successor_choices(*, unit: OrgUnit) -> QuerySet[OrgUnit]:
    """Open units under the same parent: where a merged unit's work goes."""
    parent_path = unit.path[: -OrgUnit.steplen] if unit.depth > 1 else unit.path
    return (
        OrgUnit.objects.valid_on()
        .in_subtrees(parent_path)
        .filter(depth=unit.depth)
        .exclude(pk=unit.pk)
        .order_by("path")
    )
