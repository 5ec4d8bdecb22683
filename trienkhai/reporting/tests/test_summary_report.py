"""The office's summary report: built from the accepted reports and the system, approved by
a leader, issued with a number; its content is what an office would sign, and it is frozen
once issued."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document

from trienkhai.accounts.permissions import OPERATOR
from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.core.periods import parse_period
from trienkhai.dissemination.models import SessionAttendance
from trienkhai.dissemination.tests.factories import HeadcountFactory, StudySessionFactory
from trienkhai.documents.models import OfficialDocument, SigningPost
from trienkhai.monitoring.tests.factories import ObservationFactory
from trienkhai.plans.models import Plan
from trienkhai.plans.tests.factories import (
    CoverageThresholdFactory,
    PlanFactory,
    ProgrammeFactory,
    TargetFactory,
)
from trienkhai.reporting import services, summary_services
from trienkhai.reporting.models import ReportRequest, SummaryReport
from trienkhai.reporting.summary_services import SummaryStepRefused
from trienkhai.reporting.tests.factories import quarterly, requests_for

pytestmark = pytest.mark.django_db

Q2 = parse_period("2026-Q2")
ON_TIME = datetime(2026, 6, 12, 3, tzinfo=UTC)


@pytest.fixture
def commune(world: World) -> dict[str, Any]:
    """Plan 15-KH/ĐU of Tân Kỳ; chi bộ A reported on time and was accepted, chi bộ B never
    reported; 30/40 and 18/20 party members studied the plan by 14/6."""
    plan = PlanFactory.create(
        org_unit=world.commune,
        number=15,
        date=date(2026, 5, 20),
        title="Tuyên truyền, quán triệt Chương trình hành động số 20-CTr/TU",
        start_year=2026,
        end_year=2030,
    )
    CoverageThresholdFactory.create(plan=plan)
    for cell, members, attended in ((world.cell_a, 40, 30), (world.cell_b, 20, 18)):
        HeadcountFactory.create(org_unit=cell, count=members)
        StudySessionFactory.create(
            plan=plan, org_unit=cell, date=date(2026, 6, 5), attended=attended
        )
    target = TargetFactory.create(plan=plan, org_unit=world.commune)
    ObservationFactory.create(target=target, period="2026", value=Decimal(7))
    SigningPost.objects.create(
        org_unit=world.commune,
        on_behalf="T/M BAN THƯỜNG VỤ",
        title="PHÓ BÍ THƯ THƯỜNG TRỰC",
        person_name="Nguyễn Duy Thành",
        start=date(2025, 10, 1),
    )
    requests = requests_for(quarterly(world.commune, plan=plan), "2026-Q2")
    a = requests["tk-cb-a"]
    services.request_submit(
        actor=world.reporter_a,
        request=a,
        version=a.version,
        narrative="Chi bộ đã quán triệt đến đảng viên.",
        sections={
            "han_che": "Một số đảng viên đi làm ăn xa chưa dự đủ.",
            "kien_nghi": "Đề nghị cấp tài liệu tóm tắt cho đảng viên cao tuổi.",
        },
    )
    ReportRequest.objects.filter(pk=a.pk).update(first_submitted_at=ON_TIME, submitted_at=ON_TIME)
    a.refresh_from_db()
    services.request_accept(actor=world.office, request=a, version=a.version)
    return {"plan": plan, "target": target}


def _document(summary: SummaryReport) -> OfficialDocument:
    assert summary.document is not None
    return summary.document


def _issue(world: World, plan: Any) -> SummaryReport:
    summary, created = summary_services.summary_create(
        actor=world.office, unit=world.commune, plan=plan, period=Q2
    )
    assert created
    summary = summary_services.summary_submit(
        actor=world.office, summary=summary, version=summary.version
    )
    summary = summary_services.summary_approve(
        actor=world.leader, summary=summary, version=summary.version
    )
    return summary_services.summary_issue(
        actor=world.office, summary=summary, version=summary.version, day=date(2026, 6, 20)
    )


def _docx_text(summary: SummaryReport) -> str:
    assert summary.document is not None and summary.document.docx is not None
    with summary.document.docx.file.open("rb") as handle:
        doc = Document(io.BytesIO(handle.read()))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_issued_docx_says_what_an_office_would_sign(
    world: World, commune: dict[str, Any]
) -> None:
    summary = _issue(world, commune["plan"])
    text = _docx_text(summary)
    # One reference date: the end of the data window, in every section that states one.
    dates = set(re.findall(r"(?:tính )?đến ngày (\d{2}/\d{2}/\d{4})", text))
    assert dates == {"14/06/2026"}
    assert "48/60 đảng viên, đạt 80,00%" in text  # (30 + 18) / (40 + 20)
    assert "đã nộp 1/2, đúng hạn 1/2" in text
    assert "Chưa nộp báo cáo: Chi bộ thôn B." in text
    assert "V. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in text and "Đạt và vượt" in text
    assert "Chi bộ thôn A: Một số đảng viên đi làm ăn xa chưa dự đủ" in text
    assert "Chi bộ thôn A: Đề nghị cấp tài liệu tóm tắt" in text
    assert "Kết quả quý II năm 2026 thực hiện Kế hoạch số 15-KH/ĐU ngày 20/5/2026" in text
    assert "Nguyễn Duy Thành" in text and "PHÓ BÍ THƯ THƯỜNG TRỰC" in text
    assert "Chưa có số liệu" not in text
    assert _document(summary).reference == "Số 01-BC/ĐU"


def test_issued_figures_are_frozen(world: World, commune: dict[str, Any]) -> None:
    summary = _issue(world, commune["plan"])
    summary.refresh_from_db()
    _document(summary).refresh_from_db()
    before_docx = _docx_text(summary)
    before = (summary.sections, summary.figures, _document(summary).content)
    SessionAttendance.objects.filter(org_unit=world.cell_b).update(count=20)
    summary.refresh_from_db()
    _document(summary).refresh_from_db()
    assert (summary.sections, summary.figures, _document(summary).content) == before
    assert _docx_text(summary) == before_docx
    assert "48/60 đảng viên" in before_docx
    # The same summary built now would say 50/60: the issued one did not follow.
    again = summary_services.build_figures(summary_services.scope_of(summary))
    attended = next(f for f in again if f["key"] == "study.party_members.attended")
    assert attended["value"] == 50


def test_a_leader_returns_with_a_comment_and_the_office_edits(
    world: World, commune: dict[str, Any]
) -> None:
    summary, _created = summary_services.summary_create(
        actor=world.office, unit=world.commune, plan=commune["plan"], period=Q2
    )
    again, created = summary_services.summary_create(
        actor=world.office, unit=world.commune, plan=commune["plan"], period=Q2
    )
    assert (again.pk, created) == (summary.pk, False)  # no twin
    summary = summary_services.summary_submit(
        actor=world.office, summary=summary, version=summary.version
    )
    with pytest.raises(PermissionDenied):  # the office does not approve its own draft
        summary_services.summary_approve(
            actor=world.office, summary=summary, version=summary.version
        )
    with pytest.raises(DomainError, match="ý kiến"):
        summary_services.summary_return(
            actor=world.leader, summary=summary, version=summary.version, comment=" "
        )
    summary = summary_services.summary_return(
        actor=world.leader, summary=summary, version=summary.version, comment="Bổ sung đề xuất."
    )
    with pytest.raises(SummaryStepRefused):
        summary_services.summary_issue(actor=world.office, summary=summary, version=None)
    summary = summary_services.summary_save(
        actor=world.office,
        summary=summary,
        version=summary.version,
        texts={"proposals": "- Đề nghị Thành ủy cấp thêm tài liệu."},
    )
    summary.refresh_from_db()
    proposals = next(s for s in summary.sections if s["key"] == "proposals")
    assert proposals["blocks"] == [
        {"type": "bullets", "items": ["Đề nghị Thành ủy cấp thêm tài liệu."]}
    ]
    assert [e.action for e in summary.events.order_by("at", "pk")] == [
        "created",
        "submitted",
        "returned",
        "saved",
    ]
    stale = summary.version - 1
    with pytest.raises(summary_services.StaleSummary):
        summary_services.summary_submit(actor=world.office, summary=summary, version=stale)


def test_an_issued_commune_summary_answers_the_citys_request(
    world: World, commune: dict[str, Any]
) -> None:
    city_plan = PlanFactory.create(org_unit=world.city, start_year=2026, end_year=2030)
    city_schedule = quarterly(
        world.city,
        plan=city_plan,
        unit_kinds=["commune_committee"],
        title="Báo cáo quý của các đảng bộ xã",
    )
    city_requests = requests_for(city_schedule, "2026-Q2")
    summary = _issue(world, commune["plan"])
    answered = city_requests["tk"]
    answered.refresh_from_db()
    assert answered.state == "submitted"
    assert summary.answers_id == answered.pk
    assert _document(summary).reference in answered.narrative
    assert answered.attachments.count() == 1
    assert city_requests["lm"].state == "not_started"


def test_the_figures_workbook_adds_up_the_units(world: World, commune: dict[str, Any]) -> None:
    from openpyxl import load_workbook

    from trienkhai.reporting.exports import summary_workbook

    summary, _created = summary_services.summary_create(
        actor=world.office, unit=world.commune, plan=commune["plan"], period=Q2
    )
    book = load_workbook(io.BytesIO(summary_workbook(summary)))
    first = book.worksheets[0]
    rows = {r[1]: r for r in first.iter_rows(min_row=4, values_only=True) if r[1]}
    attended = next(v for k, v in rows.items() if "đã học tập" in str(k).lower())
    assert attended[3] == 48  # the system, for the whole commune
    assert attended[4] == 30  # chi bộ A's accepted report (B never reported)
    units = book.worksheets[1]
    names = [r[1] for r in units.iter_rows(min_row=4, values_only=True)]
    assert names == ["Chi bộ thôn A", "Cộng các báo cáo đã duyệt"]


def test_a_unit_under_another_reporting_unit_is_counted_once() -> None:
    rows = [("0001", "đảng bộ bộ phận", None), ("00010001", "chi bộ", None), ("0002", "b", None)]
    assert [r[1] for r in summary_services.covering(rows)] == ["đảng bộ bộ phận", "b"]


def test_the_citys_summary_adds_up_its_communes_accepted_reports(
    world: World, commune: dict[str, Any]
) -> None:
    programme = ProgrammeFactory.create(org_unit=world.city)
    Plan.objects.filter(pk=commune["plan"].pk).update(programme=programme)
    city_plan = PlanFactory.create(
        org_unit=world.city, programme=programme, start_year=2026, end_year=2030
    )
    city_schedule = quarterly(world.city, plan=city_plan, unit_kinds=["commune_committee"])
    answered = requests_for(city_schedule, "2026-Q2")["tk"]
    _issue(world, commune["plan"])  # Tân Kỳ's summary answers the city's request
    answered.refresh_from_db()
    assert answered.prefill["plan"] == commune["plan"].pk  # counted on the commune's plan
    services.request_accept(actor=OPERATOR, request=answered, version=answered.version)
    city, _created = summary_services.summary_create(
        actor=OPERATOR, unit=world.city, plan=city_plan, period=Q2
    )
    stated = {row["key"]: row for row in city.figures}
    attended = stated["study.party_members.attended"]
    # The city's plan sets no threshold: the system counts nothing for it, the communes' one
    # accepted report says 48.
    assert (attended["system"], attended["reported"], attended["value"]) == (None, 48, 48)
    lines = "\n".join(
        b["text"] for s in city.sections for b in s["blocks"] if b["type"] == "paragraph"
    )
    assert "đã nộp 1/2, đúng hạn 0/2 báo cáo; đã duyệt 1/2" in lines
    assert "Chưa nộp báo cáo: Đảng bộ xã Lạc Môn." in lines
    assert "Nộp báo cáo chậm: Đảng bộ xã Tân Kỳ." in lines  # sent today, due in June
