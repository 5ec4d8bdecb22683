"""Overdue tasks per unit for the slow-unit list: the task list's own status, per assignee,
in the subtree only, in one query."""

from __future__ import annotations

from datetime import date
from typing import Any

from trienkhai.conftest import World
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan
from trienkhai.tasks.models import Task, TaskOccurrence
from trienkhai.tasks.selectors import TaskFilters, occurrences, overdue_by_unit
from trienkhai.tasks.tests.factories import SeedPlanFactory, TaskFactory

TODAY = date(2026, 7, 5)


def occurrence(plan: Plan, unit: OrgUnit, due: date | None, **fields: Any) -> TaskOccurrence:
    assigned = fields.pop("assigned_on", date(2026, 5, 20))
    task: Task = TaskFactory.create(plan=plan, assignee=unit, due=due, assigned_on=assigned)
    return TaskOccurrence.objects.create(task=task, starts_on=assigned, due=due, **fields)


def test_counts_overdue_occurrences_per_assignee_with_the_longest_delay(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    occurrence(plan, world.cell_a, date(2026, 6, 10))  # 25 days late on 5/7
    occurrence(plan, world.cell_a, date(2026, 6, 30))
    occurrence(plan, world.cell_a, date(2026, 6, 1), completed_on=date(2026, 6, 1))
    occurrence(plan, world.cell_a, date(2026, 7, 5))  # due today: still in time
    occurrence(plan, world.cell_b, date(2026, 6, 1), completed_on=date(2026, 6, 20))  # done late
    occurrence(plan, world.cell_b, date(2026, 6, 1), not_applicable_on=date(2026, 6, 2))
    occurrence(plan, world.cell_b, date(2026, 6, 1), assigned_on=date(2026, 7, 10))  # not yet
    occurrence(plan, world.ubnd, date(2026, 7, 1))

    found = overdue_by_unit(root=world.commune, today=TODAY)

    assert found == {
        world.cell_a.pk: (2, "2 nhiệm vụ quá hạn (lâu nhất 25 ngày)"),
        world.ubnd.pk: (1, "1 nhiệm vụ quá hạn (lâu nhất 4 ngày)"),
    }


def test_count_is_the_length_of_the_overdue_list_of_the_unit(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    for day in (date(2026, 6, 1), date(2026, 6, 2), date(2026, 6, 3)):
        occurrence(plan, world.cell_a, day)
    listed = occurrences(
        user=world.office, ref=TODAY, filters=TaskFilters(unit=world.cell_a, status="overdue")
    )
    assert overdue_by_unit(root=world.commune, today=TODAY)[world.cell_a.pk][0] == listed.count()


def test_only_the_subtree_counts(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    other_plan = SeedPlanFactory.create(org_unit=world.other_commune)
    occurrence(plan, world.cell_a, date(2026, 6, 1))
    occurrence(plan, world.cell_b, date(2026, 6, 1))
    occurrence(other_plan, world.other_cell, date(2026, 6, 1))

    assert set(overdue_by_unit(root=world.commune, today=TODAY)) == {
        world.cell_a.pk,
        world.cell_b.pk,
    }
    assert set(overdue_by_unit(root=world.cell_a, today=TODAY)) == {world.cell_a.pk}
    assert set(overdue_by_unit(root=world.city, today=TODAY)) == {
        world.cell_a.pk,
        world.cell_b.pk,
        world.other_cell.pk,
    }


def test_one_query_whatever_the_number_of_units(
    world: World, django_assert_num_queries: Any
) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    for unit in (world.cell_a, world.cell_b, world.ubnd):
        occurrence(plan, unit, date(2026, 6, 1))
    with django_assert_num_queries(1):
        assert len(overdue_by_unit(root=world.commune, today=TODAY)) == 3
