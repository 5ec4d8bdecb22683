"""What a unit's home lists as its own work on tasks: figures per plan and what is due next.

The home of a chi bộ, UBND, MTTQ or mass organisation reads its tasks here (no reader scope:
the dashboard has already decided the reader belongs to the unit). Both reads are one or two
queries, whatever the number of tasks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import F, Q, QuerySet

from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan
from trienkhai.tasks.models import TaskOccurrence
from trienkhai.tasks.status import (
    DUE_SOON_DAYS,
    Status,
    StatusCounts,
    annotate_status,
    count_expressions,
)


def counts_by_plan(*, unit: OrgUnit, ref: date, plans: Sequence[Plan]) -> dict[int, StatusCounts]:
    """The two official axes of the unit's subtree, per plan (one grouped query)."""
    qs = annotate_status(
        TaskOccurrence.objects.in_subtree(unit).filter(task__plan__in=[p.pk for p in plans]), ref
    )
    rows = qs.values("task__plan_id").annotate(**count_expressions(ref)).order_by()
    return {row["task__plan_id"]: StatusCounts.from_row(row) for row in rows}


@dataclass(frozen=True)
class DueTask:
    """One occurrence the unit still has to do or report."""

    occurrence: Any  # a TaskOccurrence annotated with `status`, `has_progress`
    overdue: bool
    is_unit_plan: bool
    not_started: bool

    @property
    def due(self) -> date | None:
        due: date | None = self.occurrence.due
        return due


def due_tasks(
    *,
    unit: OrgUnit,
    ref: date,
    plans: Sequence[Plan],
    horizon: int = DUE_SOON_DAYS,
    limit: int = 8,
) -> tuple[list[DueTask], int]:
    """The unit's own open occurrences that are overdue or due within `horizon` days, and its
    own implementation plan while it is not handed in (whenever it is due); the most urgent
    first. Returns at most `limit` of them and how many there are in all."""
    soon = ref + timedelta(days=horizon)
    open_due = Q(status__in=(Status.OVERDUE, Status.IN_TIME)) | Q(
        status=Status.NOT_DUE, due__lte=soon
    )
    unit_plan = Q(
        task__is_unit_plan=True, status__in=(Status.OVERDUE, Status.IN_TIME, Status.NOT_DUE)
    )
    qs = (
        annotate_status(
            TaskOccurrence.objects.filter(
                task__assignee=unit, task__plan__in=[p.pk for p in plans]
            ),
            ref,
        )
        .filter(open_due | unit_plan)
        .select_related("task")
        .order_by(F("due").asc(nulls_last=True), "task__order", "pk")
    )
    rows = list(qs[:limit])
    # Counted always, so the page's query count never depends on the number of tasks.
    total = qs.count()
    items = [
        DueTask(
            occurrence=row,
            overdue=row.status == Status.OVERDUE,
            is_unit_plan=row.task.is_unit_plan,
            not_started=not row.has_progress,
        )
        for row in rows
    ]
    return items, total


def open_between(*, first: date, last: date) -> QuerySet[TaskOccurrence]:
    """Occurrences neither done nor declared "không phát sinh" whose due date lies in
    [first, last], for reminders (no reader scope: the job acts for the office)."""
    return (
        TaskOccurrence.objects.filter(
            completed_on__isnull=True,
            not_applicable_on__isnull=True,
            due__gte=first,
            due__lte=last,
        )
        .select_related("task__plan", "task__assignee")
        .order_by("due", "task__assignee__path", "pk")
    )
