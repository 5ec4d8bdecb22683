"""Excel imports: reading a sheet's rows, and reporting each wrong cell by sheet, row and
column with nothing saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.errors import gettext_noop as _
from trienkhai.core.text import clean_text, search_key


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int  # the row number Excel shows
    column: str  # the column's header
    message: str

    def __str__(self) -> str:
        return _("Trang “%(sheet)s”, dòng %(row)d, cột “%(column)s”: %(message)s") % {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportErrors(DomainError):
    """At least one row is wrong; `errors` lists them all and nothing was saved."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(
            _("Tệp có %(n)d lỗi nên chưa lưu gì. Xin sửa các ô dưới đây rồi nhập lại.")
            % {"n": len(errors)}
        )


def cell_text(value: Any) -> str:
    """A cell as the office typed it: 12.0 → "12", a date → "10/06/2026", spaces tidied."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return format_date_short(value)
    return clean_text(str(value))


def find_sheet(workbook: Any, title: str) -> Worksheet | None:
    """A sheet by its title, ignoring case and diacritics ("Nguoi dung" = "Người dùng")."""
    for ws in workbook.worksheets:
        if search_key(ws.title) == search_key(title):
            return ws
    return None


def read_rows(
    ws: Worksheet,
    sheet: str,
    columns: tuple[str, ...],
    *,
    optional: set[str] | frozenset[str],
    errors: list[RowError],
    max_rows: int = 5000,
) -> list[tuple[int, dict[str, Any]]]:
    """Data rows as {column: raw value} (None where absent), keyed by their Excel row number.

    The header row is found by its first column within the first rows, since office files
    often carry a title line above it; blank rows are skipped.
    """
    header_row, index = 0, {}
    for number, values in enumerate(ws.iter_rows(max_row=6, values_only=True), start=1):
        keys = [search_key(cell_text(v)) for v in values]
        if search_key(columns[0]) in keys:
            header_row, index = number, {k: i for i, k in enumerate(keys) if k}
            break
    if not header_row:
        errors.append(RowError(sheet, 1, columns[0], _("không tìm thấy dòng tiêu đề có cột này.")))
        return []
    positions: dict[str, int] = {}
    for name in columns:
        if search_key(name) in index:
            positions[name] = index[search_key(name)]
        elif name not in optional:
            errors.append(RowError(sheet, header_row, name, _("thiếu cột này.")))
    last = ws.max_row or 0
    if last - header_row > max_rows:
        errors.append(RowError(sheet, last, columns[0], _("quá %(n)d dòng.") % {"n": max_rows}))
        return []
    rows = []
    start = header_row + 1
    for number, values in enumerate(ws.iter_rows(min_row=start, values_only=True), start=start):
        cells = {name: values[i] if i < len(values) else None for name, i in positions.items()}
        if any(cell_text(v) for v in cells.values()):
            rows.append((number, {name: cells.get(name) for name in columns}))
    return rows
