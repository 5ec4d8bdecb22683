"""Issue 16: a plan as Word writes it — target tables (columns in any order, merged cells,
two-row headers), automatic numbering, headings by style, nested tables — reads into the
same draft as the typed text."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import docx
import pypdf
import pytest
from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from hypothesis import given, settings
from hypothesis import strategies as st

from trienkhai.plans.parser import PlanParseError, parse_plan_file, parse_plan_text
from trienkhai.plans.parser.reader import read_file
from trienkhai.plans.parser.tables import read_cell

HEADER = [
    "ĐẢNG BỘ XÃ TÂN KỲ",
    "Số 15-KH/ĐU",
    "KẾ HOẠCH",
    "thực hiện các chỉ tiêu phát triển kinh tế - xã hội giai đoạn 2026 - 2030",
]
INTRO = ["I. MỤC ĐÍCH, YÊU CẦU", "Quán triệt sâu rộng các chỉ tiêu đến cán bộ, đảng viên."]
DUTIES = ["1. Ban Thường vụ Đảng ủy xã", "Chỉ đạo triển khai thực hiện Kế hoạch."]
CLOSING = ["Nơi nhận:", "- Lưu Văn phòng."]

# (STT, Chỉ tiêu, ĐVT, Thực hiện 2025, Mục tiêu 2030) and what the row must read as.
ROWS = [
    ("1", "Thu nhập bình quân đầu người", "triệu đồng", "72", "Từ 1.500 trở lên"),
    ("2", "Tỷ lệ hộ sử dụng nước sạch", "%", "75", "Tối thiểu 80"),
    ("3", "Tỷ lệ hộ nghèo đa chiều", "%", "4,2", "≤ 3"),
    ("4", "Tỷ lệ lao động qua đào tạo", "%", "65", "Đạt từ 70 đến 75"),
    ("5", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "93", "100"),
    ("6", "Tỷ lệ đảng viên được quán triệt", "%", "90", "Trên 95"),
]
EXPECTED = [
    ("1", ">=", Decimal(1500), None, None, "triệu đồng"),
    ("2", ">=", Decimal(80), None, None, "%"),
    ("3", "<=", Decimal(3), None, None, "%"),
    ("4", "range", None, Decimal(70), Decimal(75), "%"),
    ("5", "=", Decimal(100), None, None, "%"),
    ("6", ">", Decimal(95), None, None, "%"),
]
COLUMNS = ["STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện 2025", "Mục tiêu 2030"]
TWO_ROW = {3: ("Thực hiện", "2025"), 4: ("Mục tiêu", "2030")}


def save(document: WordDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def paragraphs(document: WordDocument, texts: list[str]) -> None:
    for text in texts:
        document.add_paragraph(text)


def set_cell(cell: _Cell, text: str) -> None:
    cell.text = text


def add_target_table(
    container: WordDocument | _Cell,
    *,
    order: list[int] | None = None,
    two_rows: bool = False,
    merge_unit: bool = False,
    group_rows: bool = False,
    rows: Sequence[tuple[str, ...]] = ROWS,
) -> Table:
    """The target table, its columns in ``order``; merged cells where asked."""
    order = order or list(range(5))
    data: list[tuple[str, ...] | str] = list(rows)
    if group_rows:
        data = ["A. Các chỉ tiêu về kinh tế", *rows[:1], "B. Các chỉ tiêu về xã hội", *rows[1:]]
    header_rows = 2 if two_rows else 1
    table = container.add_table(rows=header_rows + len(data), cols=5)
    if two_rows:
        # The years under a merged "Năm" (or under "Thực hiện" and "Mục tiêu" when the two
        # columns are apart); the other headers are merged down over both rows.
        years = sorted((order.index(3), order.index(4)))
        adjacent = years[1] == years[0] + 1
        for pos, col in enumerate(order):
            top, bottom = table.cell(0, pos), table.cell(1, pos)
            if col in (3, 4):
                set_cell(top, "Năm" if adjacent else TWO_ROW[col][0])
                set_cell(bottom, TWO_ROW[col][1])
            else:
                set_cell(top.merge(bottom), COLUMNS[col])
        if adjacent:
            set_cell(table.cell(0, years[0]).merge(table.cell(0, years[1])), "Năm")
    else:
        for pos, col in enumerate(order):
            set_cell(table.cell(0, pos), COLUMNS[col])
    for i, row in enumerate(data):
        r = header_rows + i
        if isinstance(row, str):
            merged = table.cell(r, 0).merge(table.cell(r, 4))
            set_cell(merged, row)
            continue
        for pos, col in enumerate(order):
            set_cell(table.cell(r, pos), row[col])
    if merge_unit:
        # Rows 2…6 all measure "%": one cell merged down the unit column.
        pos = order.index(2)
        first = header_rows + (3 if group_rows else 1)
        last = header_rows + len(data) - 1
        for r in range(first, last + 1):
            set_cell(table.cell(r, pos), "")
        set_cell(table.cell(first, pos).merge(table.cell(last, pos)), "%")
    return table


def target_plan(**table: Any) -> bytes:
    document = docx.Document()
    paragraphs(document, HEADER + INTRO)
    document.add_paragraph("II. CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030")
    document.add_paragraph("Các chỉ tiêu của xã đến năm 2030 như sau:")
    add_target_table(document, **table)
    paragraphs(document, ["III. TỔ CHỨC THỰC HIỆN", *DUTIES, *CLOSING])
    return save(document)


def figures(plan: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            t["ref"],
            t["comparator"],
            t["value"],
            t["low"],
            t["high"],
            t["unit"],
        )
        for t in plan["targets"]
    ]


SCORED = "ref kind comparator value low high stretch unit year base_year direction scope bounds"


def scored(plan: dict[str, Any], extra: str = "label text confidence") -> list[dict[str, Any]]:
    """The fields of a row that the draft is judged on, and (by default) its label and text."""
    keys = f"{SCORED} {extra}".split()
    return [{k: t[k] for k in keys} for t in plan["targets"]]


def test_target_table_gives_one_row_per_data_row() -> None:
    plan = parse_plan_file(target_plan(), "ke_hoach.docx").to_dict()
    assert figures(plan) == [
        (ref, cmp, value, low, high, unit) for ref, cmp, value, low, high, unit in EXPECTED
    ]
    first = plan["targets"][0]
    assert first["label"] == "Thu nhập bình quân đầu người"
    assert first["year"] == 2030
    assert first["base_year"] == 2025
    assert first["kind"] == "level"
    assert first["scope"] == "own"
    assert first["confidence"] == "high"
    assert "72" in first["text"]  # the base value is kept in the text, not as a field
    assert "base_value" not in first
    assert plan["targets"][2]["direction"] == "decrease"  # "≤ 3" hộ nghèo
    assert {t["confidence"] for t in plan["targets"]} == {"high"}
    # The header row and the data rows are read, not left over.
    assert plan["unparsed"] == []


def test_table_rows_are_not_read_again_as_prose() -> None:
    plan = parse_plan_file(target_plan(), "ke_hoach.docx").to_dict()
    assert len(plan["targets"]) == len(ROWS)
    lines = read_file(target_plan(), "ke_hoach.docx").lines
    # Each row of the table is one line of its own, never glued to the text around it.
    row_lines = [line.text for line in lines if " | " in line.text]
    assert row_lines[0] == " | ".join(COLUMNS)
    assert row_lines[1] == " | ".join(ROWS[0])
    assert len(row_lines) == 1 + len(ROWS)


def test_shuffled_columns_give_the_same_targets() -> None:
    straight = scored(parse_plan_file(target_plan(), "a.docx").to_dict())
    shuffled = scored(parse_plan_file(target_plan(order=[4, 1, 0, 3, 2]), "b.docx").to_dict())
    assert shuffled == straight


def test_two_row_header_with_a_merged_cell() -> None:
    plan = parse_plan_file(target_plan(two_rows=True), "ke_hoach.docx").to_dict()
    assert figures(plan) == [tuple(e) for e in EXPECTED]
    assert {t["year"] for t in plan["targets"]} == {2030}
    assert {t["base_year"] for t in plan["targets"]} == {2025}
    assert plan["unparsed"] == []


def test_vertically_merged_unit_cell_is_read_once_and_shared() -> None:
    data = target_plan(merge_unit=True)
    plan = parse_plan_file(data, "ke_hoach.docx").to_dict()
    assert [t["unit"] for t in plan["targets"]] == [e[5] for e in EXPECTED]
    texts = [line.text for line in read_file(data, "ke_hoach.docx").lines]
    # The merged cell's "%" is written once, in the row where the merge begins.
    assert sum(text.split(" | ").count("%") for text in texts) == 1


def test_group_heading_rows_are_skipped_not_targets() -> None:
    plan = parse_plan_file(target_plan(group_rows=True), "ke_hoach.docx").to_dict()
    assert [t["ref"] for t in plan["targets"]] == ["1", "2", "3", "4", "5", "6"]
    assert plan["unparsed"] == []


def test_rows_that_fail_go_to_unparsed() -> None:
    rows = [
        *ROWS[:2],
        ("", "Ghi chú: số liệu ước tính", "", "", "12 tháng"),
        ("3", "Số mô hình mới", "mô hình", "", ""),
    ]
    plan = parse_plan_file(target_plan(rows=rows), "ke_hoach.docx").to_dict()
    assert [t["ref"] for t in plan["targets"]] == ["1", "2"]
    left = [u["text"] for u in plan["unparsed"]]
    assert any("Ghi chú" in text for text in left)
    assert any("Số mô hình mới" in text for text in left)
    assert any("Bảng chỉ tiêu" in w for w in plan["warnings"])


def test_table_rows_take_their_place_among_the_prose_targets() -> None:
    document = docx.Document()
    paragraphs(document, HEADER)
    paragraphs(
        document,
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Phấn đấu đến năm 2030 có 12 mô hình dân vận khéo được công nhận.",
            "II. CÁC CHỈ TIÊU CHỦ YẾU",
        ],
    )
    add_target_table(document, rows=ROWS[:2])
    paragraphs(
        document,
        ["III. NHIỆM VỤ", "Đến năm 2030 xây dựng mới 4 công trình văn hóa cấp xã.", *CLOSING],
    )
    plan = parse_plan_file(save(document), "ke_hoach.docx").to_dict()
    refs = [t["ref"] for t in plan["targets"]]
    assert refs == ["I-a", "1", "2", "III-a"], refs


# Automatic numbering.


def add_list(document: WordDocument, levels: list[tuple[str, str]], start: int = 1) -> str:
    """A numbering definition (format and text per level) and a list using it; its numId."""
    numbering = document.part.numbering_part.element
    ids = [int(n.get(qn("w:abstractNumId"))) for n in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(ids, default=0) + 1
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'
    )
    nums = numbering.findall(qn("w:num"))
    if nums:
        nums[0].addprevious(abstract)
    else:
        numbering.append(abstract)
    num_id = max((int(n.get(qn("w:numId"))) for n in nums), default=0) + 1
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    return str(num_id)


def numbered(paragraph: Paragraph, num_id: str, level: int = 0) -> Paragraph:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    return paragraph


def numbered_plan() -> bytes:
    """Headings by style, their numbers from Word's numbering, target items "(1)" likewise."""
    document = docx.Document()
    paragraphs(document, HEADER)
    sections = add_list(document, [("upperRoman", "%1.")])
    parts = add_list(document, [("decimal", "%1."), ("decimal", "%1.%2.")])
    items = add_list(document, [("decimal", "(%1)")])
    letters = add_list(document, [("lowerLetter", "%1)")])

    def heading(text: str, num_id: str, level: int, style: str) -> None:
        numbered(document.add_paragraph(text, style=style), num_id, level)

    heading("MỤC ĐÍCH, YÊU CẦU", sections, 0, "Heading 1")
    heading("Mục đích", parts, 0, "Heading 2")
    document.add_paragraph("Quán triệt sâu rộng kế hoạch đến cán bộ, đảng viên.")
    heading("NỘI DUNG", sections, 0, "Heading 1")
    heading("Các chỉ tiêu chủ yếu đến năm 2030", parts, 0, "Heading 2")
    for text in (
        "Thu nhập bình quân đầu người đạt 95 triệu đồng",
        "Tỷ lệ hộ nghèo đa chiều giảm xuống dưới 1%",
        "Tỷ lệ đảng viên được quán triệt đạt trên 95%",
    ):
        numbered(document.add_paragraph(text), items)
    heading("Nhiệm vụ, giải pháp", parts, 0, "Heading 2")
    heading("Tăng cường sự lãnh đạo của cấp ủy", parts, 1, "Heading 3")
    for text in ("tổ chức hội nghị quán triệt", "xây dựng chương trình hành động"):
        numbered(document.add_paragraph(text), letters)
    heading("Đẩy mạnh tuyên truyền", parts, 1, "Heading 3")
    heading("TỔ CHỨC THỰC HIỆN", sections, 0, "Heading 1")
    document.add_paragraph("Văn phòng Đảng ủy theo dõi, đôn đốc.")
    paragraphs(document, CLOSING)
    return save(document)


