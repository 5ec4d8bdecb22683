"""Reads on reports, always within the reader's scope: a request, a unit's own reports, the
reviewer's queue, the late board, a unit's history and the schedules of a plan."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Min, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, cap_paths
from trienkhai.core.numbers import format_number
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import ancestor_paths, subtree_q
from trienkhai.plans.models import Plan
from trienkhai.reporting.models import (
    ReportAttachment,
    ReportEvent,
    ReportRequest,
    ReportSchedule,
    RequestState,
    SummaryEvent,
    SummaryReport,
    effective_due,
)
from trienkhai.reporting.rates import counts, requests_of

# Who writes a summary report: the committees (a chi bộ reports through its request).
SUMMARY_KINDS = (
    OrgUnit.Kind.CITY_COMMITTEE,
    OrgUnit.Kind.COMMUNE_COMMITTEE,
    OrgUnit.Kind.PARTY_SUBCOMMITTEE,
)

S = RequestState
OPEN_STATES = (S.NOT_STARTED, S.DRAFT, S.RETURNED)


def _base(qs: QuerySet[ReportRequest]) -> QuerySet[ReportRequest]:
    return qs.select_related("schedule", "org_unit")


def request_get(*, user: User, pk: int) -> ReportRequest:
    """A request the user reads (its unit's subtree or above), else 404."""
    return get_object_or_404(_base(ReportRequest.objects.visible_to(user)), pk=pk)


def events_of(request: ReportRequest) -> QuerySet[ReportEvent]:
    return request.events.select_related("actor").order_by("at", "pk")


def my_requests(*, user: User) -> QuerySet[ReportRequest]:
    """The reports the user writes: those of the very units of its memberships that may
    submit (an office above them reaches theirs through the queue and the board)."""
    paths = cap_paths(user, Cap.REPORTING_SUBMIT)
    return _base(ReportRequest.objects.filter(org_unit__path__in=list(paths))).order_by(
        effective_due(), "org_unit__path", "pk"
    )


def review_queue(*, user: User) -> QuerySet[ReportRequest]:
    """Submitted reports of schedules the user reviews, the oldest first."""
    condition = subtree_q(cap_paths(user, Cap.REPORTING_REVIEW), "schedule__org_unit")
    return _base(ReportRequest.objects.filter(condition, state=S.SUBMITTED)).order_by(
        "submitted_at", "pk"
    )


def late_board(*, root: OrgUnit, today: date, period: str | None = None) -> QuerySet[Any]:
    """ "Who is late": requests of the subtree not yet sent although their (extended) due date
    has passed, the most overdue first; rows carry `effective` and `overdue_days`."""
    effective = effective_due()
    qs = (
        ReportRequest.objects.in_subtree(root)
        .filter(state__in=OPEN_STATES)
        .annotate(effective=effective)
        .filter(effective__lt=today)
    )
    if period:
        qs = qs.filter(period=period)
    return _base(qs).order_by("effective", "org_unit__path", "pk")


def overdue_days(row: ReportRequest, today: date) -> int:
    return (today - row.effective_due).days


# A report shows on the unit's home this many days before it is due.
DUE_SOON_DAYS = 14


def due_for(*, unit: OrgUnit, today: date) -> list[ReportRequest]:
    """The unit's own reports still to send: late, or due within `DUE_SOON_DAYS` (one query;
    no reader scope: the home has already decided the reader belongs to the unit)."""
    soon = today + timedelta(days=DUE_SOON_DAYS)
    effective = effective_due()
    return list(
        _base(ReportRequest.objects.filter(org_unit=unit, state__in=OPEN_STATES))
        .annotate(effective=effective)
        .filter(effective__lte=soon)
        .order_by("effective", "pk")
    )


def open_between(*, first: date, last: date) -> QuerySet[Any]:
    """Requests not sent yet whose (extended) due date lies in [first, last], for reminders
    (no reader scope: the job acts for the office); rows carry `effective`."""
    effective = effective_due()
    return (
        ReportRequest.objects.filter(state__in=OPEN_STATES)
        .annotate(effective=effective)
        .filter(effective__gte=first, effective__lte=last)
        .select_related("schedule__plan", "org_unit")
        .order_by("effective", "org_unit__path", "pk")
    )


def unit_history(*, unit: OrgUnit) -> QuerySet[ReportRequest]:
    return _base(ReportRequest.objects.filter(org_unit=unit)).order_by("-due", "pk")


def schedules_of(*, user: User) -> QuerySet[ReportSchedule]:
    return (
        ReportSchedule.objects.visible_to(user)
        .select_related("plan", "reviewer", "org_unit")
        .order_by("plan", "pk")
    )


def schedules_in(*, plans: list[Any]) -> QuerySet[ReportSchedule]:
    """The schedules of these plans (no reader scope: the caller read the plans)."""
    return ReportSchedule.objects.filter(plan__in=plans).order_by("plan", "pk")


def periods_of(root: OrgUnit) -> list[str]:
    """The periods requested in the subtree, newest first (the pages' period chooser)."""
    codes = (
        ReportRequest.objects.in_subtree(root)
        .order_by()
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted(codes, reverse=True)


# --- summary reports -------------------------------------------------------------------------


def summary_get(*, user: User, pk: int) -> SummaryReport:
    """A summary the user reads (its unit or above; below, only once issued), else 404."""
    return get_object_or_404(
        SummaryReport.objects.visible_to(user).select_related(
            "org_unit", "plan", "document", "answers__schedule"
        ),
        pk=pk,
    )


def summaries_for(*, user: User) -> QuerySet[SummaryReport]:
    """The summaries the user reads, the latest period first."""
    return SummaryReport.objects.visible_to(user).select_related("org_unit", "plan", "document")


def summary_events(summary: SummaryReport) -> QuerySet[SummaryEvent]:
    return summary.events.select_related("actor").order_by("at", "pk")


def summary_units(*, user: User) -> QuerySet[OrgUnit]:
    """Units whose summary the user may draft: where its role reviews reports."""
    return OrgUnit.objects.filter(subtree_q(cap_paths(user, Cap.REPORTING_REVIEW), "")).filter(
        kind__in=SUMMARY_KINDS
    )


def summary_plans(*, unit: OrgUnit) -> QuerySet[Plan]:
    """The plans a unit's summary may report on: its own and those above it, in force."""
    return (
        Plan.objects.filter(org_unit__path__in=[*ancestor_paths(unit.path), unit.path])
        .filter(state=Plan.State.IN_FORCE)
        .select_related("org_unit")
        .order_by("-date", "pk")
    )


def attachments_of(request: ReportRequest) -> QuerySet[ReportAttachment]:
    return request.attachments.select_related("file", "added_by")


def attachment_get(*, request: ReportRequest, pk: int) -> ReportAttachment:
    return get_object_or_404(attachments_of(request), pk=pk)


def summary_plan_choices(*, user: User) -> QuerySet[Plan]:
    """The plans of every unit whose summary the user drafts, in one list for the "lập báo
    cáo" form (the service checks the plan applies to the unit chosen)."""
    units = summary_units(user=user).values_list("path", flat=True)
    paths = {p for path in units for p in (*ancestor_paths(path), path)}
    return (
        Plan.objects.filter(org_unit__path__in=paths, state=Plan.State.IN_FORCE)
        .select_related("org_unit")
        .order_by("org_unit__path", "-date", "pk")
    )


# --- the slow-unit list -----------------------------------------------------------------------


def late_by_unit(*, root: OrgUnit, today: date) -> dict[int, tuple[int, str]]:
    """Unit pk → (requests late on `today`, the sentence saying so): the rows of `late_board`
    grouped by unit in one query, so the count is what the board lists for the unit."""
    rows = (
        late_board(root=root, today=today)
        .order_by()
        .values("org_unit")
        .annotate(n=Count("pk"), oldest=Min("effective"))
    )
    return {
        row["org_unit"]: (row["n"], _late_text(row["n"], (today - row["oldest"]).days))
        for row in rows
    }


def _late_text(count: int, days: int) -> str:
    return _("%(n)s báo cáo chậm nộp (lâu nhất %(days)s ngày)") % {
        "n": format_number(count),
        "days": format_number(days),
    }


# --- the plan scorecard -----------------------------------------------------------------------


def report_rates_by_unit(
    *, root: OrgUnit, start: date, end: date
) -> dict[int, tuple[int, int, int]]:
    """Unit pk → (accepted, on time, expected) for the units of `root`'s subtree (root
    included), over each unit's own requests whose (extended) due date lies in [start, end]:
    the rates page's counts (`rates.counts`: accepted ÷ expected, first sent by the effective
    due date ÷ expected, so neither passes 100 %), grouped by unit in one query."""
    rows = (
        requests_of(root)
        .annotate(effective=effective_due())
        .filter(effective__gte=start, effective__lte=end)
        .order_by()
        .values("org_unit")
        .annotate(**counts())
    )
    return {row["org_unit"]: (row["accepted"], row["on_time"], row["expected"]) for row in rows}
