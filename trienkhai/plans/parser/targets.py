"""Target rows: the numbered items "(1)"…"(n)" and the targets written in prose.

Numbered item n gives row "n" when it holds one figure and rows "n.1"…"n.k" otherwise.
Prose targets get "I.1-a", "III.3-a"… (their section, then a letter); a prose sentence that
restates a target already read (the city's targets recalled in section II.1) gives no row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from trienkhai.core.errors import gettext_noop as _
from trienkhai.plans.parser import labels
from trienkhai.plans.parser.grammar import DURATION_UNITS, NUMBER, Figure, scan
from trienkhai.plans.parser.lines import Line
from trienkhai.plans.parser.result import Source, TargetRow
from trienkhai.plans.parser.structure import Block
from trienkhai.plans.parser.words import (
    clause_spans,
    excerpt,
    fold,
    sentence_spans,
    similar,
)

# "các chỉ tiêu trọng tâm của thành phố", "chỉ tiêu chủ yếu của Chương trình … 20-CTr/TU".
_REFERENCE_CUE = re.compile(
    r"chi tieu[^.;:]{0,80}\bcua (?:thanh pho|tinh|trung uong|ca nuoc|quoc gia|thanh uy|tinh uy)\b"
    r"|chi tieu[^.;:]{0,80}\b(?:chuong trinh|nghi quyet|ket luan|ke hoach)\b[^.;:]{0,60}/t[uw]\b"
)
_PROSE_REFERENCE = re.compile(
    r"\b(?:cua|phat trien) (?:thanh pho|tinh)\b|^\W*(?:thanh pho|tinh|thanh uy|tinh uy)\b"
)
_ASSIGNED = re.compile(r"\b(?:thanh pho|tinh|cap tren|huyen|trung uong) giao\b")
# "theo chuẩn của thành phố", "cao hơn mức bình quân của tỉnh": the higher body is a yardstick
# there, and the target stays the commune's own.
_YARDSTICK = re.compile(
    r"\b(?:theo|chuan|tieu chi|quy dinh|huong dan|so voi|bang|cao hon|thap hon|binh quan|muc"
    r"|trung binh)\s+(?:[a-z]+\s+){0,4}?cua (?:thanh pho|tinh)\b"
)
# "Phấn đấu đạt các chỉ tiêu chủ yếu sau:": a lead-in to a list, no target of its own.
_LEAD_IN = re.compile(r"(?:\b(?:sau|sau\s+đây|như\s+sau|cụ\s+thể)\s*:?|:)\s*$", re.IGNORECASE)
_QUALITATIVE = re.compile(
    r"(?P<verb>đạt\s+và\s+vượt|đạt\s+hoặc\s+vượt|hoàn\s+thành\s+vượt(?:\s+mức)?|hoàn\s+thành"
    r"|vượt|đạt)\s+(?:mức\s+|các\s+|toàn\s+bộ\s+)?chỉ\s+tiêu\b",
    re.IGNORECASE,
)
_YEARLY = re.compile(r"\b(?:hàng|hằng|mỗi)\s+năm\b", re.IGNORECASE)
# Sections of duties and timing: a duration there is when to act, never a target.
_DUTY_SECTIONS = frozenset({"organisation", "timeline", "reporting"})


@dataclass
class TargetResult:
    rows: list[TargetRow] = field(default_factory=list)
    unparsed: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Rows by figure, so a restatement is looked for only among rows with the same figure.
    _by_figure: dict[tuple[object, ...], list[TargetRow]] = field(default_factory=dict, repr=False)

    def add(self, row: TargetRow) -> None:
        self.rows.append(row)
        self._by_figure.setdefault(_figure_key(row), []).append(row)

    def restates(self, row: TargetRow) -> bool:
        """Whether ``row`` says again what a row already read says (same figure, same subject)."""
        threshold = 0.6 if row.kind == "qualitative" else 0.5
        # A restatement recalls one of the first targets with that figure; capping the
        # comparisons keeps a pathological file (thousands of "1%") linear.
        candidates = self._by_figure.get(_figure_key(row), [])[:_MAX_COMPARED]
        return any(similar(row.subject, other.subject, threshold) for other in candidates)


_MAX_COMPARED = 25


def _figure_key(row: TargetRow) -> tuple[object, ...]:
    if row.kind == "qualitative":
        return ("qualitative",)
    return (row.value, row.low, row.high, row.unit or "")


def _leftovers(masked: str, figures: list[Figure], skipped: list[tuple[int, int]]) -> list[str]:
    """Numbers no figure explains: the line goes to ``unparsed`` rather than being dropped."""
    covered = bytearray(len(masked))
    for a, b in [(f.start, f.end) for f in figures] + skipped:
        covered[a:b] = b"\x01" * (b - a)
    return [m.group(0) for m in NUMBER.finditer(masked) if not covered[m.start()]]


@dataclass(frozen=True)
class _Clause:
    """Where rows are read: the block's text, the clause's span, and what the text around says."""

    block: Block
    text: str
    span: tuple[int, int]
    scope: str
    years: tuple[int | None, int | None]  # the (target year, base year) the context gives
    # The year of the heading the clause stands under ("Chỉ tiêu đến năm 2030"), which a
    # yearly target ("hằng năm kết nạp 20 đảng viên") does not take.
    heading_year: int | None = None

    @property
    def words(self) -> str:
        return self.text[self.span[0] : self.span[1]]


def _row(
    at: _Clause,
    *,
    ref: str,
    figure: Figure,
    subject: str,
    label: str,
    following: Figure | None,
    masked: str,
) -> TargetRow:
    """The row of ``figure``; ``following`` is the next figure of its clause, if any."""
    tail = at.text[figure.unit_end : min(at.span[1], figure.unit_end + 200)]
    unit = labels.per_people_unit(subject, figure.unit)
    kind = labels.kind_of(figure, subject, tail, unit)
    if kind == "growth_avg" and unit == "%" and _YEARLY.search(subject):
        unit = "%/năm"  # "bình quân hàng năm đạt 10%" is a yearly rate
    year, base_year = labels.years(at.words)
    if year is None and at.years[0] is None and not _YEARLY.search(at.words):
        year = at.heading_year
    # "đạt 45 tỷ đồng, tăng 20% so với năm 2025": the base year is the change's, not the
    # level's; a reduction or change with no base of its own takes the one of its clause.
    own_base = None
    if "o với" in at.words:
        # Its words run to the next figure, or to the clause's end with the year after it.
        until = following.start if following else _clause_end(masked, at.span[1])
        own_base = labels.years(subject + at.text[figure.end : until])[1]
    if own_base is not None or kind not in ("reduction", "change"):
        base_year = own_base
    else:
        base_year = base_year or at.years[1]
    low_confidence = bool(figure.problems) or not figure.unit_known or not label
    return TargetRow(
        ref=ref,
        text=at.words.strip(),
        label=label,
        kind=kind,
        comparator=figure.comparator,
        value=figure.value,
        low=figure.low,
        high=figure.high,
        stretch=figure.stretch,
        unit=unit,
        year=year or at.years[0],
        base_year=base_year,
        direction=labels.direction_of(kind, figure.comparator, subject),
        scope=at.scope,
        confidence="low" if low_confidence else "high",
        source=Source(at.block.line.no, at.block.line.text),
        bounds=figure.bounds if figure.comparator == "range" else "[]",
        subject=subject,
    )


def _figure_specs(
    text: str, masked: str
) -> tuple[list[tuple[tuple[int, int], Figure, str, str]], list[Figure]]:
    """(clause, figure, subject, label) per row, in text order, and all figures read."""
    specs: list[tuple[tuple[int, int], Figure, str, str]] = []
    figures: list[Figure] = []
    for s, e in sentence_spans(masked):
        for clause in clause_spans(masked, s, e):
            previous = clause[0]
            for figure in scan(text, masked, *clause):
                figures.append(figure)
                subject = text[previous : figure.start]
                previous = figure.end
                abbrs = labels.abbreviations(subject)
                if len(abbrs) >= 2:
                    # "Chỉ số DTI (DTI), PCI (PCI) … thuộc top 5": one figure, one row each.
                    specs.extend((clause, figure, subject, abbr) for abbr in abbrs)
                    continue
                label = labels.label_for(subject, text, figure, clause[1])
                if figure.equivalent and specs:
                    label = _("%(label)s (tương đương)") % {"label": specs[-1][3]}
                    subject = specs[-1][2]
                specs.append((clause, figure, subject, label))
    return specs, figures


def _item_rows(block: Block, scope: str, heading: str, out: TargetResult) -> None:
    text = block.title
    masked = block.masked
    specs, figures = _figure_specs(text, masked)
    context = labels.years(text)
    # "II. CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030": the list's heading dates every item in it.
    heading_year = labels.years(heading)[0]
    n = block.number
    if not specs:
        out.add(_qualitative(block, n, text, scope, (context[0] or heading_year, context[1])))
        out.warnings.append(
            _("Chỉ tiêu (%(n)s) không có số liệu; ghi nhận là chỉ tiêu định tính, cần kiểm tra.")
            % {"n": n}
        )
        out.rows[-1].confidence = "low"
        return
    first = len(out.rows)
    for i, (clause, figure, subject, label) in enumerate(specs, start=1):
        ref = n if len(specs) == 1 else f"{n}.{i}"
        at = _Clause(block, text, clause, scope, context, heading_year)
        following = _following(specs, i, clause, figure) if "o với" in at.words else None
        row = _row(
            at,
            ref=ref,
            figure=figure,
            subject=subject,
            label=label,
            following=following,
            masked=masked,
        )
        out.add(row)
        _warn_row(row, figure, out)
    rest = _leftovers(masked, figures, [])
    if rest:
        out.unparsed.append(block.line)
        out.warnings.append(
            _("Chỉ tiêu (%(n)s) còn số chưa hiểu được: %(rest)s.") % {"n": n, "rest": _some(rest)}
        )
        for row in out.rows[first:]:
            row.confidence = "low"


def _clause_end(masked: str, end: int) -> int:
    """The clause's end with the blanked year after it ("so với năm 2025.") taken in."""
    while end < len(masked) and masked[end] == " ":
        end += 1
    return end