def test_automatic_numbering_is_read_as_the_reader_sees_it() -> None:
    texts = [line.text for line in read_file(numbered_plan(), "ke_hoach.docx").lines]
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts
    assert "1. Mục đích" in texts
    assert "II. NỘI DUNG" in texts
    # A new section restarts nothing in another list, but a lower level restarts under a
    # new number: "2.1." follows "2.", and the items "(1)"… keep their own counter.
    assert "1. Các chỉ tiêu chủ yếu đến năm 2030" not in texts
    assert "2. Các chỉ tiêu chủ yếu đến năm 2030" in texts
    assert "(1) Thu nhập bình quân đầu người đạt 95 triệu đồng" in texts
    assert "(3) Tỷ lệ đảng viên được quán triệt đạt trên 95%" in texts
    assert "3.1. Tăng cường sự lãnh đạo của cấp ủy" in texts
    assert "a) tổ chức hội nghị quán triệt" in texts
    assert "b) xây dựng chương trình hành động" in texts
    assert "3.2. Đẩy mạnh tuyên truyền" in texts
    assert "III. TỔ CHỨC THỰC HIỆN" in texts


def test_automatic_numbering_gives_the_outline_its_targets_and_solutions() -> None:
    plan = parse_plan_file(numbered_plan(), "ke_hoach.docx").to_dict()
    rows = {t["ref"]: t for t in plan["targets"]}
    assert list(rows) == ["1", "2", "3"]
    assert (rows["1"]["value"], rows["1"]["unit"], rows["1"]["year"]) == (95, "triệu đồng", 2030)
    assert (rows["2"]["comparator"], rows["2"]["value"]) == ("<", 1)
    assert (rows["3"]["comparator"], rows["3"]["value"]) == (">", 95)
    assert plan["solutions"] == [
        {"ref": "II.3.1", "title": "Tăng cường sự lãnh đạo của cấp ủy"},
        {"ref": "II.3.2", "title": "Đẩy mạnh tuyên truyền"},
    ]


