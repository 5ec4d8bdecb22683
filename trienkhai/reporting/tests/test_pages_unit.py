"""The pages of the unit and the reviewer: "my reports", the reviewer's queue and the request
page with its steps. Every allowed step goes through; every forbidden one is refused with a
clear Vietnamese message (or 403 / 404); a second editor gets a conflict and keeps their
text; the lists cost the same number of queries for 3 and 30 reports."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from trienkhai.accounts.models import Role, User
from trienkhai.accounts.tests.factories import UserFactory
from trienkhai.conftest import World
from trienkhai.core.dates import format_date_short
from trienkhai.core.periods import parse_period
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.tests.factories import PlanFactory
from trienkhai.reporting import services
from trienkhai.reporting.models import (
    ReportEvent,
    ReportRequest,
    ReportSchedule,
    RequestState,
    ScheduleKind,
)
from trienkhai.reporting.opening import open_period

pytestmark = pytest.mark.django_db

S = RequestState
PERIOD = "2026-Q2"
ACTIONS = ("submit", "return", "accept", "reopen", "extend")
VERSION_INPUT = re.compile(
    r'<input type="hidden" name="version" value="(\d+)" id="noi-dung-version">'
)


def make_schedule(unit: Any, title: str = "Báo cáo quý kết quả thực hiện") -> ReportSchedule:
    return ReportSchedule.objects.create(
        plan=PlanFactory.create(org_unit=unit, seeded=True),
        org_unit=unit,
        title=title,
        kind=ScheduleKind.QUARTER,
        unit_kinds=["party_cell"],
        reviewer=unit,
        first_year=2026,
        last_year=2026,
    )


@pytest.fixture
def schedule(world: World) -> ReportSchedule:
    schedule = make_schedule(world.commune)
    open_period(schedule, parse_period(PERIOD))
    return schedule


def request_of(schedule: ReportSchedule, unit: Any, period: str = PERIOD) -> ReportRequest:
    return ReportRequest.objects.get(schedule=schedule, org_unit=unit, period=period)


def fresh(req: ReportRequest) -> ReportRequest:
    return ReportRequest.objects.get(pk=req.pk)


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, req: ReportRequest) -> str:
    return reverse(f"reporting:{name}", args=[req.pk])


def post(user: User, name: str, req: ReportRequest, **data: Any) -> Any:
    return client_of(user).post(url(name, req), data, follow=True)


def text(response: Any) -> str:
    return str(response.content.decode())


def content_version(response: Any) -> int:
    match = VERSION_INPUT.search(text(response))
    assert match, "the content form carries the version"
    return int(match.group(1))


def sent(world: World, req: ReportRequest, narrative: str = "Đã quán triệt đủ đảng viên.") -> None:
    services.request_submit(
        actor=world.reporter_a if req.org_unit == world.cell_a else world.reporter_b,
        request=fresh(req),
        version=None,
        narrative=narrative,
    )


# --- "Báo cáo của đơn vị" ----------------------------------------------------------------


def test_mine_shows_the_units_reports_by_state_with_due_late_and_extension(
    world: World, schedule: ReportSchedule
) -> None:
    today = timezone.localdate()
    own = request_of(schedule, world.cell_a)
    ReportRequest.objects.filter(pk=own.pk).update(due=today - timedelta(days=3))
    later = make_schedule(world.commune, "Báo cáo chuyên đề quán triệt")
    open_period(later, parse_period(PERIOD))
    extended = request_of(later, world.cell_a)
    ReportRequest.objects.filter(pk=extended.pk).update(
        due=today - timedelta(days=10),
        extended_due=today + timedelta(days=4),
        extension_reason="Chi bộ đang họp",
    )
    html = text(client_of(world.reporter_a).get(reverse("reporting:mine")))
    assert "Báo cáo của đơn vị" in html and "Chưa làm" in html
    assert "quá hạn 3 ngày" in html
    assert f"Hạn nộp {format_date_short(today - timedelta(days=3))}" in html
    # The extension counts: not late, the new date shown with the old one.
    assert f"Gia hạn đến {format_date_short(today + timedelta(days=4))}" in html
    assert "quá hạn 10 ngày" not in html and "còn 4 ngày" in html
    assert url("request", own) in html and url("request", extended) in html
    # Only the unit's own reports: not chi bộ B's.
    assert url("request", request_of(schedule, world.cell_b)) not in html


def test_mine_groups_follow_the_state_and_a_sent_report_is_not_late(
    world: World, schedule: ReportSchedule
) -> None:
    req = request_of(schedule, world.cell_a)
    ReportRequest.objects.filter(pk=req.pk).update(due=timezone.localdate() - timedelta(days=2))
    sent(world, req)
    response = client_of(world.reporter_a).get(reverse("reporting:mine"))
    groups = {g.state: [c.req.pk for c in g.cards] for g in response.context["groups"]}
    assert groups == {S.SUBMITTED: [req.pk]}
    assert "Đã gửi, chờ duyệt" in text(response) and "quá hạn" not in text(response)


def test_mine_needs_a_unit_that_reports_and_shows_an_outsider_nothing_of_ours(
    world: World, schedule: ReportSchedule
) -> None:
    assert client_of(world.leader).get(reverse("reporting:mine")).status_code == 403
    assert client_of(world.viewer).get(reverse("reporting:mine")).status_code == 403
    response = client_of(world.outsider).get(reverse("reporting:mine"))
    assert response.status_code == 200
    assert "Chi bộ thôn A" not in text(response)
    assert "chưa có báo cáo nào" in text(response)


# --- the reviewer's queue -------------------------------------------------------------------


def test_review_queue_lists_sent_reports_oldest_first(
    world: World, schedule: ReportSchedule
) -> None:
    a, b = request_of(schedule, world.cell_a), request_of(schedule, world.cell_b)
    sent(world, b)
    sent(world, a)
    services.request_return(actor=world.office, request=fresh(a), version=None, reason="Thiếu số")
    sent(world, a)
    ReportRequest.objects.filter(pk=b.pk).update(
        submitted_at=timezone.make_aware(datetime(2026, 7, 1, 8, 5))
    )
    response = client_of(world.office).get(reverse("reporting:queue"))
    assert [r.pk for r in response.context["rows"]] == [b.pk, a.pk]
    html = text(response)
    assert html.index("Chi bộ thôn B") < html.index("Chi bộ thôn A")
    assert "Báo cáo quý kết quả thực hiện" in html and "Quý II năm 2026" in html
    assert "01/07/2026 08:05" in html
    assert re.search(r'<td class="text-end">1</td>', html)  # A was returned once
    assert url("request", a) in html and url("request", b) in html


def test_review_queue_is_the_reviewers_only(world: World, schedule: ReportSchedule) -> None:
    sent(world, request_of(schedule, world.cell_a))
    assert client_of(world.reporter_a).get(reverse("reporting:queue")).status_code == 403
    assert client_of(world.leader).get(reverse("reporting:queue")).status_code == 403
    response = client_of(world.outsider).get(reverse("reporting:queue"))
    assert response.status_code == 200
    assert response.context["rows"] == [] and "Chi bộ thôn A" not in text(response)
    assert "Không có báo cáo nào đang chờ duyệt" in text(response)


# --- the request page -----------------------------------------------------------------------


def test_the_unit_sees_the_facts_and_its_form(world: World, schedule: ReportSchedule) -> None:
    req = request_of(schedule, world.cell_a)
    response = client_of(world.reporter_a).get(url("request", req))
    html = text(response)
    assert response.status_code == 200
    assert "Báo cáo quý kết quả thực hiện" in html and "Quý II năm 2026" in html
    window = f"từ {format_date_short(req.window_start)} đến {format_date_short(req.window_end)}"
    assert window in html and format_date_short(req.due) in html
    assert "req-state-not_started" in html and "Chưa làm" in html
    assert "Lưu nháp" in html and "Gửi báo cáo" in html
    assert content_version(response) == req.version
    assert 'name="action" value="save"' in html
    # The unit has no reviewer's step, and is not writing for someone else.
    for word in ("Duyệt</button>", "Trả lại</button>", "Gia hạn</button>", "Mở lại</button>"):
        assert word not in html
    assert "nhập thay" not in html


def test_the_reviewer_sees_its_steps_and_writes_for_the_unit(
    world: World, schedule: ReportSchedule
) -> None:
    req = request_of(schedule, world.cell_a)
    html = text(client_of(world.office).get(url("request", req)))
    assert "Gia hạn</button>" in html and "nhập thay" in html and "Lưu nháp" in html
    assert "Duyệt</button>" not in html  # nothing sent yet
    sent(world, req)
    html = text(client_of(world.office).get(url("request", req)))
    assert "Duyệt</button>" in html and "Trả lại</button>" in html
    assert "Đã quán triệt đủ đảng viên." in html and "Lưu nháp" not in html
    services.request_accept(actor=world.office, request=fresh(req), version=None)
    html = text(client_of(world.office).get(url("request", req)))
    assert "Mở lại</button>" in html and "Duyệt</button>" not in html
    assert "Gia hạn</button>" not in html


def test_a_leader_reads_the_report_and_acts_on_nothing(
    world: World, schedule: ReportSchedule
) -> None:
    req = request_of(schedule, world.cell_a)
    sent(world, req)
    html = text(client_of(world.leader).get(url("request", req)))
    assert "Đã quán triệt đủ đảng viên." in html
    for word in ("Lưu nháp", "Duyệt</button>", "Trả lại</button>", "Gia hạn</button>"):
        assert word not in html


def test_the_whole_loop_over_the_pages_with_its_timeline(
    world: World, schedule: ReportSchedule
) -> None:
    req = request_of(schedule, world.cell_a)
    response = post(
        world.reporter_a, "submit", req, narrative="Bản nháp", version=req.version, action="save"
    )
    assert "Đã lưu bản nháp." in text(response)
    req = fresh(req)
    assert (req.state, req.narrative) == (S.DRAFT, "Bản nháp")

    response = post(world.reporter_a, "submit", req, narrative="Bản gửi", version=req.version)
    assert "Đã gửi báo cáo đến Đảng bộ xã Tân Kỳ." in text(response)
    req = fresh(req)
    assert (req.state, req.narrative) == (S.SUBMITTED, "Bản gửi")

    response = post(world.office, "return", req, reason="Thiếu số liệu", version=req.version)
    assert "Đã trả lại báo cáo cho Chi bộ thôn A." in text(response)
    req = fresh(req)
    assert (req.state, req.returns) == (S.RETURNED, 1)
    html = text(client_of(world.reporter_a).get(url("request", req)))
    assert "Báo cáo bị trả lại" in html and "Thiếu số liệu" in html

    post(world.reporter_a, "submit", req, narrative="Bản bổ sung", version=req.version)
    req = fresh(req)
    response = post(world.office, "accept", req, version=req.version)
    assert "Đã duyệt báo cáo của Chi bộ thôn A." in text(response)
    req = fresh(req)
    assert req.state == S.ACCEPTED and req.accepted_at is not None

    response = post(world.office, "reopen", req, reason="Sai số đảng viên", version=req.version)
    assert "Đã mở lại báo cáo" in text(response)
    req = fresh(req)
    assert (req.state, req.accepted_at) == (S.RETURNED, None)

    until = req.due + timedelta(days=7)
    response = post(
        world.office, "extend", req, until=format_date_short(until), reason="Chi bộ xin thêm"
    )
    assert f"Đã gia hạn đến {format_date_short(until)}." in text(response)
    req = fresh(req)
    assert (req.extended_due, req.extension_reason) == (until, "Chi bộ xin thêm")

    html = text(client_of(world.reporter_a).get(url("request", req)))
    actions = list(ReportEvent.objects.filter(request=req).values_list("action", flat=True))
    assert actions == [
        "saved",
        "submitted",
        "returned",
        "submitted",
        "accepted",
        "reopened",
        "extended",
    ]
    first = ReportEvent.objects.filter(request=req).first()
    assert first is not None
    assert timezone.localtime(first.at).strftime("%d/%m/%Y %H:%M") in html
    for words in ("Lưu bản nháp", "Gửi báo cáo", "Trả lại", "Duyệt", "Mở lại", "Gia hạn"):
        assert words in html
    assert "Sai số đảng viên" in html and f"gia hạn đến {format_date_short(until)}" in html
    assert world.office.get_full_name() in html


def test_the_office_writing_for_the_unit_is_marked_nhap_thay(
    world: World, schedule: ReportSchedule
) -> None:
    req = request_of(schedule, world.cell_a)
    post(world.office, "submit", req, narrative="Văn phòng nhập", version=req.version)
    event = ReportEvent.objects.get(request=req)
    assert event.on_behalf and fresh(req).state == S.SUBMITTED
    html = text(client_of(world.reporter_a).get(url("request", req)))
    assert '<span class="badge text-bg-info">nhập thay</span>' in html


# --- refused steps: the message under its field, what was typed kept ----------------------


def test_submitting_an_accepted_report_is_refused_and_the_text_kept(
    world: World, schedule: ReportSchedule
) -> None:
    req = request_of(schedule, world.cell_a)
    sent(world, req, "Bản đã duyệt")
    services.request_accept(actor=world.office, request=fresh(req), version=None)
    req = fresh(req)
    for action in ("save", "submit"):
        response = post(
            world.reporter_a, "submit", req, narrative="Sửa lén", version=req.version, action=action
        )
        assert response.status_code == 200
        html = text(response)
        assert "Báo cáo đã được duyệt nên đã khóa" in html
        assert ">\nSửa lén</textarea>" in html
    assert fresh(req).narrative == "Bản đã duyệt" and fresh(req).state == S.ACCEPTED


def test_editing_after_submission_is_refused(world: World, schedule: ReportSchedule) -> None:
    req = request_of(schedule, world.cell_a)
    sent(world, req, "Bản đã gửi")
    req = fresh(req)
    response = post(
        world.reporter_a, "submit", req, narrative="Sửa thêm", version=req.version, action="save"
    )
    html = text(response)
    assert "Báo cáo đã gửi, đang chờ xem xét: không sửa được nữa" in html
    assert ">\nSửa thêm</textarea>" in html
    assert fresh(req).narrative == "Bản đã gửi" and fresh(req).version == req.version


def test_sending_an_empty_report_says_so_under_the_text(
    world: World, schedule: ReportSchedule
) -> None:
    req = request_of(schedule, world.cell_a)
    response = post(world.reporter_a, "submit", req, narrative="  ", version=req.version)
    errors = response.context["content_form"].errors
    assert errors["narrative"] == [
        "Báo cáo chưa có nội dung: hãy nhập kết quả thực hiện, hoặc đính kèm bản báo cáo đã ký "
        "(Word hoặc PDF) trước khi gửi."
    ]
    assert fresh(req).state == S.NOT_STARTED


def test_the_reviewers_refused_steps(world: World, schedule: ReportSchedule) -> None:
    req = request_of(schedule, world.cell_a)
    # Nothing sent yet: no return, no accept, no reopen.
    response = post(world.office, "accept", req, version=req.version)
    assert "Chỉ duyệt được báo cáo đã gửi (báo cáo này: chưa làm)." in text(response)
    response = post(world.office, "return", req, reason="Thiếu", version=req.version)
    assert "Chỉ trả lại được báo cáo đã gửi" in text(response)
    assert ">\nThiếu</textarea>" in text(response)
    response = post(world.office, "reopen", req, reason="Mở", version=req.version)
    assert "Chỉ mở lại được báo cáo đã duyệt." in text(response)
    sent(world, req)
    req = fresh(req)
    # A return needs its reason, under the reason.
    response = post(world.office, "return", req, reason="", version=req.version)
    assert response.context["return_form"].errors["reason"] == [
        "Cần ghi lý do trả lại để đơn vị biết phải sửa gì."
    ]
    assert fresh(req).state == S.SUBMITTED
    services.request_accept(actor=world.office, request=fresh(req), version=None)
    req = fresh(req)
    response = post(world.office, "reopen", req, reason=" ", version=req.version)
    assert response.context["reopen_form"].errors["reason"] == [
        "Cần ghi lý do mở lại báo cáo đã duyệt."
    ]
    response = post(world.office, "extend", req, until="30/12/2026", reason="Xin thêm")
    assert "Báo cáo đã duyệt, không cần gia hạn." in text(response)
    assert fresh(req).state == S.ACCEPTED and fresh(req).extended_due is None


def test_an_extension_needs_a_later_date_typed_dd_mm_yyyy_and_a_reason(
    world: World, schedule: ReportSchedule
) -> None:
    req = request_of(schedule, world.cell_a)
    response = post(world.office, "extend", req, until="2026-13-45", reason="Xin thêm")
    errors = response.context["extend_form"].errors
    assert errors["until"] == ["Ngày không đúng định dạng dd/mm/yyyy, ví dụ 25/07/2026."]
    assert ">\nXin thêm</textarea>" in text(response)
    early = format_date_short(req.due - timedelta(days=1))
    response = post(world.office, "extend", req, until=early, reason="Xin thêm")
    assert response.context["extend_form"].errors["until"] == [
        f"Ngày gia hạn phải sau hạn nộp ({format_date_short(req.due)})."
    ]
    assert f'value="{early}"' in text(response)
    later = format_date_short(req.due + timedelta(days=3))
    response = post(world.office, "extend", req, until=later, reason="")
    assert response.context["extend_form"].errors["reason"] == ["Cần ghi lý do gia hạn."]
    assert fresh(req).extended_due is None


def test_a_reporter_trying_the_reviewers_steps_gets_403(
    world: World, schedule: ReportSchedule
) -> None:
    req = request_of(schedule, world.cell_a)
    sent(world, req)
    req = fresh(req)
    reporter = client_of(world.reporter_a)
    for name, data in (
        ("accept", {"version": req.version}),
        ("return", {"version": req.version, "reason": "Tự trả"}),
        ("reopen", {"version": req.version, "reason": "Tự mở"}),
        ("extend", {"until": "30/12/2026", "reason": "Tự gia hạn"}),
    ):
        assert reporter.post(url(name, req), data).status_code == 403, name
    assert fresh(req).state == S.SUBMITTED and fresh(req).extended_due is None
    # A reader of the commune writes nothing either.
    response = client_of(world.viewer).post(
        url("submit", req), {"narrative": "Xem", "version": req.version}
    )
    assert response.status_code == 403


def test_acting_outside_ones_scope_is_404(world: World, schedule: ReportSchedule) -> None:
    """Chi bộ B cannot open or act on chi bộ A's report, nor the outsider on any."""
    req = request_of(schedule, world.cell_a)
    for user in (world.reporter_b, world.outsider):
        client = client_of(user)
        assert client.get(url("request", req)).status_code == 404
        for name in ACTIONS:
            data = {"narrative": "X", "version": req.version, "reason": "X", "until": "1/1/2027"}
            assert client.post(url(name, req), data).status_code == 404, (user, name)
    assert fresh(req).state == S.NOT_STARTED and fresh(req).narrative == ""