def _following(
    specs: list[tuple[tuple[int, int], Figure, str, str]],
    i: int,
    clause: tuple[int, int],
    figure: Figure,
) -> Figure | None:
    """The next figure of the clause after spec ``i`` (rows sharing a figure skipped)."""
    for other_clause, other, _subject, _label in specs[i:]:
        if other_clause != clause:
            return None
        if other is not figure:
            return other
    return None


def _some(numbers: list[str]) -> str:
    shown = ", ".join(numbers[:5])
    return f"{shown}…" if len(numbers) > 5 else shown


def _warn_row(row: TargetRow, figure: Figure, out: TargetResult) -> None:
    if figure.problems:
        out.warnings.append(
            _(
                "Chỉ tiêu %(ref)s: số “%(numbers)s” viết không đúng cách viết số tiếng Việt "
                "(dấu chấm phân cách hàng nghìn, dấu phẩy thập phân); cần nhập lại."
            )
            % {"ref": row.ref, "numbers": ", ".join(figure.problems)}
        )
    elif not figure.unit_known:
        out.warnings.append(
            _("Chỉ tiêu %(ref)s: chưa chắc đơn vị “%(unit)s”.") % {"ref": row.ref, "unit": row.unit}
        )
    elif not row.label:
        out.warnings.append(_("Chỉ tiêu %(ref)s: chưa rõ tên chỉ tiêu.") % {"ref": row.ref})