def test_numbering_from_the_paragraph_style_and_a_start_value() -> None:
    document = docx.Document()
    num_id = add_list(document, [("decimal", "%1.")], start=3)
    style = document.styles["List Number"]
    num_pr = style.element.get_or_add_pPr().find(qn("w:numPr"))
    if num_pr is not None:
        num_pr.getparent().remove(num_pr)
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/></w:numPr>')
    )
    document.add_paragraph("Bản tin một", style="List Number")
    document.add_paragraph("Bản tin hai", style="List Number")
    off = document.add_paragraph("Không đánh số", style="List Number")
    off._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="0"/></w:numPr>')
    )
    texts = [line.text for line in read_file(save(document), "a.docx").lines]
    assert texts == ["3. Bản tin một", "4. Bản tin hai", "Không đánh số"]


def test_headings_by_style_keep_their_text_and_stand_alone() -> None:
    document = docx.Document()
    paragraphs(document, HEADER)
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU", style="Heading 1")
    document.add_paragraph("Mục đích", style="Heading 2")  # no number: none is invented
    document.add_paragraph("quán triệt sâu rộng đến cán bộ, đảng viên.")
    document.add_paragraph("II. TỔ CHỨC THỰC HIỆN", style="Heading 1")
    texts = [line.text for line in read_file(save(document), "a.docx").lines]
    assert texts[-4:] == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Mục đích",
        "quán triệt sâu rộng đến cán bộ, đảng viên.",
        "II. TỔ CHỨC THỰC HIỆN",
    ]
    plan = parse_plan_file(save(document), "a.docx").to_dict()
    assert not any("Chưa nhận ra mục" in w for w in plan["warnings"])


