"""`export_summary`: a draft uses no number; `--issue` only issues a summary a leader approved
(else exit 2 with the reason); an issued summary is written as issued; clear usage errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from trienkhai.conftest import World
from trienkhai.core.periods import parse_period
from trienkhai.documents.models import OfficialDocument, RegisterCounter
from trienkhai.documents.pdf import libreoffice_path
from trienkhai.plans.tests.factories import PlanFactory
from trienkhai.reporting import summary_services
from trienkhai.reporting.models import SummaryReport

pytestmark = pytest.mark.django_db


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export_summary", *args, stdout=out)
    return out.getvalue()


def header(path: Path) -> list[str]:
    left = Document(str(path)).tables[0].rows[0].cells[0]
    return [p.text for p in left.paragraphs]


def approved(world: World) -> SummaryReport:
    plan = PlanFactory.create(org_unit=world.commune, number=15, start_year=2026, end_year=2030)
    summary, _created = summary_services.summary_create(
        actor=world.office, unit=world.commune, plan=plan, period=parse_period("2026-Q2")
    )
    summary = summary_services.summary_submit(
        actor=world.office, summary=summary, version=summary.version
    )
    return summary_services.summary_approve(
        actor=world.leader, summary=summary, version=summary.version
    )


def test_drafts_twice_use_no_number(world: World, tmp_path: Path) -> None:
    for name in ("a.docx", "b.docx"):
        message = export("--unit", "tk", "--period", "2026-H1", "--out", str(tmp_path / name))
        assert "dự thảo" in message
        assert header(tmp_path / name) == [
            "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG",
            "ĐẢNG ỦY XÃ TÂN KỲ",
            "*",
            "Số    -BC/ĐU",
        ]
    assert not OfficialDocument.objects.exists()
    assert not RegisterCounter.objects.exists()


def test_issue_needs_a_summary_a_leader_approved(world: World, tmp_path: Path) -> None:
    out = str(tmp_path / "1.docx")
    with pytest.raises(CommandError, match="Chưa có báo cáo tổng hợp quý II năm 2026") as caught:
        export("--unit", "tk", "--period", "2026-Q2", "--out", out, "--issue")
    assert caught.value.returncode == 2
    plan = PlanFactory.create(org_unit=world.commune, start_year=2026, end_year=2030)
    summary_services.summary_create(
        actor=world.office, unit=world.commune, plan=plan, period=parse_period("2026-Q2")
    )
    with pytest.raises(CommandError, match="chưa được lãnh đạo duyệt") as caught:
        export("--unit", "tk", "--period", "2026-Q2", "--out", out, "--issue")
    assert caught.value.returncode == 2
    assert not OfficialDocument.objects.exists()
    assert not Path(out).exists()


def test_issue_takes_the_next_number_once(world: World, tmp_path: Path) -> None:
    summary = approved(world)
    message = export(
        "--unit", "tk", "--period", "Quý II/2026", "--out", str(tmp_path / "1.docx"), "--issue"
    )
    assert "Số 01-BC/ĐU" in message
    assert header(tmp_path / "1.docx")[-1] == "Số 01-BC/ĐU"
    summary.refresh_from_db()
    assert summary.state == "issued" and summary.document is not None
    with pytest.raises(CommandError, match="đã ban hành") as caught:
        export("--unit", "tk", "--period", "2026-Q2", "--out", str(tmp_path / "2.docx"), "--issue")
    assert caught.value.returncode == 2
    # Without --issue the issued report is written as issued, number and all.
    export("--unit", "tk", "--period", "2026-Q2", "--out", str(tmp_path / "3.docx"))
    assert header(tmp_path / "3.docx")[-1] == "Số 01-BC/ĐU"
    assert OfficialDocument.objects.count() == 1


@pytest.mark.skipif(libreoffice_path() is None, reason="LibreOffice (soffice) chưa cài")
def test_pdf_out(world: World, tmp_path: Path) -> None:
    approved(world)
    export("--unit", "tk", "--period", "2026-Q2", "--out", str(tmp_path / "r.pdf"), "--issue")
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert OfficialDocument.objects.get().pdf is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "khong-co", "--period", "2026-Q2"], "Không tìm thấy đơn vị có mã “khong-co”"),
        (["--unit", "tk", "--period", "2026-Q5"], 'Kỳ "2026-Q5" không hợp lệ'),
        (["--unit", "tk", "--period", "quy-2"], "quy-2"),
    ],
)
def test_usage_errors_exit_with_status_2(
    world: World, tmp_path: Path, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message) as caught:
        export(*args, "--out", str(tmp_path / "x.docx"))
    assert caught.value.returncode == 2
    with pytest.raises(CommandError, match=r"phải có đuôi \.docx hoặc \.pdf") as caught:
        export("--unit", "tk", "--period", "2026-Q2", "--out", str(tmp_path / "x.odt"))
    assert caught.value.returncode == 2
    assert not OfficialDocument.objects.exists()
