"""Due dates in working days skip the weekend and the holidays the office keeps."""

from __future__ import annotations

from datetime import date

import pytest

from trienkhai.conftest import World
from trienkhai.core.periods import parse_period
from trienkhai.reporting.models import Holiday
from trienkhai.reporting.opening import window_of
from trienkhai.reporting.tests.factories import quarterly
from trienkhai.reporting.workdays import nth_working_day

pytestmark = pytest.mark.django_db

TET_2027 = [date(2027, 2, d) for d in range(5, 12)]  # 29 Tết to mùng 5 (5–11/2/2027)


def test_a_weekend_and_tet_are_skipped() -> None:
    # 13/2/2027 is a Saturday: the first working day is Monday 15/2.
    assert nth_working_day(date(2027, 2, 13), 1, TET_2027) == date(2027, 2, 15)
    # From Friday 5/2/2027, first day of the Tết break: Friday 12/2 is the first working day.
    assert nth_working_day(date(2027, 2, 5), 1, TET_2027) == date(2027, 2, 12)
    assert nth_working_day(date(2027, 2, 4), 2, TET_2027) == date(2027, 2, 12)
    assert nth_working_day(date(2027, 2, 4), 1, TET_2027) == date(2027, 2, 4)


def test_the_due_date_of_a_period_uses_the_holidays_above_the_schedule(world: World) -> None:
    # 2026-Q3's window closes on 14/9/2026; the 15th is a Tuesday: due that day.
    schedule = quarterly(world.commune)
    assert window_of(schedule, parse_period("2026-Q3")).due == date(2026, 9, 15)
    # The month report of January 2027 closes on 14/1 … make one whose due day is in Tết.
    schedule.kind = "month"
    schedule.cutoff_day = 5
    schedule.save()
    for day in TET_2027:
        Holiday.objects.create(org_unit=world.city, day=day, name="Tết Nguyên đán Đinh Mùi")
    window = window_of(schedule, parse_period("2027-02"))
    assert (window.start, window.end) == (date(2027, 1, 5), date(2027, 2, 4))
    assert window.due == date(2027, 2, 12)  # not in Tết, not a weekend
    # Another city's holidays do not move it.
    Holiday.objects.create(org_unit=world.other_commune, day=date(2026, 9, 15), name="Lễ xã")
    schedule.kind, schedule.cutoff_day = "quarter", 15
    assert window_of(schedule, parse_period("2026-Q3")).due == date(2026, 9, 15)


def test_a_holiday_entered_late_moves_the_due_dates_still_ahead(world: World) -> None:
    from trienkhai.reporting.models import ReportRequest
    from trienkhai.reporting.schedule_services import holiday_add, holiday_delete
    from trienkhai.reporting.tests.factories import requests_for

    schedule = quarterly(world.commune)
    past = requests_for(schedule, "2026-Q1")["tk-cb-a"]  # due 16/3/2026, long gone
    ahead = requests_for(schedule, "2030-Q3")["tk-cb-a"]
    assert ahead.due == date(2030, 9, 16)  # 15/9/2030 is a Sunday
    holiday = holiday_add(
        actor=world.office, unit=world.commune, day=date(2030, 9, 16), name="Nghỉ bù"
    )
    assert ReportRequest.objects.get(pk=ahead.pk).due == date(2030, 9, 17)
    assert ReportRequest.objects.get(pk=past.pk).due == past.due  # judged already: stays
    holiday_delete(actor=world.office, holiday=holiday)
    assert ReportRequest.objects.get(pk=ahead.pk).due == date(2030, 9, 16)
