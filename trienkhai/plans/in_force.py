"""The plans a unit implements today: its own and those of the units above it.

A plan is in force from its date (when it has one) to the end of its last year (when it
names one). The nearest issuer comes first, then the newest; a page that shows "the plan"
of a unit shows each of these under its own label rather than picking one silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import F, Q

from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import ancestor_paths
from trienkhai.plans.models import Plan


def in_force_q(today: date) -> Q:
    """Issued by `today` (when dated), not past its last year (when it names one), neither
    superseded by a newer plan nor withdrawn."""
    return (
        Q(state=Plan.State.IN_FORCE)
        & (Q(date__isnull=True) | Q(date__lte=today))
        & (Q(end_year__isnull=True) | Q(end_year__gte=today.year))
    )


def plans_in_force(*, unit: OrgUnit, today: date) -> list[Plan]:
    paths = [unit.path, *ancestor_paths(unit.path)]
    return list(
        Plan.objects.filter(org_unit__path__in=paths)
        .filter(in_force_q(today))
        .select_related("org_unit")
        .order_by("-org_unit__depth", F("date").desc(nulls_last=True), "-pk")
    )


def plans_issued_in_force(*, units: Sequence[OrgUnit], today: date) -> dict[int, list[Plan]]:
    """The plans each unit issued itself that are in force, newest first (one query); with
    what the coverage and media figures read of them."""
    found: dict[int, list[Plan]] = {u.pk: [] for u in units}
    plans = (
        Plan.objects.filter(org_unit__in=[u.pk for u in units])
        .filter(in_force_q(today))
        .select_related("org_unit")
        .prefetch_related("coverage_thresholds", "deadlines")
        .order_by(F("date").desc(nulls_last=True), "-pk")
    )
    for plan in plans:
        found[plan.org_unit_id].append(plan)
    return found
