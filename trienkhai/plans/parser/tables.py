"""Tables of a plan read by position, and target tables read into ``TargetRow``s.

A table is a grid: every cell sits at (row, grid column) and spans one or more columns
(``w:gridSpan``); a vertically merged cell (``w:vMerge``) is one cell, whose text every row
it covers sees. A TARGET TABLE is recognised by its header rows ("STT", "Chỉ tiêu", "ĐVT",
"Thực hiện 2025", "Mục tiêu 2030", in any order, on one or two rows with a merged cell
above): each data row gives one target, its ref from the STT column, its figure and
comparator from the target cell ("Từ 1.500 trở lên" → >= 1500), its year from the target
column's header. Rows that are not targets and rows that fail go to ``unparsed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from trienkhai.core.errors import gettext_noop as _
from trienkhai.plans.parser import labels
from trienkhai.plans.parser.grammar import NUMBER, STRIVE, Figure, read_number, scan
from trienkhai.plans.parser.lines import Line
from trienkhai.plans.parser.result import Source, TargetRow
from trienkhai.plans.parser.words import HAS_DIGIT, excerpt, fold, mask


@dataclass(frozen=True)
class Cell:
    """One cell as written: where it begins, how many grid columns it spans, its text."""

    row: int
    col: int
    span: int
    text: str
    # A vertical-merge continuation: it shows the text of the cell where the merge began.
    continued: bool = False


@dataclass
class Grid:
    cells: list[Cell]

    @cached_property
    def rows(self) -> int:
        return max((c.row for c in self.cells), default=-1) + 1

    @cached_property
    def cols(self) -> int:
        return max((c.col + c.span for c in self.cells), default=0)

    @cached_property
    def _by_row(self) -> dict[int, list[Cell]]:
        rows: dict[int, list[Cell]] = {}
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            if cell.text and not cell.continued:
                rows.setdefault(cell.row, []).append(cell)
        return rows

    @cached_property
    def _positions(self) -> dict[tuple[int, int], Cell]:
        at: dict[tuple[int, int], Cell] = {}
        for cell in self.cells:
            origin = at.get((cell.row - 1, cell.col)) if cell.continued else None
            shown = origin if origin is not None else cell
            for col in range(cell.col, cell.col + cell.span):
                at[(cell.row, col)] = shown
        return at

    def cell(self, row: int, col: int) -> Cell | None:
        """The cell shown at a position (a merged cell at every position it covers)."""
        return self._positions.get((row, col))

    def text(self, row: int, col: int | None) -> str:
        cell = self.cell(row, col) if col is not None else None
        return cell.text if cell is not None else ""

    def own(self, row: int) -> list[Cell]:
        """The cells that begin in ``row`` and have text, left to right: each is read once."""
        return self._by_row.get(row, [])

    def row_text(self, row: int) -> str:
        return " | ".join(c.text for c in self.own(row))


@dataclass(frozen=True)
class Columns:
    """What each column of a target table holds, from its header rows."""

    top: int  # first header row
    body: int  # first data row
    label: int
    target: int
    stt: int | None = None
    unit: int | None = None
    base: int | None = None
    stretch: int | None = None
    year: int | None = None
    base_year: int | None = None
    names: dict[int, str] = field(default_factory=dict)


@dataclass
class TargetTable:
    grid: Grid
    columns: Columns
    # The text just before the table ("II. CÁC CHỈ TIÊU ĐẾN NĂM 2030"): it dates the rows
    # when the target column does not.
    context: str = ""
    # The line number of each grid row that has text (set by the reader).
    line_nos: dict[int, int] = field(default_factory=dict)


@dataclass
class TableResult:
    rows: list[TargetRow] = field(default_factory=list)
    unparsed: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_STT = re.compile(r"^(?:số\s+)?(?:stt|tt|thứ\s+tự|số\s+thứ\s+tự)$")
_UNIT = re.compile(r"^(?:đvt|đ\s?v\s?t|đơn\s+vị(?:\s+tính|\s+đo)?)$")
_NOTE = re.compile(
    r"^(?:ghi\s+chú|so\s+sánh|tỷ\s+lệ\s+so\s+sánh|tăng\s*(?:/|,)?\s*giảm|cơ\s+quan"
    r"|đơn\s+vị\s+(?:chủ\s+trì|thực\s+hiện|phụ\s+trách|phối\s+hợp)|người\s+phụ\s+trách"
    r"|thời\s+gian|lộ\s+trình)"
)
_TARGET = re.compile(
    r"\b(?:mục\s+tiêu|kế\s+hoạch|kh|định\s+hướng|phấn\s+đấu|dự\s+kiến"
    r"|chỉ\s+tiêu\s+(?:đến|năm|giai\s+đoạn|giao))\b"
)
_BASE = re.compile(
    r"\b(?:thực\s+hiện|th|ước|kết\s+quả|hiện\s+trạng|năm\s+gốc|cơ\s+sở|số\s+liệu|đã\s+đạt)\b"
)
_UNTIL = re.compile(r"\b(?:đến\s+năm|giai\s+đoạn)\b")
_LABEL = re.compile(r"\b(?:chỉ\s+tiêu|nội\s+dung|tên|lĩnh\s+vực)\b")
_YEAR_ONLY = re.compile(r"^(?:năm\s+|giai\s+đoạn\s+)?(?:19|20)\d\d(?:\s*-\s*(?:19|20)\d\d)?$")
# Words over a merged header cell, named by the row under it ("Năm" over "2025 | 2030").
_PARENT = re.compile(r"^(?:năm|các\s+năm|giai\s+đoạn|thời\s+kỳ|thời\s+gian|số\s+liệu)$")
_INDEX_CELL = re.compile(r"^\(?\s*(?:\d{1,2}|[a-z])\s*\)?$", re.IGNORECASE)
_REF = re.compile(r"^\(?\s*(?P<ref>\d{1,3}(?:\s*\.\s*\d{1,3})*)\s*[.)]?\s*\)?$")
_GROUP_REF = re.compile(r"^\(?\s*(?:[IVXLC]{1,6}|[A-ZĐ]|[a-zđ])\s*[.)]?\s*\)?$")
_SYMBOL = re.compile(r"^\s*(?P<s>≥|>=|=>|≤|<=|=<|>|<|=|≈|~)\s*")
_SYMBOLS = {"≥": ">=", ">=": ">=", "=>": ">=", "≤": "<=", "<=": "<=", "=<": "<="}
_SYMBOLS |= {">": ">", "<": "<", "=": "=", "≈": "~", "~": "~"}
_STRETCH = re.compile(
    rf"{STRIVE.pattern}\s*(?:đạt\s*)?(?:khoảng\s*|trên\s*|từ\s*)?(?P<n>\d+(?:[.,]\d+)*)",
    re.IGNORECASE,
)
_EMPTY = {"", "-", "–", "—", "x", "/"}
_MAX_HEADER_ROWS = 3
_MAX_HEADER_CELL = 80


def _norm(text: str) -> str:
    """Lower case, punctuation as spaces: "Đơn vị tính (ĐVT):" → "đơn vị tính đvt"."""
    text = re.sub(r"[()\[\]:;,*\"“”]", " ", text.lower())
    text = re.sub(r"(?<=\D)\.|\.(?=\D|$)", " ", text)
    return " ".join(text.replace("–", "-").split())


def _role(header: str) -> str | None:
    h = _norm(header)
    if not h or len(h) > _MAX_HEADER_CELL:
        return None
    if _STT.match(h):
        return "stt"
    if _UNIT.match(h):
        return "unit"
    if _NOTE.match(h):
        return "note"
    if _TARGET.search(h):
        return "stretch" if re.search(r"\bphấn\s+đấu\b", h) else "target"
    if _BASE.search(h):
        return "base"
    if _UNTIL.search(h):
        return "target"
    if _LABEL.search(h) and not _YEAR.search(h):
        return "label"
    if _YEAR.search(h):
        return "year"
    return None


def _header_cell(text: str) -> bool:
    norm = _norm(text)
    return _role(text) is not None or bool(_YEAR_ONLY.match(norm) or _PARENT.match(norm))


def _banner(grid: Grid, row: int) -> bool:
    """A row that is one merged cell across the table: a title or a group heading."""
    own = grid.own(row)
    return len(own) == 1 and own[0].span >= max(2, grid.cols // 2)


def _header_row(grid: Grid, row: int) -> bool:
    own = grid.own(row)
    return bool(own) and not _banner(grid, row) and all(_header_cell(c.text) for c in own)


def _index_row(grid: Grid, row: int) -> bool:
    """The row numbering the columns under the header: "(1) | (2) | (3)…" or "A | B | 1…"."""
    own = grid.own(row)
    return len(own) >= 3 and all(_INDEX_CELL.match(c.text) for c in own)


def _last_year(text: str) -> int | None:
    found = _YEAR.findall(text)
    return int(found[-1]) if found else None


def columns_of(grid: Grid) -> Columns | None:
    """The columns of a target table, or None when ``grid`` is not one."""
    if grid.rows < 2 or grid.cols < 2:
        return None
    top = 0
    while top < min(2, grid.rows) and _banner(grid, top):
        top += 1
    body = top
    while body < grid.rows and body - top < _MAX_HEADER_ROWS and _header_row(grid, body):
        body += 1
    if body == top:
        return None
    names: dict[int, str] = {}
    for col in range(grid.cols):
        parts: list[str] = []
        for row in range(top, body):
            text = grid.text(row, col)
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        names[col] = " ".join(parts)
    roles: dict[str, list[int]] = {}
    for col, name in names.items():
        role = _role(name)
        if role is not None:
            roles.setdefault(role, []).append(col)
    return _resolve(grid, top, body, names, roles)


def _resolve(
    grid: Grid, top: int, body: int, names: dict[int, str], roles: dict[str, list[int]]
) -> Columns | None:
    years = {col: _last_year(name) for col, name in names.items()}

    def latest(cols: list[int]) -> int:
        return max(cols, key=lambda c: (years[c] or 0, c))

    targets = roles.get("target", [])
    dated = roles.get("year", [])
    stretch_cols = roles.get("stretch", [])
    if not targets and stretch_cols:
        targets, stretch_cols = stretch_cols[:1], stretch_cols[1:]
    if not targets and dated:
        targets = [latest(dated)]
    if not targets or not roles.get("label"):
        return None
    target = latest(targets)
    year = years[target]
    earlier = [c for c in roles.get("base", []) if year is None or (years[c] or 0) < year]
    if not earlier:
        others = [c for c in dated + targets if c != target]
        earlier = [c for c in others if (years[c] or 0) < (year or 0)]
    base = latest(earlier) if earlier else None
    # "Lĩnh vực | Chỉ tiêu": the column naming the target is the label.
    label = min(roles["label"], key=lambda c: ("chỉ tiêu" not in _norm(names[c]), c))
    stt, unit = roles.get("stt", []), roles.get("unit", [])
    columns = Columns(
        top=top,
        body=body,
        label=label,
        target=target,
        stt=stt[0] if stt else None,
        unit=unit[0] if unit else None,
        base=base,
        stretch=stretch_cols[0] if stretch_cols else None,
        year=year,
        base_year=years[base] if base is not None else None,
        names=names,
    )
    if columns.stt is None and columns.unit is None and columns.base is None:
        return None  # two columns "Nội dung | Kế hoạch" are a schedule, not targets
    if not any(HAS_DIGIT.search(grid.text(r, target)) for r in range(body, grid.rows)):
        return None
    return columns


# Reading the rows.


@dataclass
class CellReading:
    figure: Figure | None = None
    pair_bounds: str = "[]"  # the bounds of a range read from two figures
    leftovers: list[str] = field(default_factory=list)

    @property
    def bounds(self) -> str:
        """Whether the ends of a range count: "[]", "()", "[)", "(]"; "[]" for a non-range."""
        if self.figure is None or self.figure.comparator != "range":
            return "[]"
        if self.pair_bounds != "[]":
            return self.pair_bounds
        # The grammar may know the bounds of a range ("từ 70 đến dưới 75") itself.
        return getattr(self.figure, "bounds", None) or "[]"


def _blank(text: str) -> bool:
    return text.strip() in _EMPTY


def read_cell(text: str) -> CellReading:
    """The figure of a target cell: "Từ 1.500 trở lên", "≤ 3", "Đạt từ 70 đến 75", "100"."""
    symbol = _SYMBOL.match(text)
    rest = text[symbol.end() :] if symbol else text
    # A bare number is a figure only after a verb: the cell holds nothing else.
    line = f"đạt {rest}"
    masked = mask(line)
    figures = scan(line, masked, 0, len(line))
    out = CellReading()
    covered = bytearray(len(line))
    for figure in figures:
        covered[figure.start : figure.end] = b"\x01" * (figure.end - figure.start)
    out.leftovers = [m.group(0) for m in NUMBER.finditer(masked) if not covered[m.start()]]
    if len(figures) == 2 and _pair_is_range(figures[0], figures[1]):
        low, high = figures
        figure = Figure(start=low.start, end=high.end, comparator="range", low=low.value)
        figure.high, figure.unit, figure.unit_known = high.value, low.unit or high.unit, True
        out.pair_bounds = ("(" if low.comparator == ">" else "[") + (
            ")" if high.comparator == "<" else "]"
        )
        figures = [figure]
    if not figures:
        return out
    figure = figures[0]
    out.leftovers += [line[f.start : f.end] for f in figures[1:]]
    if symbol is not None and figure.comparator != "range":
        figure.comparator = _SYMBOLS[symbol["s"]]
    if figure.stretch is None:
        strive = _STRETCH.search(line, figure.end)
        if strive is not None:
            figure.stretch = read_number(strive["n"])
            out.leftovers = [n for n in out.leftovers if n != strive["n"]]
    out.figure = figure
    return out


def _pair_is_range(low: Figure, high: Figure) -> bool:
    """ "Trên 70 và dưới 75": a lower and an upper bound of one figure."""
    return (
        low.comparator in (">", ">=")
        and high.comparator in ("<", "<=")
        and low.value is not None
        and high.value is not None
        and low.value < high.value
        and low.stretch is None
    )


def _ref(stt: str) -> str | None:
    match = _REF.match(stt.strip())
    return re.sub(r"\s+", "", match["ref"]) if match else None


def _row_text(columns: Columns, parts: dict[str, str]) -> str:
    """The row as a sentence, in the same order whatever the order of the columns."""
    text = parts["label"]
    if parts.get("unit"):
        text += f" ({parts['unit']})"
    for role, col in (
        ("base", columns.base),
        ("target", columns.target),
        ("stretch", columns.stretch),
    ):
        if parts.get(role) and col is not None:
            text += f"; {columns.names[col]}: {parts[role]}"
    return text


def _per_year_count(unit: str | None) -> str | None:
    """ "vụ/năm" counts incidents a year: its kind is that of "vụ" (money per year stays)."""
    if unit and not unit.startswith("%") and re.search(r"/\s*năm$", unit):
        return re.sub(r"\s*/\s*năm$", "", unit)
    return unit


def _qualitative(text: str) -> str:
    return ">=" if "vuot" in fold(text) else "="


class _TableReader:
    def __init__(self, table: TargetTable, lines: dict[int, Line], out: TableResult) -> None:
        self.table = table
        self.grid = table.grid
        self.columns = table.columns
        self.lines = lines
        self.out = out
        self.counter = 0
        self.context_year = labels.years(table.context)[0] if table.context else None

    def line(self, row: int) -> Line | None:
        no = self.table.line_nos.get(row)
        return self.lines.get(no) if no is not None else None

    def skip(self, line: Line, message: str) -> None:
        self.out.unparsed.append(line)
        self.out.warnings.append(message % {"text": excerpt(line.text)})

    def read(self) -> None:
        for row in range(self.columns.top, self.grid.rows):
            line = self.line(row)
            if line is None or row < self.columns.body or _index_row(self.grid, row):
                continue
            self.read_row(row, line)

    def read_row(self, row: int, line: Line) -> None:
        grid, columns = self.grid, self.columns
        parts = {
            role: grid.text(row, col).strip()
            for role, col in (
                ("stt", columns.stt),
                ("label", columns.label),
                ("unit", columns.unit),
                ("base", columns.base),
                ("target", columns.target),
                ("stretch", columns.stretch),
            )
        }
        for role in ("unit", "base", "stretch"):
            if _blank(parts[role]):
                parts[role] = ""
        target = "" if _blank(parts["target"]) else parts["target"]
        label_cell, target_cell = grid.cell(row, columns.label), grid.cell(row, columns.target)
        same = label_cell is not None and label_cell is target_cell
        if _banner(grid, row) or same:
            return  # a group heading across the table ("A. Các chỉ tiêu về kinh tế")
        if columns.stt is None:
            self.counter += 1
            ref: str | None = str(self.counter)
        else:
            ref = _ref(parts["stt"])
        if ref is None:
            if not target and (not parts["stt"] or _GROUP_REF.match(parts["stt"])):
                return  # "I | Chỉ tiêu kinh tế": a group heading
            self.skip(line, _("Bảng chỉ tiêu: dòng %(text)s không có số thứ tự; cần xem lại."))
            return
        if not parts["label"] or not target:
            self.skip(
                line, _("Bảng chỉ tiêu: dòng %(text)s thiếu tên hoặc mức chỉ tiêu; cần xem lại.")
            )
            return
        read = self.target_row(ref, parts, target, line)
        if read is not None:
            self.out.rows.append(read)

    def target_row(
        self, ref: str, parts: dict[str, str], target: str, line: Line
    ) -> TargetRow | None:
        columns = self.columns
        label = labels.clean_label(parts["label"]) or parts["label"].rstrip(" .;:")
        label = label[:1].upper() + label[1:]
        subject = parts["label"]
        reading = read_cell(target)
        figure = reading.figure
        year, base_year = labels.years(subject)
        unit = " ".join(parts["unit"].split()) or None
        row = TargetRow(
            ref=ref,
            text=_row_text(columns, parts),
            label=label,
            kind="qualitative",
            comparator=_qualitative(target),
            value=None,
            low=None,
            high=None,
            stretch=None,
            unit=unit,
            year=columns.year or year or self.context_year,
            base_year=columns.base_year if columns.base is not None else base_year,
            direction="increase",
            scope="own",
            confidence="low",
            source=Source(line.no, line.text),
            subject=subject,
        )
        if figure is None:
            if HAS_DIGIT.search(target):
                self.skip(line, _("Bảng chỉ tiêu: chưa đọc được mức chỉ tiêu trong %(text)s."))
                return None
            row.unit = None  # "Đạt chuẩn": a target without a figure, to be checked
            return row
        row.unit = unit or figure.unit
        row.kind = labels.kind_of(figure, subject, "", _per_year_count(row.unit))
        row.comparator = figure.comparator
        row.value, row.low, row.high = figure.value, figure.low, figure.high
        row.stretch = figure.stretch
        if parts["stretch"] and row.stretch is None:
            extra = read_cell(parts["stretch"]).figure
            row.stretch = extra.value if extra is not None else None
        row.bounds = reading.bounds
        row.direction = labels.direction_of(row.kind, row.comparator, subject)
        problems = figure.problems or reading.leftovers
        row.confidence = "low" if problems else "high"
        if problems:
            self.skip(
                line,
                _("Bảng chỉ tiêu: ô mức chỉ tiêu %(text)s có số chưa hiểu được; cần xem lại."),
            )
        return row


def read_tables(tables: list[TargetTable], lines: list[Line]) -> TableResult:
    """The target rows of the tables, in document order; what they cannot read, unparsed."""
    out = TableResult()
    by_no = {line.no: line for line in lines}
    for table in tables:
        _TableReader(table, by_no, out).read()
    return out
