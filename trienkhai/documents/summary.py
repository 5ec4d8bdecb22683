"""The summary report of a unit for a period, as ``DocumentData``.

Its sections are those of a report on a plan's implementation (PRODUCT.md): I. lãnh đạo, chỉ
đạo; II. học tập, quán triệt; III. tuyên truyền; IV. chương trình, kế hoạch thực hiện; V. kết
quả thực hiện các chỉ tiêu; VI. đánh giá chung (ưu điểm; hạn chế, nguyên nhân); VII. đề xuất,
kiến nghị. Each module fills the sections it knows about by registering a provider, which is
given one `SummaryScope`: every section counts up to the same reference date, the end of the
data window, so that the report states one "tính đến ngày" throughout.

    from trienkhai.documents.summary import register_summary_section

    @register_summary_section("propaganda")
    def media_summary(scope: SummaryScope) -> list[Block] | None: ...  # None: no data

A section nobody fills keeps its heading and a dotted line for the office to write on: a
document meant to be signed never says "no data" in the system's voice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from trienkhai.core.dates import format_date_short
from trienkhai.core.periods import Period
from trienkhai.documents.data import Block, BulletList, DocumentData, Heading, Paragraph
from trienkhai.documents.issuers import issuer_of, lower_first, party_document
from trienkhai.documents.models import DocType, OfficialDocument
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan

__all__ = [
    "FILL_LINE",
    "SECTIONS",
    "SUMMARY_SECTIONS",
    "SectionContent",
    "SectionProvider",
    "SummaryScope",
    "SummarySection",
    "build_summary",
    "register_summary_section",
    "summary_document",
    "summary_sections",
    "summary_title",
]

# What an empty section holds: a line the office writes on, in Word or on paper.
FILL_LINE = "…" * 60


@dataclass(frozen=True)
class SummaryScope:
    """What a section counts: the unit's subtree, the plan reported on (None: every plan of
    the unit and those above it), and the data window; ``end`` is the reference date."""

    unit: OrgUnit
    period: Period
    start: date
    end: date
    plan: Plan | None = None

    @classmethod
    def of(
        cls,
        unit: OrgUnit,
        period: Period,
        *,
        plan: Plan | None = None,
        window: tuple[date, date] | None = None,
    ) -> SummaryScope:
        start, end = window or period.data_window()
        return cls(unit=unit, period=period, start=start, end=end, plan=plan)


SectionProvider = Callable[[SummaryScope], list[Block] | None]


@dataclass(frozen=True)
class SummarySection:
    key: str
    heading: str
    level: int = 1
    parts: tuple[SummarySection, ...] = ()


SECTIONS: tuple[SummarySection, ...] = (
    SummarySection("leadership", "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"),
    SummarySection("study", "II. KẾT QUẢ HỌC TẬP, QUÁN TRIỆT"),
    SummarySection("propaganda", "III. CÔNG TÁC TUYÊN TRUYỀN"),
    SummarySection("programmes", "IV. XÂY DỰNG CHƯƠNG TRÌNH, KẾ HOẠCH VÀ THỰC HIỆN NHIỆM VỤ"),
    SummarySection("targets", "V. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"),
    SummarySection(
        "assessment",
        "VI. ĐÁNH GIÁ CHUNG",
        parts=(
            SummarySection("strengths", "1. Ưu điểm", level=2),
            SummarySection("limitations", "2. Hạn chế, nguyên nhân", level=2),
        ),
    ),
    SummarySection("proposals", "VII. ĐỀ XUẤT, KIẾN NGHỊ"),
)


def _keys(sections: tuple[SummarySection, ...]) -> list[str]:
    return [k for s in sections for k in (s.key, *_keys(s.parts))]


# Providers per section key, called in registration order; later apps append in ready().
SUMMARY_SECTIONS: dict[str, list[SectionProvider]] = {key: [] for key in _keys(SECTIONS)}


def register_summary_section(key: str) -> Callable[[SectionProvider], SectionProvider]:
    if key not in SUMMARY_SECTIONS:
        raise KeyError(f"unknown summary section {key!r}; known: {sorted(SUMMARY_SECTIONS)}")

    def decorator(provider: SectionProvider) -> SectionProvider:
        if provider not in SUMMARY_SECTIONS[key]:
            SUMMARY_SECTIONS[key].append(provider)
        return provider

    return decorator


def _cite(doc: OfficialDocument) -> str:
    """ "Kế hoạch số 14-KH/ĐU ngày 20/5/2026 tuyên truyền, …": the trích yếu as registered."""
    assert doc.date is not None and doc.number is not None
    d = doc.date
    return (
        f"{DocType(doc.doc_type).label} số {doc.number:02d}-{doc.symbol} "
        f"ngày {d.day}/{d.month}/{d.year} {lower_first(doc.title)}"
    )


# --- what the register itself knows ----------------------------------------------------------


@register_summary_section("leadership")
def _documents_issued(scope: SummaryScope) -> list[Block] | None:
    """The directing documents the unit issued in the data window."""
    issued = list(
        OfficialDocument.objects.filter(
            issuer=scope.unit,
            status=OfficialDocument.Status.ISSUED,
            date__gte=scope.start,
            date__lte=scope.end,
        )
        .exclude(doc_type=DocType.BAO_CAO)
        .order_by("date", "number")
    )
    if not issued:
        return None
    return [
        Paragraph(f"Trong kỳ đã ban hành {len(issued)} văn bản lãnh đạo, chỉ đạo:"),
        BulletList((*(f"{_cite(d)};" for d in issued[:-1]), f"{_cite(issued[-1])}.")),
    ]


# --- the document ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionContent:
    """One heading of the report and what is written under it (empty: the office writes)."""

    key: str
    heading: str
    level: int
    blocks: tuple[Block, ...]


def _contents(section: SummarySection, scope: SummaryScope) -> list[SectionContent]:
    found: list[Block] = []
    for provider in SUMMARY_SECTIONS.get(section.key, []):
        found.extend(provider(scope) or [])
    own = SectionContent(section.key, section.heading, section.level, tuple(found))
    return [own, *(c for part in section.parts for c in _contents(part, scope))]


def summary_sections(scope: SummaryScope) -> list[SectionContent]:
    """Every section in order, each with what the providers wrote for ``scope``."""
    return [content for section in SECTIONS for content in _contents(section, scope)]


def _has_parts(key: str) -> bool:
    return any(s.key == key and s.parts for s in SECTIONS)


# "… Chương trình hành động số 20-CTr/TU ngày 24/4/2026 của …": where a cited document's date
# begins, the rest of a plan's subject restates that document's own title.
_CITED_DATE = re.compile(r"(số\s+\S+/\S+)\s*,?\s+ngày\s+\d{1,2}/\d{1,2}/\d{4}.*$", re.DOTALL)


def _short_subject(title: str) -> str:
    """The plan's subject up to the first document it cites, as a trích yếu names it."""
    subject = " ".join(title.split()).rstrip(".")
    return _CITED_DATE.sub(r"\1", subject)


