"""XLSX exports shared by every module.

Number formats use Excel's own grouping codes, which Excel and LibreOffice show
with the reader's regional separators: on a Vietnamese machine `11.247` and
`15,5`. The values stay real numbers so the office can keep calculating.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

INTEGER = "#,##0"
DATE = "dd/mm/yyyy"
HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")


def decimal_format(places: int) -> str:
    return INTEGER if places <= 0 else INTEGER + "." + "0" * places


def percent_format(places: int = 2) -> str:
    return "0." + "0" * places + "%" if places > 0 else "0%"


@dataclass(frozen=True)
class Column:
    header: str
    # text | int | decimal | percent (value as a fraction, 0.9557) | date
    kind: str = "text"
    # decimals shown: 1 for "decimal", 2 for "percent" unless set
    places: int | None = None
    width: float | None = None


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    heading: str | None = None
    notes: list[str] = field(default_factory=list)


def _cell_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return value


def _number_format(column: Column, value: Any) -> str | None:
    if column.kind == "int":
        return INTEGER
    if column.kind == "decimal":
        if (
            isinstance(value, (int, Decimal))
            and Decimal(value) == Decimal(value).to_integral_value()
        ):
            return INTEGER
        return decimal_format(1 if column.places is None else column.places)
    if column.kind == "percent":
        return percent_format(2 if column.places is None else column.places)
    if column.kind == "date":
        return DATE
    return None


def _sheet_title(title: str) -> str:
    # Excel forbids these characters and more than 31 of them.
    for ch in "[]:*?/\\":
        title = title.replace(ch, "-")
    return title[:31] or "Trang"


def build_workbook(sheets: Sequence[Sheet]) -> bytes:
    """Vietnamese headers, frozen header row, columns at least as wide as their header."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        ws = workbook.create_sheet(_sheet_title(sheet.title))
        header_row = 1
        if sheet.heading:
            ws.cell(row=1, column=1, value=sheet.heading).font = Font(bold=True, size=13)
            header_row = 3
        widths = [max(len(col.header) + 2, col.width or 0) for col in sheet.columns]
        for index, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=header_row, column=index, value=column.header)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        row_number = header_row
        for row in sheet.rows:
            row_number += 1
            for index, (column, raw) in enumerate(zip(sheet.columns, row, strict=False), start=1):
                value = _cell_value(raw)
                cell = ws.cell(row=row_number, column=index, value=value)
                fmt = _number_format(column, raw)
                if fmt and value is not None:
                    cell.number_format = fmt
                if column.kind == "text" and isinstance(value, str):
                    widths[index - 1] = min(max(widths[index - 1], len(value) + 2), 60)
                    if len(value) > 60:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                elif value is not None:
                    widths[index - 1] = max(widths[index - 1], len(str(value)) + 4)
        for note in sheet.notes:
            row_number += 2
            ws.cell(row=row_number, column=1, value=note).font = Font(italic=True)
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    # Django's helper quotes non-ASCII names (RFC 6266), e.g. "Chỉ tiêu.xlsx".
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    return response
