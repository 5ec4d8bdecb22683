"""Report rates per unit over a year, for the plan scorecard: the rates page's counts
(accepted, first sent by the effective due date, expected) over each unit's own requests whose
(extended) due date lies in the window, in one grouped query."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.reporting import services
from trienkhai.reporting.models import ReportRequest, ReportSchedule, RequestState
from trienkhai.reporting.rates import rates_of
from trienkhai.reporting.selectors import report_rates_by_unit
from trienkhai.reporting.tests.factories import quarterly, requests_for

pytestmark = pytest.mark.django_db

S = RequestState
START, END = date(2026, 1, 1), date(2026, 12, 31)


def request(
    schedule: ReportSchedule, unit: OrgUnit, period: str, due: date, **fields: Any
) -> ReportRequest:
    return ReportRequest.objects.create(
        schedule=schedule,
        org_unit=unit,
        period=period,
        window_start=due - timedelta(days=90),
        window_end=due - timedelta(days=1),
        due=due,
        **fields,
    )


def sent(day: date, hour_utc: int = 3) -> dict[str, Any]:
    """A request first sent on `day` (10:00 in Hải Phòng by default), not yet reviewed."""
    at = datetime(day.year, day.month, day.day, hour_utc, tzinfo=UTC)
    return {"state": S.SUBMITTED, "first_submitted_at": at, "submitted_at": at}


def accepted(day: date) -> dict[str, Any]:
    fields = sent(day)
    return {**fields, "state": S.ACCEPTED, "accepted_at": fields["submitted_at"]}


def test_counts_accepted_on_time_and_expected_by_the_effective_due_date(world: World) -> None:
    schedule = quarterly(world.commune)
    a, b = world.cell_a, world.cell_b
    request(schedule, a, "2026-Q1", date(2026, 4, 15), **accepted(date(2026, 4, 14)))
    request(schedule, a, "2026-Q2", date(2026, 7, 15), **accepted(date(2026, 7, 20)))  # late
    request(schedule, a, "2026-Q3", date(2026, 10, 15), **sent(date(2026, 10, 15)))  # on the day
    request(schedule, a, "2025-Q4", date(2026, 1, 15))  # due in the year, never begun
    request(schedule, a, "2026-Q4", date(2027, 1, 15), **accepted(date(2026, 12, 30)))  # next
    # B: an extension moves a request into the year and one out of it.
    request(
        schedule,
        b,
        "2025-Q4",
        date(2025, 12, 20),
        extended_due=date(2026, 1, 5),
        **accepted(date(2026, 1, 4)),
    )
    request(
        schedule,
        b,
        "2026-Q4",
        date(2026, 12, 15),
        extended_due=date(2027, 1, 10),
        **sent(date(2027, 1, 8)),
    )
    # 5/7 at 20:00 UTC is already 6/7 in Hải Phòng: one day after its due date.
    request(schedule, b, "2026-Q2", date(2026, 7, 5), **sent(date(2026, 7, 5), hour_utc=20))
    request(schedule, world.ubnd, "2026-Q3", date(2026, 10, 15), state=S.DRAFT)

    found = report_rates_by_unit(root=world.commune, start=START, end=END)

    assert found == {a.pk: (2, 2, 4), b.pk: (1, 1, 2), world.ubnd.pk: (0, 0, 1)}


def test_a_report_returned_and_sent_again_counts_once_and_never_above_expected(
    world: World,
) -> None:
    schedule = quarterly(world.commune)
    reqs = requests_for(schedule, "2026-Q3")
    a = reqs["tk-cb-a"]
    end = a.extended_due = timezone.localdate() + timedelta(days=10)  # sent today: in time
    a.save()
    a = services.request_submit(actor=world.reporter_a, request=a, version=None, narrative="Đủ")
    a = services.request_return(actor=world.office, request=a, version=None, reason="Thiếu")
    a = services.request_submit(actor=world.reporter_a, request=a, version=None, narrative="Đủ")
    services.request_accept(actor=world.office, request=a, version=None)

    found = report_rates_by_unit(root=world.commune, start=START, end=end)

    assert found == {world.cell_a.pk: (1, 1, 1), world.cell_b.pk: (0, 0, 1)}
    whole = rates_of(world.commune, "2026-Q3")
    summed = tuple(map(sum, zip(*found.values(), strict=True)))
    assert summed == (whole.accepted, whole.on_time, whole.expected)


def test_a_running_year_counts_only_what_was_due_by_its_end(world: World) -> None:
    schedule = quarterly(world.commune)
    request(schedule, world.cell_a, "2026-Q1", date(2026, 4, 15), **sent(date(2026, 4, 10)))
    request(schedule, world.cell_a, "2026-Q2", date(2026, 7, 15), **sent(date(2026, 7, 1)))

    today = date(2026, 7, 5)
    assert report_rates_by_unit(root=world.commune, start=START, end=today) == {
        world.cell_a.pk: (0, 1, 1)
    }


def test_only_the_subtree_counts_and_each_unit_keeps_its_own(world: World) -> None:
    request(quarterly(world.city), world.commune, "2026-Q2", date(2026, 7, 15))
    request(quarterly(world.commune), world.cell_a, "2026-Q2", date(2026, 7, 15))
    request(quarterly(world.other_commune), world.other_cell, "2026-Q2", date(2026, 7, 15))

    assert report_rates_by_unit(root=world.commune, start=START, end=END) == {
        world.commune.pk: (0, 0, 1),
        world.cell_a.pk: (0, 0, 1),
    }
    assert report_rates_by_unit(root=world.cell_b, start=START, end=END) == {}
    assert set(report_rates_by_unit(root=world.city, start=START, end=END)) == {
        world.commune.pk,
        world.cell_a.pk,
        world.other_cell.pk,
    }


def _queries(root: OrgUnit) -> tuple[int, dict[int, tuple[int, int, int]]]:
    with CaptureQueriesContext(connection) as ctx:
        found = report_rates_by_unit(root=root, start=START, end=END)
    return len(ctx.captured_queries), found


def test_the_same_queries_for_2_units_as_for_20(world: World) -> None:
    schedule = quarterly(world.commune)
    for unit in (world.cell_a, world.cell_b):
        request(schedule, unit, "2026-Q2", date(2026, 7, 15), **accepted(date(2026, 7, 1)))
    few, found = _queries(world.commune)
    assert len(found) == 2
    for n in range(18):
        unit = OrgUnitFactory.create(parent=world.commune, code=f"tk-cb-{n:02d}")
        request(schedule, unit, "2026-Q2", date(2026, 7, 15))
    many, found = _queries(world.commune)
    assert len(found) == 20
    assert few == many == 1
