"""Reads on monitoring data, always within the reader's scope and in a bounded number of queries.

The series of a target is what the progress assessment (`assessment.py`) and the chart read:
its base year and value, then one effective value per period — the official one when it
exists, else the provisional one, marked as such.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, has_cap
from trienkhai.core.periods import Period, PeriodKind, parse_period
from trienkhai.monitoring.assessment import item_of
from trienkhai.monitoring.bands import Band, Previous, default_band, own_band
from trienkhai.monitoring.models import (
    DEFAULT_BASE_YEAR,
    Observation,
    ObservationImport,
    TargetBand,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Target
from trienkhai.plans.selectors import figure


@dataclass(frozen=True)
class Point:
    """One effective value of a target: the official one, else the provisional one."""

    period: str  # canonical code: "2026", "2026-H1"
    kind: str  # a core.periods.PeriodKind value: "year", "half", "quarter"…
    year: int
    start: date
    end: date
    value: Decimal
    provisional: bool
    is_base: bool
    source: str
    observation_id: int

    @property
    def label(self) -> str:
        return parse_period(self.period).label


@dataclass(frozen=True)
class Series:
    """A target's base and its values, oldest first.

    `base_value` is the observation of `base_year` when there is one, else the base written
    in the plan (`base_from_plan`), else None. `points` holds every period (years and shorter
    periods, the base year included); `yearly` and `after_base` are the views the
    assessment needs.
    """

    target_id: int
    org_unit_id: int
    measure: str  # Target.Measure: "stock" (a level) or "flow" (adds up over the years)
    base_year: int
    base_value: Decimal | None
    base_provisional: bool
    base_from_plan: bool
    points: tuple[Point, ...]

    @property
    def yearly(self) -> tuple[Point, ...]:
        return tuple(p for p in self.points if p.kind == PeriodKind.YEAR)

    @property
    def after_base(self) -> tuple[Point, ...]:
        """Yearly values after the base year: what progress is measured on."""
        return tuple(p for p in self.yearly if p.year > self.base_year)

    @property
    def periodic(self) -> tuple[Point, ...]:
        """Values of periods shorter than a year (6 tháng, quý, tháng)."""
        return tuple(p for p in self.points if p.kind != PeriodKind.YEAR)

    def year_value(self, year: int) -> Point | None:
        return next((p for p in self.yearly if p.year == year), None)

    def pairs(self) -> list[tuple[int, Decimal, bool]]:
        """(year, value, provisional) after the base year, the shape the assessment reads."""
        return [(p.year, p.value, p.provisional) for p in self.after_base]

    def cumulative(self, until: Point) -> Decimal:
        """For a flow: the sum since the base year up to the end of `until`'s period.

        Whole years after the base up to the year before `until`, plus `until` itself (a
        year, or a shorter period of the running year).
        """
        earlier = sum(
            (p.value for p in self.after_base if p.year < until.year),
            Decimal(0),
        )
        return earlier + until.value if until.year > self.base_year else Decimal(0)


def base_year_of(target: Target) -> int:
    return target.base_year or DEFAULT_BASE_YEAR


def _point(obs: Observation, base_year: int) -> Point:
    return Point(
        period=obs.period,
        kind=obs.period_kind,
        year=obs.year,
        start=obs.period_start,
        end=obs.period_end,
        value=obs.value,
        provisional=obs.status == Observation.Status.PROVISIONAL,
        is_base=obs.period_kind == PeriodKind.YEAR and obs.year == base_year,
        source=obs.source,
        observation_id=obs.pk,
    )


def _series(target: Target, observations: Iterable[Observation]) -> Series:
    base_year = base_year_of(target)
    points = tuple(
        sorted(
            (_point(o, base_year) for o in observations),
            key=lambda p: (p.end, p.start),
        )
    )
    base = next((p for p in points if p.is_base), None)
    base_value: Decimal | None
    if base is not None:
        base_value, base_provisional, from_plan = base.value, base.provisional, False
    else:
        base_value, base_provisional = target.base_value, False
        from_plan = target.base_value is not None
    return Series(
        target_id=target.pk,
        org_unit_id=target.org_unit_id,
        measure=target.measure,
        base_year=base_year,
        base_value=base_value,
        base_provisional=base_provisional,
        base_from_plan=from_plan,
        points=points,
    )


def _effective_for(targets: Sequence[Target]) -> QuerySet[Observation]:
    # Values of the unit that owns the target: the level that enters them.
    return (
        Observation.objects.effective()
        .filter(target_id__in=[t.pk for t in targets], org_unit_id=F("target__org_unit_id"))
        .only(
            "target_id",
            "org_unit_id",
            "period",
            "period_kind",
            "year",
            "period_start",
            "period_end",
            "value",
            "status",
            "source",
        )
    )


def series_for_targets(*, targets: Sequence[Target]) -> dict[int, Series]:
    """The series of many targets in one query, keyed by target id."""
    by_target: dict[int, list[Observation]] = defaultdict(list)
    if targets:
        for obs in _effective_for(targets):
            by_target[obs.target_id].append(obs)
    return {t.pk: _series(t, by_target.get(t.pk, ())) for t in targets}


def target_series(*, target: Target) -> Series:
    return series_for_targets(targets=[target])[target.pk]


# --- pages -------------------------------------------------------------------------------


def can_enter(user: User, target: Target) -> bool:
    """Values are entered only by the unit that owns the target (the city for its own)."""
    return target.kind != Target.Kind.QUALITATIVE and has_cap(user, Cap.DATA_ENTER, target.org_unit)


def unit_targets(*, unit: OrgUnit) -> QuerySet[Target]:
    """The targets a unit reports: its own (its plans, its parts of a split) and, for the
    level that owns a programme, the programme's targets. Qualitative ones have no figure."""
    return (
        Target.objects.filter(org_unit=unit)
        .exclude(kind=Target.Kind.QUALITATIVE)
        .select_related("plan", "programme")
        .order_by("programme_id", "plan_id", "order", "pk")
    )


