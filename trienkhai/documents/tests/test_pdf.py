"""Must show 2: the PDF keeps its Vietnamese text and embeds a font with its glyphs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from trienkhai.core.errors import DomainError
from trienkhai.documents import pdf as pdf_module
from trienkhai.documents.render import render_docx, render_html_pdf, render_pdf
from trienkhai.documents.samples import cell_report, realistic_summary

HAS_SOFFICE = pdf_module.libreoffice_path() is not None
if not HAS_SOFFICE:
    if os.environ.get("TRIENKHAI_REQUIRE_LIBREOFFICE") == "1":
        raise RuntimeError("LibreOffice (soffice) không có: CI bắt buộc kiểm thử PDF.")
    sys.stderr.write(
        "\n!!! LIBREOFFICE NOT FOUND: skipping the DOCX → PDF tests. "
        "Install libreoffice-writer-nogui (CI does). !!!\n"
    )
needs_soffice = pytest.mark.skipif(
    not HAS_SOFFICE,
    reason="LibreOffice (soffice) chưa cài: apt-get install libreoffice-writer-nogui",
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext, pdffonts) chưa cài"
)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def pdf_fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    # Skip the two header lines; columns: name type encoding emb sub uni object ID.
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


@needs_soffice
@needs_poppler
def test_summary_pdf_keeps_vietnamese_text_and_embeds_its_font(tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.pdf"
    out.write_bytes(render_pdf(render_docx(realistic_summary())))
    text = pdf_text(out)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Nơi nhận" in text
    assert "Số 12-BC/ĐU" in text
    assert "ngày 05 tháng 02 năm 2027" in text
    assert "2.909/3.044 đảng viên, đạt 95,57%" in text
    fonts = pdf_fonts(out)
    embedded = [row[0] for row in fonts if row[-5] == "yes"]
    # Times New Roman or its metric twin Liberation Serif (fonts-liberation2 has ả ế ệ ị ủ ỷ ữ ự).
    assert any("LiberationSerif" in name or "TimesNewRoman" in name for name in embedded), fonts
    assert all(row[-5] == "yes" for row in fonts), fonts


@needs_soffice
@needs_poppler
def test_concurrent_conversions_all_produce_a_pdf(tmp_path: Path) -> None:
    docx = render_docx(cell_report())
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda _i: render_pdf(docx), range(3)))
    for index, data in enumerate(results):
        assert data.startswith(b"%PDF")
        path = tmp_path / f"{index}.pdf"
        path.write_bytes(data)
        assert "CHI BỘ THÔN ĐÔNG TÂN" in pdf_text(path)


def test_missing_libreoffice_is_a_clear_vietnamese_error(monkeypatch: Any) -> None:
    monkeypatch.setattr(pdf_module, "libreoffice_path", lambda: None)
    with pytest.raises(DomainError, match="LibreOffice"):
        pdf_module.render_pdf(b"PK")


def test_html_print_view_through_weasyprint() -> None:
    try:
        data = render_html_pdf("<h1>Báo cáo</h1><p>Đảng ủy xã Tân Kỳ</p>")
    except DomainError as exc:  # pragma: no cover - only where Pango is missing
        pytest.skip(str(exc))
    assert data.startswith(b"%PDF")
