"""Completeness and timeliness over exactly the (unit, period) pairs that were asked: a chi
bộ opened or closed mid-year, an extension, a report sent twice, three levels of the tree."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

import pytest

from trienkhai.conftest import World
from trienkhai.core.periods import parse_period
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.reporting import services
from trienkhai.reporting.models import ReportRequest, RequestState
from trienkhai.reporting.opening import open_period, schedule_periods
from trienkhai.reporting.rates import rates_by_branch, rates_of
from trienkhai.reporting.tests.factories import quarterly

pytestmark = pytest.mark.django_db


def _sent(req: ReportRequest, day: date, *, accepted: bool = False) -> None:
    at = datetime(day.year, day.month, day.day, 3, tzinfo=UTC)  # 10:00 in Hải Phòng
    req.first_submitted_at = req.submitted_at = at
    req.state = RequestState.ACCEPTED if accepted else RequestState.SUBMITTED
    req.accepted_at = at if accepted else None
    req.save()


def test_units_opened_and_closed_mid_year_get_the_periods_they_existed_in(world: World) -> None:
    late = OrgUnitFactory.create(
        parent=world.commune, code="tk-cb-moi", valid_from=date(2026, 8, 1)
    )
    gone = OrgUnitFactory.create(parent=world.commune, code="tk-cb-cu", valid_to=date(2026, 5, 20))
    schedule = quarterly(world.commune)
    for period in schedule_periods(schedule)[:4]:  # the four quarters of 2026
        open_period(schedule, period)
        open_period(schedule, period)  # opening twice adds nothing
    periods: dict[str, tuple[str, ...]] = {}
    for code in ["tk-cb-a", "tk-cb-b", "tk-cb-moi", "tk-cb-cu"]:
        periods[code] = tuple(
            ReportRequest.objects.filter(org_unit__code=code)
            .order_by("period")
            .values_list("period", flat=True)
        )
    assert periods["tk-cb-a"] == ("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4")
    assert periods["tk-cb-moi"] == ("2026-Q3", "2026-Q4")
    assert periods["tk-cb-cu"] == ("2026-Q1", "2026-Q2")
    assert rates_of(world.commune, "2026-Q3").expected == 3
    assert late.pk and gone.pk


def test_an_extension_counts_as_on_time_and_nothing_passes_100_percent(world: World) -> None:
    schedule = quarterly(world.commune)
    open_period(schedule, parse_period("2026-Q3"))
    reqs = {r.org_unit.code: r for r in ReportRequest.objects.select_related("org_unit")}
    a, b = reqs["tk-cb-a"], reqs["tk-cb-b"]
    # A: sent late but within its extension, then returned and sent again, accepted.
    a.extended_due = a.due + timedelta(days=10)
    a.save()
    _sent(a, a.due + timedelta(days=5))
    a = services.request_return(actor=world.office, request=a, version=None, reason="Thiếu")
    a = services.request_submit(actor=world.reporter_a, request=a, version=None, narrative="Đủ")
    services.request_accept(actor=world.office, request=a, version=None)
    # B: sent after its due date, no extension.
    _sent(b, b.due + timedelta(days=2))
    rates = rates_of(world.commune, "2026-Q3")
    assert (rates.expected, rates.submitted, rates.accepted, rates.on_time) == (2, 2, 1, 1)
    assert rates.completeness == Fraction(1, 2) and rates.timeliness == Fraction(1, 2)
    assert rates.completeness <= 1 and rates.timeliness <= 1
    assert rates.timeliness_text() == "50,00%"


def test_rates_roll_up_three_levels_from_the_same_requests(world: World) -> None:
    schedule = quarterly(world.city, plan=None)  # the city asks every chi bộ
    cells = [world.cell_a, world.cell_b, world.other_cell]
    extra = [
        OrgUnitFactory.create(parent=world.other_commune, code=f"lm-cb-{n}") for n in (2, 3, 4)
    ]
    open_period(schedule, parse_period("2026-Q3"))
    reqs = {r.org_unit_id: r for r in ReportRequest.objects.all()}
    assert len(reqs) == len(cells) + len(extra)
    for unit in (world.cell_a, extra[0], extra[1]):
        _sent(reqs[unit.pk], reqs[unit.pk].due - timedelta(days=1), accepted=True)
    city = rates_of(world.city, "2026-Q3")
    branches = rates_by_branch(world.city, "2026-Q3")
    tk, lm = branches[world.commune.path], branches[world.other_commune.path]
    assert (tk.expected, tk.accepted) == (2, 1) and (lm.expected, lm.accepted) == (4, 2)
    assert city.expected == tk.expected + lm.expected == 6
    assert city.accepted == tk.accepted + lm.accepted == 3 and city.on_time == 3
    # One level further down, the branches of a commune are its chi bộ.
    under_lm = rates_by_branch(world.other_commune, "2026-Q3")
    assert sum(r.expected for r in under_lm.values()) == lm.expected
    assert all(r.completeness <= 1 for r in [city, tk, lm, *under_lm.values()])
