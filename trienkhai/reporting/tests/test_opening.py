"""Requests open once per unit and period, by the command as by the demo."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from trienkhai.conftest import World
from trienkhai.reporting.models import ReportRequest
from trienkhai.reporting.opening import schedule_periods
from trienkhai.reporting.tests.factories import quarterly

pytestmark = pytest.mark.django_db


def test_the_command_opens_begun_periods_once(world: World) -> None:
    quarterly(world.commune, starts_on=date(2026, 7, 1))
    out = io.StringIO()
    # 20/9/2026: Q3's window (15/6–14/9) and Q4's (15/9–14/12) have begun.
    call_command("open_report_requests", "--date", "2026-09-20", stdout=out)
    assert "Đã mở 4 yêu cầu" in out.getvalue()
    periods = set(ReportRequest.objects.values_list("period", flat=True))
    assert periods == {"2026-Q3", "2026-Q4"}
    call_command("open_report_requests", "--date", "2026-09-20", stdout=io.StringIO())
    assert ReportRequest.objects.count() == 4
    with pytest.raises(CommandError):
        call_command("open_report_requests", "--date", "20/9/2026")


def test_a_schedule_asks_from_its_start_to_its_last_year(world: World) -> None:
    schedule = quarterly(world.commune, starts_on=date(2026, 7, 1), last_year=2027)
    codes = [p.code for p in schedule_periods(schedule)]
    assert codes == ["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"]
