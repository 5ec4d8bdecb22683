"""Per unit and year, the plan × group a unit owns and how many of them it met on the plan's
quán triệt deadline, for the plan scorecard: the rule of the slow-unit list, every owner."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trienkhai.conftest import World
from trienkhai.dissemination.models import StudySession
from trienkhai.dissemination.selectors import below_by_unit, coverage_met_by_unit
from trienkhai.dissemination.tests.conftest import (
    DEADLINE,
    KEY,
    PARTY,
    UNION,
    bulk_cells,
    headcount,
    make_plan,
    raw_session,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.models import Plan

pytestmark = pytest.mark.django_db

MAIN, MAKE_UP = StudySession.Kind.MAIN, StudySession.Kind.MAKE_UP
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


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


def scores(root: OrgUnit, window: tuple[date, date] = YEAR) -> dict[int, tuple[int, int]]:
    return coverage_met_by_unit(root=root, start=window[0], end=window[1])


def test_each_owner_counts_once_per_group_met_or_not(
    world: World, plan: Plan, mass_org: OrgUnit
) -> None:
    headcount(world.cell_a, 25)
    _attend(plan, world.cell_a, 18)  # 72%: below "trên 95%"
    headcount(world.cell_b, 40)
    _attend(plan, world.cell_b, 39)  # 97,5%: met
    headcount(world.commune, 12, group=KEY)
    _attend(plan, world.commune, 12, group=KEY)  # 100% of the key cadres: met
    _attend(plan, mass_org, 30, group=UNION)  # no headcount: owned, not met

    assert scores(world.commune) == {
        world.cell_a.pk: (0, 1),
        world.cell_b.pk: (1, 1),
        world.commune.pk: (1, 1),
        mass_org.pk: (0, 1),
    }
    # The UBND owns no group of the plan (cán bộ, công chức has no threshold): absent.
    assert world.ubnd.pk not in scores(world.commune)


def test_judged_exactly_at_the_threshold(world: World, plan: Plan) -> None:
    headcount(world.cell_a, 20)
    _attend(plan, world.cell_a, 19)  # 95,00% is not "trên 95%"
    headcount(world.cell_b, 21)
    _attend(plan, world.cell_b, 20)  # 95,24% is
    headcount(world.commune, 12, group=KEY)
    _attend(plan, world.commune, 11, group=KEY)  # 11/12 is not "100%"

    assert scores(world.commune) == {
        world.cell_a.pk: (0, 1),
        world.cell_b.pk: (1, 1),
        world.commune.pk: (0, 1),
    }


def test_counts_every_plan_and_group_of_the_unit(
    world: World, plan: Plan, mass_org: OrgUnit
) -> None:
    second = make_plan(world.commune)
    headcount(world.cell_a, 20)
    _attend(plan, world.cell_a, 20)  # met for the first plan only
    _attend(second, world.cell_a, 10)
    headcount(world.commune, 5, group=KEY)
    for each in (plan, second):
        _attend(each, world.commune, 5, group=KEY)
    headcount(mass_org, 10, group=UNION)
    _attend(plan, mass_org, 10, group=UNION)
    _attend(second, mass_org, 9, group=UNION)  # 90% is not "trên 90%"

    found = scores(world.commune)

    assert found[world.cell_a.pk] == (1, 2)
    assert found[world.commune.pk] == (2, 2)
    assert found[mass_org.pk] == (1, 2)
    assert found[world.cell_b.pk] == (0, 2)  # no headcount for either plan


def test_only_plans_whose_deadline_falls_in_the_window(world: World, plan: Plan) -> None:
    headcount(world.cell_a, 20)
    _attend(plan, world.cell_a, 20)

    assert scores(world.commune, (date(2027, 1, 1), date(2027, 12, 31))) == {}
    # The year still running, before the deadline: nothing judged yet.
    assert scores(world.commune, (date(2026, 1, 1), date(2026, 6, 29))) == {}
    # Up to the deadline itself: judged.
    assert scores(world.commune, (date(2026, 1, 1), DEADLINE))[world.cell_a.pk] == (1, 1)
    assert scores(world.commune, (DEADLINE, DEADLINE))[world.cell_a.pk] == (1, 1)


def test_as_of_the_deadline(world: World, plan: Plan) -> None:
    headcount(world.cell_a, 20)
    _attend(plan, world.cell_a, 10)
    _attend(plan, world.cell_a, 10, day=date(2026, 7, 1), kind=MAKE_UP)  # after it: not counted
    headcount(world.cell_b, 20)
    _attend(plan, world.cell_b, 20)
    headcount(world.cell_b, 40, as_of=date(2026, 7, 1))  # a later headcount: not the one used

    found = scores(world.commune)

    assert (found[world.cell_a.pk], found[world.cell_b.pk]) == ((0, 1), (1, 1))


def test_plans_of_the_units_above_and_below_not_the_neighbours(world: World) -> None:
    city_plan = make_plan(world.city)
    make_plan(world.other_commune)  # a neighbour's plan: never judged here
    headcount(world.cell_a, 20)
    _attend(city_plan, world.cell_a, 20)
    headcount(world.other_cell, 20)

    assert scores(world.cell_a) == {world.cell_a.pk: (1, 1)}
    assert world.other_cell.pk not in scores(world.commune)
    # A chi bộ's own plan is judged on its own subtree only: not on its neighbour.
    own = make_plan(world.cell_b)
    headcount(world.cell_b, 10)
    _attend(own, world.cell_b, 10)
    found = scores(world.commune)
    assert found[world.cell_a.pk] == (1, 1)  # the city's plan, not chi bộ B's
    assert found[world.cell_b.pk] == (1, 2)  # the city's (not attended) and its own (met)


def test_agrees_with_the_slow_unit_list(world: World, plan: Plan, mass_org: OrgUnit) -> None:
    make_plan(world.commune)
    for unit, people, came in ((world.cell_a, 25, 18), (world.cell_b, 40, 40)):
        headcount(unit, people)
        _attend(plan, unit, came)
    headcount(world.commune, 12, group=KEY)
    _attend(plan, world.commune, 12, group=KEY)

    below = below_by_unit(root=world.commune, today=date(2026, 7, 1))
    found = scores(world.commune)

    assert found
    assert {pk: owned - met for pk, (met, owned) in found.items() if owned > met} == {
        pk: count for pk, (count, _text) in below.items()
    }


def test_queries_do_not_depend_on_the_number_of_units(world: World) -> None:
    commune = OrgUnitFactory.create(
        parent=world.city, code="nk", kind=OrgUnit.Kind.COMMUNE_COMMITTEE, name="Đảng bộ xã N"
    )
    plan = make_plan(commune)

    def queries() -> tuple[int, dict[int, tuple[int, int]]]:
        with CaptureQueriesContext(connection) as ctx:
            found = scores(commune)
        return len(ctx.captured_queries), found

    for cell in bulk_cells(commune, 2, "hai"):
        headcount(cell, 10)
        _attend(plan, cell, 10)
    few, found = queries()
    assert len(found) == 3  # two chi bộ and the commune (key cadres, no headcount)
    for cell in bulk_cells(commune, 18, "muoi-tam"):
        headcount(cell, 10)
    many, found = queries()
    assert len(found) == 21
    assert sum(met for met, _owned in found.values()) == 2
    assert many == few
