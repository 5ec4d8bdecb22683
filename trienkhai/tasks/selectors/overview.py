"""The matrix, the chi bộ plans board and the summary report's figures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import (
    Count,
    Max,
    Min,
)
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.core.models import StoredFile
from trienkhai.core.numbers import format_ratio_percent
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import subtree_q
from trienkhai.plans.models import Plan, Solution
from trienkhai.tasks.models import TaskOccurrence, TaskUpdate
from trienkhai.tasks.selectors.lists import NO_SECTION, TaskFilters, counts, occurrences
from trienkhai.tasks.selectors.task import files_for
from trienkhai.tasks.status import (
    StatusCounts,
    StatusInfo,
    annotate_status,
    classify,
    count_expressions,
)

# --- the responsibility matrix ---------------------------------------------------------------


@dataclass
class MatrixColumn:
    key: str  # the section ("IV.6") or the solution id
    label: str
    counts: StatusCounts


@dataclass
class MatrixRow:
    unit: OrgUnit
    cells: list[StatusCounts | None]
    totals: StatusCounts


@dataclass
class Matrix:
    columns: list[MatrixColumn]
    rows: list[MatrixRow]
    totals: StatusCounts
    group: str


def matrix(
    *, user: User, ref: date, plan: Plan | None, group: str = "section", unit: OrgUnit | None = None
) -> Matrix:
    """Units × sections of section IV (or × solution groups) with counts by status.

    Four aggregate queries and one for the unit names, whatever the number of tasks.
    """
    base = occurrences(user=user, ref=ref, filters=TaskFilters(plan=plan))
    if unit is not None:
        base = base.filter(subtree_q([unit.path], "task__assignee"))
    key = "task__solution_id" if group == "solution" else "task__section"
    expressions = count_expressions(ref)
    cell_rows = base.values("task__assignee_id", key).annotate(**expressions).order_by()
    unit_rows = base.values("task__assignee_id").annotate(**expressions).order_by()
    column_rows = base.values(key).annotate(label=Max("task__body"), **expressions).order_by(key)
    totals = StatusCounts.from_row(base.aggregate(**expressions))
    columns: list[MatrixColumn] = []
    labels: dict[Any, str] = {}
    if group == "solution":
        ids = [r[key] for r in column_rows if r[key] is not None]
        labels = {s.pk: f"{s.ref}. {s.title}" for s in Solution.objects.filter(pk__in=ids)}

    def column_key(value: Any) -> str:
        # The list filter that gives the same rows: "0" no solution, "-" no section.
        if group == "solution":
            return str(value or 0)
        return value or NO_SECTION

    for r in column_rows:
        if group == "solution":
            label = labels.get(r[key], _("Chưa gắn nhóm giải pháp"))
        else:
            label = f"{r[key]} {r['label']}".strip() if r[key] else _("Không ghi mục")
        columns.append(
            MatrixColumn(key=column_key(r[key]), label=label, counts=StatusCounts.from_row(r))
        )
    index = {c.key: i for i, c in enumerate(columns)}
    cells: dict[int, list[StatusCounts | None]] = defaultdict(lambda: [None] * len(columns))
    for r in cell_rows:
        cells[r["task__assignee_id"]][index[column_key(r[key])]] = StatusCounts.from_row(r)
    unit_totals = {r["task__assignee_id"]: StatusCounts.from_row(r) for r in unit_rows}
    units = OrgUnit.objects.filter(pk__in=unit_totals).order_by("path")
    rows = [MatrixRow(u, cells[u.pk], unit_totals[u.pk]) for u in units]
    return Matrix(columns=columns, rows=rows, totals=totals, group=group)


# --- the chi bộ plans board ------------------------------------------------------------------


@dataclass
class BoardRow:
    occurrence: TaskOccurrence
    info: StatusInfo
    files: list[StoredFile] = field(default_factory=list)


@dataclass
class Board:
    plan: Plan | None
    rows: list[BoardRow]
    counts: StatusCounts
    total: int
    due: date | None

    @property
    def done(self) -> int:
        return self.counts.done

    @property
    def sentence(self) -> str:
        """ "25/31 chi bộ đã xây dựng kế hoạch, đạt 80,65%"."""
        return format_ratio_percent(self.done, self.total, _("chi bộ đã xây dựng kế hoạch"))


def unit_plan_board(*, user: User, ref: date, plan: Plan | None) -> Board:
    base = occurrences(user=user, ref=ref, filters=TaskFilters(plan=plan)).filter(
        task__is_unit_plan=True
    )
    aggregate = base.aggregate(total=Count("pk"), first_due=Min("due"), **count_expressions(ref))
    rows = list(
        base.select_related("task__assignee", "confirmed_by", "completed_by").order_by(
            "task__assignee__path", "pk"
        )
    )
    updates = TaskUpdate.objects.filter(
        occurrence__in=[r.pk for r in rows], kind=TaskUpdate.Kind.COMPLETION
    )
    files_by_update = files_for(updates)
    by_occurrence: dict[int, list[StoredFile]] = defaultdict(list)
    for update in updates:
        by_occurrence[update.occurrence_id or 0].extend(files_by_update.get(update.pk, []))
    board_rows = [
        BoardRow(
            occurrence=r,
            info=classify(
                ref=ref,
                due=r.due,
                completed_on=r.completed_on,
                not_applicable_on=r.not_applicable_on,
                has_progress=r.has_progress,
            ),
            files=by_occurrence.get(r.pk, []),
        )
        for r in rows
    ]
    return Board(
        plan=plan,
        rows=board_rows,
        counts=StatusCounts.from_row(aggregate),
        total=int(aggregate["total"] or 0),
        due=aggregate["first_due"],
    )


# --- the summary report ----------------------------------------------------------------------


def unit_counts(*, unit: OrgUnit, ref: date, plan: Plan | None = None) -> StatusCounts:
    """Totals of the tasks assigned to the unit and the units under it, of ``plan`` only when
    given (no reader scope: the caller has already decided the reader may see the unit's
    report)."""
    given = TaskOccurrence.objects.in_subtree(unit)
    if plan is not None:
        given = given.filter(task__plan=plan)
    return counts(annotate_status(given, ref), ref)


@dataclass(frozen=True)
class UnitPlanProgress:
    """How the party organisations under a unit stand with their own implementation plans."""

    counts: StatusCounts
    total: int
    missing: list[str]  # names of those without a plan yet, in tree order


def unit_plan_progress(*, unit: OrgUnit, ref: date, plan: Plan | None = None) -> UnitPlanProgress:
    """The chi bộ plans asked for by the unit's plans, or by ``plan`` alone when given (no
    reader scope, as `unit_counts`)."""
    asked = TaskOccurrence.objects.filter(task__is_unit_plan=True, task__plan__org_unit=unit)
    if plan is not None:
        asked = asked.filter(task__plan=plan)
    plans = annotate_status(asked, ref)
    row = plans.aggregate(total=Count("pk"), **count_expressions(ref))
    total = int(row["total"] or 0)
    missing = (
        list(
            plans.filter(status__in=("in_time", "overdue", "not_due"))
            .order_by("task__assignee__path")
            .values_list("task__assignee__name", flat=True)
        )
        if total
        else []
    )
    return UnitPlanProgress(StatusCounts.from_row(row), total, missing)