def test_a_reviewer_of_another_commune_gets_404(world: World) -> None:
    """The outsider reviews Lạc Môn's reports; Tân Kỳ's office cannot reach them, nor it
    Tân Kỳ's."""
    theirs = make_schedule(world.other_commune)
    open_period(theirs, parse_period(PERIOD))
    their_req = request_of(theirs, world.other_cell)
    services.request_submit(
        actor=world.outsider, request=their_req, version=None, narrative="Lạc Môn"
    )
    their_req = fresh(their_req)
    office = client_of(world.office)
    assert office.get(url("request", their_req)).status_code == 404
    for name in ("accept", "return", "extend"):
        data = {"version": their_req.version, "reason": "X", "until": "1/1/2027"}
        assert office.post(url(name, their_req), data).status_code == 404
    assert fresh(their_req).state == S.SUBMITTED
    # The outsider reviews its own: the queue has it, the page answers.
    assert client_of(world.outsider).get(url("request", their_req)).status_code == 200
    ours = make_schedule(world.commune, "Báo cáo của Tân Kỳ")
    open_period(ours, parse_period(PERIOD))
    our_req = request_of(ours, world.cell_a)
    sent(world, our_req)
    outsider = client_of(world.outsider)
    response = outsider.post(url("accept", our_req), {"version": fresh(our_req).version})
    assert response.status_code == 404
    assert fresh(our_req).state == S.SUBMITTED


