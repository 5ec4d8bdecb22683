"""The summary report of a unit for a period, as ``DocumentData``.

Its sections are those of a report on a plan's implementation (PRODUCT.md): I. lãnh đạo, chỉ
đạo; II. học tập, quán triệt; III. tuyên truyền; IV. chương trình, kế hoạch thực hiện; V. đánh
giá chung (ưu điểm; hạn chế, nguyên nhân); VI. đề xuất, kiến nghị. Each module fills the
sections it knows about by registering a provider; a section nobody fills yet says so.

    from trienkhai.documents.summary import register_summary_section

    @register_summary_section("propaganda")
    def media_summary(unit, period): ...  # -> list of blocks, or None when no data
"""

from __future__ import annotations

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

__all__ = [
    "SECTIONS",
    "SUMMARY_SECTIONS",
    "SectionProvider",
    "SummarySection",
    "build_summary",
    "register_summary_section",
]

SectionProvider = Callable[[OrgUnit, Period], list[Block] | None]


@dataclass(frozen=True)
class SummarySection:
    key: str
    heading: str
    # Completes "Chưa có số liệu về … trong kỳ báo cáo."
    topic: str
    level: int = 1
    parts: tuple[SummarySection, ...] = ()


SECTIONS: tuple[SummarySection, ...] = (
    SummarySection("leadership", "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "công tác lãnh đạo, chỉ đạo"),
    SummarySection("study", "II. KẾT QUẢ HỌC TẬP, QUÁN TRIỆT", "kết quả học tập, quán triệt"),
    SummarySection("propaganda", "III. CÔNG TÁC TUYÊN TRUYỀN", "công tác tuyên truyền"),
    SummarySection(
        "programmes",
        "IV. XÂY DỰNG CHƯƠNG TRÌNH, KẾ HOẠCH THỰC HIỆN",
        "việc xây dựng chương trình, kế hoạch thực hiện",
    ),
    SummarySection(
        "assessment",
        "V. ĐÁNH GIÁ CHUNG",
        "đánh giá chung",
        parts=(
            SummarySection("strengths", "1. Ưu điểm", "ưu điểm", level=2),
            SummarySection("limitations", "2. Hạn chế, nguyên nhân", "hạn chế, nguyên nhân", 2),
        ),
    ),
    SummarySection("proposals", "VI. ĐỀ XUẤT, KIẾN NGHỊ", "đề xuất, kiến nghị"),
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
def _documents_issued(unit: OrgUnit, period: Period) -> list[Block] | None:
    """The directing documents the unit issued in the period's data window."""
    start, end = period.data_window()
    issued = list(
        OfficialDocument.objects.filter(
            issuer=unit,
            status=OfficialDocument.Status.ISSUED,
            date__gte=start,
            date__lte=end,
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


def _section_blocks(section: SummarySection, unit: OrgUnit, period: Period) -> list[Block]:
    blocks: list[Block] = [Heading(section.heading, level=section.level)]
    found: list[Block] = []
    for provider in SUMMARY_SECTIONS.get(section.key, []):
        found.extend(provider(unit, period) or [])
    if section.parts:
        for part in section.parts:
            blocks.extend(_section_blocks(part, unit, period))
        return blocks[:1] + found + blocks[1:]
    if not found:
        found = [Paragraph(f"Chưa có số liệu về {section.topic} trong kỳ báo cáo.", italic=True)]
    return blocks + found


def build_summary(
    unit: OrgUnit,
    period: Period,
    *,
    number: int | None = None,
    day: date | None = None,
    title: str | None = None,
) -> DocumentData:
    """The summary report's content; a draft (no number, no date) unless both are given."""
    info = issuer_of(unit)
    label = lower_first(period.label)
    start, end = period.data_window()
    intro = Paragraph(
        f"Thực hiện chế độ báo cáo định kỳ, {info.acting_body} báo cáo kết quả triển khai "
        f"thực hiện kế hoạch {label} (số liệu từ ngày {format_date_short(start)} đến ngày "
        f"{format_date_short(end)}) như sau:"
    )
    body: list[Block] = [intro]
    for section in SECTIONS:
        body.extend(_section_blocks(section, unit, period))
    members = (
        "- Các tổ chức đảng trực thuộc,"
        if info.issuer_kind == "committee"
        else "- Các đảng viên trong chi bộ,"
    )
    return party_document(
        info,
        DocType.BAO_CAO,
        title=title or f"Kết quả triển khai thực hiện kế hoạch {label}",
        body=body,
        recipients=info.recipients(members),
        number=number,
        day=day,
        draft_year=(day or timezone.localdate()).year,
        extra={"unit_code": unit.code, "period": period.code},
    )
