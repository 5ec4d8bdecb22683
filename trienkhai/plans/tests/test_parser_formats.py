"""Must-show 2: the same plan as NFD text with CRLF, as .docx and as PDF gives the same draft;
bad files give a Vietnamese error (and the command exit status 2)."""

from __future__ import annotations

import html
import io
import json
import random
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from trienkhai.plans.management.commands.import_plan import Command
from trienkhai.plans.parser import PlanParseError, parse_plan_file

SEED = Path(__file__).resolve().parents[1] / "demo_data" / "ke_hoach_tan_ky.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
VIETNAMESE = set("ăâđêôơưáàảãạếềểễệốồổỗộớờởỡợíìỉĩịúùủũụứừửữựýỳỷỹỵ")


def without_lines(plan: dict[str, Any]) -> dict[str, Any]:
    """The draft apart from line numbers, which differ between formats by design."""
    copy = json.loads(json.dumps(plan))
    for row in copy["targets"]:
        row["source"].pop("line")
    for row in copy["unparsed"]:
        row.pop("line")
    return copy


def seed_json() -> dict[str, Any]:
    return without_lines(parse_plan_file(SEED).to_dict())


def seed_as_docx() -> bytes:
    """The seed in Word: the header as a borderless two-cell table, the body as paragraphs."""
    lines = SEED_TEXT.split("\n")
    header_left = [lines[i - 1] for i in (3, 4, 5, 11, 12)]
    header_right = [lines[i - 1] for i in (7, 9)]
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    for cell, texts in zip(table.rows[0].cells, (header_left, header_right), strict=True):
        cell.text = texts[0]
        for text in texts[1:]:
            cell.add_paragraph(text)
    for text in lines[12:]:
        if text.strip():
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_nfd_text_with_crlf_gives_the_same_json() -> None:
    data = unicodedata.normalize("NFD", SEED_TEXT).replace("\n", "\r\n").encode("utf-8")
    assert data != SEED_TEXT.encode("utf-8")
    assert without_lines(parse_plan_file(data, "ke_hoach.txt").to_dict()) == seed_json()


def test_docx_with_a_header_table_gives_the_same_json() -> None:
    plan = parse_plan_file(seed_as_docx(), "ke_hoach.docx").to_dict()
    assert without_lines(plan) == seed_json()


def test_pdf_with_a_text_layer_gives_the_same_json() -> None:
    weasyprint = pytest.importorskip("weasyprint", reason="WeasyPrint builds the test PDF")
    body = "".join(f"<p>{html.escape(t)}</p>" for t in SEED_TEXT.split("\n") if t.strip())
    page = (
        '<html><head><meta charset="utf-8"><style>@page { size: A4; margin: 20mm }'
        " body { font-family: 'DejaVu Serif', serif; font-size: 12pt }"
        " p { margin: 0 0 6pt 0 }</style></head>"
        f"<body>{body}</body></html>"
    )
    pdf = weasyprint.HTML(string=page).write_pdf()
    plan = parse_plan_file(pdf, "ke_hoach.pdf").to_dict()
    assert without_lines(plan) == seed_json()


def blank_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """A Word-looking package whose document.xml expands 1000-fold (20 MB of zeros)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(20):
                member.write(chunk)
    return buffer.getvalue()


BAD_FILES = {
    "empty": (b"", "ke_hoach.txt"),
    "whitespace only": (b" \r\n\t\n", "ke_hoach.txt"),
    "binary junk": (random.Random(4).randbytes(4096), "ke_hoach.txt"),
    "nul bytes": (b"KE HOACH\x00\x00\x00\x00" * 50, "ke_hoach.txt"),
    "text named .docx": (SEED_TEXT.encode("utf-8"), "ke_hoach.docx"),
    "zip of garbage named .docx": (
        zip_of({"rac.bin": random.Random(5).randbytes(2048)}),
        "ke_hoach.docx",
    ),
    "broken word package": (zip_of({"word/document.xml": b"<w:document"}), "ke_hoach.docx"),
    "zip bomb named .docx": (zip_bomb(), "ke_hoach.docx"),
    "pdf without text layer": (blank_pdf(), "ke_hoach.pdf"),
    "truncated pdf": (b"%PDF-1.7\n1 0 obj <<", "ke_hoach.pdf"),
    "old .doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "ke_hoach.doc"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_gives_a_vietnamese_error(case: str) -> None:
    data, name = BAD_FILES[case]
    with pytest.raises(PlanParseError) as caught:
        parse_plan_file(data, name)
    message = caught.value.message
    assert "Tệp" in message or "tệp" in message
    assert VIETNAMESE & set(message.lower())


def test_bad_path_gives_a_vietnamese_error(tmp_path: Path) -> None:
    with pytest.raises(PlanParseError, match="Không mở được tệp"):
        parse_plan_file(tmp_path / "khong_co.txt")


def test_command_prints_exactly_the_contract_json() -> None:
    out = io.StringIO()
    call_command(Command(), str(SEED), "--dry-run", "--json", stdout=out)
    text = out.getvalue()
    assert json.loads(text) == parse_plan_file(SEED).to_dict()
    assert '"value": 11247,' in text  # an integral Decimal prints as an int…
    assert '"value": 2.4,' in text  # …and a fraction as a plain JSON number
    assert "Đ" in text  # ensure_ascii=False


def test_command_dry_run_prints_the_summary() -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command(Command(), str(SEED), "--dry-run", stdout=out, stderr=err)
    assert "Chỉ tiêu: 54 dòng (35 chỉ tiêu đánh số)" in out.getvalue()


def test_command_bad_file_raises_command_error_with_status_2(tmp_path: Path) -> None:
    empty = tmp_path / "rong.docx"
    empty.write_bytes(b"")
    with pytest.raises(CommandError) as caught:
        call_command(Command(), str(empty), "--dry-run", "--json")
    assert caught.value.returncode == 2
    assert "rỗng" in str(caught.value)


def test_command_line_exit_status_2_and_message_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = tmp_path / "bom.docx"
    bomb.write_bytes(zip_bomb())
    with pytest.raises(SystemExit) as caught:
        Command().run_from_argv(["trienkhai", "import_plan", str(bomb), "--dry-run", "--json"])
    assert caught.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "bom nén" in captured.err
