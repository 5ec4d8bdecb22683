"""What a figure measures: its label, kind, direction and years, read from the words around it.

The subject of a figure is the text between the previous figure (or the clause start) and the
figure; its label is that subject without the verbs, years and comparators ("Tổng vốn đầu tư
thực hiện trên địa bàn bình quân phấn đấu đạt khoảng" → "Tổng vốn đầu tư thực hiện trên địa
bàn"). When nothing is left ("Phấn đấu đến năm 2030: 80% số xã…"), the words after it are used.
"""

from __future__ import annotations

import re
from functools import lru_cache

from trienkhai.plans.parser.grammar import DURATION_UNITS, MONEY_OR_MASS, Figure
from trienkhai.plans.parser.words import HAS_DIGIT, fold

_I = re.IGNORECASE
_DIGIT_PARENS = re.compile(r"\s*\([^()]*\d[^()]*\)")
_ABBREVIATION = re.compile(r"\((?P<abbr>[A-Z][A-Za-z0-9&.\- ]{0,19})\)")
_LEAD = re.compile(
    r"^(?:[\s,:;.-]+|trong\s+đó\b|ph[ấầ]n\s+đ[ấầ]u\b|đến\s+năm\s+\d{4}\s*,?|đến\s+năm\b"
    r"|góp\s+phần\b|thực\s+hiện\s+(?:các\s+)?(?:mục|chỉ)\s+tiêu\b|(?:mục|chỉ)\s+tiêu\b"
    r"|tương\s+đương\b|tương\s+ứng\b|duy\s+trì\b|(?:hằng|hàng|mỗi)\s+năm\b|lũy\s+kế\b"
    r"|luỹ\s+kế\b|cộng\s+dồn\b|\d+\s+năm\b)+",
    _I,
)
_CUT = re.compile(
    r"\s+(?:đạt|là|chiếm|giai\s+đoạn|đến\s+năm|vào\s+năm|năm\s+\d{4}|hằng\s+năm|hàng\s+năm"
    r"|mỗi\s+năm|thuộc|so\s+với|ở\s+mức|ph[ấầ]n\s+đ[ấầ]u)\b",
    _I,
)
_TRAILING = re.compile(
    r"(?:\s+|,|:|[≤≥<>=]|\b(?:tăng|giảm|bình\s+quân|trên|dưới|khoảng|ít\s+nhất|tối\s+thiểu|từ"
    r"|lớn\s+hơn|không\s+quá|không\s+vượt\s+quá|tối\s+đa|năm|đạt|là|có|và|xuống|còn|lên|rút\s+ngắn"
    r"|trong\s+vòng|thuộc|nằm\s+trong|đứng\s+trong|trong|nhóm|không))+$",
    _I,
)
_TAIL_CUT = re.compile(
    r"\s*(?:\(|;|\btrong\s+giai\s+đoạn\b|\bgiai\s+đoạn\b|\bđến\s+năm\b|\bvào\s+năm\b"
    r"|\bso\s+với\b|\btrở\s+lên\b|\bđược\b)",
    _I,
)
_VERB_ONLY = re.compile(
    r"^(?:có(?:\s+thêm)?|hoàn\s+thành|xây\s+dựng(?:\s+thí\s+điểm)?|thành\s+lập|phát\s+triển|đào\s+tạo"
    r"|tổ\s+chức|giải\s+quyết|tạo|kết\s+nạp|duy\s+trì|bố\s+trí|đăng\s+tải)?$",
    _I,
)
_YEAR_AFTER_CUE = re.compile(
    r"(?:đến|vào|tới|trong|cuối|năm)\s+(?:năm\s+)?(?P<y>(?:19|20)\d\d)(?!\d)", _I
)
_YEAR_RANGE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*[-–—]\s*(?P<y>(?:19|20)\d\d)(?!\d)")
_BASE_YEAR = re.compile(r"so\s+với\s+(?:cuối\s+|đầu\s+)?(?:năm\s+)?(?P<y>(?:19|20)\d\d)", _I)
_PER_PEOPLE = re.compile(r"/\s*(?P<per>v[ạậ]n\s+dân|nghìn\s+dân|\d{1,3}(?:\.\d{3})*\s+dân)", _I)


def strip_digit_parens(text: str) -> str:
    return _DIGIT_PARENS.sub("", text)


def abbreviations(subject: str) -> list[str]:
    return [m["abbr"].strip() for m in _ABBREVIATION.finditer(subject)]


def clean_label(subject: str) -> str:
    label = strip_digit_parens(subject)
    label = _LEAD.sub("", label)
    cut = _CUT.search(label)
    if cut is not None:
        label = label[: cut.start()]
    label = _TRAILING.sub("", label).strip(" ,;:.-")
    return re.sub(r"v[ạậ]n\s+dân", "vạn dân", label)


