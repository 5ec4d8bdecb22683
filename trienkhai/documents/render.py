"""Official documents rendered in the Party format: data in, bytes out.

``render_docx`` lays a ``DocumentData`` out with the measures of a ``PartyFormat``;
``render_pdf`` (in ``pdf.py``, re-exported here) turns the DOCX into a PDF through LibreOffice.
Nothing here touches the database, so tests and benchmarks call it directly.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from trienkhai.documents.data import (
    Block,
    BulletList,
    DocumentData,
    Heading,
    Paragraph,
    Table,
)
from trienkhai.documents.format import PartyFormat, get_format
from trienkhai.documents.pdf import render_html_pdf, render_pdf

__all__ = ["render_docx", "render_html_pdf", "render_pdf"]

NATIONAL_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
RECIPIENTS_HEADING = "Nơi nhận:"

# Elements that must come after the one being inserted, in the order the OOXML schema
# fixes: Word refuses a file whose pPr/tblPr/rPr children are out of order.
_PPR_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
_TBLPR_AFTER_CELLMAR = ("w:tblLook",)


# --- low-level helpers -----------------------------------------------------------------------


def _set_run_font(
    run: Any,
    fmt: PartyFormat,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> None:
    run.font.name = fmt.font_name
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    # python-docx sets only ascii/hAnsi; Word picks w:eastAsia for some Vietnamese
    # characters, which would then fall back to the theme font.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), fmt.font_name)
    fonts.set(qn("w:cs"), fmt.font_name)


def _format_paragraph(
    paragraph: DocxParagraph,
    *,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    after: float = 0,
    before: float = 0,
    exact: float | None = None,
    first_line_cm: float = 0,
    keep_with_next: bool = False,
) -> None:
    pf = paragraph.paragraph_format
    pf.alignment = align
    pf.space_after = Pt(after)
    pf.space_before = Pt(before)
    pf.first_line_indent = Cm(first_line_cm) if first_line_cm else Cm(0)
    if exact is not None:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(exact)
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.keep_with_next = keep_with_next
    pf.widow_control = True


def _add_text(
    paragraph: DocxParagraph, text: str, fmt: PartyFormat, size: float, **style: bool
) -> None:
    _set_run_font(paragraph.add_run(text), fmt, size, **style)


def _bottom_rule(paragraph: DocxParagraph) -> None:
    """A single thin line under the paragraph, spanning it between its indents."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *_PPR_AFTER_PBDR)


def _table_borders(table: DocxTable, value: str) -> None:
    """``nil`` for the borderless header and signature blocks, ``single`` for data tables."""
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    tblpr.insert_element_before(borders, *_TBLPR_AFTER_BORDERS)


