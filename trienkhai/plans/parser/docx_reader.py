"""Read a Word file (.docx) as Word shows it: paragraphs and table cells in document order.

Each paragraph and each cell is read once; a cell is known by its position (row, grid
column), so a cell merged across columns (``w:gridSpan``) or rows (``w:vMerge``) is read
once. Word's AUTOMATIC numbering (``w:numPr`` on a paragraph or its style) is recovered as
the reader sees it ("1. ", "a) ", "(1) ") from ``word/numbering.xml``, so the outline finds
the numbered parts. A table whose header names the columns of targets becomes a
``TargetTable``: one line per row, read into target rows by ``tables``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from trienkhai.core.text import nfc
from trienkhai.plans.parser.tables import Cell, Grid, TargetTable, columns_of

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
_T, _TAB, _PTAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")
_NO_BREAK_HYPHEN, _TEXTBOX, _R = qn("w:noBreakHyphen"), qn("w:txbxContent"), qn("w:r")
_VAL = qn("w:val")
# Never shown as text: properties, deleted or moved-away runs, field codes, the fallback
# copy of a drawing (its text box is read from the drawing itself).
_SKIP = frozenset(
    {
        qn("w:pPr"),
        qn("w:rPr"),
        qn("w:del"),
        qn("w:moveFrom"),
        qn("w:instrText"),
        qn("w:delText"),
        qn("w:sdtPr"),
        qn("w:sdtEndPr"),
        f"{_MC}Fallback",
    }
)
_HEADING_NAME = re.compile(r"^(?:heading|tiêu\s+đề|đầu\s+đề)\s*\d$", re.IGNORECASE)
_MAX_LEVELS = 9
_MAX_STYLE_DEPTH = 10


@dataclass(frozen=True)
class Piece:
    """A line of the document before joining; ``fixed`` ones are never joined to others."""

    text: str
    fixed: bool = False
    table: TargetTable | None = None
    row: int = -1


@dataclass
class DocxContent:
    pieces: list[Piece] = field(default_factory=list)
    tables: list[TargetTable] = field(default_factory=list)


def _on(element: Any, tag: str) -> bool:
    """Whether a toggle property (``w:vanish``, ``w:isLgl``) is set on ``element``."""
    prop = element.find(tag) if element is not None else None
    return prop is not None and prop.get(_VAL, "true").lower() not in ("0", "false", "off")


def _int(element: Any, tag: str, default: int | None = None) -> int | None:
    prop = element.find(tag) if element is not None else None
    try:
        return int(prop.get(_VAL)) if prop is not None else default
    except (TypeError, ValueError):
        return default


class _Styles:
    def __init__(self, root: Any) -> None:
        self.by_id: dict[str, Any] = {}
        self.default: str | None = None
        self._headings: dict[str, bool] = {}
        if root is None:
            return
        for style in root.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id:
                self.by_id[style_id] = style
                if style.get(qn("w:type")) == "paragraph" and _on_attr(style, qn("w:default")):
                    self.default = style_id

    def chain(self, style_id: str | None) -> Iterator[Any]:
        """The style and those it is based on, nearest first."""
        seen: set[str] = set()
        while style_id and style_id not in seen and len(seen) < _MAX_STYLE_DEPTH:
            seen.add(style_id)
            style = self.by_id.get(style_id)
            if style is None:
                return
            yield style
            based = style.find(qn("w:basedOn"))
            style_id = based.get(_VAL) if based is not None else None

    def num_pr(self, style_id: str | None) -> tuple[str | None, int | None] | None:
        """(numId, ilvl) the style numbers its paragraphs with, or None."""
        for style in self.chain(style_id):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                num = num_pr.find(qn("w:numId"))
                return (num.get(_VAL) if num is not None else None), _int(num_pr, qn("w:ilvl"))
        return None

    def is_heading(self, style_id: str | None) -> bool:
        key = style_id or ""
        if key not in self._headings:
            self._headings[key] = self._is_heading(style_id)
        return self._headings[key]

    def _is_heading(self, style_id: str | None) -> bool:
        for style in self.chain(style_id):
            name = style.find(qn("w:name"))
            if name is not None and _HEADING_NAME.match(name.get(_VAL, "")):
                return True
            if _int(style.find(qn("w:pPr")), qn("w:outlineLvl"), 9) in range(9):
                return True
        return False


def _on_attr(element: Any, attr: str) -> bool:
    return element.get(attr, "0").lower() in ("1", "true", "on")


@dataclass(frozen=True)
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    style: str | None = None
    legal: bool = False
    restart: int | None = None  # None: after any higher level; 0: never


def _level(lvl: Any) -> _Level:
    fmt = lvl.find(qn("w:numFmt"))
    text = lvl.find(qn("w:lvlText"))
    style = lvl.find(qn("w:pStyle"))
    return _Level(
        fmt=fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
        text=text.get(_VAL, "") if text is not None else "",
        start=_int(lvl, qn("w:start"), 1) or 0,
        style=style.get(_VAL) if style is not None else None,
        legal=_on(lvl, qn("w:isLgl")),
        restart=_int(lvl, qn("w:lvlRestart")),
    )


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz, aaa …
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = ""
    for value, numeral in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _format(fmt: str, n: int) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal, and the formats a plan never uses read as decimal


class _Numbering:
    """Word's list numbering: counters per list (numId) and level, as the reader sees them."""

    def __init__(self, root: Any, styles: _Styles) -> None:
        self.styles = styles
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}  # abstractNum → the style whose list it uses
        self.nums: dict[str, tuple[str, dict[int, tuple[int | None, _Level | None]]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self._levels: dict[str, dict[int, _Level]] = {}
        if root is None:
            return
        for abstract in root.iterchildren(qn("w:abstractNum")):
            key = abstract.get(qn("w:abstractNumId"), "")
            levels: dict[int, _Level] = {}
            for lvl in abstract.iterchildren(qn("w:lvl")):
                ilvl = _int_attr(lvl, qn("w:ilvl"))
                if ilvl is not None:
                    levels[ilvl] = _level(lvl)
            self.abstracts[key] = levels
            link = abstract.find(qn("w:numStyleLink"))
            if link is not None and link.get(_VAL):
                self.links[key] = link.get(_VAL)
        for num in root.iterchildren(qn("w:num")):
            num_id = num.get(qn("w:numId"), "")
            abstract_ref = num.find(qn("w:abstractNumId"))
            overrides: dict[int, tuple[int | None, _Level | None]] = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = _int_attr(override, qn("w:ilvl"))
                if ilvl is not None:
                    lvl = override.find(qn("w:lvl"))
                    overrides[ilvl] = (
                        _int(override, qn("w:startOverride")),
                        _level(lvl) if lvl is not None else None,
                    )
            abstract_id = abstract_ref.get(_VAL, "") if abstract_ref is not None else ""
            self.nums[num_id] = (abstract_id, overrides)

    def levels(self, num_id: str) -> dict[int, _Level]:
        if num_id not in self._levels:
            self._levels[num_id] = self._read_levels(num_id)
        return self._levels[num_id]

    def _read_levels(self, num_id: str) -> dict[int, _Level]:
        abstract_id, overrides = self.nums.get(num_id, ("", {}))
        seen: set[str] = set()
        while abstract_id in self.links and abstract_id not in seen:
            # numStyleLink: the list is defined by the numbering of a style.
            seen.add(abstract_id)
            linked = self.styles.num_pr(self.links[abstract_id])
            linked_num = linked[0] if linked else None
            abstract_id = self.nums.get(linked_num or "", ("", {}))[0]
        levels = dict(self.abstracts.get(abstract_id, {}))
        for ilvl, (start, level) in overrides.items():
            level = level or levels.get(ilvl, _Level())
            levels[ilvl] = replace(level, start=level.start if start is None else start)
        return levels

    def level_of_style(self, num_id: str, style_id: str | None) -> int:
        for ilvl, level in self.levels(num_id).items():
            if style_id and level.style == style_id:
                return ilvl
        return 0

    def label(self, num_id: str, ilvl: int) -> str:
        """The next number of list ``num_id`` at ``ilvl``, as shown ("2.1.", "b)"), or ""."""
        levels = self.levels(num_id)
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else levels[ilvl].start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, _Level()).restart
            if restart is None or 0 < restart <= ilvl + 1:
                del counters[deeper]
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "-"
        legal = level.legal

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            shown = levels.get(k, _Level())
            value = counters.get(k, shown.start)
            return _format("decimal" if legal and shown.fmt != "none" else shown.fmt, value)

        return re.sub(r"%([1-9])", number, level.text).strip()


def _int_attr(element: Any, attr: str) -> int | None:
    try:
        return int(element.get(attr))
    except (TypeError, ValueError):
        return None


class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.tables: list[TargetTable] = []
        self.recent: list[str] = []  # the last paragraphs read, the context of a table

    def blocks(self, container: Any, *, in_cell: bool = False) -> list[Piece]:
        out: list[Piece] = []
        for child in container.iterchildren():
            tag = child.tag
            if tag == _P:
                out.extend(self.paragraph(child, in_cell=in_cell))
            elif tag == _TBL:
                out.extend(self.table(child))
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    out.extend(self.blocks(content, in_cell=in_cell))
            elif tag in (_CUSTOM_XML, _SDT_CONTENT, f"{_MC}AlternateContent", f"{_MC}Choice"):
                out.extend(self.blocks(child, in_cell=in_cell))
        return out

    def paragraph(self, p: Any, *, in_cell: bool) -> list[Piece]:
        parts: list[str] = []
        boxes: list[Any] = []
        _runs(p, parts, boxes)
        text = "".join(parts)
        p_pr = p.find(qn("w:pPr"))
        style_el = p_pr.find(qn("w:pStyle")) if p_pr is not None else None
        style = style_el.get(_VAL) if style_el is not None else self.styles.default
        label = self.number(p_pr, style)
        if label and (text.strip() or in_cell):
            text = f"{label} {text.lstrip()}"
        heading = self.styles.is_heading(style) or (_int(p_pr, qn("w:outlineLvl"), 9) in range(9))
        out = [Piece(nfc(line), fixed=heading) for line in text.split("\n")]
        if text.strip():
            self.recent = [*self.recent[-2:], nfc(text)]
        for box in boxes:
            out.extend(self.blocks(box))
        return out

    def number(self, p_pr: Any, style: str | None) -> str:
        """The automatic number Word shows before this paragraph, or ""."""
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        num_id: str | None = None
        ilvl: int | None = None
        if num_pr is not None:
            num = num_pr.find(qn("w:numId"))
            num_id = num.get(_VAL) if num is not None else None
            ilvl = _int(num_pr, qn("w:ilvl"))
        if num_id is None or ilvl is None:
            inherited = self.styles.num_pr(style)
            if inherited is not None:
                num_id = num_id or inherited[0]
                ilvl = ilvl if ilvl is not None else inherited[1]
        if not num_id or num_id == "0":
            return ""
        if ilvl is None:
            ilvl = self.numbering.level_of_style(num_id, style)
        return self.numbering.label(num_id, min(max(ilvl, 0), _MAX_LEVELS - 1))

    def table(self, tbl: Any) -> list[Piece]:
        context = " ".join(self.recent)
        cells: list[Cell] = []
        contents: list[list[Piece]] = []
        for r, tr in enumerate(_children(tbl, _TR)):
            tr_pr = tr.find(qn("w:trPr"))
            col = _int(tr_pr, qn("w:gridBefore"), 0) or 0
            for tc in _children(tr, _TC):
                tc_pr = tc.find(qn("w:tcPr"))
                span = max(1, _int(tc_pr, qn("w:gridSpan"), 1) or 1)
                pieces = self.blocks(tc, in_cell=True)
                text = " ".join(" ".join(p.text for p in pieces).split())
                merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
                h_merge = tc_pr.find(qn("w:hMerge")) if tc_pr is not None else None
                if h_merge is not None and h_merge.get(_VAL) != "restart" and cells and not text:
                    # The old horizontal merge: this cell widens the one before it.
                    last = cells[-1]
                    if last.row == r:
                        cells[-1] = Cell(last.row, last.col, last.span + span, last.text)
                        contents[-1] = contents[-1] + pieces
                        col += span
                        continue
                continued = merge is not None and merge.get(_VAL) != "restart" and not text
                cells.append(Cell(r, col, span, text, continued=continued and r > 0))
                contents.append(pieces)
                col += span
        grid = Grid(cells)
        columns = columns_of(grid)
        if columns is None:
            return [piece for pieces in contents for piece in pieces]
        table = TargetTable(grid, columns, context=context)
        self.tables.append(table)
        out: list[Piece] = []
        for cell, pieces in zip(cells, contents, strict=False):
            if cell.row < columns.top:
                out.extend(pieces)  # a title above the header reads as text
        for row in range(columns.top, grid.rows):
            out.append(Piece(nfc(grid.row_text(row)), fixed=True, table=table, row=row))
        return out


def _children(element: Any, tag: str) -> Iterator[Any]:
    """Children with ``tag``, also those wrapped in a content control or custom XML."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            inner = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if inner is not None:
                yield from _children(inner, tag)


def _runs(element: Any, out: list[str], boxes: list[Any]) -> None:
    """The text Word shows for a paragraph's runs; text boxes are kept to read after it."""
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _T:
            out.append(child.text or "")
        elif tag in (_TAB, _PTAB):
            out.append("\t")
        elif tag in (_BR, _CR):
            out.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            out.append("-")
        elif tag == _TEXTBOX:
            boxes.append(child)
        elif tag == _R and _on(child.find(qn("w:rPr")), qn("w:vanish")):
            continue  # hidden text
        else:
            _runs(child, out, boxes)


def read_docx(data: bytes) -> DocxContent:
    """The pieces of a Word package (python-docx errors propagate to the caller)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    part = document.part
    styles = _Styles(_part_element(part, RT.STYLES))
    numbering = _Numbering(_part_element(part, RT.NUMBERING), styles)
    reader = _Reader(styles, numbering)
    pieces = reader.blocks(document.element.body)
    return DocxContent(pieces, reader.tables)


def _part_element(part: Any, reltype: str) -> Any:
    try:
        return part.part_related_by(reltype).element
    except (KeyError, AttributeError):
        return None
