"""What the scorecard counts, read from the apps that own the data through their selectors:
one grouped read per criterion for the whole committee, never a query per unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from trienkhai.dissemination import selectors as dissemination
from trienkhai.emulation.models import SCORED_KINDS
from trienkhai.emulation.rules import (
    ACTIONS,
    COVERAGE,
    MEDIA,
    REPORTS_DONE,
    REPORTS_ON_TIME,
    TASKS,
    Measure,
)
from trienkhai.inspections import selectors as inspections
from trienkhai.media import selectors as media
from trienkhai.opinion import selectors as opinion
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import subtree_q
from trienkhai.reporting import selectors as reporting
from trienkhai.tasks import selectors as tasks

# The kinds whose scorecard suggests a band of 366-QĐ/TW: party organisations (and, in a city's
# round, its communes' party committees).
BANDED_KINDS = (*OrgUnit.PARTY_ORG_KINDS, OrgUnit.Kind.COMMUNE_COMMITTEE)


def window(year: int, today: date) -> tuple[date, date]:
    """The year, up to today while it runs."""
    return date(year, 1, 1), min(date(year, 12, 31), today)


def scored_units(committee: OrgUnit, day: date) -> QuerySet[OrgUnit]:
    """The units a committee scores on `day`: a commune's party organisations, UBND, MTTQ and
    mass organisations; a city's communes."""
    units = (
        OrgUnit.objects.valid_on(day).filter(subtree_q([committee.path])).exclude(pk=committee.pk)
    )
    if committee.kind == OrgUnit.Kind.CITY_COMMITTEE:
        units = units.filter(kind=OrgUnit.Kind.COMMUNE_COMMITTEE)
    else:
        units = units.filter(kind__in=SCORED_KINDS)
    return units.order_by("path")


@dataclass(frozen=True)
class Counted:
    """Per unit pk: its measures, its good practices recognised, its violations found."""

    measures: dict[int, dict[str, Measure]]
    practices: dict[int, int]
    violations: dict[int, int]


def count(*, committee: OrgUnit, units: list[OrgUnit], start: date, end: date) -> Counted:
    c, s, e = committee, start, end
    coverage = dissemination.coverage_met_by_unit(root=c, start=s, end=e)
    reports = reporting.report_rates_by_unit(root=c, start=s, end=e)
    on_time = tasks.on_time_by_unit(root=c, start=s, end=e)
    periods = media.periods_met_by_unit(root=c, start=s, end=e)
    resolved = inspections.resolved_by_unit(root=c, start=s, end=e)
    measures: dict[int, dict[str, Measure]] = {}
    for unit in units:
        accepted, in_time, expected = reports.get(unit.pk, (0, 0, 0))
        measures[unit.pk] = {
            COVERAGE: Measure(*coverage.get(unit.pk, (0, 0))),
            REPORTS_DONE: Measure(accepted, expected),
            REPORTS_ON_TIME: Measure(in_time, expected),
            TASKS: Measure(*on_time.get(unit.pk, (0, 0))),
            MEDIA: Measure(*periods.get(unit.pk, (0, 0))),
            ACTIONS: Measure(*resolved.get(unit.pk, (0, 0))),
        }
    return Counted(
        measures=measures,
        practices=opinion.recognised_by_unit(root=c, start=s, end=e),
        violations=inspections.violations_by_unit(root=c, start=s, end=e),
    )
