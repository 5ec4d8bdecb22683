"""What the home page shows: the user's units and what lies under them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from trienkhai.accounts.models import Membership, User
from trienkhai.orgs.models import OrgUnit


@dataclass(frozen=True)
class UnitSummary:
    membership: Membership
    unit: OrgUnit
    subtree_size: int
    kinds: list[tuple[str, int]]


def home_for(*, user: User) -> list[UnitSummary]:
    memberships = (
        Membership.objects.active()
        .filter(user=user)
        .select_related("org_unit")
        .order_by("org_unit__path", "role")
    )
    labels = dict(OrgUnit.Kind.choices)
    summaries = []
    # One grouped count per membership (a user holds one to three), done by the database.
    for m in memberships:
        counts = (
            OrgUnit.objects.valid_on()
            .in_subtree(m.org_unit)
            .filter(depth__gt=m.org_unit.depth)
            .values("kind")
            .annotate(n=Count("pk"))
            .order_by("-n", "kind")
        )
        kinds = [(str(labels[row["kind"]]), int(row["n"])) for row in counts]
        summaries.append(
            UnitSummary(
                membership=m,
                unit=m.org_unit,
                subtree_size=sum(n for _, n in kinds),
                kinds=kinds,
            )
        )
    return summaries
