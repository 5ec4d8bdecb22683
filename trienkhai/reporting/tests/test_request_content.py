"""The content of a unit's report on its page: the figures prefilled as the system counted
them, grouped by section; a correction asks for its reason under that very figure and keeps
everything typed; the reviewer sees both numbers and the reason; hard checks refuse even with
a note; a report may be only its signed file; the office's entry is "nhập thay"; files,
refresh and conflicts; other units get 404; the page costs the same for 3 and 30 figures.

The figures come from a provider of this file only (the modules' own are set aside), so the
numbers below are known by hand."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trienkhai.accounts.models import User
from trienkhai.conftest import World
from trienkhai.core.tests.test_files import make_docx
from trienkhai.documents import figures as figures_module
from trienkhai.documents.figures import Figure, FigureValue, register_report_figures
from trienkhai.documents.summary import SummaryScope
from trienkhai.reporting import services
from trienkhai.reporting.models import ReportAttachment, ReportEvent, ReportRequest, RequestState
from trienkhai.reporting.tests.factories import quarterly, requests_for

pytestmark = pytest.mark.django_db

S = RequestState
HEADCOUNT, ATTENDED = "study.pm.headcount", "study.pm.attended"
MEDIA, TARGET = "media.total", "target.1"
NOTE = "2 đồng chí học bù ngày 12/6, biên bản nộp muộn"
# A one-page PDF: uploads are opened and must have a page (core.files).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 9 9]>>endobj\ntrailer<</Root 1 0 R>>"
    b"\nstartxref\n0\n%%EOF\n"
)


@dataclass
class System:
    """What the test's provider counts; tests change it to play data entered late."""

    values: dict[str, FigureValue] = field(
        default_factory=lambda: {
            HEADCOUNT: 2909,
            ATTENDED: 2850,
            MEDIA: 1250,
            TARGET: Decimal("15.5"),
        }
    )
    extra: int = 0  # more task figures, for the query count

    def figures(self, scope: SummaryScope) -> list[Figure]:
        v = self.values
        party = "Đảng viên"
        return [
            Figure(
                TARGET,
                "targets",
                "1. Tỷ lệ hộ dùng nước sạch",
                v[TARGET],
                "%",
                "Chỉ tiêu",
                additive=False,
                integer=False,
            ),
            Figure(HEADCOUNT, "study", "Tổng số đảng viên", v[HEADCOUNT], "đảng viên", party),
            Figure(
                ATTENDED,
                "study",
                "Đảng viên đã học tập, quán triệt",
                v[ATTENDED],
                "đảng viên",
                party,
                at_most=HEADCOUNT,
            ),
            Figure(MEDIA, "propaganda", "Tổng số tin, bài", v[MEDIA], "tin, bài", "Tin, bài"),
            *(
                Figure(f"tasks.{i}", "programmes", f"Nhiệm vụ {i}", i, "nhiệm vụ", "Nhiệm vụ")
                for i in range(self.extra)
            ),
        ]


@pytest.fixture
def system(monkeypatch: pytest.MonkeyPatch) -> Iterator[System]:
    """Only this file's provider counts (the registry is put back afterwards)."""
    counted = System()
    monkeypatch.setattr(figures_module, "FIGURE_PROVIDERS", [])
    register_report_figures(counted.figures)
    yield counted


@pytest.fixture
def req(world: World, system: System) -> ReportRequest:
    """Chi bộ A's report for quý II/2026 (data 15/03–14/06), reviewed by the commune."""
    return requests_for(quarterly(world.commune), "2026-Q2")["tk-cb-a"]


def fresh(r: ReportRequest) -> ReportRequest:
    return ReportRequest.objects.select_related("schedule", "org_unit").get(pk=r.pk)


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, r: ReportRequest, *args: Any) -> str:
    return reverse(f"reporting:{name}", args=[r.pk, *args])


def text(response: Any) -> str:
    return str(response.content.decode())


