"""The office's pages: who is late (page, XLSX, print), the rates with their drill-down, a
unit's history, the schedule editor and the holiday calendar. Each refuses a reporter on the
office's own pages (403) and shows nothing of another commune (404); the board costs the same
number of queries for 40 and 4,000 chi bộ."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from trienkhai.accounts.models import User
from trienkhai.conftest import World
from trienkhai.core.periods import parse_period
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.reporting import schedule_services
from trienkhai.reporting.models import (
    Holiday,
    ReportRequest,
    ReportSchedule,
    RequestState,
    ScheduleKind,
)
from trienkhai.reporting.opening import open_period
from trienkhai.reporting.tests.factories import quarterly

pytestmark = pytest.mark.django_db

S = RequestState
DAY = "20/07/2026"  # the board's reference day in these tests


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sent(req: ReportRequest, day: date, *, accepted: bool = True) -> None:
    at = datetime(day.year, day.month, day.day, 3, tzinfo=UTC)  # 10:00 in Hải Phòng
    req.first_submitted_at = req.submitted_at = at
    req.state = S.ACCEPTED if accepted else S.SUBMITTED
    req.accepted_at = at if accepted else None
    req.save()


def get(user: User, name: str, *args: Any, **params: Any) -> Any:
    return client_of(user).get(reverse(f"reporting:{name}", args=args), params)


# --- the late board -----------------------------------------------------------------------------


@pytest.fixture
def late(world: World) -> dict[str, ReportRequest]:
    """Two quarters of chi bộ reports: on 20/07/2026 B is late for Q1 and Q2, A is on time
    for Q1 and extended for Q2."""
    schedule = quarterly(world.commune)
    for code in ("2026-Q1", "2026-Q2"):
        open_period(schedule, parse_period(code))
    reqs = {
        f"{r.org_unit.code}/{r.period}": r
        for r in ReportRequest.objects.select_related("org_unit", "schedule")
    }
    sent(reqs["tk-cb-a/2026-Q1"], reqs["tk-cb-a/2026-Q1"].due)
    a2 = reqs["tk-cb-a/2026-Q2"]
    a2.state, a2.extended_due, a2.extension_reason = S.DRAFT, date(2026, 7, 31), "Đại hội chi bộ"
    a2.save()
    b2 = reqs["tk-cb-b/2026-Q2"]
    b2.state, b2.returns = S.RETURNED, 1
    b2.last_reminded_at = datetime(2026, 7, 1, 2, tzinfo=UTC)
    b2.save()
    return reqs


def test_the_board_lists_the_late_reports_most_overdue_first(
    world: World, late: dict[str, ReportRequest]
) -> None:
    b1, b2 = late["tk-cb-b/2026-Q1"], late["tk-cb-b/2026-Q2"]
    assert b1.due == date(2026, 3, 16)  # 15/3/2026 is a Sunday
    response = get(world.office, "board", ngay=DAY)
    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assert [r.pk for r in rows] == [b1.pk, b2.pk]
    assert [r.overdue for r in rows] == [(date(2026, 7, 20) - b1.due).days, 35]
    html = response.content.decode()
    assert "Đơn vị chậm nộp báo cáo" in html
    assert "Chi bộ thôn A" not in html.split("<tbody>")[1]
    row_b1 = html.split(f'id="cham-{b1.pk}"')[1].split("</tr>")[0]
    assert "Chưa làm" in row_b1 and "16/03/2026" in row_b1 and "—" in row_b1
    row_b2 = html.split(f'id="cham-{b2.pk}"')[1].split("</tr>")[0]
    assert "Trả lại" in row_b2 and "01/07/2026" in row_b2 and "Quý II năm 2026" in row_b2
    # One period only.
    one = get(world.office, "board", ngay=DAY, ky="2026-Q2").context["page"].object_list
    assert [r.pk for r in one] == [b2.pk]
    # Past its extension, A is late too, counted from the extended date.
    later = get(world.office, "board", ngay="05/08/2026").content.decode()
    row_a2 = later.split(f'id="cham-{late["tk-cb-a/2026-Q2"].pk}"')[1].split("</tr>")[0]
    assert "31/07/2026" in row_a2 and "gia hạn, hạn đầu 15/06/2026" in row_a2
    assert ">5</td>" in row_a2


def test_the_board_xlsx_and_print_view_have_the_page_rows(
    world: World, late: dict[str, ReportRequest]
) -> None:
    response = get(world.office, "board_xlsx", ngay=DAY)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "Đảng bộ xã Tân Kỳ" in sheet["A1"].value and "20/07/2026" in sheet["A1"].value
    assert [c.value for c in sheet[3]][:9] == [
        "STT",
        "Đơn vị",
        "Báo cáo",
        "Kỳ",
        "Hạn nộp",
        "Gia hạn",
        "Số ngày quá hạn",
        "Tình trạng",
        "Nhắc lần cuối",
    ]
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert [r[1] for r in rows] == ["Chi bộ thôn B", "Chi bộ thôn B"]
    assert rows[0][3] == "Quý I năm 2026" and rows[0][4].date() == date(2026, 3, 16)
    assert rows[0][6] == 126 and rows[0][7] == "Chưa làm" and rows[0][8] == "—"
    assert rows[1][7] == "Trả lại" and rows[1][8].date() == date(2026, 7, 1)
    printed = get(world.office, "board_print", ngay=DAY, ky="2026-Q1").content.decode()
    assert "print-page" in printed and "Chi bộ thôn B" in printed
    assert "Có 1 báo cáo chậm nộp." in printed and "Quý II năm 2026" not in printed


def test_the_board_shows_only_the_readers_own_subtrees(
    world: World, late: dict[str, ReportRequest]
) -> None:
    for name in ("board", "board_xlsx", "board_print"):
        assert get(world.outsider, name, don_vi="tk").status_code == 404
        assert get(world.outsider, name, don_vi="tk-cb-b").status_code == 404
    # Without a unit the outsider gets its own commune, where nobody is late.
    own = get(world.outsider, "board", ngay=DAY)
    assert own.context["root"] == world.other_commune
    assert own.context["page"].paginator.count == 0
    # A chi bộ reads its own lateness, not its neighbour's.
    assert get(world.reporter_b, "board", ngay=DAY).context["page"].paginator.count == 2
    assert get(world.reporter_a, "board", ngay=DAY).context["page"].paginator.count == 0
    assert get(world.reporter_a, "board", don_vi="tk-cb-b").status_code == 404


def bulk_cells(parent: OrgUnit, n: int, prefix: str) -> list[OrgUnit]:
    """`n` chi bộ under `parent`, inserted at once with their tree paths."""
    parent.refresh_from_db()
    start = parent.numchild
    cells = [
        OrgUnit(
            path=OrgUnit._get_path(parent.path, parent.depth + 1, start + i + 1),
            depth=parent.depth + 1,
            numchild=0,
            code=f"{prefix}-{i:04d}",
            name=f"Chi bộ {prefix} {i + 1}",
            kind=OrgUnit.Kind.PARTY_CELL,
        )
        for i in range(n)
    ]
    OrgUnit.objects.bulk_create(cells, batch_size=500)
    OrgUnit.objects.filter(pk=parent.pk).update(numchild=start + n)
    return list(OrgUnit.objects.filter(code__startswith=f"{prefix}-").order_by("path"))


def late_requests(schedule: ReportSchedule, cells: list[OrgUnit]) -> None:
    """One late Q2 request per chi bộ, in every open state; some reminded, some extended."""
    states = (S.NOT_STARTED, S.DRAFT, S.RETURNED)
    ReportRequest.objects.bulk_create(
        [
            ReportRequest(
                schedule=schedule,
                org_unit=cell,
                period="2026-Q2",
                window_start=date(2026, 3, 15),
                window_end=date(2026, 6, 14),
                due=date(2026, 6, 15),
                extended_due=date(2026, 6, 30) if i % 7 == 0 else None,
                state=states[i % 3],
                returns=1 if states[i % 3] == S.RETURNED else 0,
                last_reminded_at=datetime(2026, 7, 1, 2, tzinfo=UTC) if i % 2 else None,
            )
            for i, cell in enumerate(cells)
        ],
        batch_size=500,
    )


def page_queries(client: Client) -> list[int]:
    counts = []
    for name in ("board", "board_print", "board_xlsx", "rates"):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse(f"reporting:{name}"), {"ngay": DAY})
        assert response.status_code == 200, name
        counts.append(len(ctx.captured_queries))
    return counts


def test_the_board_costs_the_same_queries_for_40_and_4000_chi_bo(world: World) -> None:
    schedule = quarterly(world.commune)
    client = client_of(world.office)
    late_requests(schedule, [world.cell_a, world.cell_b, *bulk_cells(world.commune, 38, "s")])
    page_queries(client)  # the session and the caches warm up
    small = page_queries(client)
    assert get(world.office, "board", ngay=DAY).context["page"].paginator.count == 40
    late_requests(schedule, bulk_cells(world.commune, 3960, "l"))
    large = page_queries(client)
    board = client.get(reverse("reporting:board"), {"ngay": DAY})
    assert board.context["page"].paginator.count == 4000
    assert len(board.context["page"].object_list) == 50
    assert small == large
    assert max(large) <= 15


# --- the rates ---------------------------------------------------------------------------------


@pytest.fixture
def year(world: World) -> ReportSchedule:
    """The four quarters of 2026 for A and B and a chi bộ opened on 1/8/2026 (Q3 and Q4 only):
    every report accepted on its due date, except the new chi bộ's Q3 (never sent) and B's Q4
    (sent after its due date, within an extension)."""
    OrgUnitFactory.create(
        parent=world.commune, code="tk-cb-moi", name="Chi bộ thôn Mới", valid_from=date(2026, 8, 1)
    )
    plan = quarterly(world.commune).plan
    schedule = schedule_services.schedule_create(
        actor=world.office,
        data=schedule_services.ScheduleData(
            title="Báo cáo quý năm 2026",
            plan=plan,
            kind=ScheduleKind.QUARTER,
            unit_kinds=[OrgUnit.Kind.PARTY_CELL],
            first_year=2026,
            last_year=2026,
        ),
        today=date(2026, 12, 31),
    )
    for req in ReportRequest.objects.filter(schedule=schedule).select_related("org_unit"):
        key = (req.org_unit.code, req.period)
        if key == ("tk-cb-moi", "2026-Q3"):
            continue
        if key == ("tk-cb-b", "2026-Q4"):
            req.extended_due = req.due + timedelta(days=10)
            req.save()
            sent(req, req.due + timedelta(days=5))
            continue
        sent(req, req.due)
    return schedule


def rate_rows(response: Any) -> dict[str, Any]:
    return {row.unit.code: row for row in response.context["rows"]}


def test_rates_count_only_the_periods_a_unit_existed_in(world: World, year: ReportSchedule) -> None:
    assert ReportRequest.objects.filter(schedule=year).count() == 10  # 2 × 4 + 2
    whole = get(world.office, "rates")
    assert whole.status_code == 200
    total = whole.context["total"]
    assert (total.expected, total.submitted, total.accepted, total.on_time) == (10, 9, 9, 9)
    html = whole.content.decode()
    assert 'id="completeness">90,00%<' in html and 'id="timeliness">90,00%<' in html
    rows = rate_rows(whole)
    assert set(rows) == {"tk-cb-a", "tk-cb-b", "tk-cb-moi"}  # UBND reports nothing here
    assert rows["tk-cb-moi"].rates.expected == 2
    assert rows["tk-cb-b"].rates.timeliness == 1  # the extension counts
    for row in rows.values():
        assert row.rates.completeness <= 1 and row.rates.timeliness <= 1
    # Q1: the new chi bộ did not exist, so 2 of 2 is 100 %, not 2 of 3.
    q1 = get(world.office, "rates", ky="2026-Q1")
    assert q1.context["total"].expected == 2 and "tk-cb-moi" not in rate_rows(q1)
    assert 'id="completeness">100,00%<' in q1.content.decode()
    q3 = get(world.office, "rates", ky="2026-Q3")
    assert 'id="completeness">66,67%<' in q3.content.decode()
    row = q3.content.decode().split('id="ti-le-tk-cb-moi"')[1].split("</tr>")[0]
    assert "0,00%" in row and "?don_vi=tk-cb-moi&amp;ky=2026-Q3" in row


def test_rates_roll_up_and_drill_down(world: World, year: ReportSchedule) -> None:
    # The city: one branch (the commune) with the commune's totals; Lạc Môn asked nothing.
    city = get(world.city_leader, "rates")
    assert city.context["root"] == world.city
    assert set(rate_rows(city)) == {"tk"}
    assert rate_rows(city)["tk"].rates.expected == 10
    assert city.context["total"].accepted == 9
    # Down to one chi bộ: its own reports, and the trail back up.
    cell = get(world.city_leader, "rates", don_vi="tk-cb-moi")
    rows = cell.context["rows"]
    assert len(rows) == 1 and rows[0].own and rows[0].rates.expected == 2
    assert [u.code for u in cell.context["trail"]] == ["hp", "tk"]
    assert "50,00%" in cell.content.decode()
    # Another commune's units are not there.
    assert get(world.outsider, "rates", don_vi="tk").status_code == 404
    assert get(world.outsider, "rates").context["total"].expected == 0


# --- a unit's history --------------------------------------------------------------------------


def test_history_shows_a_units_reports_over_time(world: World, year: ReportSchedule) -> None:
    response = get(world.office, "history", "tk-cb-b")
    assert response.status_code == 200
    reqs = list(response.context["page"].object_list)
    assert [r.period for r in reqs] == ["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1"]
    html = response.content.decode()
    q4 = reqs[0]
    row = html.split(f'id="bao-cao-{q4.pk}"')[1].split("</tr>")[0]
    assert "Đã duyệt" in row and "gia hạn, hạn đầu" in row
    assert q4.effective_due.strftime("%d/%m/%Y") in row
    moi = get(world.office, "history", "tk-cb-moi").content.decode()
    assert "Chưa làm" in moi and "Quý III năm 2026" in moi and "Quý I năm 2026" not in moi
    assert get(world.outsider, "history", "tk-cb-b").status_code == 404
    assert get(world.reporter_a, "history", "tk-cb-b").status_code == 404
    assert get(world.reporter_b, "history", "tk-cb-b").status_code == 200


# --- the schedule editor -----------------------------------------------------------------------


def test_office_pages_refuse_reporters_and_other_communes(world: World) -> None:
    schedule = quarterly(world.commune)
    holiday = Holiday.objects.create(
        org_unit=world.commune, day=date(2026, 9, 2), name="Quốc khánh"
    )
    for user in (world.reporter_a, world.leader, world.viewer):
        assert get(user, "schedules").status_code == 403
        assert get(user, "schedule_add").status_code == 403
        assert get(user, "schedule_edit", schedule.pk).status_code == 403
        assert get(user, "holidays").status_code == 403
    outsider = client_of(world.outsider)
    assert get(world.outsider, "schedule_edit", schedule.pk).status_code == 404
    edit = reverse("reporting:schedule_edit", args=[schedule.pk])
    assert outsider.post(edit, {"title": "Đổi"}).status_code == 404
    assert get(world.outsider, "holidays", don_vi="tk").status_code == 404
    holidays = reverse("reporting:holidays")
    assert outsider.post(holidays, {"xoa": holiday.pk}).status_code == 404
    assert Holiday.objects.filter(pk=holiday.pk).exists()
    # The outsider's own list does not show the commune's schedule.
    listed = get(world.outsider, "schedules")
    assert listed.status_code == 200 and schedule.title not in listed.content.decode()
    assert ReportSchedule.objects.get(pk=schedule.pk).title == schedule.title


def schedule_post(plan_pk: int, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Báo cáo kết quả tuyên truyền, quán triệt quý I",
        "plan": plan_pk,
        "kind": ScheduleKind.ONE_OFF,
        "period": "2026-Q1",
        "due_date": "20/04/2026",
        "first_year": "",
        "last_year": "",
        "cutoff_day": "15",
        "due_working_days": "3",
        "unit_kinds": [OrgUnit.Kind.PARTY_CELL, OrgUnit.Kind.PEOPLES_COMMITTEE],
        "reviewer": "",
    }
    data.update(changes)
    return data


def test_the_schedule_editor_adds_opens_and_keeps_refused_input(world: World) -> None:
    board = OrgUnitFactory.create(
        parent=world.commune, code="tk-bxd", kind=OrgUnit.Kind.PARTY_BUILDING_BOARD
    )
    plan = quarterly(world.commune).plan
    client = client_of(world.office)
    add = reverse("reporting:schedule_add")
    blank = client.get(add)
    assert blank.status_code == 200
    form = blank.context["form"]
    assert form["reviewer"].value() == board.pk  # Ban Xây dựng Đảng by default
    assert form["cutoff_day"].value() == 15 and form["due_working_days"].value() == 1
    # A one-off report without its period: refused under the field, every value kept.
    refused = client.post(add, schedule_post(plan.pk, period=""))
    assert refused.status_code == 200
    assert refused.context["form"].errors["period"]
    html = refused.content.decode()
    assert 'value="Báo cáo kết quả tuyên truyền, quán triệt quý I"' in html
    assert 'value="20/04/2026"' in html and 'value="3"' in html
    assert re.search(r'value="peoples_committee"[^>]*checked', html)
    assert not re.search(r'value="front"[^>]*checked', html)
    assert not ReportSchedule.objects.filter(kind=ScheduleKind.ONE_OFF).exists()
    bad_period = client.post(add, schedule_post(plan.pk, period="2026-Q5"))
    assert "2026-Q5" in str(bad_period.context["form"].errors["period"])
    # Saved: the reviewer is the default, and the period begun is opened at once.
    saved = client.post(add, schedule_post(plan.pk))
    assert saved.status_code == 302
    schedule = ReportSchedule.objects.get(kind=ScheduleKind.ONE_OFF)
    assert schedule.reviewer == board and schedule.org_unit == world.commune
    assert schedule.unit_kinds == [OrgUnit.Kind.PARTY_CELL, OrgUnit.Kind.PEOPLES_COMMITTEE]
    opened = ReportRequest.objects.filter(schedule=schedule)
    assert {r.org_unit.code for r in opened} == {"tk-cb-a", "tk-cb-b", "tk-ubnd"}
    assert {r.due for r in opened} == {date(2026, 4, 20)}
    assert LogEntry.objects.filter(additional_data__action="reporting.schedule.created").exists()
    listed = client.get(reverse("reporting:schedules")).content.decode()
    assert schedule.title in listed and "Ủy ban nhân dân" in listed
    # Once units have requests, the kind stays; the title may change.
    edit = reverse("reporting:schedule_edit", args=[schedule.pk])
    assert client.get(edit).context["form"]["period"].value() == "2026-Q1"
    stuck = client.post(edit, schedule_post(plan.pk, kind=ScheduleKind.HALF, title="Mới"))
    assert stuck.status_code == 200 and stuck.context["form"].errors["kind"]
    assert 'value="Mới"' in stuck.content.decode()
    renamed = client.post(edit, schedule_post(plan.pk, title="Báo cáo chuyên đề quý I"))
    assert renamed.status_code == 302
    assert ReportSchedule.objects.get(pk=schedule.pk).title == "Báo cáo chuyên đề quý I"


def test_the_default_reviewer_is_the_plan_unit_without_a_board(world: World) -> None:
    plan = quarterly(world.commune).plan
    assert schedule_services.default_reviewer(plan) == world.commune
    form = client_of(world.office).get(reverse("reporting:schedule_add")).context["form"]
    assert form["reviewer"].value() == world.commune.pk


# --- holidays ----------------------------------------------------------------------------------


def test_holidays_add_refuse_a_duplicate_and_delete(world: World) -> None:
    city_day = Holiday.objects.create(org_unit=world.city, day=date(2026, 4, 30), name="30/4")
    client = client_of(world.office)
    url = reverse("reporting:holidays")
    page = client.get(url, {"nam": 2026})
    assert page.status_code == 200 and page.context["unit"] == world.commune
    assert "30/04/2026" in page.content.decode()  # the city's, read only
    assert f'name="xoa" value="{city_day.pk}"' not in page.content.decode()
    added = client.post(url + "?nam=2026", {"day": "02/09/2026", "name": "Quốc khánh"})
    assert added.status_code == 302 and added["Location"].endswith("?don_vi=tk&nam=2026")
    holiday = Holiday.objects.get(org_unit=world.commune, day=date(2026, 9, 2))
    assert LogEntry.objects.filter(additional_data__action="reporting.holiday.added").exists()
    twice = client.post(url, {"day": "2/9/2026", "name": "Nghỉ lễ Quốc khánh"})
    assert twice.status_code == 200
    assert "đã có trong lịch nghỉ (Quốc khánh)" in str(twice.context["form"].errors["day"])
    assert 'value="Nghỉ lễ Quốc khánh"' in twice.content.decode()
    assert Holiday.objects.filter(org_unit=world.commune).count() == 1
    wrong = client.post(url, {"day": "31/02/2026", "name": "Sai"})
    assert wrong.context["form"].errors["day"]
    # The city's day cannot be deleted from here; the commune's own can.
    assert client.post(url, {"xoa": city_day.pk}).status_code == 404
    assert client.post(url, {"xoa": holiday.pk}).status_code == 302
    assert not Holiday.objects.filter(pk=holiday.pk).exists()
    assert Holiday.objects.filter(pk=city_day.pk).exists()
    assert client_of(world.outsider).get(url, {"don_vi": "tk"}).status_code == 404
