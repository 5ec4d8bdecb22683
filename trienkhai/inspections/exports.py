"""XLSX of the inspections list and of the corrective actions (the same rows as their pages).

The inspection rows come annotated by `counts.annotate_counts`, with their units prefetched
and their two documents joined; the action rows with their unit, finding and inspection
joined. Nothing here queries per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.documents.models import OfficialDocument
from trienkhai.inspections.models import CorrectiveAction, Inspection
from trienkhai.inspections.slow import KIND_LABELS, KINDS, SlowUnit
from trienkhai.tasks.selectors import classify

__all__ = ["actions_workbook", "document_number", "inspections_workbook", "slow_workbook"]

NONE = "—"


def document_number(document: OfficialDocument | None) -> str:
    """ "03-QĐ/UBKT" once issued; "Dự thảo" while the register has not numbered it."""
    if document is None:
        return NONE
    if not document.is_issued or document.number is None:
        return _("Dự thảo")
    return f"{document.number:02d}-{document.symbol}"


def _unit_names(inspection: Inspection) -> str:
    # Sorted here, not in SQL, so the prefetched units are read as they are.
    units = sorted(inspection.units.all(), key=lambda u: u.path)
    return "; ".join(u.name for u in units)


def inspections_workbook(rows: Iterable[Inspection], *, heading: str) -> bytes:
    """One row per inspection annotated by `annotate_counts`."""
    columns = [
        Column(_("STT"), kind="int"),
        Column(_("Hình thức"), width=12),
        Column(_("Nội dung"), width=50),
        Column(_("Cơ quan tiến hành"), width=30),
        Column(_("Đơn vị được kiểm tra"), width=40),
        Column(_("Từ ngày"), kind="date"),
        Column(_("Đến ngày"), kind="date"),
        Column(_("Tình trạng"), width=16),
        Column(_("Số quyết định"), width=16),
        Column(_("Số thông báo kết luận"), width=16),
        Column(_("Số phát hiện"), kind="int"),
        Column(_("Số yêu cầu khắc phục"), kind="int"),
        Column(_("Đã xác nhận"), kind="int"),
        Column(_("Quá hạn"), kind="int"),
    ]
    out = [
        [
            i,
            r.get_kind_display(),
            r.title,
            r.org_unit.name,
            _unit_names(r),
            r.start,
            r.end,
            r.get_state_display(),
            document_number(r.decision),
            document_number(r.conclusion_doc),
            r.finding_count,  # type: ignore[attr-defined]
            r.action_count,  # type: ignore[attr-defined]
            r.verified_count,  # type: ignore[attr-defined]
            r.overdue_count,  # type: ignore[attr-defined]
        ]
        for i, r in enumerate(rows, start=1)
    ]
    return build_workbook([Sheet(_("Kiểm tra, giám sát"), columns, out, heading=heading)])


def _verified_on(action: CorrectiveAction) -> date | None:
    at = action.verified_at
    return timezone.localtime(at).date() if at else None


def _verifier(action: CorrectiveAction) -> str:
    user = action.verified_by
    return user.get_full_name() if user is not None else ""


def actions_workbook(rows: Iterable[CorrectiveAction], *, heading: str, today: date) -> bytes:
    """One row per corrective action; its status on the task axes on ``today`` counts it
    done only once verified, on the unit's own date (`CorrectiveAction.completed_on`)."""
    columns = [
        Column(_("STT"), kind="int"),
        Column(_("Đơn vị"), width=30),
        Column(_("Cuộc kiểm tra, giám sát"), width=40),
        Column(_("Nội dung phát hiện"), width=50),
        Column(_("Yêu cầu khắc phục"), width=50),
        Column(_("Hạn"), kind="date"),
        Column(_("Tình trạng"), width=24),
        Column(_("Tiến độ theo hạn"), width=26),
        Column(_("Ngày hoàn thành"), kind="date"),
        Column(_("Người xác nhận"), width=24),
        Column(_("Ngày xác nhận"), kind="date"),
    ]
    out = [
        [
            i,
            a.org_unit.name,
            a.finding.inspection.title,
            a.finding.text,
            a.text,
            a.due,
            a.get_state_display(),
            classify(ref=today, due=a.due, completed_on=a.completed_on).label,
            a.done_on,
            _verifier(a),
            _verified_on(a),
        ]
        for i, a in enumerate(rows, start=1)
    ]
    return build_workbook([Sheet(_("Yêu cầu khắc phục"), columns, out, heading=heading)])


def slow_workbook(rows: Iterable[SlowUnit], *, heading: str, today: date) -> bytes:
    """The slow-unit list: one row per unit, a column per reason (its count) and the
    reasons in words, so the office can sort and filter it in Excel."""
    columns = [
        Column(_("STT"), kind="int"),
        Column(_("Mã đơn vị"), width=14),
        Column(_("Đơn vị"), width=40),
        *[Column(str(label), kind="int") for label in KIND_LABELS.values()],
        Column(_("Lý do"), width=80),
    ]
    out = []
    for i, row in enumerate(rows, start=1):
        counts = {r.kind: r.count for r in row.reasons}
        out.append(
            [
                i,
                row.unit.code,
                row.unit.name,
                *[counts.get(kind) for kind in KINDS],
                "\n".join(r.text for r in row.reasons),
            ]
        )
    notes = [_("Tính đến ngày %(day)s.") % {"day": today.strftime("%d/%m/%Y")}]
    sheet = Sheet(_("Chậm triển khai"), columns, out, heading=heading, notes=notes)
    return build_workbook([sheet])
