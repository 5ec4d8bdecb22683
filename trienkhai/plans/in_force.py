"""The plans a unit implements today: its own and those of the units above it.

A plan is in force from its date (when it has one) to the end of its last year (when it
names one). The nearest issuer comes first, then the newest; a page that shows "the plan"
of a unit shows each of these under its own label rather than picking one silently.
"""

from __future__ import annotations

from datetime import date

from django.db.models import F, Q

from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import ancestor_paths
from trienkhai.plans.models import Plan


def plans_in_force(*, unit: OrgUnit, today: date) -> list[Plan]:
    paths = [unit.path, *ancestor_paths(unit.path)]
    return list(
        Plan.objects.filter(org_unit__path__in=paths)
        .filter(Q(date__isnull=True) | Q(date__lte=today))
        .filter(Q(end_year__isnull=True) | Q(end_year__gte=today.year))
        .select_related("org_unit")
        .order_by("-org_unit__depth", F("date").desc(nulls_last=True), "-pk")
    )