def typed(
    response: Any,
    figures: dict[str, str] | None = None,
    notes: dict[str, str] | None = None,
    **changes: str,
) -> dict[str, str]:
    """The content form as the page fills it, with `figures` and their `notes` (by key) and
    the other `changes` (by field name) typed in."""
    form = response.context["content_form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: "" if v is None else str(v) for k, v in data.items()}
    data.update({so(k): v for k, v in (figures or {}).items()})
    data.update({ghi_chu(k): v for k, v in (notes or {}).items()})
    return {**data, **changes}


def so(key: str) -> str:
    return f"so_{key}"


def ghi_chu(key: str) -> str:
    return f"ghi_chu_{key}"


def input_of(html: str, name: str) -> str:
    match = re.search(rf'<input type="text" name="{re.escape(name)}"[^>]*>', html)
    assert match, name
    return match.group(0)


# --- the form ------------------------------------------------------------------------------


def test_the_page_shows_the_prefilled_figures_by_section(world: World, req: ReportRequest) -> None:
    response = client_of(world.reporter_a).get(url("request", req))
    html = text(response)
    # Sections in the report's order, whatever order the modules gave the figures in.
    headings = ["Học tập, quán triệt", "Tuyên truyền", "Chỉ tiêu"]
    positions = [html.index(f'req-fig-heading">{h}</legend>') for h in headings]
    assert positions == sorted(positions)
    assert "Hệ thống: 2.909 đảng viên, tính đến 14/06/2026" in html
    assert "Hệ thống: 15,5 %, tính đến 14/06/2026" in html
    headcount = input_of(html, so(HEADCOUNT))
    assert 'value="2.909"' in headcount and 'inputmode="numeric"' in headcount
    target = input_of(html, so(TARGET))
    assert 'value="15,5"' in target and 'inputmode="decimal"' in target
    # Nothing differs yet: no note asked for, no previous period to compare with.
    assert "<details" in html and '<details class="req-fig-note mt-1" open>' not in html
    assert "Kỳ trước" not in html
    for part in ("Kết quả thực hiện", "Hạn chế", "Nguyên nhân", "Đề xuất", "Kiến nghị"):
        assert f">{part}</label>" in html
    assert "Cập nhật số liệu từ hệ thống" in html and url("refresh", req) in html
    assert url("attach", req) in html and "Báo cáo có thể chỉ là bản đã ký" in html
    assert 'src="/static/reporting/content.js"' in html


def test_a_correction_without_a_note_is_refused_under_it_and_everything_typed_is_kept(
    world: World, req: ReportRequest
) -> None:
    client = client_of(world.reporter_a)
    data = typed(
        client.get(url("request", req)),
        {ATTENDED: "2.860", TARGET: "15,5"},
        narrative="Đã quán triệt.",
        han_che="Còn 49 đồng chí chưa học.",
        action="submit",
    )
    response = client.post(url("submit", req), data)
    assert response.status_code == 200
    errors = response.context["content_form"].errors
    assert errors[so(ATTENDED)] == ["Số liệu khác số hệ thống (2.850): ghi rõ lý do điều chỉnh."]
    assert set(errors) == {so(ATTENDED), "__all__"}
    assert errors["__all__"] == ["Có 1 số liệu cần xem lại (ghi ở dưới từng số liệu)."]
    html = text(response)
    # The message sits under the attended figure, before the next one; its note is asked for.
    attended = html.index(input_of(html, so(ATTENDED)))
    message = html.index("Số liệu khác số hệ thống (2.850)")
    assert attended < message < html.index(f'name="{so(MEDIA)}"')
    assert "is-invalid" in input_of(html, so(ATTENDED))
    note = re.search(rf'<input type="text" name="{ghi_chu(ATTENDED)}"[^>]*>', html)
    assert note and "required" in note.group(0)
    # What was typed is still there.
    assert 'value="2.860"' in input_of(html, so(ATTENDED))
    assert ">\nĐã quán triệt.</textarea>" in html
    assert ">\nCòn 49 đồng chí chưa học.</textarea>" in html
    r = fresh(req)
    assert (r.state, r.fields, r.narrative, r.sections) == (S.NOT_STARTED, {}, "", {})


def test_with_a_note_it_is_sent_and_the_reviewer_sees_both_numbers_and_the_reason(
    world: World, req: ReportRequest
) -> None:
    client = client_of(world.reporter_a)
    data = typed(
        client.get(url("request", req)),
        {ATTENDED: "2.860"},
        {ATTENDED: NOTE},
        narrative="Đã quán triệt.",
        kien_nghi="Đề nghị cấp thêm tài liệu.",
        action="submit",
    )
    response = client.post(url("submit", req), data, follow=True)
    assert "Đã gửi báo cáo đến Đảng bộ xã Tân Kỳ." in text(response)
    r = fresh(req)
    assert r.state == S.SUBMITTED
    assert (r.fields[ATTENDED], r.fields[HEADCOUNT], r.fields[TARGET]) == (2860, 2909, "15.5")
    assert r.notes == {ATTENDED: NOTE}
    assert r.sections == {"kien_nghi": "Đề nghị cấp thêm tài liệu."}

    html = text(client_of(world.office).get(url("request", req)))
    assert f"Đơn vị sửa: 2.860 — hệ thống: 2.850 — lý do: {NOTE}" in html
    row = html[html.index("Đảng viên đã học tập, quán triệt") - 80 :]
    assert 'class="req-fig-row req-fig-corrected"' in row[:200]
    assert html.count("req-fig-corrected") == 1  # the others are as counted
    assert "Đề nghị cấp thêm tài liệu." in html and ">Kiến nghị</h3>" in html
    assert "Lưu nháp" not in html and 'name="so_' not in html  # read-only for the reviewer


def test_vietnamese_number_formats_are_read(world: World, req: ReportRequest) -> None:
    client = client_of(world.reporter_a)
    data = typed(
        client.get(url("request", req)),
        {MEDIA: "1250", TARGET: "16,25", HEADCOUNT: "2.909"},
        {TARGET: "Số của UBND xã"},
        action="save",
    )
    client.post(url("submit", req), data)
    r = fresh(req)
    assert (r.fields[MEDIA], r.fields[TARGET], r.fields[HEADCOUNT]) == (1250, "16.25", 2909)
    html = text(client.get(url("request", req)))
    assert 'value="1.250"' in input_of(html, so(MEDIA))
    assert 'value="16,25"' in input_of(html, so(TARGET))


@pytest.mark.parametrize(
    ("key", "value", "note", "message"),
    [
        # A part above its whole, even explained.
        (
            ATTENDED,
            "3.000",
            "Có người học hai lần",
            "Đảng viên đã học tập, quán triệt (3.000) không được lớn hơn tổng số đảng viên "
            "(2.909).",
        ),
        (MEDIA, "-5", "Gõ nhầm", "Số liệu không được âm."),
        (MEDIA, "15,5", "", "“15,5” không phải số nguyên."),
        (MEDIA, "mười hai", "", "“mười hai” không phải số nguyên."),
    ],
)
def test_hard_checks_refuse_a_draft_too(
    world: World, req: ReportRequest, key: str, value: str, note: str, message: str
) -> None:
    client = client_of(world.reporter_a)
    page = client.get(url("request", req))
    for action in ("save", "submit"):
        data = typed(page, {key: value}, {key: note}, narrative="Kết quả.", action=action)
        response = client.post(url("submit", req), data)
        assert response.context["content_form"].errors[so(key)] == [message]
        assert f'value="{value}"' in input_of(text(response), so(key))
    assert fresh(req).fields == {} and fresh(req).state == S.NOT_STARTED


def test_a_swing_from_the_last_period_shows_it_and_asks_for_a_note(
    world: World, req: ReportRequest
) -> None:
    q1 = requests_for(req.schedule, "2026-Q1")["tk-cb-a"]
    q1.fields, q1.state = {MEDIA: 400}, S.ACCEPTED
    q1.save()
    client = client_of(world.reporter_a)
    page = client.get(url("request", req))
    html = text(page)
    assert "Kỳ trước: 400" in html
    assert "Chênh lệch hơn 50% so với kỳ trước: ghi chú lý do." in html
    note = re.search(rf'<input type="text" name="{ghi_chu(MEDIA)}"[^>]*>', html)
    assert note and "required" in note.group(0)
    response = client.post(url("submit", req), typed(page, narrative="x", action="submit"))
    assert response.context["content_form"].errors[so(MEDIA)] == [
        "Chênh lệch hơn 50% so với kỳ trước (400): ghi chú lý do."
    ]
    data = typed(page, notes={MEDIA: "Kỳ này có Đại hội"}, narrative="x", action="submit")
    client.post(url("submit", req), data)
    assert fresh(req).state == S.SUBMITTED


# --- files -----------------------------------------------------------------------------------


def test_a_report_of_only_its_signed_file_goes_through(world: World, req: ReportRequest) -> None:
    client = client_of(world.reporter_a)
    page = client.get(url("request", req))
    response = client.post(url("submit", req), typed(page, action="submit"))
    assert "đính kèm bản báo cáo đã ký" in str(response.context["content_form"].errors)
    upload = SimpleUploadedFile("bao-cao-quy-2.docx", make_docx())
    response = client.post(url("attach", req), {"file": upload, "signed": "on"}, follow=True)
    assert "Đã đính kèm bản báo cáo đã ký “bao-cao-quy-2.docx”." in text(response)
    attachment = ReportAttachment.objects.get(request=req)
    assert attachment.signed
    html = text(response)
    assert reverse("core:file_download", args=[attachment.file_id]) in html
    assert url("detach", req, attachment.pk) in html and "bản đã ký" in html

    # The page as it is (figures as counted, no narrative) is sent.
    response = client.post(url("submit", req), typed(response, action="submit"), follow=True)
    assert "Đã gửi báo cáo" in text(response)
    r = fresh(req)
    assert (r.state, r.narrative, r.sections) == (S.SUBMITTED, "", {})
    html = text(client_of(world.office).get(url("request", req)))
    assert reverse("core:file_download", args=[attachment.file_id]) in html
    assert url("detach", req, attachment.pk) not in html  # sent: nothing to remove


def test_the_attached_file_downloads_for_the_unit_and_the_reviewer(
    world: World, req: ReportRequest
) -> None:
    attachment = services.request_attach(
        actor=world.reporter_a, request=req, data=PDF, name="phu-luc.pdf", signed=False
    )
    link = reverse("core:file_download", args=[attachment.file_id])
    for user in (world.reporter_a, world.office):
        assert client_of(user).get(link).status_code == 200
    assert client_of(world.reporter_b).get(link).status_code == 404


def test_a_refused_upload_says_why_and_an_annex_can_be_removed(
    world: World, req: ReportRequest
) -> None:
    client = client_of(world.reporter_a)
    # A signed report is Word or PDF, not a photo.
    photo = SimpleUploadedFile("bien-ban.pdf", b"not a pdf at all")
    response = client.post(url("attach", req), {"file": photo, "signed": "on"})
    assert response.status_code == 200
    assert response.context["attach_form"].errors["__all__"]
    response = client.post(url("attach", req), {})
    assert response.context["attach_form"].errors["file"] == ["Chọn tệp để tải lên."]
    annex = SimpleUploadedFile("phu-luc.pdf", PDF)
    client.post(url("attach", req), {"file": annex})
    attachment = ReportAttachment.objects.get(request=req)
    assert not attachment.signed
    response = client.post(url("detach", req, attachment.pk), follow=True)
    assert "Đã bỏ tệp “phu-luc.pdf” khỏi báo cáo." in text(response)
    assert not ReportAttachment.objects.filter(request=req).exists()


# --- the office for the unit, refresh, conflicts -----------------------------------------


def test_the_office_sending_for_the_unit_is_nhap_thay(world: World, req: ReportRequest) -> None:
    office = client_of(world.office)
    page = office.get(url("request", req))
    assert "Đồng chí đang nhập báo cáo thay cho Chi bộ thôn A." in text(page)
    data = typed(
        page,
        {ATTENDED: "2.855"},
        {ATTENDED: "Theo biên bản giấy của chi bộ"},
        narrative="Văn phòng nhập theo báo cáo giấy.",
        action="submit",
    )
    office.post(url("submit", req), data)
    event = ReportEvent.objects.get(request=req, action="submitted")
    assert event.on_behalf and event.actor == world.office
    entry = LogEntry.objects.get(additional_data__action="reporting.request.submitted")
    assert "Văn phòng nhập thay" in entry.changes_text
    html = text(client_of(world.reporter_a).get(url("request", req)))
    assert "Văn phòng nhập báo cáo thay cho Chi bộ thôn A." in html
    assert "Đơn vị sửa: 2.855 — hệ thống: 2.850 — lý do: Theo biên bản giấy của chi bộ" in html


def test_refreshing_follows_the_new_count_and_keeps_a_correction(
    world: World, req: ReportRequest, system: System
) -> None:
    client = client_of(world.reporter_a)
    data = typed(
        client.get(url("request", req)),
        {ATTENDED: "2.860"},
        {ATTENDED: NOTE},
        action="save",
    )
    client.post(url("submit", req), data)
    system.values[HEADCOUNT], system.values[ATTENDED] = 2950, 2855  # entered late
    r = fresh(req)
    response = client.post(url("refresh", req), {"version": r.version}, follow=True)
    assert "Đã cập nhật số liệu từ hệ thống (tính đến 14/06/2026)" in text(response)
    html = text(response)
    assert 'value="2.950"' in input_of(html, so(HEADCOUNT))
    assert 'value="2.860"' in input_of(html, so(ATTENDED))
    assert "Hệ thống: 2.855 đảng viên" in html
    r = fresh(req)
    assert r.notes == {ATTENDED: NOTE} and r.fields == {ATTENDED: 2860}
    # A refresh on a stale page is refused, and says so.
    response = client.post(url("refresh", req), {"version": r.version - 1})
    assert "vừa được" in text(response) and fresh(req).version == r.version


def test_a_second_editor_sees_the_other_persons_figures_and_keeps_their_own(
    world: World, req: ReportRequest
) -> None:
    office, reporter = client_of(world.office), client_of(world.reporter_a)
    office_page = office.get(url("request", req))
    reporter_page = reporter.get(url("request", req))
    data = typed(
        reporter_page,
        {ATTENDED: "2.860"},
        {ATTENDED: NOTE},
        narrative="Bản chi bộ",
        action="save",
    )
    reporter.post(url("submit", req), data)
    now = fresh(req).version

    mine = typed(
        office_page,
        {MEDIA: "1.300"},
        {MEDIA: "Thêm tin của đài xã"},
        narrative="Bản văn phòng",
        action="save",
    )
    response = office.post(url("submit", req), mine)
    html = text(response)
    assert "vừa được" in html and world.reporter_a.get_full_name() in html
    start = html.index("Bản hiện tại trên hệ thống")
    panel = html[start : html.index("<form", start)]
    assert f"Đơn vị sửa: 2.860 — hệ thống: 2.850 — lý do: {NOTE}" in panel
    assert "Bản chi bộ" in panel
    # The office's own figures and text are in its form, with the version now current.
    assert 'value="1.300"' in input_of(html, so(MEDIA))
    assert 'value="Thêm tin của đài xã"' in html and ">\nBản văn phòng</textarea>" in html
    assert response.context["content_form"]["version"].value() == str(now)
    assert fresh(req).fields[MEDIA] == 1250 and fresh(req).narrative == "Bản chi bộ"

    again = office.post(url("submit", req), typed(response), follow=True)
    assert "Đã lưu bản nháp." in text(again)
    r = fresh(req)
    assert (r.fields[MEDIA], r.narrative, r.version) == (1300, "Bản văn phòng", now + 1)


# --- scope, cost -----------------------------------------------------------------------------


def test_another_unit_gets_404_on_every_new_view(world: World, req: ReportRequest) -> None:
    attachment = services.request_attach(
        actor=world.reporter_a, request=req, data=PDF, name="phu-luc.pdf", signed=False
    )
    theirs = requests_for(req.schedule, "2026-Q2")["tk-cb-b"]
    for user in (world.reporter_b, world.outsider):
        client = client_of(user)
        assert client.get(url("request", req)).status_code == 404
        assert client.post(url("refresh", req), {"version": req.version}).status_code == 404
        upload = SimpleUploadedFile("x.pdf", PDF)
        assert client.post(url("attach", req), {"file": upload}).status_code == 404
        assert client.post(url("detach", req, attachment.pk)).status_code == 404
    # Chi bộ B's own report does not reach chi bộ A's file either.
    response = client_of(world.reporter_b).post(url("detach", theirs, attachment.pk))
    assert response.status_code == 404
    assert ReportAttachment.objects.filter(pk=attachment.pk).exists()
    assert fresh(req).version == req.version
    # A reader of the commune sees the report and may change nothing.
    viewer = client_of(world.viewer)
    assert viewer.post(url("refresh", req), {"version": req.version}).status_code == 403
    assert viewer.post(url("detach", req, attachment.pk)).status_code == 403


def queries_of(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_the_page_costs_the_same_for_4_and_30_figures(
    world: World, system: System, django_assert_max_num_queries: Any
) -> None:
    """The writer's form and the reviewer's read-only page, each with a file and a last
    period to compare with: the figures are read from the stored report, not one by one."""
    reporter, office = client_of(world.reporter_a), client_of(world.office)
    costs = []
    for extra in (0, 26):
        system.extra = extra
        schedule = quarterly(world.commune)
        before = requests_for(schedule, "2026-Q1")
        for code in ("tk-cb-a", "tk-cb-b"):
            before[code].fields, before[code].state = {MEDIA: 1200}, S.ACCEPTED
            before[code].save()
        requests = requests_for(schedule, "2026-Q2")
        writing, reading = requests["tk-cb-a"], requests["tk-cb-b"]
        services.request_save(actor=world.reporter_a, request=writing, version=None, fields={})
        services.request_attach(
            actor=world.reporter_b, request=reading, data=PDF, name="phu-luc.pdf", signed=False
        )
        services.request_submit(
            actor=world.reporter_b, request=reading, version=None, narrative="Đã gửi."
        )
        with django_assert_max_num_queries(15):
            write_cost = queries_of(reporter, url("request", writing))
        with django_assert_max_num_queries(15):
            read_cost = queries_of(office, url("request", reading))
        costs.append((write_cost, read_cost))
        assert text(reporter.get(url("request", writing))).count('class="req-fig ') == 4 + extra
    assert costs[0] == costs[1]
