"""XLSX exports of the task lists, the matrix and the chi bộ plans board."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trienkhai.core.dates import format_date_short
from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.tasks.rules import due_text
from trienkhai.tasks.selectors import Board, Matrix
from trienkhai.tasks.status import StatusCounts, info_of

# The same ceiling for the workbook and the print view: a list longer than this is filtered.
MAX_ROWS = 20_000

COUNT_COLUMNS: tuple[tuple[str, str | Promise], ...] = (
    ("due_total", gettext_lazy("Đến hạn")),
    ("done_on_time", gettext_lazy("Hoàn thành đúng hạn")),
    ("done_late", gettext_lazy("Hoàn thành quá hạn")),
    ("in_time", gettext_lazy("Chưa hoàn thành, trong hạn")),
    ("overdue", gettext_lazy("Chưa hoàn thành, quá hạn")),
    ("not_started", gettext_lazy("Chưa thực hiện")),
    ("not_due", gettext_lazy("Chưa đến hạn")),
    ("due_soon", gettext_lazy("Sắp đến hạn")),
    ("continuous", gettext_lazy("Thường xuyên")),
    ("not_applicable", gettext_lazy("Không phát sinh")),
)


# The page shows the two axes and what lies outside them; the workbook has every count.
MATRIX_COLUMNS = tuple(
    c for c in COUNT_COLUMNS if c[0] not in ("not_started", "due_soon", "not_applicable")
)


def _heading(title: str, ref: date) -> str:
    return _("%(title)s — tình trạng tính đến ngày %(day)s") % {
        "title": title,
        "day": format_date_short(ref),
    }


def list_workbook(rows: Iterable[Any], *, title: str, ref: date, totals: StatusCounts) -> bytes:
    columns = [
        Column(_("STT"), kind="int"),
        Column(_("Mục")),
        Column(_("Nhiệm vụ"), width=60),
        Column(_("Đơn vị chủ trì"), width=30),
        Column(_("Kỳ")),
        Column(_("Thời hạn"), width=14),
        Column(_("Hạn"), kind="date"),
        Column(_("Tình trạng"), width=26),
        Column(_("Chưa thực hiện")),
        Column(_("Sắp đến hạn")),
        Column(_("Tiến độ"), kind="percent", places=0),
        Column(_("Ngày hoàn thành"), kind="date"),
        Column(_("Đã xác nhận")),
    ]
    out = []
    for i, o in enumerate(rows, start=1):
        info = info_of(o, ref)
        task = o.task
        out.append(
            [
                i,
                task.section,
                task.text,
                task.assignee.name,
                o.period_label,
                due_text(task.recurrence, task.due),
                o.due,
                info.label,
                "x" if info.not_started else "",
                "x" if info.due_soon else "",
                o.progress / 100,
                o.completed_on if o.completed_on and o.completed_on <= ref else None,
                "x" if o.confirmed_at else "",
            ]
        )
    notes = [totals.sentence() + "."]
    return build_workbook(
        [Sheet(_("Nhiệm vụ"), columns, out, heading=_heading(title, ref), notes=notes)]
    )


def matrix_workbook(m: Matrix, *, title: str, ref: date) -> bytes:
    # One sheet of units × columns (done/due), one of units × status counts.
    grid_columns = [Column(_("Đơn vị"), width=36)] + [
        Column(c.label[:60], width=18) for c in m.columns
    ]
    grid = []
    for row in m.rows:
        cells = [
            f"{c.done}/{c.due_total}"
            + (" " + _("(%(n)s quá hạn)") % {"n": c.overdue} if c.overdue else "")
            if c
            else ""
            for c in row.cells
        ]
        grid.append([row.unit.name, *cells])
    count_columns = [Column(_("Đơn vị"), width=36)] + [
        Column(str(label), kind="int") for _key, label in COUNT_COLUMNS
    ]
    counts = [
        [row.unit.name, *(row.totals.get(k) for k, _label in COUNT_COLUMNS)] for row in m.rows
    ]
    counts.append([_("Tổng cộng"), *(m.totals.get(k) for k, _label in COUNT_COLUMNS)])
    heading = _heading(title, ref)
    return build_workbook(
        [
            Sheet(
                _("Ma trận"),
                grid_columns,
                grid,
                heading=heading,
                notes=[_("Mỗi ô: số đã hoàn thành / số đến hạn (số chưa hoàn thành quá hạn).")],
            ),
            Sheet(_("Theo tình trạng"), count_columns, counts, heading=heading),
        ]
    )


def board_workbook(board: Board, *, title: str, ref: date) -> bytes:
    columns = [
        Column(_("STT"), kind="int"),
        Column(_("Tổ chức đảng"), width=40),
        Column(_("Hạn"), kind="date"),
        Column(_("Tình trạng"), width=24),
        Column(_("Ngày hoàn thành"), kind="date"),
        Column(_("Tệp kế hoạch"), width=30),
        Column(_("Xác nhận")),
    ]
    rows = [
        [
            i,
            r.occurrence.task.assignee.name,
            r.occurrence.due,
            r.info.label,
            r.occurrence.completed_on if r.info.status.startswith("done") else None,
            ", ".join(f.original_name for f in r.files),
            format_date_short(timezone.localtime(r.occurrence.confirmed_at).date())
            if r.occurrence.confirmed_at
            else "",
        ]
        for i, r in enumerate(board.rows, start=1)
    ]
    return build_workbook(
        [
            Sheet(
                _("Kế hoạch chi bộ"),
                columns,
                rows,
                heading=_heading(title, ref),
                notes=[board.sentence],
            )
        ]
    )
