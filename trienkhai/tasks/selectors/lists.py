"""The scoped, status-annotated occurrences behind every list, and single objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    Case,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, cap_paths, scope_for
from trienkhai.core.text import search_key
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import subtree_q
from trienkhai.plans.models import Plan
from trienkhai.tasks.models import Task, TaskOccurrence
from trienkhai.tasks.status import (
    Status,
    StatusCounts,
    annotate_status,
    count_expressions,
    status_filter,
)

NO_SECTION = "-"

# --- single objects --------------------------------------------------------------------------


def task_get(*, user: User, pk: int) -> Task:
    """A task the user may read; another unit's task is a 404, the same as a missing one."""
    return get_object_or_404(
        Task.objects.visible_to(user).select_related(
            "plan__org_unit", "assignee", "solution", "created_by"
        ),
        pk=pk,
    )


def occurrence_get(*, user: User, pk: int) -> TaskOccurrence:
    return get_object_or_404(
        TaskOccurrence.objects.visible_to(user).select_related(
            "task__plan__org_unit", "task__assignee"
        ),
        pk=pk,
    )


# --- lists -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskFilters:
    plan: Plan | None = None
    unit: OrgUnit | None = None
    section: str = ""
    solution_id: int | None = None
    status: str = ""
    q: str = ""
    # "lead" (chủ trì, default) or "helper" (phối hợp)
    role: str = "lead"


def _in_scope(user: User, role: str) -> Q:
    field = "task__helpers" if role == "helper" else "task__assignee"
    return subtree_q(scope_for(user).subtree_paths, field)


def occurrences(*, user: User, ref: date, filters: TaskFilters | None = None) -> QuerySet[Any]:
    """Occurrences live on ``ref`` of the tasks of the user's units, annotated with status.

    A reporter gets the units of its memberships, the office its whole subtree. The rows
    carry annotations (``status``, ``has_progress``), hence `QuerySet[Any]`.
    """
    f = filters or TaskFilters()
    qs = TaskOccurrence.objects.filter(_in_scope(user, f.role))
    if f.role == "helper":
        qs = qs.distinct()
    if f.plan is not None:
        qs = qs.filter(task__plan=f.plan)
    if f.unit is not None:
        qs = qs.filter(task__assignee=f.unit)
    if f.section:
        # "-": the tasks written without a section (added by the office).
        qs = qs.filter(task__section="" if f.section == NO_SECTION else f.section)
    if f.solution_id == 0:
        qs = qs.filter(task__solution__isnull=True)
    elif f.solution_id:
        qs = qs.filter(task__solution_id=f.solution_id)
    for word in search_key(f.q).split()[:8]:
        qs = qs.filter(task__search_text__contains=word)
    qs = annotate_status(qs, ref)
    if f.status:
        condition = status_filter(f.status, ref)
        if condition is not None:
            qs = qs.filter(condition)
    return qs


# What needs doing first comes first: overdue, due today, not due yet, continuous, then done.
URGENCY = (
    Status.OVERDUE,
    Status.IN_TIME,
    Status.NOT_DUE,
    Status.CONTINUOUS,
    Status.DONE_LATE,
    Status.DONE_ON_TIME,
    Status.NOT_APPLICABLE,
)


def occurrence_rows(qs: QuerySet[Any]) -> QuerySet[Any]:
    """The list's rows: the most urgent first, then by deadline and the unit in tree order."""
    urgency = Case(
        *(When(status=s.value, then=Value(i)) for i, s in enumerate(URGENCY)),
        default=Value(len(URGENCY)),
        output_field=IntegerField(),
    )
    return (
        qs.select_related("task__assignee", "task__plan")
        .annotate(urgency=urgency)
        .order_by(
            "urgency",
            F("due").asc(nulls_last=True),
            "task__assignee__path",
            "task__order",
            "task_id",
            "pk",
        )
    )


def counts(qs: QuerySet[Any], ref: date) -> StatusCounts:
    return StatusCounts.from_row(qs.aggregate(**count_expressions(ref)))


# --- choices for the pages -------------------------------------------------------------------


def plans_with_tasks(*, user: User) -> QuerySet[Plan]:
    """Plans that have tasks the user reads, those in force first, newest first."""
    visible = Task.objects.visible_to(user).values("plan_id")
    return Plan.objects.filter(pk__in=visible).usable().select_related("org_unit")


def assignable_plans(*, user: User) -> QuerySet[Plan]:
    """Plans in force whose issuing unit the user may assign tasks for."""
    paths = cap_paths(user, Cap.TASKS_ASSIGN)
    return (
        Plan.objects.in_subtrees(*paths)
        .filter(state=Plan.State.IN_FORCE)
        .select_related("org_unit")
        .order_by("-date", "-pk")
    )


def filter_units(*, user: User) -> QuerySet[OrgUnit]:
    """Units of the reader's subtrees that have tasks (for the unit filter)."""
    paths = scope_for(user).subtree_paths
    with_tasks = Task.objects.values("assignee_id")
    return OrgUnit.objects.in_subtrees(*paths).filter(pk__in=with_tasks).order_by("path")


def sections(*, plan: Plan | None, user: User) -> list[tuple[str, str]]:
    qs = Task.objects.visible_to(user)
    if plan is not None:
        qs = qs.filter(plan=plan)
    rows = qs.values("section").annotate(label=Max("body")).order_by("section")
    return [
        (r["section"] or NO_SECTION, f"{r['section']} {r['label']}".strip() or _("Không ghi mục"))
        for r in rows
    ]