def tail_label(text: str, figure: Figure, clause_end: int) -> str:
    """The words after a figure, its unit included when it is a noun ("căn nhà ở xã hội")."""
    unit = figure.unit or ""
    start = figure.unit_end if unit.startswith("%") else figure.unit_start
    tail = strip_digit_parens(text[start : min(clause_end, start + 300)])
    cut = _TAIL_CUT.search(tail)
    if cut is not None:
        tail = tail[: cut.start()]
    words = tail.split()[:20]
    return " ".join(words).strip(" ,;:.-")


def label_for(subject: str, text: str, figure: Figure, clause_end: int) -> str:
    label = clean_label(subject)
    if _VERB_ONLY.match(label):
        label = " ".join(part for part in (label, tail_label(text, figure, clause_end)) if part)
    return label[:1].upper() + label[1:] if label else ""


def per_people_unit(subject: str, unit: str | None) -> str | None:
    """ "Số bác sĩ/vạn dân … là 19 người" is 19 người/vạn dân: the divisor sits in the subject."""
    match = _PER_PEOPLE.search(subject)
    if match is None or unit is None or "/" in unit:
        return unit
    per = re.sub(r"v[ạậ]n\s+dân", "vạn dân", " ".join(match["per"].split()))
    return f"{unit}/{per}"


@lru_cache(maxsize=512)
def years(text: str) -> tuple[int | None, int | None]:
    """(target year, base year) written in a clause: "đến năm 2030", "so với năm 2020"."""
    if not HAS_DIGIT.search(text):
        return None, None
    base = _BASE_YEAR.search(text)
    base_year = int(base["y"]) if base else None
    found: list[int] = []
    for pattern in (_YEAR_AFTER_CUE, _YEAR_RANGE):
        for match in pattern.finditer(text):
            if base is not None and base.start() <= match.start() < base.end():
                continue
            found.append(int(match["y"]))
    return (max(found) if found else None), base_year


_GROWTH = re.compile(r"tang truong|toc do tang|tang binh quan|\btang\s*$|\btang\b.*/nam")
_COUNT_FLOW = re.compile(r"hoan thanh|trong giai doan|luy ke|tong so|xay dung moi|cong don")
_CUMULATIVE = re.compile(r"\b(?:luy ke|cong don)\b")
# "giảm xuống còn 1,5%", "giảm tỷ lệ hộ nghèo xuống dưới 1%": a level to reach, no reduction.
_DOWN_TO = re.compile(r"\b(?:xuong|con)(?:\s+(?:con|duoi|muc|khoang|la))*\s*$")
_PERIODS = frozenset({"năm", "quý", "tháng", "tuần", "ngày"})
_RAISE = re.compile(r"\btang\b")
# The clause a figure is read in stops before a masked year, so "so với năm" is enough here.
_AGAINST = re.compile(r"\bso voi\b")
# "100% chi bộ tổ chức sinh hoạt chuyên đề": a share of organisations, not a rate of people.
_ORGANISATIONS = re.compile(
    r"^(?:so\s+)?(?:chi bo|dang bo|to chuc (?:co so )?dang|to chuc chinh tri|cap uy|co quan"
    r"|don vi|doan the|chi doan|chi hoi|to chuc)\b"
)


def kind_of(figure: Figure, subject: str, tail: str, unit: str | None) -> str:
    if figure.rank:
        return "rank"
    key, tail_key = fold(subject), fold(tail).strip()
    unit = unit or ""
    # "giảm 43,5% so với 2020" is a reduction; "giảm xuống dưới 0,5%" is a level to reach.
    if (
        re.search(r"\bgiam\b(?!\s+(?:xuong|con)\b)", key)
        and "giam ngheo" not in key
        and not _DOWN_TO.search(key)
    ):
        return "reduction"
    # "tăng 15% so với năm 2025": a change against a base year, not a yearly growth rate.
    if (
        _RAISE.search(key)
        and unit != "%/năm"
        and "binh quan" not in key
        and (_AGAINST.search(tail_key) or _AGAINST.search(key))
    ):
        return "change"
    if _CUMULATIVE.search(key) and not unit.startswith("%"):
        return "cumulative"
    if unit.startswith("%"):
        if _GROWTH.search(key) or (unit == "%/năm" and "tang" in key):
            return "growth_avg"
        if "ty trong" in key or "chiem" in key or tail_key.startswith("grdp"):
            return "share"
        if _ORGANISATIONS.match(tail_key):
            return "share"
        return "rate"
    if "/" in unit and "dân" in unit:
        return "ratio"
    if not unit:
        return "index" if "chi so" in key else "level"
    if unit in DURATION_UNITS:
        return "level"
    if "chi so" in key and not MONEY_OR_MASS.search(unit):
        return "index"
    if MONEY_OR_MASS.search(unit):
        return "level"
    if "/" in unit:
        # "02 vụ/năm", "05 tác phẩm/năm": things counted each period, not an amount.
        return "count" if unit.rsplit("/", 1)[1] in _PERIODS else "level"
    return "cumulative" if _COUNT_FLOW.search(key) else "count"


def direction_of(kind: str, comparator: str | None, subject: str) -> str:
    if kind == "reduction" or comparator in ("<", "<="):
        return "decrease"
    if re.search(r"\bgiam\b", fold(subject)):
        return "decrease"
    return "increase"
