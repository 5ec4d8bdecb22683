"""XLSX of the opinion log, the rebuttals and the good practices: the same rows as their
pages, joined by their selectors (nothing here queries per row)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.opinion.models import GoodPractice, OpinionReport, Rebuttal
from trienkhai.opinion.selectors import TopicRow, UnitRow

__all__ = ["opinions_workbook", "practices_workbook", "rebuttals_workbook"]


def _topic(report: OpinionReport | GoodPractice) -> str:
    if report.solution is not None:
        return f"{report.solution.ref}. {report.solution.title}"
    return ""


def _day(at: object) -> date | None:
    return timezone.localtime(at).date() if at else None  # type: ignore[arg-type]


def opinions_workbook(
    rows: Iterable[OpinionReport],
    *,
    heading: str,
    topics: list[TopicRow],
    units: list[UnitRow],
) -> bytes:
    columns = [
        Column(_("STT"), kind="int"),
        Column(_("Ngày ghi nhận"), kind="date"),
        Column(_("Đơn vị"), width=30),
        Column(_("Loại"), width=18),
        Column(_("Chủ đề"), width=40),
        Column(_("Nội dung"), width=60),
        Column(_("Nguồn"), width=24),
        Column(_("Nơi, người phản ánh"), width=30),
        Column(_("Số người"), kind="int"),
        Column(_("Nhóm giải pháp"), width=40),
        Column(_("Mức độ"), width=14),
        Column(_("Tình trạng"), width=14),
        Column(_("Hướng xử lý"), width=40),
        Column(_("Nội dung trả lời"), width=60),
        Column(_("Cơ quan, người trả lời"), width=30),
        Column(_("Ngày trả lời"), kind="date"),
    ]
    out = [
        [
            i,
            r.noted_on,
            r.org_unit.name,
            r.get_kind_display(),
            r.topic,
            r.content,
            r.get_source_display(),
            r.source_detail,
            r.people,
            _topic(r),
            r.get_sensitivity_display(),
            r.get_state_display(),
            r.handling_note,
            r.response,
            r.responder,
            r.answered_on,
        ]
        for i, r in enumerate(rows, start=1)
    ]
    counts = [
        Column(_("Mới ghi nhận"), kind="int"),
        Column(_("Đang xử lý"), kind="int"),
        Column(_("Đã trả lời"), kind="int"),
        Column(_("Cộng"), kind="int"),
    ]
    by_topic = [
        [t.label or _("Chưa gắn nhóm giải pháp"), t.new, t.handling, t.answered, t.total]
        for t in topics
    ]
    by_unit = [[u.name, u.new, u.handling, u.answered, u.total] for u in units]
    return build_workbook(
        [
            Sheet(_("Phản ánh"), columns, out, heading=heading),
            Sheet(_("Theo chủ đề"), [Column(_("Chủ đề"), width=60), *counts], by_topic),
            Sheet(_("Theo đơn vị"), [Column(_("Đơn vị"), width=40), *counts], by_unit),
        ]
    )


def rebuttals_workbook(rows: Iterable[Rebuttal], *, heading: str) -> bytes:
    columns = [
        Column(_("STT"), kind="int"),
        Column(_("Ngày"), kind="date"),
        Column(_("Đơn vị"), width=30),
        Column(_("Nền tảng"), width=16),
        Column(_("Bài viết sai trái"), width=50),
        Column(_("Nội dung sai trái"), width=60),
        Column(_("Tin, bài phản bác"), width=50),
        Column(_("Đường dẫn phản bác"), width=50),
        Column(_("Số bình luận, chia sẻ"), kind="int"),
        Column(_("Đã báo cáo vi phạm"), width=12),
        Column(_("Ghi chú"), width=40),
    ]
    out = [
        [
            i,
            r.noted_on,
            r.org_unit.name,
            r.get_platform_display(),
            r.post_link,
            r.post_summary,
            r.media_item.title if r.media_item is not None else "",
            r.rebuttal_link or (r.media_item.link if r.media_item is not None else ""),
            r.comments,
            _("Có") if r.reported else _("Không"),
            r.note,
        ]
        for i, r in enumerate(rows, start=1)
    ]
    return build_workbook([Sheet(_("Đấu tranh phản bác"), columns, out, heading=heading)])


def practices_workbook(rows: Iterable[GoodPractice], *, heading: str) -> bytes:
    columns = [
        Column(_("STT"), kind="int"),
        Column(_("Đơn vị"), width=30),
        Column(_("Tên mô hình, cách làm"), width=40),
        Column(_("Lĩnh vực"), width=28),
        Column(_("Nhóm giải pháp"), width=40),
        Column(_("Thực hiện từ"), kind="date"),
        Column(_("Cách làm"), width=60),
        Column(_("Kết quả"), width=60),
        Column(_("Tình trạng"), width=16),
        Column(_("Ngày xem xét"), kind="date"),
        Column(_("Đề nghị khen thưởng"), width=12),
        Column(_("Lý do đề nghị"), width=40),
        Column(_("Công khai"), width=10),
    ]
    out = [
        [
            i,
            p.org_unit.name,
            p.title,
            p.get_field_display(),
            _topic(p),
            p.started_on,
            p.description,
            p.results,
            p.get_state_display(),
            _day(p.reviewed_at),
            _("Có") if p.commendation else "",
            p.commendation_reason,
            _("Có") if p.published else "",
        ]
        for i, p in enumerate(rows, start=1)
    ]
    return build_workbook([Sheet(_("Mô hình hay"), columns, out, heading=heading)])
