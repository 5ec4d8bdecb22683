"""Coverage below the plan's threshold after its deadline, per unit, for the slow-unit list:
the board's exact rule, on the deadline, for the plans the subtree implements."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from trienkhai.conftest import World
from trienkhai.dissemination.models import StudySession
from trienkhai.dissemination.selectors import below_by_unit
from trienkhai.dissemination.tests.conftest import (
    DEADLINE,
    KEY,
    PARTY,
    bulk_cells,
    headcount,
    make_plan,
    raw_session,
)
from trienkhai.plans.models import Plan

MAIN, MAKE_UP = StudySession.Kind.MAIN, StudySession.Kind.MAKE_UP
AFTER = date(2026, 7, 1)  # the day after the quán triệt deadline (30/6/2026)


def _attend(
    plan: Plan,
    unit: Any,
    count: int,
    *,
    day: date = date(2026, 6, 5),
    kind: str = MAIN,
    group: str = PARTY,
) -> None:
    raw_session(plan, unit, count, day=day, kind=kind, group=group)


def test_units_below_on_the_deadline_with_their_figures(world: World, plan: Plan) -> None:
    headcount(world.cell_a, 25)
    _attend(plan, world.cell_a, 18)
    headcount(world.cell_b, 40)
    _attend(plan, world.cell_b, 39)  # 97,5% > 95%: met
    headcount(world.commune, 12, group=KEY)
    _attend(plan, world.commune, 12, group=KEY)  # 100% of the key cadres: met

    found = below_by_unit(root=world.commune, today=AFTER)

    assert found == {
        world.cell_a.pk: (
            1,
            "Đảng viên: 18/25, đạt 72,00% (yêu cầu trên 95%) — Kế hoạch số 15-KH/ĐU",
        )
    }


def test_a_unit_without_headcount_is_below_and_says_so(world: World, plan: Plan) -> None:
    headcount(world.cell_a, 20)
    _attend(plan, world.cell_a, 20)
    headcount(world.cell_b, 40)
    _attend(plan, world.cell_b, 40)

    found = below_by_unit(root=world.commune, today=AFTER)

    assert found == {
        world.commune.pk: (
            1,
            "Cán bộ chủ chốt: chưa có sĩ số (yêu cầu 100%) — Kế hoạch số 15-KH/ĐU",
        )
    }


def test_judged_exactly_at_the_threshold(world: World, plan: Plan) -> None:
    # 95% is not "trên 95%"; 20/21 (95,24%) is.
    headcount(world.cell_a, 20)
    _attend(plan, world.cell_a, 19)
    headcount(world.cell_b, 21)
    _attend(plan, world.cell_b, 20)
    headcount(world.commune, 1, group=KEY)
    _attend(plan, world.commune, 1, group=KEY)

    assert set(below_by_unit(root=world.commune, today=AFTER)) == {world.cell_a.pk}


def test_only_once_the_deadline_has_passed_and_as_of_the_deadline(world: World, plan: Plan) -> None:
    headcount(world.commune, 1, group=KEY)
    _attend(plan, world.commune, 1, group=KEY)
    headcount(world.cell_a, 20)
    _attend(plan, world.cell_a, 10)
    # A make-up session after the deadline does not count.
    _attend(plan, world.cell_a, 10, day=date(2026, 7, 1), kind=MAKE_UP)
    headcount(world.cell_b, 20)
    _attend(plan, world.cell_b, 20)

    assert below_by_unit(root=world.commune, today=DEADLINE) == {}
    assert below_by_unit(root=world.commune, today=date(2026, 8, 1))[world.cell_a.pk] == (
        1,
        "Đảng viên: 10/20, đạt 50,00% (yêu cầu trên 95%) — Kế hoạch số 15-KH/ĐU",
    )


def test_plans_of_the_units_above_and_below_apply_not_the_neighbours(world: World) -> None:
    city_plan = make_plan(world.city)
    make_plan(world.other_commune)  # a neighbour's plan: never judged here
    headcount(world.cell_a, 20)
    headcount(world.other_cell, 20)

    found = below_by_unit(root=world.cell_a, today=AFTER)

    assert set(found) == {world.cell_a.pk}
    assert found[world.cell_a.pk][1].endswith(str(city_plan))
    assert world.other_cell.pk not in below_by_unit(root=world.commune, today=AFTER)
    # A chi bộ's own plan is judged on its own subtree only: not on its neighbour.
    make_plan(world.cell_b)
    counts = below_by_unit(root=world.commune, today=AFTER)
    assert counts[world.cell_a.pk][0] == 1  # the city's plan, not the neighbour's
    assert counts[world.cell_b.pk][0] == 2  # the city's and its own


def test_counts_every_plan_and_group_below(world: World, plan: Plan) -> None:
    second = make_plan(world.commune)
    headcount(world.cell_a, 20)

    count, text = below_by_unit(root=world.commune, today=AFTER)[world.cell_a.pk]

    assert count == 2
    assert str(plan) in text and str(second) in text


def test_queries_do_not_depend_on_the_number_of_units(world: World, plan: Plan) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            below_by_unit(root=world.commune, today=AFTER)
        return len(ctx.captured_queries)

    bulk_cells(world.commune, 5, "it")
    few = queries()
    for cell in bulk_cells(world.commune, 200, "nhieu"):
        headcount(cell, 10)
    assert len(below_by_unit(root=world.commune, today=AFTER)) == 208
    assert queries() == few
