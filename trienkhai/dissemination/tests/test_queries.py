"""The rollup and the board take as many queries for 10 units as for 1,000."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from trienkhai.accounts.tests.factories import MembershipFactory, UserFactory
from trienkhai.conftest import World
from trienkhai.dissemination import coverage
from trienkhai.dissemination.models import Headcount, SessionAttendance, StudySession
from trienkhai.dissemination.rules import Coverage
from trienkhai.dissemination.tests.conftest import DEADLINE, PARTY, bulk_cells, make_plan
from trienkhai.dissemination.tests.factories import (
    HeadcountFactory,
    SessionAttendanceFactory,
    StudySessionFactory,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.models import Plan

Kind = StudySession.Kind


def fill(plan: Plan, cells: list[OrgUnit]) -> tuple[int, int]:
    """Headcount 40 (changed to 42 mid-period for every third), a main session, make-ups."""
    counts = [HeadcountFactory.build(org_unit=c, count=40) for c in cells]
    counts += [
        HeadcountFactory.build(org_unit=c, as_of=date(2026, 6, 1), count=42) for c in cells[::3]
    ]
    Headcount.objects.bulk_create(counts)
    sessions, rows = [], []
    for i, cell in enumerate(cells):
        main = 30 + i % 15  # up to 44: some above the headcount
        for kind, n, day in (
            (Kind.MAIN, main, date(2026, 6, 5)),
            (Kind.MAKE_UP, 3, date(2026, 6, 20)),
        ):
            if kind == Kind.MAKE_UP and i % 2:
                continue
            session = StudySessionFactory.build(plan=plan, org_unit=cell, date=day, kind=kind)
            sessions.append(session)
            rows.append((session, n))
    StudySession.objects.bulk_create(sessions)
    SessionAttendance.objects.bulk_create(
        SessionAttendanceFactory.build(session=s, count=n) for s, n in rows
    )
    num = den = 0
    for i, _cell in enumerate(cells):
        headcount = 42 if i % 3 == 0 else 40
        attended = 30 + i % 15 + (0 if i % 2 else 3)
        num += min(attended, headcount)
        den += headcount
    return num, den


def make_commune(world: World, code: str, cells: int) -> tuple[OrgUnit, Plan, tuple[int, int]]:
    commune = OrgUnitFactory.create(
        parent=world.city, code=code, kind=OrgUnit.Kind.COMMUNE_COMMITTEE, name=f"Xã {code}"
    )
    subcommittee = OrgUnitFactory.create(
        parent=commune, code=f"{code}-dbbp", kind=OrgUnit.Kind.PARTY_SUBCOMMITTEE, name="ĐBBP"
    )
    plan = make_plan(commune)
    # Nine in ten cells directly under the commune, the rest under its đảng bộ bộ phận.
    direct = bulk_cells(commune, cells - cells // 10, f"{code}-cb")
    below = bulk_cells(subcommittee, cells // 10, f"{code}-px")
    return commune, plan, fill(plan, direct + below)


def count_queries(fn: Any) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return len(ctx.captured_queries), result


def test_same_queries_for_10_and_1000_units(client: Any, world: World) -> None:
    from trienkhai.accounts.models import Role

    small, small_plan, small_expected = make_commune(world, "nho", 10)
    large, large_plan, large_expected = make_commune(world, "lon", 1000)

    # The rollup: one query, whatever the size.
    def rollup(commune: OrgUnit, plan: Plan) -> Any:
        return lambda: coverage.rollup(plan=plan, root=commune, groups=[PARTY], day=DEADLINE)

    small_n, small_total = count_queries(rollup(small, small_plan))
    large_n, large_total = count_queries(rollup(large, large_plan))
    assert small_n == large_n == 1
    assert small_total[PARTY] == Coverage(*small_expected)
    assert large_total[PARTY] == Coverage(*large_expected)

    # Subtotals per node: one query per depth.
    def by_node(commune: OrgUnit, plan: Plan) -> Any:
        nodes = list(OrgUnit.objects.filter(path__startswith=commune.path, numchild__gt=0))
        return lambda: coverage.rollups_by_node(
            plan=plan, nodes=nodes, groups=[PARTY], day=DEADLINE
        )

    small_n, _ = count_queries(by_node(small, small_plan))
    large_n, sums = count_queries(by_node(large, large_plan))
    assert small_n == large_n == 2
    assert sums[large.pk][PARTY] == Coverage(*large_expected)

    # The pages built on them.
    office = UserFactory.create(username="vp_hai_xa", unit=small, role=Role.OFFICE)
    MembershipFactory.create(user=office, org_unit=large, role=Role.OFFICE)
    client.force_login(office)
    pages = [
        ("/quan-triet/", ""),
        ("/quan-triet/", "-party_members"),
        ("/quan-triet/chua-dat/", ""),
        ("/quan-triet/si-so/", ""),
        ("/quan-triet/ban-in/", "ten"),
    ]
    for url, sort in pages:
        counts = []
        for plan, commune in ((small_plan, small), (large_plan, large)):
            query = {"ke_hoach": plan.pk, "don_vi": commune.code, "sort": sort}
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url, query)
            assert response.status_code == 200
            counts.append(len(ctx.captured_queries))
        assert counts[0] == counts[1], (url, sort, counts)
