"""Progress of targets: the assessment's inputs built from the database, and the tallies.

Reads only, in a fixed number of queries whatever the number of targets: one for the targets
(with their plan and programme), one for all their observations (``series_for_targets``).
The status of each target comes from the pure ``monitoring.assessment``.

A unit's tally counts the targets that unit owns: the city's programme targets at the city
(reference targets are monitored at the level that owns them), a commune's own targets (its
plan's and the parts of city targets given to it) at the commune.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.monitoring.assessment import (
    STATUS_ORDER,
    Assessment,
    Point,
    Status,
    Tally,
    TargetSpec,
    assess,
    is_yearly,
    item_of,
    tally,
)
from trienkhai.monitoring.selectors import Series, series_for_targets
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, Target
from trienkhai.plans.selectors import figure

# The programme 2026–2030, for documents that do not say their period.
DEFAULT_START_YEAR = 2026
DEFAULT_END_YEAR = 2030
MAX_YEAR = 2100  # the latest year a page may ask the assessment for


def today() -> date:
    return timezone.localdate()


# What a target's spec takes as the target states it (TargetSpec names these fields as
# plans.Target does): the figures, and how to read them.
_FIGURES = ("comparator", "value", "low", "high", "stretch")
_READING = ("kind", "direction", "measure", "target_year")


def target_spec(target: Target, series: Series | None = None) -> TargetSpec:
    """The assessment's view of a target: its figures, period and base."""
    document = target.plan if target.plan_id else target.programme
    start = getattr(document, "start_year", None) or DEFAULT_START_YEAR
    end = getattr(document, "end_year", None) or DEFAULT_END_YEAR
    base_year = series.base_year if series is not None else target.base_year
    base_value = series.base_value if series is not None else target.base_value
    return TargetSpec(
        **{name: getattr(target, name) for name in (*_FIGURES, *_READING)},
        base_year=base_year,
        base_value=base_value,
        start_year=start,
        end_year=max(end, start),
        yearly=is_yearly(target.text, target.kind),
        unit=target.measure_unit,
        # A reduction written in % is entered as the share already reduced (31 = −31%).
        reduction_values="percent" if "%" in target.measure_unit else "level",
    )


def series_points(series: Series) -> list[Point]:
    """Yearly values, the base year's included; shorter periods are not assessed."""
    return [Point(p.year, p.value, p.provisional) for p in series.yearly]


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    assessment: Assessment
    figure: str

    @property
    def item(self) -> str:
        return item_of(self.target.ref)

    @property
    def status(self) -> Status:
        return self.assessment.status


def assess_targets(
    targets: Sequence[Target], *, as_of: date | None = None, year: int | None = None
) -> list[TargetProgress]:
    """Each target with its assessment; one query for all their observations."""
    as_of = as_of or today()
    all_series = series_for_targets(targets=targets)
    result = []
    for target in targets:
        series = all_series[target.pk]
        result.append(
            TargetProgress(
                target=target,
                assessment=assess(
                    target_spec(target, series),
                    series_points(series),
                    as_of=as_of,
                    year=year,
                ),
                figure=figure(target),
            )
        )
    return result


def target_progress(
    *, target: Target, as_of: date | None = None, year: int | None = None
) -> TargetProgress:
    """One target's assessment (for its page: the sentence, the steps, the required path)."""
    return assess_targets([target], as_of=as_of, year=year)[0]


# --- tallies by numbered item ------------------------------------------------------------


@dataclass(frozen=True)
class ItemProgress:
    """A numbered item (chỉ tiêu số n) with its rows and its status."""

    item: str
    status: Status
    rows: list[TargetProgress]

    @property
    def label(self) -> str:
        first = self.rows[0].target
        if len(self.rows) == 1:
            return first.label
        # Several rows: the item's text names the whole (e.g. the four indices of (21)).
        return first.text if len(first.text) <= 160 else first.label