def test_the_action_urls_take_only_posts(world: World, schedule: ReportSchedule) -> None:
    req = request_of(schedule, world.cell_a)
    for name in ACTIONS:
        assert client_of(world.office).get(url(name, req)).status_code == 405


# --- two editors at once (must-show 2) ------------------------------------------------------


def test_a_second_editor_gets_a_conflict_and_keeps_their_text(
    world: World, schedule: ReportSchedule
) -> None:
    """The office ("nhập thay") and chi bộ A's reporter open the same report; the reporter
    saves first. The office's save is refused as stale: the reporter's text stays in the
    database and is shown read-only, the office's own text is still in its textarea with the
    new version, and saving again goes through."""
    req = request_of(schedule, world.cell_a)
    office, reporter = client_of(world.office), client_of(world.reporter_a)
    read_by_office = content_version(office.get(url("request", req)))
    read_by_reporter = content_version(reporter.get(url("request", req)))
    assert read_by_office == read_by_reporter == req.version

    first = "Chi bộ đã tổ chức học tập cho 45/46 đảng viên."
    response = reporter.post(
        url("submit", req),
        {"narrative": first, "version": read_by_reporter, "action": "save"},
        follow=True,
    )
    assert "Đã lưu bản nháp." in text(response)
    now = fresh(req).version
    assert now == read_by_office + 1

    second = "Văn phòng ghi: 46/46 đảng viên."
    response = office.post(
        url("submit", req), {"narrative": second, "version": read_by_office, "action": "save"}
    )
    assert response.status_code == 200
    html = text(response)
    assert "vừa được" in html and "Nội dung của đồng chí vẫn còn bên dưới" in html
    assert world.reporter_a.get_full_name() in html  # who changed it
    # The database keeps the first editor's text.
    assert fresh(req).narrative == first and fresh(req).version == now
    # The page shows the current report read-only and the office's own text in the form.
    assert response.context["stale"].narrative == first
    start = html.index("Bản hiện tại trên hệ thống")
    stale_panel = html[start : html.index("<form", start)]
    assert first in stale_panel and "Đang soạn" in stale_panel
    assert f">\n{second}</textarea>" in html and f">\n{first}</textarea>" not in html
    assert content_version(response) == now

    # Saving again, with the version the page now carries, goes through.
    response = office.post(
        url("submit", req),
        {"narrative": second, "version": content_version(response), "action": "save"},
        follow=True,
    )
    assert "Đã lưu bản nháp." in text(response)
    assert fresh(req).narrative == second and fresh(req).version == now + 1


