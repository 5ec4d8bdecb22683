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
_I = re.IGNORECASE
_MASKS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    # "(tương ứng 55/67 xã)": a count in parentheses restates the figure before it.
    (("(",), re.compile(r"\([^()]*\d[^()]*\)")),
    # “2 con số” and other quoted slogans.
    (("“", '"'), re.compile(r"[“\"][^”\"]{0,80}?\d[^”\"]{0,80}?[”\"]")),
    # Document numbers: 20-CTr/TU, 18-KL/TW, 123/QĐ-UBND, 57-NQ/TW.
    (("/",), re.compile(r"(?<!\d)\d+\s?-\s?[A-Za-zĐđ]+(?:/[A-Za-zĐđ-]+)+")),
    (("/",), re.compile(r"(?<!\d)\d+/(?:\d{4}/)?[A-ZĐ]+-[A-ZĐ][\w-]*")),
    (("ngày",), re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", _I)),
    (("/", ".", "-"), re.compile(r"(?<![\d,.])\d{1,2}\s?([/.-])\s?\d{1,2}\s?\1\s?\d{4}(?!\d)")),
    (("quý",), re.compile(r"quý\s+(?:I{1,3}|IV|\d)\s*(?:/|năm)\s*\d{4}", _I)),
    (("tháng",), re.compile(r"tháng\s+\d{1,2}\s*(?:/|năm)\s*\d{4}", _I)),
    (("/",), re.compile(r"(?<![\d/.,])\d{1,2}/\d{4}(?!\d)")),
    (("-", "–", "—"), re.compile(r"(?<!\d)(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d(?!\d)")),
    # A year after "năm", "đến", "giai đoạn"… (look-behinds are fixed-width: one per cue).
    (
        ("năm", "đoạn", "khóa", "khoá", "đến", "tới", "vào"),
        re.compile(
            "|".join(
                rf"(?<={cue})(?:19|20)\d\d(?!\d)"
                for cue in ("năm ", "năm", "đoạn ", "khóa ", "khoá ", "đến ", "tới ", "vào ")
            ),
            _I,
        ),
    ),
    # Ratios are never a value: 55/67 xã, 2.909/3.044 đảng viên.
    (("/",), re.compile(r"(?<![\d.,/])\d+(?:[.,]\d+)*\s*/\s*\d+(?:[.,]\d+)*(?![\d/])")),
    ((".0",), re.compile(r"(?<![\d.,])\d\.0(?![\d.,])")),
    (
        ("mục", "điểm", "khoản", "điều", "phụ lục", "tiết", "chương"),
        re.compile(r"(?:mục|điểm|khoản|điều|phụ lục|tiết|chương)\s+[\dIVX]+(?:\.\d+)*\b", _I),
    ),
    # Durations: "5 năm", "6 tháng đầu năm".
    (
        ("năm", "tháng", "ngày", "tuần", "quý", "giờ", "phút"),
        re.compile(r"(?<![\d.,/])\d+(?:,\d+)?\s+(?:năm|tháng|ngày|tuần|quý|giờ|phút)\b", _I),
    ),
)


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def mask(text: str) -> str:
    """Blank out dates, years, document numbers, ratios and quoted or bracketed figures."""
    if not HAS_DIGIT.search(text):
        return text
    lower = text.lower()
    out = text
    for needs, pattern in _MASKS:
        if any(word in lower for word in needs):
            out = pattern.sub(_blank, out)
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