@dataclass(frozen=True)
class GridRow:
    target: Target
    figure: str
    current: Observation | None  # the effective value of the year
    previous: Observation | None  # the effective value of the year before, for reference
    provisional_kept: bool  # an official value hides a provisional one of the same year


def grid_rows(*, unit: OrgUnit, year: int) -> list[GridRow]:
    """One row per target the unit reports, with the year's value: two queries in all."""
    targets = list(unit_targets(unit=unit))
    year_codes = [str(year), str(year - 1)]
    stored = list(
        Observation.objects.filter(
            org_unit=unit, target__in=[t.pk for t in targets], period__in=year_codes
        )
    )
    best: dict[tuple[int, str], Observation] = {}
    hidden: set[tuple[int, str]] = set()
    for obs in stored:
        key = (obs.target_id, obs.period)
        other = best.get(key)
        if other is None or obs.status == Observation.Status.OFFICIAL:
            if other is not None:
                hidden.add(key)
            best[key] = obs
        else:
            hidden.add(key)
    return [
        GridRow(
            target=t,
            figure=figure(t),
            current=best.get((t.pk, str(year))),
            previous=best.get((t.pk, str(year - 1))),
            provisional_kept=(t.pk, str(year)) in hidden,
        )
        for t in targets
    ]


def observation_history(*, target: Target) -> QuerySet[Observation]:
    """Every stored value of the target's unit, both statuses, newest period first."""
    return (
        Observation.objects.filter(target=target, org_unit_id=target.org_unit_id)
        .select_related("entered_by")
        .order_by("-period_end", "-period_start", "status")
    )


def observation_get(*, user: User, pk: int) -> Observation:
    return get_object_or_404(
        Observation.objects.visible_to(user).select_related("target", "org_unit"), pk=pk
    )