# Nested tables, and every cell once.


def test_plan_inside_a_frame_table_with_a_nested_target_table() -> None:
    """Some offices lay the whole plan out in a one-cell frame; the targets sit inside it."""
    document = docx.Document()
    frame = document.add_table(rows=1, cols=1).cell(0, 0)
    frame.text = HEADER[0]
    for text in [*HEADER[1:], *INTRO, "II. CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030"]:
        frame.add_paragraph(text)
    add_target_table(frame)
    for text in ["III. NHIỆM VỤ, GIẢI PHÁP", "1. Tăng cường công tác tuyên truyền", *CLOSING]:
        frame.add_paragraph(text)
    plan = parse_plan_file(save(document), "ke_hoach.docx").to_dict()
    assert figures(plan) == [tuple(e) for e in EXPECTED]
    assert plan["solutions"] == [{"ref": "III.1", "title": "Tăng cường công tác tuyên truyền"}]


def test_header_table_cells_are_read_once_in_order() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(1, 0))  # a cell over two rows
    merged.text = "ĐẢNG BỘ XÃ TÂN KỲ"
    table.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    table.cell(1, 1).text = "Tân Kỳ, ngày 12 tháng 5 năm 2026"
    wide = document.add_table(rows=1, cols=3)
    wide.cell(0, 0).merge(wide.cell(0, 2)).text = "KẾ HOẠCH"
    texts = [line.text for line in read_file(save(document), "a.docx").lines]
    assert texts == [
        "ĐẢNG BỘ XÃ TÂN KỲ",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Tân Kỳ, ngày 12 tháng 5 năm 2026",
        "KẾ HOẠCH",
    ]