@dataclass(frozen=True)
class DocumentTally:
    """The tally of one document's targets owned by the unit (a programme, a plan)."""

    key: str
    title: str
    tally: Tally
    items: list[ItemProgress]
    qualitative: list[Target] = field(default_factory=list)

    @property
    def groups(self) -> list[tuple[Status, list[ItemProgress]]]:
        """Items under each status, in the order offices list them; empty ones left out."""
        by_item = {i.item: i for i in self.items}
        return [
            (status, [by_item[name] for name in self.tally.by_status[status]])
            for status in STATUS_ORDER
            if self.tally.by_status[status]
        ]

    @property
    def rows(self) -> list[TargetProgress]:
        return [row for item in self.items for row in item.rows]


@dataclass(frozen=True)
class UnitProgress:
    unit: OrgUnit
    year: int
    as_of: date
    documents: list[DocumentTally]

    @property
    def rows(self) -> list[TargetProgress]:
        return [row for doc in self.documents for row in doc.rows]


def owned_targets(*, unit: OrgUnit) -> QuerySet[Target]:
    """The targets the unit owns and monitors, in document and text order."""
    return _owned_by([unit])


def _owned_by(units: Sequence[OrgUnit]) -> QuerySet[Target]:
    # A withdrawn plan was entered by mistake: its targets are no one's to monitor. A
    # superseded one keeps its history (its successor carries the targets from then on).
    return (
        Target.objects.filter(org_unit__in=[u.pk for u in units])
        .exclude(plan__state=Plan.State.WITHDRAWN)
        .select_related("plan", "programme")
        .order_by(
            F("plan_id").asc(nulls_last=True),
            F("programme_id").asc(nulls_last=True),
            F("parent_id").asc(nulls_first=True),
            "order",
            "pk",
        )
    )


def _document(target: Target) -> tuple[str, str]:
    if target.plan_id and target.plan is not None:
        plan = target.plan
        return f"plan-{plan.pk}", _("Kế hoạch %(reference)s") % {"reference": plan.reference}
    if target.programme_id and target.programme is not None:
        number = target.programme.number
        if target.parent_id:
            title = _("Chỉ tiêu được giao theo Chương trình %(number)s") % {"number": number}
            return f"split-{target.programme_id}", title
        return f"programme-{target.programme_id}", _("Chương trình %(number)s") % {"number": number}
    return "other", _("Chỉ tiêu khác")


def document_tallies(rows: Iterable[TargetProgress]) -> list[DocumentTally]:
    """Tallies per document; qualitative targets (no figure is entered) are listed apart."""
    documents: dict[str, tuple[str, dict[str, list[TargetProgress]], list[Target]]] = {}
    for row in rows:
        key, title = _document(row.target)
        _title, items, qualitative = documents.setdefault(key, (title, {}, []))
        if row.target.kind == Target.Kind.QUALITATIVE:
            qualitative.append(row.target)
        else:
            items.setdefault(row.item, []).append(row)
    result = []
    for key, (title, items, qualitative) in documents.items():
        counted = tally({name: [r.status for r in item_rows] for name, item_rows in items.items()})
        result.append(
            DocumentTally(
                key=key,
                title=title,
                tally=counted,
                items=[
                    ItemProgress(name, counted.items[name], item_rows)
                    for name, item_rows in items.items()
                ],
                qualitative=qualitative,
            )
        )
    return result


def unit_progress(
    *, unit: OrgUnit, year: int | None = None, as_of: date | None = None
) -> UnitProgress:
    """Tallies of the unit's own targets: two queries, whatever their number."""
    return units_progress(units=[unit], year=year, as_of=as_of)[unit.pk]


def units_progress(
    *, units: Sequence[OrgUnit], year: int | None = None, as_of: date | None = None
) -> dict[int, UnitProgress]:
    """`unit_progress` of many units (the city's table of communes): the same two queries."""
    as_of = as_of or today()
    year = year or as_of.year
    targets = list(_owned_by(units))
    by_unit: dict[int, list[TargetProgress]] = {u.pk: [] for u in units}
    for row in assess_targets(targets, as_of=as_of, year=year):
        by_unit[row.target.org_unit_id].append(row)
    return {
        u.pk: UnitProgress(
            unit=u, year=year, as_of=as_of, documents=document_tallies(by_unit[u.pk])
        )
        for u in units
    }
