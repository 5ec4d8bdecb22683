"""Tasks done on time per unit over a year, for the plan scorecard: the occurrences due in
the window, judged on its last day by the task list's own status, per assignee, in one query."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trienkhai.conftest import World
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.models import Plan
from trienkhai.tasks.models import Recurrence, Task, TaskOccurrence
from trienkhai.tasks.selectors import TaskFilters, occurrences, on_time_by_unit
from trienkhai.tasks.tests.factories import SeedPlanFactory, TaskFactory

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 12, 31)
ASSIGNED = date(2025, 12, 1)


def occurrence(plan: Plan, unit: OrgUnit, due: date | None, **fields: Any) -> TaskOccurrence:
    recurrence = Recurrence.ONCE if due else Recurrence.CONTINUOUS
    task: Task = TaskFactory.create(
        plan=plan, assignee=unit, due=due, recurrence=recurrence, assigned_on=ASSIGNED
    )
    return TaskOccurrence.objects.create(task=task, starts_on=ASSIGNED, due=due, **fields)


def quarters(plan: Plan, unit: OrgUnit) -> list[TaskOccurrence]:
    """A quarterly task: one occurrence per quarter of 2026, due on the quarter's last day."""
    task: Task = TaskFactory.create(
        plan=plan, assignee=unit, recurrence=Recurrence.QUARTERLY, assigned_on=ASSIGNED
    )
    ends = (date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31))
    return [
        TaskOccurrence.objects.create(task=task, period=f"2026-Q{n}", starts_on=ASSIGNED, due=due)
        for n, due in enumerate(ends, start=1)
    ]


def test_counts_the_occurrences_due_in_the_year_and_those_done_on_time(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    a = world.cell_a
    occurrence(plan, a, date(2026, 6, 10), completed_on=date(2026, 6, 10))  # on the day: good
    occurrence(plan, a, date(2026, 3, 1), completed_on=date(2026, 2, 20))  # early: good
    occurrence(plan, a, date(2026, 6, 1), completed_on=date(2026, 6, 20))  # late
    occurrence(plan, a, date(2026, 9, 1))  # never done: overdue
    occurrence(plan, a, None, completed_on=date(2026, 5, 1))  # thường xuyên: not counted
    occurrence(plan, a, date(2026, 4, 1), not_applicable_on=date(2026, 3, 20))  # không phát sinh
    occurrence(plan, a, date(2025, 12, 31), completed_on=date(2025, 12, 30))  # the year before
    occurrence(plan, a, date(2027, 1, 10), completed_on=date(2026, 12, 1))  # due next year
    q1, q2, q3, _q4 = quarters(plan, world.cell_b)
    for done in (q1, q2):
        done.completed_on = done.due
        done.save()
    q3.not_applicable_on = date(2026, 9, 1)
    q3.save()
    occurrence(plan, world.ubnd, END)  # due on the last day, not done: counted, not good

    found = on_time_by_unit(root=world.commune, start=START, end=END)

    assert found == {a.pk: (2, 4), world.cell_b.pk: (2, 3), world.ubnd.pk: (0, 1)}


def test_a_running_year_judges_on_its_end_and_ignores_what_is_not_due_yet(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    end = date(2026, 7, 5)  # today, in the running year
    a = world.cell_a
    occurrence(plan, a, date(2026, 6, 10), completed_on=date(2026, 6, 9))  # good
    occurrence(plan, a, date(2026, 7, 5), completed_on=date(2026, 7, 5))  # good, due today
    occurrence(plan, a, date(2026, 7, 1), completed_on=date(2026, 7, 10))  # reported after end
    occurrence(plan, a, date(2026, 6, 1), not_applicable_on=date(2026, 7, 20))  # declared later
    occurrence(plan, a, date(2026, 8, 1), completed_on=date(2026, 7, 1))  # due after end

    assert on_time_by_unit(root=world.commune, start=START, end=end) == {a.pk: (2, 4)}


def test_good_is_the_task_list_filtered_by_done_on_time_on_the_last_day(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    for due, done in [
        (date(2026, 2, 1), date(2026, 1, 30)),
        (date(2026, 5, 1), date(2026, 5, 1)),
        (date(2026, 8, 1), date(2026, 8, 9)),
    ]:
        occurrence(plan, world.cell_a, due, completed_on=done)
    listed = occurrences(
        user=world.office,
        ref=END,
        filters=TaskFilters(unit=world.cell_a, status="done_on_time"),
    ).filter(due__range=(START, END))
    due_total = occurrences(
        user=world.office, ref=END, filters=TaskFilters(unit=world.cell_a, status="due_total")
    ).filter(due__range=(START, END))

    found = on_time_by_unit(root=world.commune, start=START, end=END)

    assert found[world.cell_a.pk] == (listed.count(), due_total.count()) == (2, 3)


def test_only_the_subtree_counts_and_each_unit_keeps_its_own(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    other_plan = SeedPlanFactory.create(org_unit=world.other_commune)
    occurrence(plan, world.commune, date(2026, 6, 1), completed_on=date(2026, 6, 1))
    occurrence(plan, world.cell_a, date(2026, 6, 1))
    occurrence(other_plan, world.other_cell, date(2026, 6, 1))

    # The commune's count is its own row, not its chi bộ's rolled up.
    assert on_time_by_unit(root=world.commune, start=START, end=END) == {
        world.commune.pk: (1, 1),
        world.cell_a.pk: (0, 1),
    }
    assert on_time_by_unit(root=world.cell_b, start=START, end=END) == {}
    assert set(on_time_by_unit(root=world.city, start=START, end=END)) == {
        world.commune.pk,
        world.cell_a.pk,
        world.other_cell.pk,
    }


def _queries(root: OrgUnit) -> tuple[int, dict[int, tuple[int, int]]]:
    with CaptureQueriesContext(connection) as ctx:
        found = on_time_by_unit(root=root, start=START, end=END)
    return len(ctx.captured_queries), found


def test_the_same_queries_for_2_units_as_for_20(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    for unit in (world.cell_a, world.cell_b):
        occurrence(plan, unit, date(2026, 6, 1), completed_on=date(2026, 6, 1))
    few, found = _queries(world.commune)
    assert len(found) == 2
    for n in range(18):
        unit = OrgUnitFactory.create(parent=world.commune, code=f"tk-cb-{n:02d}")
        occurrence(plan, unit, date(2026, 6, 1))
    many, found = _queries(world.commune)
    assert len(found) == 20
    assert few == many == 1
