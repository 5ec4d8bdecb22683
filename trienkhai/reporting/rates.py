"""Completeness and timeliness of reporting, counted by the database over one set of
(unit, period) requests, so neither rate can pass 100 %: completeness = accepted ÷ expected,
timeliness = first submitted by the (extended) due date ÷ expected. Rolled up a subtree by
path prefix in one grouped query, whatever the number of units."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr

from trienkhai.core.numbers import format_percent, percent
from trienkhai.orgs.models import STEPLEN, OrgUnit
from trienkhai.reporting.models import ReportRequest, RequestState, effective_due


@dataclass(frozen=True)
class Rates:
    expected: int = 0
    submitted: int = 0
    accepted: int = 0
    on_time: int = 0

    @property
    def completeness(self) -> Fraction:
        return Fraction(self.accepted, self.expected) if self.expected else Fraction(0)

    @property
    def timeliness(self) -> Fraction:
        return Fraction(self.on_time, self.expected) if self.expected else Fraction(0)

    def completeness_text(self) -> str:
        return format_percent(percent(self.accepted, self.expected)) if self.expected else "—"

    def timeliness_text(self) -> str:
        return format_percent(percent(self.on_time, self.expected)) if self.expected else "—"

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Rates:
        return cls(
            *(int(row.get(k) or 0) for k in ("expected", "submitted", "accepted", "on_time"))
        )


def counts() -> dict[str, Any]:
    """The four counts as aggregates over requests."""
    due = effective_due()
    return {
        "expected": Count("pk"),
        "submitted": Count("pk", filter=Q(first_submitted_at__isnull=False)),
        "accepted": Count("pk", filter=Q(state=RequestState.ACCEPTED)),
        "on_time": Count("pk", filter=Q(first_submitted_at__date__lte=due)),
    }


def requests_of(
    root: OrgUnit, period: str | None = None, schedule_id: int | None = None
) -> QuerySet[ReportRequest]:
    qs = ReportRequest.objects.in_subtree(root)
    if period:
        qs = qs.filter(period=period)
    if schedule_id:
        qs = qs.filter(schedule_id=schedule_id)
    return qs


def rates_of(root: OrgUnit, period: str | None = None, schedule_id: int | None = None) -> Rates:
    """The rates of the whole subtree of `root` (its own requests included)."""
    return Rates.from_row(requests_of(root, period, schedule_id).aggregate(**counts()))


def rates_by_branch(
    root: OrgUnit, period: str | None = None, schedule_id: int | None = None
) -> dict[str, Rates]:
    """The rates of each branch directly under `root` (key: the branch's path), and of
    `root`'s own requests (key: `root.path`): one grouped query."""
    length = len(root.path) + STEPLEN
    rows = (
        requests_of(root, period, schedule_id)
        .annotate(branch=Substr("org_unit__path", 1, length))
        .order_by()
        .values("branch")
        .annotate(**counts())
    )
    return {row["branch"]: Rates.from_row(row) for row in rows}
