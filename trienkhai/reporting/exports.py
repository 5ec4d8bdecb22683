"""XLSX of the late board (the same rows as its page and its print view) and of a summary
report's figures."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.core.dates import format_date_short
from trienkhai.core.periods import PeriodFormatError, parse_period
from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.reporting.models import RequestState, SummaryReport
from trienkhai.reporting.summary import asked
from trienkhai.reporting.summary_services import covering, scope_of

# The same ceiling for the workbook and the print view: a longer list is filtered by period.
MAX_ROWS = 10_000


def period_label(code: str) -> str:
    try:
        return parse_period(code).label
    except PeriodFormatError:
        return code


def extension_note(row: Any) -> str:
    """ "gia hạn (hạn đầu 15/07/2026)" when the office extended the due date, else ""."""
    if not row.extended_due:
        return ""
    return _("gia hạn (hạn đầu %(day)s)") % {"day": format_date_short(row.due)}


def reminded_on(row: Any) -> date | None:
    at = row.last_reminded_at
    return timezone.localtime(at).date() if at else None


def board_workbook(rows: Iterable[Any], *, title: str, heading: str, notes: list[str]) -> bytes:
    columns = [
        Column(_("STT"), kind="int"),
        Column(_("Đơn vị"), width=36),
        Column(_("Báo cáo"), width=40),
        Column(_("Kỳ"), width=18),
        Column(_("Hạn nộp"), kind="date"),
        Column(_("Gia hạn"), width=22),
        Column(_("Số ngày quá hạn"), kind="int"),
        Column(_("Tình trạng"), width=14),
        Column(_("Nhắc lần cuối"), kind="date"),
    ]
    out = [
        [
            i,
            r.org_unit.name,
            r.schedule.title,
            period_label(r.period),
            r.effective,
            extension_note(r),
            r.overdue,
            r.get_state_display(),
            reminded_on(r) or "—",
        ]
        for i, r in enumerate(rows, start=1)
    ]
    return build_workbook([Sheet(title, columns, out, heading=heading, notes=notes)])


def _number(raw: Any) -> Any:
    """A stored figure as the workbook's number (decimals kept exact)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, int):
        return raw
    try:
        return Decimal(str(raw))
    except InvalidOperation:
        return raw


def summary_workbook(summary: SummaryReport) -> bytes:
    """The summary's figures (system, the units' reports, the corrections, what it states)
    and, on a second sheet, each unit's reported figures with the total: the table an office
    otherwise adds up by hand in Excel."""
    heading = f"{summary.title} ({period_label(summary.period)})"
    figures = summary.figures
    first = [
        [
            i,
            f"{row.get('group')}: {row['label']}" if row.get("group") else row["label"],
            row.get("unit", ""),
            _number(row.get("system")),
            _number(row.get("reported")),
            _number(row.get("adjust")),
            _number(row.get("value")),
            row.get("note", ""),
        ]
        for i, row in enumerate(figures, start=1)
    ]
    summary_sheet = Sheet(
        _("Số liệu tổng hợp"),
        [
            Column(_("STT"), kind="int"),
            Column(_("Nội dung"), width=50),
            Column(_("Đơn vị tính"), width=14),
            Column(_("Hệ thống"), kind="decimal", places=2),
            Column(_("Tổng hợp báo cáo đơn vị"), kind="decimal", places=2),
            Column(_("Điều chỉnh"), kind="decimal", places=2),
            Column(_("Số liệu báo cáo"), kind="decimal", places=2),
            Column(_("Ghi chú"), width=40),
        ],
        first,
        heading=heading,
        notes=[
            _("Số liệu tính đến ngày %(day)s.") % {"day": format_date_short(summary.window_end)}
        ],
    )
    additive = [row for row in figures if row.get("additive", True)]
    requests = (
        asked(scope_of(summary))
        .exclude(state=RequestState.NOT_STARTED)
        .select_related("org_unit")
        .order_by("org_unit__path")
    )
    unit_rows: list[list[Any]] = []
    totals: list[Any] = [0] * len(additive)
    counted = {
        path
        for path, _req, _none in covering(
            (r.org_unit.path, r, None) for r in requests if r.state == RequestState.ACCEPTED
        )
    }
    for i, req in enumerate(requests, start=1):
        values = [_number((req.fields or {}).get(row["key"])) for row in additive]
        if req.org_unit.path in counted:
            totals = [
                t + (v or 0) if isinstance(v, (int, Decimal)) else t
                for t, v in zip(totals, values, strict=True)
            ]
        unit_rows.append([i, req.org_unit.name, req.get_state_display(), *values])
    # A unit under another reporting unit is already in that one's figures.
    unit_rows.append(["", _("Cộng các báo cáo đã duyệt"), "", *totals])
    units_sheet = Sheet(
        _("Theo đơn vị"),
        [
            Column(_("STT"), kind="int"),
            Column(_("Đơn vị"), width=36),
            Column(_("Tình trạng"), width=14),
            *(Column(str(row["label"]), kind="decimal", places=2, width=14) for row in additive),
        ],
        unit_rows,
        heading=heading,
    )
    return build_workbook([summary_sheet, units_sheet])
