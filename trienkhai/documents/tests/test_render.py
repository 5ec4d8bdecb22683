"""Must show 1: each generated DOCX, reopened, has the Party format (36-HD/VPTW)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Pt

from trienkhai.core.errors import DomainError
from trienkhai.documents.data import (
    BulletList,
    Heading,
    Paragraph,
    Table,
    document_from_dict,
    document_to_dict,
)
from trienkhai.documents.format import DEFAULT_FORMAT, FORMATS, get_format
from trienkhai.documents.render import render_docx
from trienkhai.documents.samples import cell_report, committee_report, realistic_summary

FONT = "Times New Roman"


def reopen(data: bytes) -> DocxDocument:
    return Document(io.BytesIO(data))


def header_cells(doc: DocxDocument) -> tuple[list[str], list[str]]:
    left, right = doc.tables[0].rows[0].cells
    return [p.text for p in left.paragraphs], [p.text for p in right.paragraphs]


def run_of(paragraph):  # type: ignore[no-untyped-def]
    runs = [r for r in paragraph.runs if r.text]
    assert runs, paragraph.text
    return runs[0]


def assert_font(run, size: float, *, bold: bool = False, italic: bool = False) -> None:  # type: ignore[no-untyped-def]
    assert run.font.name == FONT
    fonts = run._element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == FONT
    assert fonts.get(qn("w:ascii")) == FONT
    assert run.font.size == Pt(size)
    assert bool(run.font.bold) is bold
    assert bool(run.font.italic) is italic


def mm(length: object) -> int:
    assert length is not None
    return round(length.mm)  # type: ignore[attr-defined]


def test_page_is_a4_with_party_margins() -> None:
    section = reopen(render_docx(committee_report())).sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert mm(section.top_margin) == 20
    assert mm(section.bottom_margin) == 20
    assert mm(section.left_margin) == 30
    assert mm(section.right_margin) == 15


def test_header_texts_fonts_and_number() -> None:
    doc = reopen(render_docx(committee_report()))
    left, right = header_cells(doc)
    assert left == ["ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG ỦY XÃ TÂN KỲ", "*", "Số 12-BC/ĐU"]
    assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Tân Kỳ, ngày 05 tháng 02 năm 2027"]
    lp = doc.tables[0].rows[0].cells[0].paragraphs
    rp = doc.tables[0].rows[0].cells[1].paragraphs
    assert_font(run_of(lp[0]), 14)  # superior: upright
    assert_font(run_of(lp[1]), 14, bold=True)  # issuer
    assert_font(run_of(lp[3]), 14)  # number, no colon
    assert_font(run_of(rp[0]), 15, bold=True)  # ĐẢNG CỘNG SẢN VIỆT NAM
    assert_font(run_of(rp[1]), 14, italic=True)  # place and date


def test_rule_under_the_motto_is_as_long_as_the_text() -> None:
    doc = reopen(render_docx(committee_report()))
    motto = doc.tables[0].rows[0].cells[1].paragraphs[0]
    bottom = motto._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:val")) == "single"
    fmt = DEFAULT_FORMAT
    width = fmt.header_right_mm - motto.paragraph_format.left_indent.mm * 2
    assert abs(width - fmt.national_rule_mm) < 0.5


def test_header_table_has_no_borders() -> None:
    doc = reopen(render_docx(committee_report()))
    for table in (doc.tables[0], doc.tables[-1]):
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_title_block_and_body_format() -> None:
    doc = reopen(render_docx(committee_report()))
    paragraphs = doc.paragraphs
    texts = [p.text for p in paragraphs]
    i = texts.index("BÁO CÁO")
    assert texts[i + 1] == "Kết quả triển khai thực hiện kế hoạch quý I năm 2027"
    assert texts[i + 2] == "-----"
    assert_font(run_of(paragraphs[i]), 16, bold=True)
    assert_font(run_of(paragraphs[i + 1]), 14, bold=True)
    body = paragraphs[texts.index("Ban Thường vụ Đảng ủy đã ban hành kế hoạch thực hiện.")]
    assert_font(run_of(body), 14)
    pf = body.paragraph_format
    assert pf.alignment == 3  # justified
    assert round(pf.first_line_indent.cm, 2) == 1.0
    assert pf.line_spacing == Pt(18)
    assert pf.line_spacing_rule == 4  # exactly
    assert pf.space_after == Pt(6)


def test_signature_block_and_recipients() -> None:
    doc = reopen(render_docx(committee_report()))
    left, right = doc.tables[-1].rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:"
    heading = run_of(left.paragraphs[0])
    assert heading.font.underline and heading.font.size == Pt(14)
    assert left.paragraphs[-1].text == "- Lưu Văn phòng Đảng ủy."
    assert run_of(left.paragraphs[1]).font.size == Pt(12)
    texts = [p.text for p in right.paragraphs if p.text]
    assert texts == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn An"]
    assert_font(run_of(right.paragraphs[0]), 14, bold=True)
    assert_font(run_of(right.paragraphs[1]), 14)
    assert_font(run_of(right.paragraphs[-1]), 14, bold=True)


def test_page_numbers_from_page_two() -> None:
    section = reopen(render_docx(committee_report())).sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    header = section.header.paragraphs[0]
    assert header.alignment == 1  # centred
    instructions = [i.text.strip() for i in header._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]


def test_dates_keep_leading_zeros_only_where_the_rule_puts_them() -> None:
    doc = reopen(render_docx(committee_report(day=date(2026, 6, 10))))
    assert header_cells(doc)[1][1] == "Tân Kỳ, ngày 10 tháng 6 năm 2026"
    doc = reopen(render_docx(committee_report(day=date(2027, 2, 5))))
    assert header_cells(doc)[1][1] == "Tân Kỳ, ngày 05 tháng 02 năm 2027"


def test_draft_has_no_number_and_no_day() -> None:
    doc = reopen(render_docx(committee_report(number=None, day=None)))
    left, right = header_cells(doc)
    assert left[3] == "Số    -BC/ĐU"
    assert right[1] == "Tân Kỳ, ngày    tháng    năm 2027"


def test_cell_variant() -> None:
    doc = reopen(render_docx(cell_report()))
    left, right = header_cells(doc)
    assert left == ["ĐẢNG BỘ XÃ TÂN KỲ", "CHI BỘ THÔN ĐÔNG TÂN", "*", "Số 05-BC/CB"]
    assert right[1] == "Tân Kỳ, ngày 10 tháng 6 năm 2026"
    signature = [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature[:2] == ["T/M CHI BỘ", "BÍ THƯ"]


def test_tables_with_header_rows_and_merged_cells() -> None:
    doc = reopen(render_docx(realistic_summary(cells=5)))
    table = doc.tables[1]
    assert [c.text for c in table.rows[0].cells][:4] == [
        "TT",
        "Tổ chức đảng",
        "Đảng viên",
        "Đảng viên",
    ]
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert table.rows[2].cells[1].text == "Chi bộ thôn số 1"
    assert_font(run_of(table.rows[0].cells[0].paragraphs[0]), 13, bold=True)
    bullets = [p.text for p in doc.paragraphs if p.text.startswith("- 2.909/3.044")]
    assert bullets and bullets[0] == "- 2.909/3.044 đảng viên, đạt 95,57%;"


def test_content_survives_json_round_trip() -> None:
    data = realistic_summary(cells=3)
    assert document_from_dict(document_to_dict(data)) == data


def test_format_is_a_named_rule_set_that_refuses_non_party_values() -> None:
    assert get_format() is FORMATS["36-HD/VPTW"]
    wider = DEFAULT_FORMAT.adjusted(line_spacing_pt=22)
    doc = reopen(render_docx(committee_report(), wider))
    body = next(p for p in doc.paragraphs if p.text.startswith("Ban Thường vụ"))
    assert body.paragraph_format.line_spacing == Pt(22)
    with pytest.raises(DomainError):
        DEFAULT_FORMAT.adjusted(line_spacing_pt=12)
    with pytest.raises(DomainError):
        get_format("khong-co")


def keeps_with_next(paragraphs: list[Any]) -> list[str]:
    return [p.text for p in paragraphs if p.paragraph_format.keep_with_next]


def test_the_text_before_the_signature_moves_with_it() -> None:
    closing = "Trên đây là báo cáo kết quả quý I năm 2027."
    body = (Heading("I. KẾT QUẢ"), Paragraph("Đã tổ chức học tập."), Paragraph(closing))
    doc = reopen(render_docx(committee_report(body=body)))
    # The title block and the heading keep with what follows them; of the text, only the
    # last paragraph, so a page may still break between the two paragraphs.
    assert keeps_with_next(doc.paragraphs) == [
        "BÁO CÁO",
        "Kết quả triển khai thực hiện kế hoạch quý I năm 2027",
        "-----",
        "I. KẾT QUẢ",
        closing,
    ]
    assert doc.paragraphs[-1].text == closing
    assert doc.tables[-1].rows[0]._tr.xpath("./w:trPr/w:cantSplit")


def test_a_closing_list_or_table_keeps_its_last_line_with_the_signature() -> None:
    bullets = BulletList(("Học tập: 95,57%;", "Tuyên truyền: 120 tin bài."))
    doc = reopen(render_docx(committee_report(body=(Heading("I. KẾT QUẢ"), bullets))))
    assert keeps_with_next(doc.paragraphs)[-2:] == ["I. KẾT QUẢ", "- Tuyên truyền: 120 tin bài."]

    table = Table(header_rows=(("TT", "Chi bộ"),), rows=(("1", "Thôn A"), ("2", "Thôn B")))
    doc = reopen(render_docx(committee_report(body=(Paragraph("Kết quả:"), table))))
    rows = doc.tables[1].rows
    assert keeps_with_next(rows[-1].cells[0].paragraphs + rows[-1].cells[1].paragraphs) == [
        "2",
        "Thôn B",
    ]
    assert keeps_with_next(rows[1].cells[0].paragraphs) == []
    # The spacer after the table is the last paragraph before the signature.
    assert doc.paragraphs[-1].text == "" and doc.paragraphs[-1].paragraph_format.keep_with_next
    assert "Kết quả:" not in keeps_with_next(doc.paragraphs)