@dataclass(frozen=True)
class UnitEntry:
    """A unit that owns measurable targets, as the index pages list it."""

    unit: OrgUnit
    items: int  # numbered items (chỉ tiêu số), as the tally counts them
    rows: int
    can_enter: bool


def units_with_targets(*, user: User) -> list[UnitEntry]:
    """Units the user reads that own measurable targets, with how many: two queries."""
    measurable = Target.objects.exclude(kind=Target.Kind.QUALITATIVE)
    units = list(
        OrgUnit.objects.visible_to(user)
        .filter(pk__in=measurable.values("org_unit_id"))
        .order_by("path")
    )
    keys: dict[int, list[tuple[str, str]]] = {u.pk: [] for u in units}
    rows = measurable.filter(org_unit__in=units).values_list(
        "org_unit_id", "ref", "plan_id", "programme_id", "parent_id"
    )
    for unit_id, ref, plan_id, programme_id, parent_id in rows:
        # The same document grouping as the tallies: an item counts once per document.
        document = f"plan-{plan_id}" if plan_id else f"programme-{programme_id}-{bool(parent_id)}"
        keys[unit_id].append((document, item_of(ref)))
    return [
        UnitEntry(
            unit=u,
            items=len(set(keys[u.pk])),
            rows=len(keys[u.pk]),
            can_enter=has_cap(user, Cap.DATA_ENTER, u),
        )
        for u in units
    ]


def recent_imports(*, unit: OrgUnit, year: int) -> QuerySet[ObservationImport]:
    return (
        ObservationImport.objects.filter(org_unit=unit, year=year)
        .select_related("file", "created_by")
        .order_by("-created_at")[:5]
    )


def current_year() -> int:
    return timezone.localdate().year


def entry_periods(*, target: Target, today: date | None = None) -> list[Period]:
    """Years a value is usually entered for: from the base year to the running one."""
    today = today or timezone.localdate()
    last = today.year
    if target.target_year:
        last = min(last, target.target_year)
    first = min(base_year_of(target), last)
    return [Period(PeriodKind.YEAR, y) for y in range(last, first - 1, -1)]


# --- plausible bands ---------------------------------------------------------------------


def _band(target: Target, own: TargetBand | None) -> Band:
    if own is None:
        return default_band(target.kind)
    return own_band(target.kind, low=own.low, high=own.high, jump=own.max_jump)


def target_band_get(*, target: Target) -> TargetBand | None:
    """The target's own band, if the office set one."""
    return TargetBand.objects.filter(target=target).first()


def band_of(*, target: Target) -> Band:
    """The band a target's values are judged by: its own, else its kind's."""
    return _band(target, target_band_get(target=target))


def bands_for(*, targets: Sequence[Target]) -> dict[int, Band]:
    """The band of each target, in one query."""
    own = {b.target_id: b for b in TargetBand.objects.filter(target__in=[t.pk for t in targets])}
    return {t.pk: _band(t, own.get(t.pk)) for t in targets}


def previous_values(*, wanted: Sequence[tuple[Target, Period]]) -> dict[tuple[int, str], Previous]:
    """For each (target, period): the effective value of the period of the same kind just
    before it (a year: the year before; a quarter: the quarter before), in one query.
    Missing when there is none: a value is not judged against one years older."""
    if not wanted:
        return {}
    rows = Observation.objects.effective().filter(
        target__in={t.pk for t, _p in wanted},
        period_kind__in={str(p.kind) for _t, p in wanted},
        period_end__in={p.start - timedelta(days=1) for _t, p in wanted},
    )
    by_key = {
        (target_id, kind, end): (code, value)
        for target_id, kind, end, code, value in rows.values_list(
            "target_id", "period_kind", "period_end", "period", "value"
        )
    }
    found: dict[tuple[int, str], Previous] = {}
    for target, period in wanted:
        row = by_key.get((target.pk, str(period.kind), period.start - timedelta(days=1)))
        if row is not None:
            found[(target.pk, period.code)] = Previous(parse_period(row[0]).label, row[1])
    return found
