"""The pages of the summary report: the office drafts it from the list (twice: one summary),
edits a section and a figure, sends it for signature; the leader returns it (a comment is
needed) or approves it; the office issues it and the files are the issued ones. Each step is
open to its role only (403 otherwise), the summary is a 404 outside the reader's scope, a
refused form keeps what was typed, and the page costs the same whatever its history.

The sections and figures come from two small providers of this file, so that the pages are
tested apart from what the modules write."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from trienkhai.accounts.models import User
from trienkhai.conftest import World
from trienkhai.core.periods import parse_period
from trienkhai.documents import figures as figures_module
from trienkhai.documents import summary as summary_module
from trienkhai.documents.data import Block, Paragraph, Table
from trienkhai.documents.figures import Figure
from trienkhai.documents.pdf import libreoffice_path
from trienkhai.documents.summary import SummaryScope
from trienkhai.plans.models import Plan
from trienkhai.plans.tests.factories import PlanFactory
from trienkhai.reporting import summary_services
from trienkhai.reporting.models import SummaryEvent, SummaryReport, SummaryState

pytestmark = pytest.mark.django_db

St = SummaryState
Q2 = parse_period("2026-Q2")
STUDY = "Đã quán triệt cho 48/60 đảng viên."
WRITES = (
    "summary_save",
    "summary_refresh",
    "summary_submit",
    "summary_return",
    "summary_approve",
    "summary_issue",
)


def _study(scope: SummaryScope) -> list[Block]:
    return [
        Paragraph(STUDY),
        Table(header_rows=(("Đơn vị", "Đảng viên"),), rows=(("Chi bộ thôn A", "30"),)),
    ]


def _figures(scope: SummaryScope) -> list[Figure]:
    return [
        Figure("dv", "study", "Đảng viên", 60, unit="đảng viên", group="Đảng viên"),
        Figure("dv_hoc", "study", "Đảng viên đã học tập", 48, unit="đảng viên", at_most="dv"),
    ]


@pytest.fixture(autouse=True)
def providers(monkeypatch: pytest.MonkeyPatch) -> None:
    sections: dict[str, list[Any]] = {key: [] for key in summary_module.SUMMARY_SECTIONS}
    sections["study"] = [_study]
    monkeypatch.setattr(summary_module, "SUMMARY_SECTIONS", sections)
    monkeypatch.setattr(figures_module, "FIGURE_PROVIDERS", [_figures])


@pytest.fixture
def plan(world: World) -> Plan:
    return PlanFactory.create(org_unit=world.commune, number=15, date=date(2026, 5, 20))


@pytest.fixture
def summary(world: World, plan: Plan) -> SummaryReport:
    made, _created = summary_services.summary_create(
        actor=world.office, unit=world.commune, plan=plan, period=Q2
    )
    return made


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, summary: SummaryReport) -> str:
    return reverse(f"reporting:{name}", args=[summary.pk])


def fresh(summary: SummaryReport) -> SummaryReport:
    return SummaryReport.objects.get(pk=summary.pk)


def edit_data(summary: SummaryReport, **changes: str) -> dict[str, Any]:
    """The edit form as the page fills it, with `changes` typed over it."""
    page = client_of(User.objects.get(username="van_phong")).get(url("summary", summary))
    form = page.context["edit_form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(changes)
    return {k: "" if v is None else v for k, v in data.items()}


def steps(summary: SummaryReport) -> list[str]:
    return list(SummaryEvent.objects.filter(summary=summary).values_list("action", flat=True))


def _to_approved(world: World, summary: SummaryReport) -> SummaryReport:
    summary = summary_services.summary_submit(
        actor=world.office, summary=summary, version=summary.version
    )
    return summary_services.summary_approve(
        actor=world.leader, summary=summary, version=summary.version
    )


# --- the list and the form that drafts ---------------------------------------------------


def test_the_office_drafts_once_and_a_second_create_opens_the_first(
    world: World, plan: Plan
) -> None:
    office = client_of(world.office)
    page = office.get(reverse("reporting:summaries"))
    assert page.status_code == 200
    assert "Lập báo cáo tổng hợp" in page.content.decode()
    assert '<option value="Quý II/2026">' in page.content.decode()
    typed = {"unit": world.commune.pk, "plan": plan.pk, "period": "Quý II/2026"}
    first = office.post(reverse("reporting:summary_create"), typed)
    made = SummaryReport.objects.get()
    assert first.status_code == 302 and first["Location"] == url("summary", made)
    assert (made.period, made.window_end, made.state) == ("2026-Q2", date(2026, 6, 14), St.DRAFT)

    again = office.post(reverse("reporting:summary_create"), {**typed, "period": "2026-Q2"})
    assert again["Location"] == url("summary", made)
    assert SummaryReport.objects.count() == 1
    shown = office.get(again["Location"]).content.decode()
    assert "đã được lập" in shown and "không lập bản thứ hai" in shown

    listed = office.get(reverse("reporting:summaries")).content.decode()
    assert f'href="{url("summary", made)}"' in listed and "Quý II năm 2026" in listed


def test_a_period_the_form_cannot_read_keeps_what_was_typed(world: World, plan: Plan) -> None:
    page = client_of(world.office).post(
        reverse("reporting:summary_create"),
        {"unit": world.commune.pk, "plan": plan.pk, "period": "quý hai"},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Không hiểu kỳ" in html and 'value="quý hai"' in html
    assert not SummaryReport.objects.exists()


def test_a_half_year_typed_in_words_is_read(world: World, plan: Plan) -> None:
    client_of(world.office).post(
        reverse("reporting:summary_create"),
        {"unit": world.commune.pk, "plan": plan.pk, "period": "6 tháng đầu năm 2026"},
    )
    assert SummaryReport.objects.get().period == "2026-H1"


def test_who_may_draft(world: World, plan: Plan) -> None:
    typed = {"unit": world.commune.pk, "plan": plan.pk, "period": "Quý II/2026"}
    for user in (world.viewer, world.reporter_a, world.leader):
        client = client_of(user)
        page = client.get(reverse("reporting:summaries"))
        assert page.status_code == 200 and "Lập báo cáo tổng hợp" not in page.content.decode()
        assert client.post(reverse("reporting:summary_create"), typed).status_code == 403
    # The other commune's office drafts its own only: our commune is not among its choices.
    refused = client_of(world.outsider).post(reverse("reporting:summary_create"), typed)
    assert refused.status_code == 200 and set(refused.context["form"].errors) == {"unit", "plan"}
    assert not SummaryReport.objects.exists()


def test_below_the_unit_the_list_shows_the_summary_once_issued(
    world: World, summary: SummaryReport
) -> None:
    cell = client_of(world.reporter_a)
    assert url("summary", summary) not in cell.get(reverse("reporting:summaries")).content.decode()
    summary = _to_approved(world, summary)
    summary_services.summary_issue(actor=world.office, summary=summary, version=summary.version)
    listed = cell.get(reverse("reporting:summaries")).content.decode()
    assert url("summary", summary) in listed and "Số 01-BC/ĐU" in listed


# --- the page and the office's edits -----------------------------------------------------


def test_the_office_sees_the_draft_to_edit(world: World, summary: SummaryReport) -> None:
    html = client_of(world.office).get(url("summary", summary)).content.decode()
    assert "tính đến ngày <strong>14/06/2026</strong>" in html
    assert f"{STUDY}\n[Bảng 1]</textarea>" in html
    assert '<caption class="small">[Bảng 1]</caption>' in html and "Chi bộ thôn A" in html
    assert 'name="value_dv_hoc"' in html and 'value="48"' in html
    for label in ("Lưu", "Trình ký", "Cập nhật số liệu", "Tải dự thảo (Word)"):
        assert label in html
    assert "Duyệt</button>" not in html


def test_the_viewer_reads_the_draft_without_forms(world: World, summary: SummaryReport) -> None:
    html = client_of(world.viewer).get(url("summary", summary)).content.decode()
    assert f'<p class="sum-p">{STUDY}</p>' in html and "<textarea" not in html
    assert "<strong>48</strong>" in html


def test_saving_changes_only_what_was_typed(world: World, summary: SummaryReport) -> None:
    text = "Đã quán triệt cho 50/60 đảng viên.\n- Chi bộ thôn A: 30\n[Bảng 1]"
    data = edit_data(summary, text_study=text.replace("\n", "\r\n"), value_dv_hoc="50")
    data["note_dv_hoc"] = "Theo sổ sinh hoạt chi bộ"
    response = client_of(world.office).post(url("summary_save", summary), data)
    assert response.status_code == 302
    saved = fresh(summary)
    study = next(s for s in saved.sections if s["key"] == "study")
    kinds = [b["type"] for b in study["blocks"]]
    assert kinds == ["paragraph", "bullets", "table"]  # the table kept where its marker stood
    assert study["blocks"][0]["text"] == "Đã quán triệt cho 50/60 đảng viên."
    row = next(r for r in saved.figures if r["key"] == "dv_hoc")
    assert (row["value"], row["note"], row["system"]) == (50, "Theo sổ sinh hoạt chi bộ", 48)
    assert saved.title == summary.title
    assert steps(saved) == ["created", "saved"]


def test_saving_nothing_changed_writes_no_step(world: World, summary: SummaryReport) -> None:
    data = edit_data(summary)
    data = {k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in data.items()}
    client_of(world.office).post(url("summary_save", summary), data)
    assert steps(summary) == ["created"] and fresh(summary).version == summary.version


def test_a_refused_figure_keeps_the_page_as_typed(world: World, summary: SummaryReport) -> None:
    data = edit_data(summary, value_dv_hoc="70", text_study="Bản đang sửa")
    page = client_of(world.office).post(url("summary_save", summary), data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Đảng viên đã học tập không được lớn hơn đảng viên." in html
    assert 'value="70"' in html and "Bản đang sửa</textarea>" in html
    assert fresh(summary).version == summary.version


def test_a_stale_save_shows_the_current_text_and_goes_through_next_time(
    world: World, summary: SummaryReport
) -> None:
    data = edit_data(summary, text_study="Bản của đồng chí thứ hai")
    summary_services.summary_save(
        actor=world.office, summary=summary, version=summary.version, texts={"study": "Bản mới"}
    )
    office = client_of(world.office)
    page = office.post(url("summary_save", summary), data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bản hiện tại trên hệ thống" in html and "Bản mới" in html
    assert "Bản của đồng chí thứ hai</textarea>" in html
    current = fresh(summary).version
    assert f'name="version" value="{current}"' in html
    data["version"] = str(current)
    assert office.post(url("summary_save", summary), data).status_code == 302
    study = next(s for s in fresh(summary).sections if s["key"] == "study")
    assert study["blocks"] == [
        {"type": "paragraph", "text": "Bản của đồng chí thứ hai", "bold": False, "italic": False}
    ]


def test_submit_sends_what_was_typed(world: World, summary: SummaryReport) -> None:
    data = edit_data(summary, text_study="Nội dung trình ký")
    assert client_of(world.office).post(url("summary_submit", summary), data).status_code == 302
    sent = fresh(summary)
    assert sent.state == St.PENDING and steps(sent) == ["created", "saved", "submitted"]
    html = client_of(world.office).get(url("summary", sent)).content.decode()
    assert "<textarea" not in html and "đang chờ lãnh đạo duyệt" in html


def test_refresh_builds_again(world: World, summary: SummaryReport) -> None:
    summary = summary_services.summary_save(
        actor=world.office, summary=summary, version=summary.version, texts={"study": "Sửa tay"}
    )
    response = client_of(world.office).post(
        url("summary_refresh", summary), {"version": summary.version}
    )
    assert response.status_code == 302
    study = next(s for s in fresh(summary).sections if s["key"] == "study")
    assert study["blocks"][0]["text"] == STUDY


# --- the leader, the issue, the files ----------------------------------------------------


def test_a_return_without_comment_keeps_the_page(world: World, summary: SummaryReport) -> None:
    summary = summary_services.summary_submit(
        actor=world.office, summary=summary, version=summary.version
    )
    leader = client_of(world.leader)
    page = leader.post(url("summary_return", summary), {"version": summary.version, "comment": ""})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Cần ghi ý kiến khi trả lại" in html and "Trả lại</button>" in html
    assert fresh(summary).state == St.PENDING

    comment = "Bổ sung số đảng viên chưa học tập và lý do."
    done = leader.post(
        url("summary_return", summary), {"version": summary.version, "comment": comment}
    )
    assert done.status_code == 302 and fresh(summary).state == St.RETURNED
    html = client_of(world.office).get(url("summary", summary)).content.decode()
    assert "Lãnh đạo trả lại" in html and comment in html and "<textarea" in html


def test_the_leader_approves_and_the_office_issues(world: World, summary: SummaryReport) -> None:
    summary = summary_services.summary_submit(
        actor=world.office, summary=summary, version=summary.version
    )
    leader_page = client_of(world.leader).get(url("summary", summary)).content.decode()
    assert "Duyệt</button>" in leader_page and "Trả lại</button>" in leader_page
    assert '<textarea name="text_study"' not in leader_page
    approved = client_of(world.leader).post(
        url("summary_approve", summary), {"version": summary.version, "comment": "Đồng ý."}
    )
    assert approved.status_code == 302 and fresh(summary).state == St.APPROVED

    office = client_of(world.office)
    assert "Ban hành</button>" in office.get(url("summary", summary)).content.decode()
    issued = office.post(url("summary_issue", summary), {"version": fresh(summary).version})
    assert issued.status_code == 302
    summary = fresh(summary)
    assert summary.state == St.ISSUED and summary.document is not None
    html = office.get(url("summary", summary)).content.decode()
    assert "Số 01-BC/ĐU" in html
    assert reverse("documents:detail", args=[summary.document.pk]) in html
    assert "Ban hành</button>" not in html

    docx = office.get(reverse("reporting:summary_file", args=[summary.pk, "docx"]))
    assert docx["Content-Disposition"] == 'attachment; filename="BC-01-2026-Q2.docx"'
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "Số 01-BC/ĐU" in re.sub(r"<[^>]+>", "", xml)


def test_the_figures_download_as_a_workbook(world: World, summary: SummaryReport) -> None:
    response = client_of(world.viewer).get(
        reverse("reporting:summary_file", args=[summary.pk, "xlsx"])
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert [ws.title for ws in book.worksheets] == ["Số liệu tổng hợp", "Theo đơn vị"]


def test_a_draft_downloads_as_rendered_now(world: World, summary: SummaryReport) -> None:
    docx = client_of(world.viewer).get(reverse("reporting:summary_file", args=[summary.pk, "docx"]))
    assert docx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        text = re.sub(r"<[^>]+>", "", archive.read("word/document.xml").decode())
    assert STUDY in text
    assert (
        client_of(world.viewer)
        .get(reverse("reporting:summary_file", args=[summary.pk, "odt"]))
        .status_code
        == 404
    )


@pytest.mark.skipif(libreoffice_path() is None, reason="LibreOffice (soffice) chưa cài")
def test_the_issued_pdf_is_made_once_and_kept(world: World, summary: SummaryReport) -> None:
    summary = _to_approved(world, summary)
    summary = summary_services.summary_issue(
        actor=world.office, summary=summary, version=summary.version
    )
    pdf = client_of(world.viewer).get(reverse("reporting:summary_file", args=[summary.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    assert fresh(summary).document.pdf is not None  # type: ignore[union-attr]


# --- rights and scope --------------------------------------------------------------------


def test_each_step_is_for_its_role(world: World, summary: SummaryReport) -> None:
    body = {"version": summary.version, "comment": "x"}
    # The viewer reads but writes nothing; the leader edits nothing, the office approves nothing.
    for name in WRITES:
        assert client_of(world.viewer).post(url(name, summary), body).status_code == 403, name
    assert (
        client_of(world.leader).post(url("summary_save", summary), edit_data(summary)).status_code
        == 403
    )
    summary = summary_services.summary_submit(
        actor=world.office, summary=summary, version=summary.version
    )
    body["version"] = summary.version
    for name in ("summary_approve", "summary_return"):
        assert client_of(world.office).post(url(name, summary), body).status_code == 403, name
    summary = summary_services.summary_approve(
        actor=world.leader, summary=summary, version=summary.version
    )
    issue = {"version": summary.version}
    assert client_of(world.leader).post(url("summary_issue", summary), issue).status_code == 403
    summary = summary_services.summary_issue(
        actor=world.office, summary=summary, version=summary.version
    )
    # A chi bộ reads the issued summary, and may do nothing with it.
    cell = client_of(world.reporter_a)
    assert cell.get(url("summary", summary)).status_code == 200
    for name in WRITES:
        assert cell.post(url(name, summary), {"version": summary.version}).status_code == 403


def test_another_units_user_gets_404_everywhere(world: World, summary: SummaryReport) -> None:
    outsider = client_of(world.outsider)
    assert outsider.get(url("summary", summary)).status_code == 404
    for kind in ("docx", "pdf", "xlsx"):
        file_url = reverse("reporting:summary_file", args=[summary.pk, kind])
        assert outsider.get(file_url).status_code == 404
    for name in WRITES:
        response = outsider.post(url(name, summary), {"version": summary.version})
        assert response.status_code == 404, name
    # A chi bộ does not read the office's draft either.
    assert client_of(world.reporter_a).get(url("summary", summary)).status_code == 404
    assert fresh(summary).version == summary.version


def _queries(client: Client, summary: SummaryReport) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url("summary", summary)).status_code == 200
    return len(ctx.captured_queries)


def test_the_page_costs_the_same_whatever_its_history(world: World, summary: SummaryReport) -> None:
    office = client_of(world.office)
    few = _queries(office, summary)
    for n in range(6):
        current = fresh(summary)
        summary_services.summary_save(
            actor=world.office, summary=current, version=current.version, texts={"study": f"{n}"}
        )
    current = fresh(summary)
    current = summary_services.summary_submit(
        actor=world.office, summary=current, version=current.version
    )
    summary_services.summary_return(
        actor=world.leader, summary=current, version=current.version, comment="Sửa lại"
    )
    assert _queries(office, summary) == few <= 10