def _qualitative(
    block: Block, ref: str, text: str, scope: str, context: tuple[int | None, int | None]
) -> TargetRow:
    match = _QUALITATIVE.search(text)
    comparator = "="
    subject = text
    if match is not None:
        verb = fold(match["verb"])
        comparator = ">=" if "vuot" in verb else "="
        subject = text[: match.start()]
    label = labels.clean_label(subject) or text[:80].rstrip(" .;")
    return TargetRow(
        ref=ref,
        text=text.strip(),
        label=label[:1].upper() + label[1:],
        kind="qualitative",
        comparator=comparator,
        value=None,
        low=None,
        high=None,
        stretch=None,
        unit=None,
        year=context[0],
        base_year=context[1],
        direction="increase",
        scope=scope,
        confidence="high",
        source=Source(block.line.no, block.line.text),
        subject=subject,
    )


def _list_scope(blocks: list[Block], index: int, titles: dict[str, str]) -> str:
    """Reference when the text around the list says the targets are the city's."""
    item = blocks[index]
    group = item.heading2_path or item.path.split(".")[0]
    texts = [titles.get(item.path.split(".")[0], ""), item.heading2]
    for block in reversed(blocks[:index]):
        if (block.heading2_path or block.path.split(".")[0]) != group:
            break
        if block.kind != "item":
            texts.append(block.title)
    return (
        "reference" if any(_REFERENCE_CUE.search(_owner_words(fold(t))) for t in texts) else "own"
    )


