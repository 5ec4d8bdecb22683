"""Coverage thresholds: who must be told about the plan, and what share of them.

"Phấn đấu 100% cán bộ chủ chốt, trên 95% đảng viên và trên 90% đoàn viên, hội viên được
tuyên truyền, quán triệt" gives three thresholds; "trên" is strict (``>``), which matters at
the boundary when coverage is judged.
"""

from __future__ import annotations

import re

from trienkhai.plans.parser.grammar import comparator_before, read_number
from trienkhai.plans.parser.result import CoverageTarget
from trienkhai.plans.parser.words import fold

_I = re.IGNORECASE
_DISSEMINATION = re.compile(
    r"được\s+(?:tuyên\s+truyền|quán\s+triệt|phổ\s+biến|học\s+tập|tiếp\s+thu|triển\s+khai"
    r"|nghiên\s+cứu|thông\s+tin)|nắm\s+(?:được|vững|rõ)|tham\s+gia\s+(?:học\s+tập|hội\s+nghị"
    r"|quán\s+triệt)|dự\s+(?:hội\s+nghị|học\s+tập)|học\s+tập,?\s+quán\s+triệt",
    _I,
)
_CMP = r"(?:trên|ít\s+nhất|tối\s+thiểu|từ|khoảng|không\s+dưới|dưới|gần)"
_FIGURE = re.compile(
    r"(?P<pct>\d{1,3}(?:,\d+)?)\s*%\s*(?:số\s+)?(?P<aud>.+?)"
    rf"(?=\s*(?:,|;|\bvà\b)?\s*(?:{_CMP}\s+)?\d{{1,3}}(?:,\d+)?\s*%"
    r"|\s+(?:được|nắm|tham\s+gia|dự|học\s+tập)\b|[.;]|$)",
    _I,
)
# Earliest keyword wins: "Cán bộ, đảng viên …; cán bộ, công chức" is about party members.
_GROUP_WORDS = (
    ("chu chot", "key_cadres"),
    ("bi thu", "key_cadres"),
    ("truong thon", "key_cadres"),
    ("dang vien", "party_members"),
    ("doan vien", "union_members"),
    ("hoi vien", "union_members"),
    ("cong chuc", "civil_servants"),
    ("vien chuc", "civil_servants"),
    ("nhan dan", "public"),
    ("nguoi dan", "public"),
)


# "100% chi bộ tổ chức học tập, quán triệt" counts organisations, not people: a share target.
_ORGANISATIONS = re.compile(
    r"^(?:cac\s+|so\s+)?(?:chi bo|dang bo|to chuc|co quan|don vi|cap uy|chi doan|chi hoi"
    r"|doan the|thon|to dan pho|khu dan cu|truong hoc|xa(?! vien)|phuong|hop tac xa|doanh nghiep"
    r")\b"
)


def is_organisations(audience: str) -> bool:
    return _ORGANISATIONS.match(fold(audience)) is not None


def group_of(text: str) -> str:
    key = fold(text)
    best: tuple[int, str] | None = None
    for word, group in _GROUP_WORDS:
        at = key.find(word)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, group)
    return best[1] if best else "public"


def is_coverage_clause(text: str) -> bool:
    """Whether the clause says what share of people is to be informed (not of organisations)."""
    return "%" in text and bool(read_coverage(text))


def read_coverage(text: str) -> list[CoverageTarget]:
    """The thresholds of one clause that says who is to be informed."""
    if "%" not in text or _DISSEMINATION.search(text) is None:
        return []
    out: list[CoverageTarget] = []
    previous = 0
    for match in _FIGURE.finditer(text):
        value = read_number(match["pct"])
        audience = match["aud"].strip(" ,;:")
        audience = re.sub(r"\s+và$", "", audience).strip(" ,")
        if value is None or not audience or is_organisations(audience):
            continue
        comparator = comparator_before(text[previous : match.start()]) or "="
        previous = match.end()
        out.append(CoverageTarget(audience, group_of(audience), comparator, value))
    return out