def test_two_reporters_of_one_chi_bo_and_a_stale_send(
    world: World, schedule: ReportSchedule
) -> None:
    other = UserFactory.create(username="bao_cao_a2", unit=world.cell_a, role=Role.REPORTER)
    req = request_of(schedule, world.cell_a)
    post(world.reporter_a, "submit", req, narrative="Bản của đồng chí 1", version=req.version)
    assert fresh(req).state == S.SUBMITTED
    response = client_of(other).post(
        url("submit", req), {"narrative": "Bản của đồng chí 2", "version": req.version}
    )
    html = text(response)
    assert "vừa được" in html and "(đã gửi)" in html
    assert ">\nBản của đồng chí 2</textarea>" in html
    assert fresh(req).narrative == "Bản của đồng chí 1"
    # With the new version the step is still refused: the report was sent meanwhile.
    response = client_of(other).post(
        url("submit", req),
        {"narrative": "Bản của đồng chí 2", "version": content_version(response)},
    )
    assert "Báo cáo đã gửi, đang chờ xem xét" in text(response)
    assert fresh(req).narrative == "Bản của đồng chí 1"


def test_a_stale_accept_keeps_the_colleagues_return(world: World, schedule: ReportSchedule) -> None:
    colleague = UserFactory.create(username="bxd_2", unit=world.commune, role=Role.OFFICE)
    req = request_of(schedule, world.cell_a)
    sent(world, req)
    req = fresh(req)
    post(colleague, "return", req, reason="Thiếu biểu số liệu", version=req.version)
    response = post(world.office, "accept", req, version=req.version)
    assert "vừa được" in text(response) and "(trả lại)" in text(response)
    assert fresh(req).state == S.RETURNED and fresh(req).accepted_at is None