def _owner_words(key: str) -> str:
    """The folded ``key`` without the phrases where a higher body is only a yardstick."""
    if "cua thanh pho" in key or "cua tinh" in key:
        return _YARDSTICK.sub(" ", key)
    return key


def read_targets(blocks: list[Block], skip_clause: Callable[[str], bool]) -> TargetResult:
    out = TargetResult()
    titles = {b.path: b.title for b in blocks if b.kind == "heading" and b.level == 1}
    scope: str | None = None
    for index, block in enumerate(blocks):
        if block.kind != "item":
            scope = None
            continue
        if scope is None:
            scope = _list_scope(blocks, index, titles)
        heading = f"{titles.get(block.path.split('.')[0], '')} {block.heading2}"
        _item_rows(block, scope, heading, out)
    _prose_rows(blocks, skip_clause, out)
    return out


def _prose_rows(blocks: list[Block], skip_clause: Callable[[str], bool], out: TargetResult) -> None:
    letters: dict[str, int] = {}
    headings: dict[int, str] = {}
    heading_year: int | None = None
    for block in blocks:
        if block.kind == "heading":
            # The headings a paragraph stands under: the nearest one with a year dates it.
            headings = {lv: t for lv, t in headings.items() if lv < block.level}
            headings[block.level] = block.title
            heading_year = next(
                (y for _, t in sorted(headings.items(), reverse=True) if (y := labels.years(t)[0])),
                None,
            )
        if block.kind == "item" or (block.kind == "heading" and block.level == 1):
            continue
        text = block.title
        masked = block.masked
        figures: list[Figure] = []
        skipped: list[tuple[int, int]] = []
        for s, e in sentence_spans(masked):
            sentence = text[s:e]
            scope = _prose_scope(sentence)
            context = labels.years(sentence)
            for clause in clause_spans(masked, s, e):
                if skip_clause(text[clause[0] : clause[1]]):
                    skipped.append(clause)
                    continue
                at = _Clause(block, text, clause, scope, context, heading_year)
                figures.extend(_prose_clause(at, masked, letters, out))
        rest = _leftovers(masked, figures, skipped)
        if rest:
            out.unparsed.append(block.line)
            out.warnings.append(
                _("Có số liệu chưa hiểu được (%(rest)s) trong %(text)s; cần xem lại.")
                % {"rest": ", ".join(rest), "text": excerpt(text)}
            )


def _prose_scope(sentence: str) -> str:
    key = fold(sentence)
    if _ASSIGNED.search(key):
        return "own"
    if "cua thanh pho" in key or "cua tinh" in key:
        key = _YARDSTICK.sub(" ", key)
    if _PROSE_REFERENCE.search(key) or _REFERENCE_CUE.search(key):
        return "reference"
    return "own"


def _next_ref(block: Block, letters: dict[str, int]) -> str:
    path = block.path or "0"
    letters[path] = letters.get(path, 0) + 1
    count = letters[path]
    letter = chr(ord("a") + count - 1) if count <= 26 else f"z{count - 26}"
    return f"{path}-{letter}"


def _prose_clause(
    at: _Clause, masked: str, letters: dict[str, int], out: TargetResult
) -> list[Figure]:
    text, block = at.text, at.block
    figures = [f for f in scan(text, masked, *at.span) if f.rank or (f.unit and f.unit_known)]
    read = figures
    if block.section_kind in _DUTY_SECTIONS:
        # "báo cáo trong vòng 03 ngày" among the duties is a time to act, not a target.
        figures = [f for f in figures if f.unit not in DURATION_UNITS]
    if not figures:
        if _QUALITATIVE.search(at.words) and not _LEAD_IN.search(at.words):
            context = (at.years[0] or at.heading_year, at.years[1])
            row = _qualitative(block, "", at.words, "own", context)
            if not out.restates(row):
                row.ref = _next_ref(block, letters)
                out.add(row)
        return read
    previous = at.span[0]
    for figure, following in zip(figures, [*figures[1:], None], strict=True):
        subject = text[previous : figure.start]
        previous = figure.end
        label = labels.label_for(subject, text, figure, at.span[1])
        row = _row(
            at,
            ref="",
            figure=figure,
            subject=subject,
            label=label,
            following=following,
            masked=masked,
        )
        if out.restates(row):
            continue
        row.ref = _next_ref(block, letters)
        out.add(row)
        _warn_row(row, figure, out)
    return read
