"""Opening requests: one per reporting unit for each period of a schedule that has begun.

A unit gets the requests of exactly the periods it existed in (open at some time during the
period), so a chi bộ merged away in May reports Q1 and Q2, and one opened in August starts
with Q3: "đã nộp x/y" counts only what could be asked. Opening twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q

from trienkhai.core.periods import Period, PeriodKind, parse_period
from trienkhai.orgs.models import OrgUnit
from trienkhai.reporting.models import ReportRequest, ReportSchedule, ScheduleKind
from trienkhai.reporting.workdays import due_after

PERIOD_KINDS = {
    ScheduleKind.MONTH: PeriodKind.MONTH,
    ScheduleKind.QUARTER: PeriodKind.QUARTER,
    ScheduleKind.HALF: PeriodKind.HALF,
    ScheduleKind.NINE_MONTHS: PeriodKind.NINE_MONTHS,
    ScheduleKind.YEAR: PeriodKind.YEAR,
}


def _years(schedule: ReportSchedule) -> tuple[int, int]:
    plan = schedule.plan
    first = schedule.first_year or plan.start_year or (plan.date.year if plan.date else 2026)
    last = schedule.last_year or plan.end_year or first
    return first, last


def schedule_periods(schedule: ReportSchedule) -> list[Period]:
    """Every period the schedule asks for, in order."""
    if schedule.kind == ScheduleKind.ONE_OFF:
        return [parse_period(schedule.period)] if schedule.period else []
    first, last = _years(schedule)
    if schedule.kind == ScheduleKind.MULTI_YEAR:
        return [parse_period(f"{first}-{last}")]
    kind = PERIOD_KINDS[ScheduleKind(schedule.kind)]
    periods = []
    period = Period.containing(kind, date(first, 1, 1))
    while period.start.year <= last:
        if schedule.starts_on is None or period.end >= schedule.starts_on:
            periods.append(period)
        period = period.next()
    return periods


@dataclass(frozen=True)
class Window:
    period: Period
    start: date
    end: date
    due: date


def window_of(schedule: ReportSchedule, period: Period) -> Window:
    """The data window of the period and the due date: `due_working_days` working days from
    the day after the window closes (a one-off report keeps its fixed date)."""
    start, end = period.data_window(schedule.cutoff_day)
    if schedule.kind == ScheduleKind.ONE_OFF and schedule.due_date:
        return Window(period, start, end, schedule.due_date)
    due = due_after(schedule.org_unit, end + timedelta(days=1), schedule.due_working_days)
    return Window(period, start, end, due)


def reporting_units(schedule: ReportSchedule, period: Period) -> list[OrgUnit]:
    """Units of the kinds the schedule names, under its unit, open at some time in the period."""
    return list(
        OrgUnit.objects.in_subtree(schedule.org_unit)
        .filter(kind__in=schedule.unit_kinds)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.start))
        .order_by("path")
    )


@transaction.atomic
def open_period(schedule: ReportSchedule, period: Period) -> int:
    """Create the missing requests of one period; returns how many were created."""
    window = window_of(schedule, period)
    units = reporting_units(schedule, period)
    have = set(
        ReportRequest.objects.filter(schedule=schedule, period=period.code).values_list(
            "org_unit_id", flat=True
        )
    )
    new = [
        ReportRequest(
            schedule=schedule,
            org_unit=unit,
            period=period.code,
            window_start=window.start,
            window_end=window.end,
            due=window.due,
        )
        for unit in units
        if unit.pk not in have
    ]
    ReportRequest.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def redate(schedules: list[ReportSchedule], today: date) -> int:
    """Due dates not yet reached follow the rules as they are now (a holiday added, a cut-off
    changed); dates already past stay, since units were judged against them. Returns how
    many requests moved."""
    moved = 0
    for schedule in schedules:
        if schedule.kind == ScheduleKind.ONE_OFF:
            continue  # a fixed date is the office's own choice
        by_period: dict[str, list[ReportRequest]] = {}
        for req in ReportRequest.objects.filter(schedule=schedule, due__gte=today):
            by_period.setdefault(req.period, []).append(req)
        for code, requests in by_period.items():
            window = window_of(schedule, parse_period(code))
            stale = [r for r in requests if r.due != window.due]
            for req in stale:
                req.window_start, req.window_end, req.due = window.start, window.end, window.due
            ReportRequest.objects.bulk_update(stale, ["window_start", "window_end", "due"])
            moved += len(stale)
    return moved


def schedules_under(unit: OrgUnit) -> list[ReportSchedule]:
    """The schedules whose due dates the holidays kept by `unit` reach."""
    return list(
        ReportSchedule.objects.in_subtree(unit).filter(active=True).select_related("org_unit")
    )


def open_due(today: date, schedules: list[ReportSchedule] | None = None) -> int:
    """Open every period whose data window has begun by `today` (the cron job, the demo)."""
    if schedules is None:
        schedules = list(
            ReportSchedule.objects.filter(active=True).select_related("plan", "org_unit")
        )
    created = 0
    for schedule in schedules:
        for period in schedule_periods(schedule):
            if window_of_start(schedule, period) <= today:
                created += open_period(schedule, period)
    return created


def window_of_start(schedule: ReportSchedule, period: Period) -> date:
    return period.data_window(schedule.cutoff_day)[0]
