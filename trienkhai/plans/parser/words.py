"""Text helpers shared by the parser stages: folding, masking and splitting.

All helpers keep character positions: a match found in a folded or masked copy points at
the same characters of the line as written, so the row's text is always quoted verbatim.
"""

from __future__ import annotations

import re
import unicodedata


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        low = ch.lower()
        if len(low) != 1:
            low = ch
        base = "d" if low == "đ" else unicodedata.normalize("NFD", low)[:1] or low
        self[code] = base
        return base


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower case without diacritics, one character per character ("Ủy" → "uy").

    Used for names of bodies and headings, which are written "uỷ"/"ủy", "Đảng ủy"/"Đảng
    Ủy" at the writer's whim; never for comparator words, where "từ" and "tư" differ.
    """
    return text.translate(_FOLD)


def excerpt(text: str, size: int = 60) -> str:
    """A short quotation that finds the line again in any format (line numbers differ)."""
    text = " ".join(text.split())
    return f"“{text[:size]}…”" if len(text) > size else f"“{text}”"


HAS_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?] (?=\S)")

# Numbers that are never a target figure: they are masked (blanked) before figures are read.
# Each pattern comes with the words (lower case) one of which it needs, so most patterns are
# skipped on most lines; the order matters (dates before ratios, ranges of years before years).
# A pattern starts with its digit and checks the character before it after ("\d(?<!…\d)"): the
# engine then jumps from digit to digit instead of testing a look-behind at every position.
_I = re.IGNORECASE
_MASKS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    # "(tương ứng 55/67 xã)": a count in parentheses restates the figure before it.
    (("(",), re.compile(r"\([^()]*\d[^()]*\)")),
    # “2 con số” and other quoted slogans.
    (("“", '"'), re.compile(r"[“\"][^”\"]{0,80}?\d[^”\"]{0,80}?[”\"]")),
    # Document numbers: 20-CTr/TU, 18-KL/TW, 123/QĐ-UBND, 57-NQ/TW.
    (("/",), re.compile(r"\d(?<!\d\d)\d*\s?-\s?[A-Za-zĐđ]+(?:/[A-Za-zĐđ-]+)+")),
    (("/",), re.compile(r"\d(?<!\d\d)\d*/(?:\d{4}/)?[A-ZĐ]+-[A-ZĐ][\w-]*")),
    (("ngày",), re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", _I)),
    (("/", ".", "-"), re.compile(r"\d(?<![\d,.]\d)\d?\s?([/.-])\s?\d{1,2}\s?\1\s?\d{4}(?!\d)")),
    (("quý",), re.compile(r"quý\s+(?:I{1,3}|IV|\d)\s*(?:/|năm)\s*\d{4}", _I)),
    (("tháng",), re.compile(r"tháng\s+\d{1,2}\s*(?:/|năm)\s*\d{4}", _I)),
    (("/",), re.compile(r"\d(?<![\d/.,]\d)\d?/\d{4}(?!\d)")),
    (("-", "–", "—"), re.compile(r"(?:19|20)(?<!\d\d\d)\d\d\s*[-–—]\s*(?:19|20)\d\d(?!\d)")),
    # A year after "năm", "đến", "giai đoạn"… (the cue is checked in ``_blank``: one scan for
    # the digits is cheaper than a look-behind per cue at every position).
    (
        ("năm", "đoạn", "khóa", "khoá", "đến", "tới", "vào"),
        re.compile(r"(?P<year>(?:19|20)\d\d)(?!\d)"),
    ),
    # Ratios are never a value: 55/67 xã, 2.909/3.044 đảng viên.
    (("/",), re.compile(r"\d(?<![\d.,/]\d)\d*(?:[.,]\d+)*\s*/\s*\d+(?:[.,]\d+)*(?![\d/])")),
    ((".0",), re.compile(r"\d(?<![\d.,]\d)\.0(?![\d.,])")),
    (
        ("mục", "điểm", "khoản", "điều", "phụ lục", "tiết", "chương"),
        re.compile(r"(?:mục|điểm|khoản|điều|phụ lục|tiết|chương)\s+[\dIVX]+(?:\.\d+)*\b", _I),
    ),
    # Durations: "5 năm", "6 tháng đầu năm" (a time to keep, "không quá 3 ngày", stays).
    (
        ("năm", "tháng", "ngày", "tuần", "quý", "giờ", "phút"),
        re.compile(
            r"\d(?<![\d.,/]\d)\d*(?:,\d+)?\s+(?P<duration>năm|tháng|ngày|tuần|quý|giờ|phút)\b", _I
        ),
    ),
    # A number that says what is measured, not how much: "năng suất trên 01 ha … đạt 180
    # triệu đồng", "hộ có từ 2 lao động trở lên" (only the number is blanked).
    (
        ("trên 01", "trên 1 ", "mỗi 01", "mỗi 1 ", "cho 01", "cho 1 "),
        re.compile(
            r"\b(?:trên|mỗi|cho)\s+(?P<n>0?1)\s+(?:ha|héc\s*ta|hecta|sào|mẫu|m2|m²|km|km2"
            r"|người|hộ|lao\s+động|đơn\s+vị|con)(?![^\W\d_])",
            _I,
        ),
    ),
    (
        ("tuổi",),
        re.compile(
            r"\b(?:trẻ\s+em|trẻ|người(?:\s+dân)?|phụ\s+nữ|thanh\s+niên|học\s+sinh|công\s+dân"
            r"|lao\s+động|đảng\s+viên)\s+(?:từ\s+đủ\s+|từ\s+|dưới\s+|trên\s+|đủ\s+)?"
            r"(?P<n>\d{1,3})\s+tuổi\b",
            _I,
        ),
    ),
    (
        (" có từ ", " có trên ", " có 2 ", " có 3 ", " có 02 ", " có 03 "),
        re.compile(
            r"\b(?:hộ|gia\s+đình|người|phụ\s+nữ|cặp\s+vợ\s+chồng)\s+có\s+(?:từ\s+|trên\s+)?"
            r"(?P<n>\d{1,2})\s+(?:lao\s+động|người|thành\s+viên|con|nhân\s+khẩu|thế\s+hệ)\b",
            _I,
        ),
    ),
)
# A duration after a ceiling or floor is a target ("trong vòng 48 giờ"); weeks and months
# only after a ceiling, as "trong vòng 6 tháng" is as often a period as a time to keep.
_DURATION_CUE = re.compile(
    r"(?:không\s+quá|không\s+vượt\s+quá|tối\s+đa|xuống\s+còn|giảm\s+còn"
    r"|rút\s+ngắn\s+còn|(?P<loose>trong\s+vòng|trong\s+thời\s+hạn|dưới|ít\s+nhất|tối\s+thiểu"
    r"|không\s+dưới))\s+$",
    _I,
)
_SHORT_DURATIONS = frozenset({"ngày", "giờ", "phút"})


_YEAR_CUES = ("năm ", "năm", "đoạn ", "khóa ", "khoá ", "đến ", "tới ", "vào ")


def _blank(match: re.Match[str]) -> str:
    groups = match.groupdict()
    if "year" in groups:
        start = match.start()
        if not match.string[max(0, start - 5) : start].lower().endswith(_YEAR_CUES):
            return match.group(0)
    if "n" in groups:
        s, e = match.span("n")
        return match.string[match.start() : s] + " " * (e - s) + match.string[e : match.end()]
    if "duration" in groups:
        start = match.start()
        cue = _DURATION_CUE.search(match.string, max(0, start - 30), start)
        unit = match["duration"].lower()
        kept = cue is not None and (
            unit in _SHORT_DURATIONS or (cue["loose"] is None and unit != "năm")
        )
        if kept:
            return match.group(0)
    return " " * (match.end() - match.start())


def mask(text: str) -> str:
    """Blank out dates, years, document numbers, ratios and quoted or bracketed figures."""
    if not HAS_DIGIT.search(text):
        return text
    lower = text.lower()
    out = text
    for needs, pattern in _MASKS:
        for word in needs:  # a plain loop: cheaper than any() over a generator, line by line
            if word in lower:
                out = pattern.sub(_blank, out)
                break
    return out


def sentence_spans(masked: str) -> list[tuple[int, int]]:
    """Sentences: a ". " followed by a capital letter ends one (a "." inside 11.247 does not)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(masked):
        if masked[match.end()].isupper():
            spans.append((start, match.start() + 1))
            start = match.end()
    spans.append((start, len(masked)))
    return [(s, e) for s, e in spans if masked[s:e].strip()]


def clause_spans(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of a sentence: the parts between semicolons, trimmed."""
    out: list[tuple[int, int]] = []
    a = start
    while a <= end:
        b = masked.find(";", a, end)
        if b < 0:
            b = end
        s, e = a, b
        while s < e and masked[s] in " ,":
            s += 1
        while e > s and masked[e - 1] in " .,;":
            e -= 1
        if s < e:
            out.append((s, e))
        a = b + 1
    return out


def words_of(text: str) -> set[str]:
    """Content words of a text, folded, for comparing two statements of a target."""
    return {w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in _STOP and len(w) > 1}


# Folded words too common in targets to tell two of them apart.
_STOP = frozenset(
    {
        "cua", "va", "cac", "trong", "den", "nam", "dat", "la", "tu", "tren", "duoc", "voi",
        "nhu", "co", "the", "mot", "nhung", "cho", "tai", "theo", "phan", "dau", "binh",
        "quan", "giai", "doan", "ty", "le", "nhat", "khoang", "tro", "len",
    }
)  # fmt: skip


def similar(a: str, b: str, threshold: float = 0.5) -> bool:
    """Whether two subjects name the same thing (share half the words of the shorter)."""
    wa, wb = words_of(a), words_of(b)
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) >= threshold