def test_docx_of_the_numbered_items_matches_the_typed_text() -> None:
    """The same items typed as "(1) …" in a .txt and numbered by Word in a .docx."""
    document = docx.Document()
    paragraphs(document, HEADER)
    paragraphs(document, ["I. CHỈ TIÊU ĐẾN NĂM 2030"])
    items = add_list(document, [("decimal", "(%1)")])
    bodies = [
        "Tỷ lệ hộ nghèo giảm xuống dưới 1%.",
        "Có ít nhất 12 mô hình dân vận khéo.",
    ]
    for body in bodies:
        numbered(document.add_paragraph(body), items)
    paragraphs(document, CLOSING)
    from_docx = parse_plan_file(save(document), "a.docx").to_dict()
    typed = "\n".join(
        [*HEADER, "I. CHỈ TIÊU ĐẾN NĂM 2030"]
        + [f"({i}) {b}" for i, b in enumerate(bodies, 1)]
        + CLOSING
    )
    from_text = parse_plan_text(typed).to_dict()
    for plan in (from_docx, from_text):
        for row in plan["targets"]:
            row.pop("source")
    assert from_docx["targets"] == from_text["targets"]
    assert [t["ref"] for t in from_docx["targets"]] == ["1", "2"]


# The target cell's grammar.


@pytest.mark.parametrize(
    ("cell", "comparator", "value", "low", "high", "bounds"),
    [
        ("Từ 1.500 trở lên", ">=", 1500, None, None, "[]"),
        ("Tối thiểu 80", ">=", 80, None, None, "[]"),
        ("≤ 3", "<=", 3, None, None, "[]"),
        ("≥90%", ">=", 90, None, None, "[]"),
        ("Đạt từ 70 đến 75", "range", None, 70, 75, "[]"),
        ("100", "=", 100, None, None, "[]"),
        ("Trên 95", ">", 95, None, None, "[]"),
        ("Dưới 1,5", "<", Decimal("1.5"), None, None, "[]"),
        ("Trên 70 và dưới 75", "range", None, 70, 75, "()"),
        ("Từ 70 đến dưới 75", "range", None, 70, 75, "[)"),
    ],
)
def test_target_cell_grammar(
    cell: str, comparator: str, value: Any, low: Any, high: Any, bounds: str
) -> None:
    reading = read_cell(cell)
    figure = reading.figure
    assert figure is not None
    assert (figure.comparator, figure.value, figure.low, figure.high) == (
        comparator,
        value,
        low,
        high,
    )
    assert reading.bounds == bounds
    assert reading.leftovers == []


def test_a_stretch_figure_in_the_cell() -> None:
    figure = read_cell("Trên 95 (phấn đấu 98)").figure
    assert figure is not None
    assert (figure.comparator, figure.value, figure.stretch) == (">", 95, 98)


