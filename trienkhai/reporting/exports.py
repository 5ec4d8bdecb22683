"""XLSX of the late board: the same rows as its page and its print view."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.core.dates import format_date_short
from trienkhai.core.periods import PeriodFormatError, parse_period
from trienkhai.core.xlsx import Column, Sheet, build_workbook

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
