"""Late reports per unit for the slow-unit list: the late board's rows, grouped by unit."""

from __future__ import annotations

from datetime import date
from typing import Any

from trienkhai.conftest import World
from trienkhai.orgs.models import OrgUnit
from trienkhai.reporting.models import ReportRequest, ReportSchedule, RequestState
from trienkhai.reporting.selectors import late_board, late_by_unit
from trienkhai.reporting.tests.factories import quarterly

S = RequestState
TODAY = date(2026, 7, 1)


def request(
    schedule: ReportSchedule, unit: OrgUnit, period: str, due: date, **fields: Any
) -> ReportRequest:
    return ReportRequest.objects.create(
        schedule=schedule,
        org_unit=unit,
        period=period,
        window_start=date(2026, 1, 1),
        window_end=due,
        due=due,
        **fields,
    )


def test_counts_the_late_board_rows_of_each_unit(world: World) -> None:
    schedule = quarterly(world.commune)
    request(schedule, world.cell_a, "2026-Q1", date(2026, 4, 15))  # 77 days late
    request(schedule, world.cell_a, "2026-Q2", date(2026, 6, 15), state=S.RETURNED)
    request(schedule, world.cell_b, "2026-Q1", date(2026, 4, 15), state=S.SUBMITTED)
    request(schedule, world.cell_b, "2026-Q2", date(2026, 6, 15), extended_due=date(2026, 7, 10))
    request(schedule, world.ubnd, "2026-Q2", date(2026, 6, 19), state=S.DRAFT)
    request(schedule, world.ubnd, "2026-Q3", date(2026, 7, 1))  # due today: not late yet

    found = late_by_unit(root=world.commune, today=TODAY)

    assert found == {
        world.cell_a.pk: (2, "2 báo cáo chậm nộp (lâu nhất 77 ngày)"),
        world.ubnd.pk: (1, "1 báo cáo chậm nộp (lâu nhất 12 ngày)"),
    }
    board: dict[int, int] = {}
    for row in late_board(root=world.commune, today=TODAY):
        board[row.org_unit_id] = board.get(row.org_unit_id, 0) + 1
    assert {pk: n for pk, (n, _text) in found.items()} == board


def test_only_the_subtree_counts(world: World) -> None:
    request(quarterly(world.commune), world.cell_a, "2026-Q2", date(2026, 6, 15))
    request(quarterly(world.other_commune), world.other_cell, "2026-Q2", date(2026, 6, 15))

    assert set(late_by_unit(root=world.commune, today=TODAY)) == {world.cell_a.pk}
    assert late_by_unit(root=world.cell_b, today=TODAY) == {}
    assert set(late_by_unit(root=world.city, today=TODAY)) == {
        world.cell_a.pk,
        world.other_cell.pk,
    }


def test_one_query_whatever_the_number_of_units(
    world: World, django_assert_num_queries: Any
) -> None:
    schedule = quarterly(world.commune)
    for unit in (world.cell_a, world.cell_b, world.ubnd):
        request(schedule, unit, "2026-Q2", date(2026, 6, 15))
    with django_assert_num_queries(1):
        assert len(late_by_unit(root=world.commune, today=TODAY)) == 3