def test_pdf_without_a_text_layer_says_so() -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(PlanParseError) as caught:
        parse_plan_file(buffer.getvalue(), "ke_hoach.pdf")
    assert "tệp PDF không có lớp chữ" in caught.value.message
    assert ".docx" in caught.value.message


# Properties: the table's layout never changes what it says.


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(5)), st.booleans(), st.booleans(), st.booleans())
def test_column_order_and_merged_cells_never_change_the_targets(
    order: list[int], two_rows: bool, merge_unit: bool, group_rows: bool
) -> None:
    # The text names the columns by their headers, which a two-row header words otherwise.
    extra = "label confidence" if two_rows else "label text confidence"
    expected = scored(parse_plan_file(target_plan(), "a.docx").to_dict(), extra)
    data = target_plan(
        order=list(order), two_rows=two_rows, merge_unit=merge_unit, group_rows=group_rows
    )
    assert scored(parse_plan_file(data, "b.docx").to_dict(), extra) == expected


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(range(len(ROWS))), min_size=1, max_size=6, unique=True))
def test_any_subset_of_rows_reads_exactly_those_rows(picked: list[int]) -> None:
    rows = [ROWS[i] for i in picked]
    plan = parse_plan_file(target_plan(rows=rows), "a.docx").to_dict()
    assert figures(plan) == [tuple(EXPECTED[i]) for i in picked]


def test_table_without_stt_or_years_takes_the_year_of_its_heading() -> None:
    document = docx.Document()
    paragraphs(document, [*HEADER, *INTRO, "II. CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030"])
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [
            ("Nội dung chỉ tiêu", "ĐVT", "Kế hoạch"),
            ("Tỷ lệ hộ nghèo đa chiều", "%", "Dưới 1"),
            ("Số vụ cháy, nổ trên địa bàn", "vụ/năm", "≤ 3"),
        ]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    paragraphs(document, CLOSING)
    plan = parse_plan_file(save(document), "a.docx").to_dict()
    rows = [
        (t["ref"], t["comparator"], t["value"], t["year"], t["base_year"], t["kind"])
        for t in plan["targets"]
    ]
    assert rows == [("1", "<", 1, 2030, None, "rate"), ("2", "<=", 3, 2030, None, "count")]
    assert [t["direction"] for t in plan["targets"]] == ["decrease", "decrease"]


def test_stt_numbered_by_word_gives_the_refs() -> None:
    document = docx.Document()
    paragraphs(document, [*HEADER, *INTRO, "II. CÁC CHỈ TIÊU"])
    stt = add_list(document, [("decimal", "%1.")])
    table = add_target_table(document, rows=[("", *row[1:]) for row in ROWS[:3]])
    for r in range(1, 4):
        numbered(table.cell(r, 0).paragraphs[0], stt)
    paragraphs(document, CLOSING)
    plan = parse_plan_file(save(document), "a.docx").to_dict()
    assert figures(plan) == [tuple(e) for e in EXPECTED[:3]]


CELL_TEXTS = [
    "Trên 95",
    "Từ 1.500 trở lên",
    "≥ 90%",
    "Đạt chuẩn",
    "12.34.5",
    "Năm 2030",
    "(80)",
    "-",
    "",
    "Trên 70 và dưới 75",
    "5 đến",
    "phấn đấu 98",
]
cell_text = st.one_of(
    st.sampled_from(CELL_TEXTS),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
)


@settings(max_examples=30, deadline=None)
@given(st.lists(cell_text, min_size=1, max_size=6))
def test_every_row_of_a_target_table_is_a_target_or_unparsed(cells: list[str]) -> None:
    rows = [("1", "Chỉ tiêu số 1", "%", "80", "Trên 95")]
    rows += [(str(i), f"Chỉ tiêu số {i}", "%", "", text) for i, text in enumerate(cells, 2)]
    plan = parse_plan_file(target_plan(rows=rows), "a.docx").to_dict()
    assert not any("Lỗi nội bộ" in w for w in plan["warnings"]), plan["warnings"]
    refs = [t["ref"] for t in plan["targets"]]
    assert len(refs) == len(set(refs))
    left = " ".join(u["text"] for u in plan["unparsed"])
    for i in range(1, len(rows) + 1):
        assert str(i) in refs or f"Chỉ tiêu số {i} |" in left, (i, rows[i - 1])
