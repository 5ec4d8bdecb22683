"""Coverage in the database: make-up sessions, caps, headcount history, rollups, dates."""

from __future__ import annotations

from datetime import date

import pytest

from trienkhai.conftest import World
from trienkhai.dissemination import coverage
from trienkhai.dissemination.models import StudySession
from trienkhai.dissemination.rules import Coverage
from trienkhai.dissemination.services import SessionInvalid
from trienkhai.dissemination.tests.conftest import (
    DEADLINE,
    KEY,
    PARTY,
    UNION,
    headcount,
    raw_session,
    record,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.models import Plan

Kind = StudySession.Kind
GROUPS = [KEY, PARTY, UNION]


def totals(plan: Plan, root: OrgUnit, day: date = DEADLINE) -> dict[str, Coverage]:
    return coverage.rollup(plan=plan, root=root, groups=GROUPS, day=day)


def row(plan: Plan, unit: OrgUnit, day: date = DEADLINE) -> OrgUnit:
    units = coverage.annotate_coverage(
        OrgUnit.objects.filter(pk=unit.pk), plan=plan, groups=GROUPS, day=day
    )
    return units.get()


def test_make_up_sessions_add_up_and_are_capped(world: World, plan: Plan) -> None:
    headcount(world.cell_a, 50)
    record(world.office, plan, world.cell_a, 44, day=date(2026, 6, 1))
    record(world.office, plan, world.cell_a, 3, day=date(2026, 6, 8), kind=Kind.MAKE_UP)
    record(world.office, plan, world.cell_a, 2, day=date(2026, 6, 15), kind=Kind.MAKE_UP)
    unit = row(plan, world.cell_a)
    assert (unit.main_party_members, unit.makeup_party_members) == (44, 5)
    assert unit.cap_party_members == 49
    # The form refuses more than the absent; rows written otherwise (an older entry, a
    # headcount lowered afterwards) are still capped at the headcount.
    with pytest.raises(SessionInvalid):
        record(world.office, plan, world.cell_a, 3, day=date(2026, 6, 20), kind=Kind.MAKE_UP)
    raw_session(plan, world.cell_a, 3, day=date(2026, 6, 20), kind=Kind.MAKE_UP)
    unit = row(plan, world.cell_a)
    assert unit.main_party_members + unit.makeup_party_members == 52
    assert unit.cap_party_members == 50
    assert totals(plan, world.commune)[PARTY] == Coverage(50, 50)


def test_other_sessions_are_shown_not_counted(world: World, plan: Plan) -> None:
    headcount(world.cell_a, 40)
    record(world.office, plan, world.cell_a, 30)
    record(world.office, plan, world.cell_a, 40, kind=Kind.OTHER, day=date(2026, 6, 3))
    unit = coverage.annotate_sessions(
        coverage.annotate_coverage(
            OrgUnit.objects.filter(pk=world.cell_a.pk), plan=plan, groups=GROUPS, day=DEADLINE
        ),
        plan=plan,
        day=DEADLINE,
    ).get()
    assert unit.cap_party_members == 30
    assert unit.other_sessions == 1


def test_headcount_changing_mid_period(world: World, plan: Plan) -> None:
    headcount(world.cell_a, 40, as_of=date(2026, 5, 1))
    headcount(world.cell_a, 44, as_of=date(2026, 6, 10))
    headcount(world.cell_a, 47, as_of=date(2026, 7, 1))  # after the deadline: not used
    record(world.office, plan, world.cell_a, 41, day=date(2026, 6, 12))
    # Before the change the unit had 40; at the deadline it has 44.
    assert totals(plan, world.commune, day=date(2026, 6, 9))[PARTY] == Coverage(0, 40)
    assert totals(plan, world.commune, day=date(2026, 6, 12))[PARTY] == Coverage(41, 44)
    assert totals(plan, world.commune)[PARTY] == Coverage(41, 44)
    assert totals(plan, world.commune, day=date(2026, 7, 2))[PARTY] == Coverage(41, 47)


def test_sessions_after_the_evaluation_date_do_not_count(world: World, plan: Plan) -> None:
    headcount(world.cell_a, 20)
    raw_session(plan, world.cell_a, 18, day=date(2026, 6, 20), kind=Kind.MAIN)
    raw_session(plan, world.cell_a, 2, day=date(2026, 7, 5), kind=Kind.MAKE_UP)
    assert totals(plan, world.commune)[PARTY] == Coverage(18, 20)
    assert totals(plan, world.commune, day=date(2026, 7, 5))[PARTY] == Coverage(20, 20)


def test_three_level_rollup_is_sum_of_capped_over_sum_of_headcounts(
    world: World, plan: Plan
) -> None:
    # commune → đảng bộ bộ phận → its cells, next to the commune's own cells.
    dbbp = OrgUnitFactory.create(
        parent=world.commune,
        code="tk-dbbp",
        kind=OrgUnit.Kind.PARTY_SUBCOMMITTEE,
        name="Đảng bộ bộ phận",
    )
    sub1 = OrgUnitFactory.create(parent=dbbp, code="tk-dbbp-1", name="Chi bộ phân xưởng 1")
    sub2 = OrgUnitFactory.create(parent=dbbp, code="tk-dbbp-2", name="Chi bộ phân xưởng 2")
    figures = {  # unit → (headcount, main, make-up)
        world.cell_a: (50, 48, 0),
        world.cell_b: (30, 25, 10),  # 35 attended, capped at 30
        sub1: (20, 17, 1),
        sub2: (12, 14, 0),  # 14 attended, capped at 12
    }
    for unit, (count, main, makeup) in figures.items():
        headcount(unit, count)
        raw_session(plan, unit, main, day=date(2026, 6, 1), kind=Kind.MAIN)
        if makeup:
            raw_session(plan, unit, makeup, day=date(2026, 6, 9), kind=Kind.MAKE_UP)
    # A commune conference attended by party members counts them nowhere: cells do.
    raw_session(plan, world.commune, 60, day=date(2026, 6, 2), kind=Kind.MAIN, group=KEY)
    expected_num = sum(min(m + u, c) for c, m, u in figures.values())
    expected_den = sum(c for c, _m, _u in figures.values())
    assert (expected_num, expected_den) == (48 + 30 + 18 + 12, 112)
    assert totals(plan, world.commune)[PARTY] == Coverage(expected_num, expected_den)
    assert totals(plan, dbbp)[PARTY] == Coverage(30, 32)
    by_node = coverage.rollups_by_node(
        plan=plan, nodes=[world.commune, dbbp, world.cell_a], groups=GROUPS, day=DEADLINE
    )
    assert by_node[world.commune.pk][PARTY] == Coverage(108, 112)
    assert by_node[dbbp.pk][PARTY] == Coverage(30, 32)
    assert by_node[world.cell_a.pk][PARTY] == Coverage(48, 50)
    # Without a headcount a unit adds nothing to either side.
    no_count = OrgUnitFactory.create(parent=world.commune, code="tk-cb-c", name="Chi bộ thôn C")
    raw_session(plan, no_count, 9, day=date(2026, 6, 1), kind=Kind.MAIN)
    assert totals(plan, world.commune)[PARTY] == Coverage(108, 112)


def test_closed_units_leave_the_rollup_after_they_close(world: World, plan: Plan) -> None:
    headcount(world.cell_a, 10)
    headcount(world.cell_b, 10)
    OrgUnit.objects.filter(pk=world.cell_b.pk).update(valid_to=date(2026, 6, 15))
    assert totals(plan, world.commune, day=date(2026, 6, 1))[PARTY].denominator == 20
    assert totals(plan, world.commune)[PARTY].denominator == 10


def test_evaluation_date_is_the_earlier_of_deadline_and_today(plan: Plan) -> None:
    assert coverage.dissemination_deadline(plan).due == DEADLINE  # type: ignore[union-attr]
    assert coverage.evaluation_date(plan, date(2026, 6, 1)) == date(2026, 6, 1)
    assert coverage.evaluation_date(plan, date(2026, 11, 25)) == DEADLINE


def test_below_threshold_is_judged_exactly_in_sql(world: World, plan: Plan) -> None:
    thresholds = {t.group: t for t in coverage.plan_thresholds(plan)}
    headcount(world.cell_a, 100)
    headcount(world.cell_b, 100)
    raw_session(plan, world.cell_a, 95, day=date(2026, 6, 1), kind=Kind.MAIN)  # 95,0%: fails
    raw_session(plan, world.cell_b, 96, day=date(2026, 6, 1), kind=Kind.MAIN)
    units = coverage.annotate_coverage(
        coverage.owner_units(root=world.commune, groups=GROUPS, day=DEADLINE),
        plan=plan,
        groups=GROUPS,
        day=DEADLINE,
    )
    failing = coverage.below_threshold(units, thresholds[PARTY])
    assert list(failing.values_list("code", flat=True)) == ["tk-cb-a"]
    # The commune has no key-cadre headcount yet: it is listed as lacking one.
    assert list(
        coverage.below_threshold(units, thresholds[KEY]).values_list("code", flat=True)
    ) == ["tk"]