def summary_title(scope: SummaryScope) -> str:
    """The trích yếu: "Kết quả 6 tháng đầu năm 2026 thực hiện Kế hoạch số 15-KH/ĐU ngày … về
    …", naming the plan; without a plan, the period alone."""
    label = lower_first(scope.period.label)
    plan = scope.plan
    if plan is None:
        return f"Kết quả triển khai thực hiện kế hoạch {label}"
    cite = f"Kế hoạch {plan.reference}"
    if plan.date:
        cite += f" ngày {plan.date.day}/{plan.date.month}/{plan.date.year}"
    cite += f" của {issuer_of(plan.org_unit).acting_body}"
    subject = lower_first(_short_subject(plan.title))
    if subject:
        cite += f" {subject}" if subject.startswith("về ") else f" về {subject}"
    return f"Kết quả {label} thực hiện {cite}"


def summary_document(
    scope: SummaryScope,
    sections: list[SectionContent],
    *,
    title: str | None = None,
    number: int | None = None,
    day: date | None = None,
) -> DocumentData:
    """The Party-format report around ``sections`` (as built, or as the office edited them)."""
    info = issuer_of(scope.unit)
    intro = Paragraph(
        f"Thực hiện chế độ báo cáo định kỳ, {info.acting_body} báo cáo kết quả triển khai "
        f"thực hiện {lower_first(scope.period.label)} (số liệu tính đến ngày "
        f"{format_date_short(scope.end)}) như sau:"
    )
    body: list[Block] = [intro]
    for content in sections:
        body.append(Heading(content.heading, level=content.level))
        if content.blocks:
            body.extend(content.blocks)
        elif not _has_parts(content.key):
            body.append(Paragraph(FILL_LINE))
    members = (
        "- Các tổ chức đảng trực thuộc,"
        if info.issuer_kind == "committee"
        else "- Các đảng viên trong chi bộ,"
    )
    return party_document(
        info,
        DocType.BAO_CAO,
        title=title or summary_title(scope),
        body=body,
        recipients=info.recipients(members),
        number=number,
        day=day,
        draft_year=(day or timezone.localdate()).year,
        extra={"unit_code": scope.unit.code, "period": scope.period.code},
    )


def build_summary(
    unit: OrgUnit,
    period: Period,
    *,
    plan: Plan | None = None,
    window: tuple[date, date] | None = None,
    number: int | None = None,
    day: date | None = None,
    title: str | None = None,
) -> DocumentData:
    """The summary report's content; a draft (no number, no date) unless both are given."""
    scope = SummaryScope.of(unit, period, plan=plan, window=window)
    return summary_document(scope, summary_sections(scope), title=title, number=number, day=day)
