"""`export_summary`: a draft uses no number; `--issue` takes the next one; clear errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from trienkhai.conftest import World
from trienkhai.documents.models import OfficialDocument, RegisterCounter
from trienkhai.documents.pdf import libreoffice_path

pytestmark = pytest.mark.django_db


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export_summary", *args, stdout=out)
    return out.getvalue()


def header(path: Path) -> list[str]:
    left = Document(str(path)).tables[0].rows[0].cells[0]
    return [p.text for p in left.paragraphs]


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


def test_issue_records_the_document_and_takes_the_next_number(world: World, tmp_path: Path) -> None:
    export("--unit", "tk", "--period", "2026-Q2", "--out", str(tmp_path / "1.docx"), "--issue")
    message = export(
        "--unit", "tk", "--period", "2026-Q2", "--out", str(tmp_path / "2.docx"), "--issue"
    )
    assert "Số 02-BC/ĐU" in message
    assert header(tmp_path / "2.docx")[-1] == "Số 02-BC/ĐU"
    documents = OfficialDocument.objects.order_by("number")
    assert [d.number for d in documents] == [1, 2]
    assert all(d.period == "2026-Q2" and d.is_issued and d.docx for d in documents)
    export("--unit", "tk-cb-a", "--period", "2026-Q2", "--out", str(tmp_path / "c.docx"), "--issue")
    assert header(tmp_path / "c.docx") == ["ĐẢNG BỘ XÃ TÂN KỲ", "CHI BỘ THÔN A", "*", "Số 01-BC/CB"]


@pytest.mark.skipif(libreoffice_path() is None, reason="LibreOffice (soffice) chưa cài")
def test_pdf_out(world: World, tmp_path: Path) -> None:
    export("--unit", "tk", "--period", "2026-Q2", "--out", str(tmp_path / "r.pdf"), "--issue")
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert OfficialDocument.objects.get().pdf is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "khong-co", "--period", "2026-Q2"], "Không tìm thấy đơn vị có mã “khong-co”"),
        (["--unit", "tk", "--period", "2026-Q5"], 'Kỳ "2026-Q5" không hợp lệ'),
        (["--unit", "tk", "--period", "quy-2"], "không đúng định dạng"),
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