# --- query counts ---------------------------------------------------------------------------


def add_cells(world: World, count: int, start: int) -> None:
    for i in range(start, start + count):
        OrgUnitFactory.create(parent=world.commune, code=f"tk-cb-{i}", name=f"Chi bộ thôn {i}")


def queries_of(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_mine_and_the_queue_cost_the_same_for_3_and_30_reports(world: World) -> None:
    schedule = make_schedule(world.commune)
    period = parse_period(PERIOD)
    add_cells(world, 1, 100)  # with chi bộ A and B: 3 reports
    open_period(schedule, period)
    office = client_of(world.office)

    def send_all() -> None:
        for req in ReportRequest.objects.filter(state=S.NOT_STARTED).select_related(
            "schedule", "org_unit"
        ):
            services.request_submit(actor=world.office, request=req, version=None, narrative="x")

    assert ReportRequest.objects.count() == 3
    mine_small = queries_of(office, reverse("reporting:mine"))
    send_all()
    queue_small = queries_of(office, reverse("reporting:queue"))
    add_cells(world, 27, 200)
    open_period(schedule, period)
    assert ReportRequest.objects.count() == 30
    mine_large = queries_of(office, reverse("reporting:mine"))
    send_all()
    queue_large = queries_of(office, reverse("reporting:queue"))
    assert mine_small == mine_large
    assert queue_small == queue_large
    assert len(office.get(reverse("reporting:queue")).context["rows"]) == 30
