"""The grammar of a target clause: figures, comparators, ranges, stretch, ranks and units.

A clause is read left to right over its masked copy (dates, years, ratios, document numbers
already blanked, see ``words.mask``). Each figure takes its comparator from the words just
before it ("trên", "ít nhất", "khoảng"…) and from "trở lên"/"trở xuống" after it; "phấn đấu"
after a base figure of the same clause makes it that figure's stretch, "tương đương" makes it
an equivalent in another unit.

"Duy trì 100% …" (keep a level) reads as "=" 100: the contract's "=" already means "reach X in
the target's direction", and a level kept is a level reached again each year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from trienkhai.core.numbers import NumberFormatError, parse_number

_I = re.IGNORECASE

# A number not glued to a word, another number or a slash ("20-CTr/TU", "55/67" are masked
# before); the digit comes first so the engine jumps from digit to digit (see ``words``).
NUMBER = re.compile(r"\d(?<![\w.,/]\d)\d*(?:[.,]\d+)*")

# Longest phrases first, so "không dưới" wins over "dưới" and "trên dưới" over "trên".
_COMPARATOR_WORDS: dict[str, str] = {
    # A level to come down to: "giảm xuống còn 1,5%", "rút ngắn còn 3 ngày".
    "giảm xuống còn": "<=",
    "giảm còn": "<=",
    "xuống còn": "<=",
    "rút ngắn còn": "<=",
    "giảm xuống": "<=",
    "trong vòng": "<=",
    "không vượt quá": "<=",
    "không cao hơn": "<=",
    "không lớn hơn": "<=",
    "không nhiều hơn": "<=",
    "không quá": "<=",
    "tối đa": "<=",
    "nhiều nhất": "<=",
    "không thấp hơn": ">=",
    "không ít hơn": ">=",
    "không dưới": ">=",
    "đạt và vượt": ">=",
    "đạt hoặc vượt": ">=",
    "ít nhất": ">=",
    "tối thiểu": ">=",
    "trên dưới": "~",
    "xấp xỉ": "~",
    "khoảng": "~",
    "chừng": "~",
    "gần": "~",
    "lớn hơn": ">",
    "cao hơn": ">",
    "nhiều hơn": ">",
    "vượt": ">",
    "hơn": ">",
    "trên": ">",
    "nhỏ hơn": "<",
    "thấp hơn": "<",
    "ít hơn": "<",
    "dưới": "<",
    "từ": ">=",
    "≤": "<=",
    "<=": "<=",
    "≥": ">=",
    ">=": ">=",
    "<": "<",
    ">": ">",
}
_CMP_ALT = "|".join(re.escape(w) for w in sorted(_COMPARATOR_WORDS, key=len, reverse=True))
_COMPARATOR = re.compile(
    # A symbol may stick to the word before it ("BHYT≥95%"); a word needs a boundary.
    rf"(?:^|[\s,:;(]|(?=[≤≥<>]))(?P<w>{_CMP_ALT})(?:\s+(?:mức|là|đạt|bằng|ở mức|tỷ lệ))*\s*$",
    _I,
)
_AT_LEAST_AFTER = re.compile(r"\btrở\s+lên\b", _I)
_AT_MOST_AFTER = re.compile(r"\btrở\s+xuống\b", _I)
# "phần đầu" is a frequent typo of "phấn đấu"; reading both never loses a stretch figure.
STRIVE = re.compile(r"\bph[ấầâa]n\s+đ[ấầâa]u\b", _I)
_EQUIVALENT = re.compile(r"\b(?:tương\s+đương|tương\s+ứng|bằng\s+khoảng)\b", _I)
_RANK_BEFORE = re.compile(r"(?:\btop|\btốp|\bnhóm|\bđứng\s+thứ|\bxếp\s+thứ|\bhạng)\s*$", _I)
# "nằm trong 10 địa phương dẫn đầu": a rank told by the words after the number.
_RANK_WITHIN = ("trong", "thuộc")
_RANK_LEADING = re.compile(r"\s+(?:[^\W\d_]+[\s,]+){0,4}?dẫn\s+đầu\b", _I)
# "15 - 20", "từ 2 đến 3", "trên 30% và dưới 40%", "từ 30% đến dưới 40%": the upper end may
# carry its own comparator, which says whether it counts ("dưới" leaves it out).
_HIGH_WORD = r"(?:dưới|nhỏ\s+hơn|không\s+vượt\s+quá|không\s+quá|tối\s+đa)"
_RANGE_SEP = re.compile(
    rf"\s*(?:%\s*)?(?:-|–|—|\bđến\b|\btới\b|,?\s*\bvà\b(?=\s*{_HIGH_WORD}\b))"
    rf"\s*(?:(?P<hi>{_HIGH_WORD})\s*)?",
    _I,
)
_STRICT_LOW = frozenset({">"})
_TARGET_VERB_BEFORE = re.compile(r"(?:\bđạt|\blà|\bbằng|\bở mức|\bmức)\s*$", _I)

# Times a service must keep ("không quá 3 ngày làm việc"); ``words.mask`` keeps them only after
# a comparator, so "5 năm" or "6 tháng đầu năm" stay periods, never figures.
DURATION_UNITS = ("ngày làm việc", "ngày", "giờ", "phút", "tuần", "tháng")
_SCALE = r"(?:nghìn\s+tỷ|ngàn\s+tỷ|triệu\s+tỷ|nghìn\s+tỉ|triệu\s+tỉ|nghìn|ngàn|triệu|tỷ|tỉ)"
# Measure units as plans write them; a scale word may precede ("tỷ đồng", "triệu lượt").
BASE_UNITS = (
    "USD",
    "đô la",
    "đồng",
    "tấn",
    "kg",
    "lượt khách",
    "lượt",
    "khách",
    "người",
    "lao động",
    "việc làm",
    "doanh nghiệp",
    "hợp tác xã",
    "hộ",
    "căn",
    "nhà máy",
    "khu công nghiệp",
    "cụm công nghiệp",
    "km",
    "ha",
    "m2",
    "m²",
    "MW",
    "kWh",
    "xã",
    "phường",
    "thôn",
    "trường",
    "giường bệnh",
    "bác sĩ",
    "tiểu đội",
    "trung đội",
    "sản phẩm",
    "mô hình",
    "công trình",
    "dự án",
    "cơ sở",
    "đảng viên",
    "chi bộ",
    "tổ chức",
    "điểm",
    "sao",
    "tuổi",
    "lần",
    "vụ",
    "hội nghị",
    "lớp",
    "buổi",
    "cuộc",
    "đợt",
    "hồ sơ",
    "thủ tục",
    "cán bộ",
    "hội viên",
    "đoàn viên",
    "tổ dân phố",
    "khu dân cư",
    "gia đình",
    "tiêu chí",
    "trạm y tế",
    "trạm",
    "chương trình",
    "di tích",
    "thiết chế",
    "tác phẩm",
    "thư viện",
    "câu lạc bộ",
    "nhà văn hóa",
    "lễ hội",
    "đề tài",
    "sáng kiến",
    "ấn phẩm",
    "tin, bài",
    "tin bài",
    "bài viết",
    "tin",
    "bài",
    "chuyên mục",
    "chuyên đề",
    *DURATION_UNITS,
)
_BASE = "|".join(re.escape(u) for u in sorted(BASE_UNITS, key=len, reverse=True))
_PER = r"(?:\s*/\s*(?:(?:0?1\s+)?(?:v[ạậ]n|nghìn)\s+dân|\d{1,3}(?:\.\d{3})*\s+dân|[^\W\d_]+))"
_UNIT = re.compile(
    rf"\s*(?:(?P<pct>%(?:{_PER})*)|(?P<named>(?:{_SCALE}\s+)?(?:{_BASE})(?:{_PER})*|{_SCALE}))"
    r"(?![^\W\d_])",
    _I,
)
_FALLBACK_UNIT = re.compile(r"\s+(?P<word>[^\W\d_]+)")
# "2 trạm y tế/10.000 dân": whatever is counted, a divisor of people makes it a ratio's unit.
_PER_PEOPLE = re.compile(
    r"\s+(?P<word>[^\W\d_]+(?:\s+[^\W\d_]+){0,2}?)\s*/\s*"
    r"(?P<per>(?:0?1\s+)?(?:v[ạậ]n|nghìn)\s+dân|\d{1,3}(?:\.\d{3})*\s+dân)(?![^\W\d_])",
    _I,
)
# Words that may follow a number without being its unit ("đạt 0,8 vào năm 2030").
_NOT_UNITS = frozenset(
    {
        "đạt", "là", "và", "vào", "năm", "trong", "so", "của", "đến", "với", "tại", "trên",
        "dưới", "trở", "thì", "hoặc", "hay", "theo", "được", "có", "từ", "tăng", "giảm",
        "khoảng", "chiếm",
    }
)  # fmt: skip
MONEY_OR_MASS = re.compile(r"USD|đô la|đồng|tấn|kg|lượt|khách|MW|kWh|" + _SCALE, _I)


@dataclass
class Figure:
    """One target figure of a clause; positions index the line text."""

    start: int
    end: int
    comparator: str
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str | None = None
    unit_known: bool = True
    rank: bool = False
    stretch: Decimal | None = None
    equivalent: bool = False
    strive: bool = False
    # Where the unit is written (before any stretch), for the label read after it.
    unit_start: int = 0
    unit_end: int = 0
    # For a range: whether its ends count, "[]" both, "()" neither, "[)" or "(]" one.
    bounds: str = "[]"
    problems: list[str] = field(default_factory=list)


def read_number(raw: str) -> Decimal | None:
    try:
        return parse_number(raw)
    except NumberFormatError:
        return None


def comparator_before(prefix: str) -> str | None:
    """The comparator the words just before a figure give, or None."""
    match = _COMPARATOR.search(prefix[-40:])
    if match is None:
        return None
    return _COMPARATOR_WORDS[match["w"].lower()]


def _clean_unit(raw: str) -> str:
    unit = re.sub(r"\s*/\s*", "/", " ".join(raw.split()))
    return re.sub(r"v[ạậ]n\s+dân", "vạn dân", unit)


def read_unit(text: str, pos: int, end: int) -> tuple[str | None, bool, int]:
    """The unit written at ``pos``: (unit, known, end position)."""
    match = _UNIT.match(text, pos, end)
    if match is not None and match.group(0).strip():
        return _clean_unit(match.group(0)), True, match.end()
    ratio = _PER_PEOPLE.match(text, pos, end)
    if ratio is not None and ratio["word"].split()[0].lower() not in _NOT_UNITS:
        return _clean_unit(ratio.group(0)), True, ratio.end()
    fallback = _FALLBACK_UNIT.match(text, pos, end)
    if fallback is not None and fallback["word"].lower() not in _NOT_UNITS:
        return fallback["word"], False, fallback.end()
    return None, False, pos


def _is_bare_year(raw: str) -> bool:
    return raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 2100


def scan(text: str, masked: str, start: int, end: int) -> list[Figure]:
    """The figures of the clause ``text[start:end]``, stretch and equivalents attached.

    Bare numbers (no unit) are returned only after a target verb ("đạt 0,8"); callers that
    need a unit (prose) drop those with ``unit is None``.
    """
    figures: list[Figure] = []
    consumed = start
    for token in NUMBER.finditer(masked, start, end):
        s, e = token.span()
        if s < consumed:
            continue
        raw = text[s:e]
        # Only the words near a figure qualify it; a bounded window also keeps long lines linear.
        prefix = masked[max(consumed, s - 200) : s]
        first = read_number(raw)
        figure = Figure(start=s, end=e, comparator="=")
        unit_pos = e
        second = _RANGE_SEP.match(masked, e, end)
        token2 = NUMBER.match(masked, second.end(), end) if second else None
        rank = bool(_RANK_BEFORE.search(prefix))
        if (
            not rank
            and prefix.rstrip().lower().endswith(_RANK_WITHIN)
            and _RANK_LEADING.match(masked, e, end)
        ):
            rank = True
        raw2 = token2.group(0) if token2 is not None else ""
        # "80% đến 2030" is a figure and a year, never the range 80–2030.
        is_range = bool(raw2) and not rank and not (_is_bare_year(raw) or _is_bare_year(raw2))
        if is_range and token2 is not None and second is not None:
            figure.comparator = "range"
            figure.low, figure.high = first, read_number(raw2)
            figure.bounds = _bounds(comparator_before(prefix), second["hi"])
            if figure.high is None:
                figure.problems.append(raw2)
            unit_pos = token2.end()
        else:
            figure.value = first
        if first is None:
            figure.problems.append(raw)
        if rank:
            figure.rank, figure.comparator = True, "rank<="
            unit, known, unit_end = None, True, e
        else:
            unit, known, unit_end = read_unit(text, unit_pos, end)
            if figure.comparator == "range" and unit is None:
                # "23%-25%": the unit was written after the first figure too.
                unit, known, _ = read_unit(text, e, end)
        if _is_bare_year(raw) and not known:
            continue
        # A bare number is a figure only after a target verb or comparator ("đạt 0,8").
        bare = unit is None and not rank
        if bare and not _TARGET_VERB_BEFORE.search(prefix) and comparator_before(prefix) is None:
            continue
        figure.unit, figure.unit_known = unit, known or unit is None
        figure.end = figure.unit_end = unit_end
        figure.unit_start = unit_end if unit is None else unit_pos
        if figure.comparator not in ("range", "rank<="):
            word = comparator_before(prefix)
            if word is not None:
                figure.comparator = word
        next_token = NUMBER.search(masked, unit_end, end)
        after = masked[unit_end : next_token.start() if next_token else end]
        if _AT_LEAST_AFTER.search(after) and figure.comparator in ("=", ">="):
            figure.comparator = ">="
        elif _AT_MOST_AFTER.search(after) and figure.comparator in ("=", "<="):
            figure.comparator = "<="
        figure.strive = bool(STRIVE.search(prefix))
        figure.equivalent = bool(_EQUIVALENT.search(prefix))
        consumed = unit_end
        if figure.equivalent and figures:
            # An equivalent restates the figure before it, so it keeps that comparator.
            figure.comparator = figures[-1].comparator
        if _attach(figures, figure):
            continue
        figures.append(figure)
    return figures


def _bounds(low_word: str | None, high_word: str | None) -> str:
    """ "trên 30% và dưới 40%" → "()", "từ 30% đến dưới 40%" → "[)", "15 - 20" → "[]"."""
    low = "(" if low_word in _STRICT_LOW else "["
    high = ")" if high_word is not None and high_word.lower().startswith(("dưới", "nhỏ")) else "]"
    return low + high


def _attach(figures: list[Figure], figure: Figure) -> bool:
    """Make ``figure`` the stretch of the clause's previous figure when it is one."""
    if not figures or not figure.strive or figure.equivalent:
        return False
    base = figures[-1]
    if base.stretch is not None or base.equivalent or figure.comparator == "range":
        return False
    same_unit = base.rank == figure.rank and (
        figure.unit is None or base.unit is None or figure.unit == base.unit
    )
    if not same_unit or figure.value is None:
        return False
    base.stretch = figure.value
    base.end = figure.end
    return True