def _fixed_layout(table: DocxTable, widths_mm: list[float], *, cell_margin_mm: float) -> None:
    """Fixed column widths, so Word and LibreOffice lay the columns out alike."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # (autofit=False above already writes <w:tblLayout w:type="fixed"/>.)
    tblpr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    twips = str(round(cell_margin_mm * 56.6929))
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), twips)
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tblpr.insert_element_before(margins, *_TBLPR_AFTER_CELLMAR)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _field_char(paragraph: DocxParagraph, fmt: PartyFormat, kind: str) -> None:
    run = paragraph.add_run()
    _set_run_font(run, fmt, fmt.page_number_size)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


def _page_field(paragraph: DocxParagraph, fmt: PartyFormat) -> None:
    """A PAGE field: begin, instruction, separator, a placeholder result, end."""
    _field_char(paragraph, fmt, "begin")
    run = paragraph.add_run()
    _set_run_font(run, fmt, fmt.page_number_size)
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run._r.append(instruction)
    _field_char(paragraph, fmt, "separate")
    # Word and LibreOffice recompute the result on every page; this is what old viewers show.
    _set_run_font(paragraph.add_run("2"), fmt, fmt.page_number_size)
    _field_char(paragraph, fmt, "end")


# --- the parts of a document -----------------------------------------------------------------


def _setup(doc: Any, fmt: PartyFormat) -> None:
    section = doc.sections[0]
    section.page_width = Mm(fmt.page_width_mm)
    section.page_height = Mm(fmt.page_height_mm)
    section.top_margin = Mm(fmt.margin_top_mm)
    section.bottom_margin = Mm(fmt.margin_bottom_mm)
    section.left_margin = Mm(fmt.margin_left_mm)
    section.right_margin = Mm(fmt.margin_right_mm)
    section.header_distance = Mm(fmt.header_distance_mm)
    # Page numbers from page 2: the first page has its own, empty, header.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header_paragraph = section.header.paragraphs[0]
    _format_paragraph(header_paragraph)
    _page_field(header_paragraph, fmt)

    # Defaults for every paragraph, including empty ones and those a user adds in Word:
    # the theme fonts of the stock template would otherwise win.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), fmt.font_name)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "vi-VN")
    normal = doc.styles["Normal"]
    normal.font.name = fmt.font_name
    normal.font.size = Pt(fmt.body_size)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), fmt.font_name)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _header_block(doc: Any, data: DocumentData, fmt: PartyFormat) -> None:
    table = doc.add_table(rows=1, cols=2)
    _table_borders(table, "nil")
    _fixed_layout(table, [fmt.header_left_mm, fmt.header_right_mm], cell_margin_mm=0)
    left, right = table.rows[0].cells

    p = left.paragraphs[0]
    _format_paragraph(p)
    _add_text(p, data.superior, fmt, fmt.superior_size)
    p = left.add_paragraph()
    _format_paragraph(p)
    _add_text(p, data.issuer, fmt, fmt.issuer_size, bold=True)
    p = left.add_paragraph()
    _format_paragraph(p)
    _add_text(p, "*", fmt, fmt.issuer_size)
    p = left.add_paragraph()
    _format_paragraph(p)
    _add_text(p, data.number_line, fmt, fmt.number_size)

    p = right.paragraphs[0]
    _format_paragraph(p)
    # Indents narrow the paragraph to the motto's own width, so the rule is as long as it.
    side = max((fmt.header_right_mm - fmt.national_rule_mm) / 2, 0)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    _add_text(p, NATIONAL_MOTTO, fmt, fmt.national_size, bold=True)
    _bottom_rule(p)
    p = right.add_paragraph()
    _format_paragraph(p, before=6)
    _add_text(p, data.date_line, fmt, fmt.place_date_size, italic=True)


def _title_block(doc: Any, data: DocumentData, fmt: PartyFormat) -> None:
    p = doc.add_paragraph()
    _format_paragraph(p, before=18, keep_with_next=True)
    _add_text(p, data.doc_type, fmt, fmt.doc_type_size, bold=True)
    p = doc.add_paragraph()
    _format_paragraph(p, keep_with_next=True)
    _add_text(p, data.title, fmt, fmt.title_size, bold=True)
    p = doc.add_paragraph()
    _format_paragraph(p, after=fmt.space_after_pt, keep_with_next=True)
    _add_text(p, "-----", fmt, fmt.title_size)


def _body_paragraph(doc: Any, fmt: PartyFormat, *, keep_with_next: bool = False) -> Any:
    p = doc.add_paragraph()
    _format_paragraph(
        p,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        after=fmt.space_after_pt,
        exact=fmt.line_spacing_pt,
        first_line_cm=fmt.first_line_indent_cm,
        keep_with_next=keep_with_next,
    )
    return p


def _data_table(doc: Any, block: Table, fmt: PartyFormat, *, keep_with_next: bool) -> None:
    columns = max(len(r) for r in (*block.header_rows, *block.rows))
    widths = list(block.widths_mm or [fmt.text_width_mm / columns] * columns)
    table = doc.add_table(rows=len(block.header_rows) + len(block.rows), cols=columns)
    _table_borders(table, "single")
    _fixed_layout(table, widths, cell_margin_mm=1.5)
    for index, values in enumerate(block.header_rows):
        row = table.rows[index]
        # The header rows repeat on every page the table runs over.
        trpr = row._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        trpr.append(repeat)
        anchor = None
        for column in range(columns):
            value = values[column] if column < len(values) else ""
            cell = row.cells[column]
            if value is None and anchor is not None:
                anchor = anchor.merge(cell)
                continue
            anchor = cell
            p = cell.paragraphs[0]
            _format_paragraph(p, before=2, after=2)
            _add_text(p, value or "", fmt, fmt.table_size, bold=True)
    offset = len(block.header_rows)
    for index, values in enumerate(block.rows):
        cells = table.rows[offset + index].cells
        last_row = index == len(block.rows) - 1
        for column in range(columns):
            p = cells[column].paragraphs[0]
            align = (
                WD_ALIGN_PARAGRAPH.RIGHT
                if column in block.numeric_columns
                else WD_ALIGN_PARAGRAPH.LEFT
            )
            _format_paragraph(
                p, align=align, before=2, after=2, keep_with_next=keep_with_next and last_row
            )
            value = values[column] if column < len(values) else ""
            _add_text(p, value, fmt, fmt.table_size)
    # Word merges two tables that touch; a small empty paragraph keeps them apart.
    spacer = doc.add_paragraph()
    _format_paragraph(spacer, after=fmt.space_after_pt, keep_with_next=keep_with_next)


def _body(doc: Any, blocks: tuple[Block, ...], fmt: PartyFormat) -> None:
    for number, block in enumerate(blocks, start=1):
        # What ends the text goes to the next page with the signature rather than leave the
        # signature alone at the top of a page (its row cannot split: _signature_block).
        last = number == len(blocks)
        if isinstance(block, Heading):
            p = _body_paragraph(doc, fmt, keep_with_next=True)
            _add_text(p, block.text, fmt, fmt.heading_size, bold=True, italic=block.level >= 3)
        elif isinstance(block, Paragraph):
            p = _body_paragraph(doc, fmt, keep_with_next=last)
            _add_text(p, block.text, fmt, fmt.body_size, bold=block.bold, italic=block.italic)
        elif isinstance(block, BulletList):
            for item_number, item in enumerate(block.items, start=1):
                p = _body_paragraph(
                    doc, fmt, keep_with_next=last and item_number == len(block.items)
                )
                _add_text(p, f"- {item}", fmt, fmt.body_size)
        elif isinstance(block, Table):
            _data_table(doc, block, fmt, keep_with_next=last)
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"unknown block {block!r}")


def _signature_block(doc: Any, data: DocumentData, fmt: PartyFormat) -> None:
    table = doc.add_table(rows=1, cols=2)
    _table_borders(table, "nil")
    _fixed_layout(table, [fmt.signature_left_mm, fmt.signature_right_mm], cell_margin_mm=0)
    # The signature never breaks over two pages.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells

    p = left.paragraphs[0]
    _format_paragraph(p, align=WD_ALIGN_PARAGRAPH.LEFT, before=6)
    _add_text(p, RECIPIENTS_HEADING, fmt, fmt.recipients_heading_size, underline=True)
    for recipient in data.recipients:
        p = left.add_paragraph()
        _format_paragraph(p, align=WD_ALIGN_PARAGRAPH.LEFT)
        _add_text(p, recipient, fmt, fmt.recipients_size)

    sig = data.signature
    p = right.paragraphs[0]
    _format_paragraph(p, before=6)
    _add_text(p, sig.on_behalf, fmt, fmt.on_behalf_size, bold=True)
    p = right.add_paragraph()
    _format_paragraph(p)
    _add_text(p, sig.signer_title, fmt, fmt.signer_title_size)
    for _blank in range(fmt.signature_gap_lines):
        p = right.add_paragraph()
        _format_paragraph(p)
        _add_text(p, "", fmt, fmt.signer_title_size)
    p = right.add_paragraph()
    _format_paragraph(p)
    _add_text(p, sig.signer_name, fmt, fmt.signer_name_size, bold=True)


def render_docx(data: DocumentData, fmt: PartyFormat | None = None) -> bytes:
    """The document as a DOCX file, laid out by ``fmt`` (default: the data's own format)."""
    fmt = fmt or get_format(data.format_key)
    doc = Document()
    _setup(doc, fmt)
    # The stock template starts with one empty paragraph; the header table goes first.
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    _header_block(doc, data, fmt)
    _title_block(doc, data, fmt)
    _body(doc, data.body, fmt)
    _signature_block(doc, data, fmt)
    props = doc.core_properties
    props.title = f"{data.doc_type.capitalize()} {data.title}"[:255]
    props.author = data.issuer
    props.language = "vi-VN"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
