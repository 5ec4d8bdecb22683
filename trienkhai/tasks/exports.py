"""XLSX exports of the task lists, the matrix and the chi bộ plans board."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils import timezone

from trienkhai.core.dates import format_date_short
from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.tasks.rules import due_text
from trienkhai.tasks.selectors import Board, Matrix
from trienkhai.tasks.status import StatusCounts, info_of

# The same ceiling for the workbook and the print view: a list longer than this is filtered.
MAX_ROWS = 20_000

COUNT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("due_total", "Đến hạn"),
    ("done_on_time", "Hoàn thành đúng hạn"),
    ("done_late", "Hoàn thành quá hạn"),
    ("in_time", "Chưa hoàn thành, trong hạn"),
    ("overdue", "Chưa hoàn thành, quá hạn"),
    ("not_started", "Chưa thực hiện"),
    ("not_due", "Chưa đến hạn"),
    ("due_soon", "Sắp đến hạn"),
    ("continuous", "Thường xuyên"),
    ("not_applicable", "Không phát sinh"),
)


# The page shows the two axes and what lies outside them; the workbook has every count.
MATRIX_COLUMNS = tuple(
    c for c in COUNT_COLUMNS if c[0] not in ("not_started", "due_soon", "not_applicable")
)


def _heading(title: str, ref: date) -> str:
    return f"{title} — tình trạng tính đến ngày {format_date_short(ref)}"


def list_workbook(rows: Iterable[Any], *, title: str, ref: date, totals: StatusCounts) -> bytes:
    columns = [
        Column("STT", kind="int"),
        Column("Mục"),
        Column("Nhiệm vụ", width=60),
        Column("Đơn vị chủ trì", width=30),
        Column("Kỳ"),
        Column("Thời hạn", width=14),
        Column("Hạn", kind="date"),
        Column("Tình trạng", width=26),
        Column("Chưa thực hiện"),
        Column("Sắp đến hạn"),
        Column("Tiến độ", kind="percent", places=0),
        Column("Ngày hoàn thành", kind="date"),
        Column("Đã xác nhận"),
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
        [Sheet("Nhiệm vụ", columns, out, heading=_heading(title, ref), notes=notes)]
    )


def matrix_workbook(m: Matrix, *, title: str, ref: date) -> bytes:
    # One sheet of units × columns (done/due), one of units × status counts.
    grid_columns = [Column("Đơn vị", width=36)] + [
        Column(c.label[:60], width=18) for c in m.columns
    ]
    grid = []
    for row in m.rows:
        cells = [
            f"{c.done}/{c.due_total}" + (f" ({c.overdue} quá hạn)" if c.overdue else "")
            if c
            else ""
            for c in row.cells
        ]
        grid.append([row.unit.name, *cells])
    count_columns = [Column("Đơn vị", width=36)] + [
        Column(label, kind="int") for _key, label in COUNT_COLUMNS
    ]
    counts = [[row.unit.name, *(row.totals.get(k) for k, _ in COUNT_COLUMNS)] for row in m.rows]
    counts.append(["Tổng cộng", *(m.totals.get(k) for k, _ in COUNT_COLUMNS)])
    heading = _heading(title, ref)
    return build_workbook(
        [
            Sheet(
                "Ma trận",
                grid_columns,
                grid,
                heading=heading,
                notes=["Mỗi ô: số đã hoàn thành / số đến hạn (số chưa hoàn thành quá hạn)."],
            ),
            Sheet("Theo tình trạng", count_columns, counts, heading=heading),
        ]
    )


def board_workbook(board: Board, *, title: str, ref: date) -> bytes:
    columns = [
        Column("STT", kind="int"),
        Column("Tổ chức đảng", width=40),
        Column("Hạn", kind="date"),
        Column("Tình trạng", width=24),
        Column("Ngày hoàn thành", kind="date"),
        Column("Tệp kế hoạch", width=30),
        Column("Xác nhận"),
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
                "Kế hoạch chi bộ",
                columns,
                rows,
                heading=_heading(title, ref),
                notes=[board.sentence],
            )
        ]
    )
