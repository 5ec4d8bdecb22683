"""The Excel template of a unit's yearly figures: written for download, read back on upload.

The template has two sheets: "Số liệu" (one row per target the unit reports, with last
year's value for reference) and "Thông tin" (the unit's code and the year, so a file filled
for another unit or year is refused, and how to fill it in).

Reading is strict and complete: every wrong cell is reported by sheet, row and column, and
one wrong row means nothing is saved. Numbers may be real numeric cells (openpyxl gives int or
float) or text typed the Vietnamese way ("1.234,5"), parsed by core.numbers.parse_number.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from trienkhai.core.errors import DomainError
from trienkhai.core.numbers import NumberFormatError, parse_number
from trienkhai.core.text import clean_text, search_key
from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.monitoring.models import Observation
from trienkhai.monitoring.selectors import GridRow
from trienkhai.monitoring.services import Finding, ValueInput, check_value
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Target

# The template's sheet names, headers and status words are its format: a file is read back
# by them, so they are not translated.
DATA_SHEET = "Số liệu"
INFO_SHEET = "Thông tin"
HEADER_ID = "Mã chỉ tiêu"
HEADER_REF = "Số TT"
HEADER_STATUS = "Tình trạng"
HEADER_SOURCE = "Nguồn số liệu"
# Optional (older templates lack it): why a doubtful value is right.
HEADER_NOTE = "Ghi chú xác nhận"
STATUS_OFFICIAL = "chính thức"
STATUS_PROVISIONAL = "tạm tính"
# Words an office uses for a figure that is not final yet (compared without diacritics).
PROVISIONAL_WORDS = {"tam tinh", "uoc tinh", "uoc", "so bo", "uoc thuc hien", "du kien"}
OFFICIAL_WORDS = {"chinh thuc", ""}
MAX_ROWS = 2000
MAX_SOURCE = 500
# How many errors the message lists before "… và N lỗi khác".
SHOWN_ERRORS = 20


def value_header(year: int) -> str:
    return f"Giá trị năm {year}"


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int
    column: str  # the letter, e.g. "G"
    header: str
    message: str

    def __str__(self) -> str:
        where = _("Trang “%(sheet)s”, dòng %(row)s") % {"sheet": self.sheet, "row": self.row}
        if self.column:
            where += _(", cột %(column)s") % {"column": self.column}
            if self.header:
                where += f" ({self.header})"
        return f"{where}: {self.message}"


class WorkbookErrors(DomainError):
    """The file is refused; `errors` names every wrong cell, `name` the file when known."""

    def __init__(self, errors: Sequence[CellError], *, name: str = "") -> None:
        self.errors = list(errors)
        self.name = name
        lines = [str(e) for e in self.errors[:SHOWN_ERRORS]]
        if len(self.errors) > SHOWN_ERRORS:
            lines.append(_("… và %(n)s lỗi khác.") % {"n": len(self.errors) - SHOWN_ERRORS})
        head = (
            _("Tệp “%(name)s” có lỗi, chưa lưu số liệu nào. Sửa các ô sau rồi tải lên lại:")
            % {"name": name}
            if name
            else _("Tệp có lỗi, chưa lưu số liệu nào. Sửa các ô sau rồi tải lên lại:")
        )
        super().__init__(head + "\n" + "\n".join(lines), "workbook")


# --- writing ---------------------------------------------------------------------------


def _status_text(obs: Observation | None) -> str:
    if obs is None:
        return ""
    return STATUS_PROVISIONAL if obs.status == Observation.Status.PROVISIONAL else STATUS_OFFICIAL


def build_template(*, unit: OrgUnit, year: int, rows: Sequence[GridRow]) -> bytes:
    """The template of `unit` for `year`, prefilled with what is stored."""
    columns = [
        Column(HEADER_ID, "int", width=12),
        Column(HEADER_REF, width=8),
        Column(_("Chỉ tiêu"), width=48),
        Column(_("Mục tiêu"), width=24),
        Column(_("Đơn vị tính"), width=14),
        Column(_("Năm %(year)s") % {"year": year - 1}, "decimal", places=2, width=14),
        Column(value_header(year), "decimal", places=2, width=16),
        Column(HEADER_STATUS, width=14),
        Column(HEADER_SOURCE, width=30),
        Column(HEADER_NOTE, width=30),
    ]
    data = [
        [
            r.target.pk,
            r.target.ref,
            r.target.label,
            r.figure,
            r.target.measure_unit,
            r.previous.value if r.previous else None,
            r.current.value if r.current else None,
            _status_text(r.current),
            r.current.source if r.current else "",
            r.current.confirm_note if r.current else "",
        ]
        for r in rows
    ]
    info: list[list[Any]] = [
        ["Mã đơn vị", unit.code],
        ["Năm", year],
        [_("Đơn vị"), unit.name],
    ]
    content = build_workbook(
        [
            Sheet(
                DATA_SHEET,
                columns,
                data,
                heading=_("Số liệu chỉ tiêu năm %(year)s — %(unit)s")
                % {"year": year, "unit": unit.name},
            ),
            Sheet(
                INFO_SHEET,
                [Column(_("Mục"), width=14), Column(_("Giá trị"), width=40)],
                info,
                notes=[
                    _(
                        "Chỉ điền cột “%(value)s”, “%(status)s” và “%(source)s”; "
                        "không sửa cột “%(id)s”."
                    )
                    % {
                        "value": value_header(year),
                        "status": HEADER_STATUS,
                        "source": HEADER_SOURCE,
                        "id": HEADER_ID,
                    },
                    _(
                        "Số viết kiểu Việt Nam: 1.234,5 (dấu chấm phân cách hàng nghìn, dấu phẩy "
                        "thập phân), hoặc ô số của Excel."
                    ),
                    _(
                        "Tình trạng: “%(official)s” (để trống cũng là chính thức) hoặc "
                        "“%(provisional)s” (ước tính, sơ bộ). Số chính thức thay số tạm tính."
                    )
                    % {"official": STATUS_OFFICIAL, "provisional": STATUS_PROVISIONAL},
                    _(
                        "Dòng để trống giá trị thì giữ nguyên số liệu đã có. Một dòng sai thì cả "
                        "tệp chưa được lưu."
                    ),
                    _(
                        "Giá trị bất thường (ngoài khoảng thường gặp của chỉ tiêu, hoặc chênh "
                        "nhiều so với kỳ trước) cần ghi lý do ở cột “%(note)s”."
                    )
                    % {"note": HEADER_NOTE},
                ],
            ),
        ]
    )
    # Add a drop-down for the status column; build_workbook knows nothing of validations.
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook[DATA_SHEET]
    if rows:
        header_row = _header_row(sheet) or 3
        status_col = get_column_letter(8)
        check = DataValidation(
            type="list",
            formula1=f'"{STATUS_OFFICIAL},{STATUS_PROVISIONAL}"',
            allow_blank=True,
        )
        check.add(f"{status_col}{header_row + 1}:{status_col}{header_row + len(rows)}")
        sheet.add_data_validation(check)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading ---------------------------------------------------------------------------


def _header_row(sheet: Any) -> int | None:
    for row in sheet.iter_rows(min_row=1, max_row=10, max_col=1):
        cell = row[0]
        if isinstance(cell.value, str) and clean_text(cell.value) == HEADER_ID:
            return int(cell.row)
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value))


def _number(value: Any) -> Decimal:
    """A numeric cell (int or float) as it reads, or Vietnamese text parsed strictly."""
    if isinstance(value, bool):
        raise DomainError(_("không phải số (ô kiểu đúng/sai)"))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        try:
            # str() is the shortest repr, so a cell holding 1234.5 is exactly 1234.5.
            return Decimal(str(value))
        except InvalidOperation as exc:
            raise DomainError(_("không phải số")) from exc
    if isinstance(value, datetime | date):
        raise DomainError(_("là ngày tháng, không phải số (định dạng lại ô thành Số hoặc Văn bản)"))
    if isinstance(value, str):
        try:
            return parse_number(value)
        except NumberFormatError as exc:
            raise DomainError(exc.message) from exc
    raise DomainError(_("không phải số"))


def _status(value: Any) -> str:
    key = search_key(_text(value))
    if key in OFFICIAL_WORDS:
        return Observation.Status.OFFICIAL
    if key in PROVISIONAL_WORDS:
        return Observation.Status.PROVISIONAL
    raise DomainError(
        _("ghi “%(official)s” hoặc “%(provisional)s” (hoặc để trống)")
        % {"official": STATUS_OFFICIAL, "provisional": STATUS_PROVISIONAL}
    )


def _open(data: bytes) -> Any:
    try:
        return load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DomainError(
            _("Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng.")
        ) from exc


def _missing_sheet(sheet: str) -> CellError:
    return CellError(sheet, 1, "", "", _("thiếu trang này: hãy dùng mẫu tải từ hệ thống"))


def _check_info(workbook: Any, *, unit: OrgUnit, year: int) -> list[CellError]:
    if INFO_SHEET not in workbook.sheetnames:
        return [_missing_sheet(INFO_SHEET)]
    sheet = workbook[INFO_SHEET]
    found: dict[str, tuple[int, Any]] = {}
    for number, values in enumerate(
        sheet.iter_rows(min_row=1, max_row=20, max_col=2, values_only=True), start=1
    ):
        if len(values) >= 2:
            found.setdefault(_text(values[0]), (number, values[1]))
    errors = []
    row_no, code = found.get("Mã đơn vị", (1, None))
    if _text(code) != unit.code:
        errors.append(
            CellError(
                INFO_SHEET,
                row_no,
                "B",
                "Mã đơn vị",
                _("tệp dành cho đơn vị “%(file)s”, không phải “%(code)s” (%(name)s)")
                % {"file": _text(code), "code": unit.code, "name": unit.name},
            )
        )
    row_no, file_year = found.get("Năm", (2, None))
    if _text(file_year) != str(year):
        errors.append(
            CellError(
                INFO_SHEET,
                row_no,
                "B",
                "Năm",
                _("tệp dành cho năm “%(file)s”, không phải năm %(year)s")
                % {"file": _text(file_year), "year": year},
            )
        )
    return errors


def read_template(
    data: bytes, *, unit: OrgUnit, year: int, targets: Mapping[int, Target]
) -> list[ValueInput]:
    """The values a filled template gives, or WorkbookErrors naming every wrong cell.

    `targets` are the unit's targets by id. A row whose value cell is empty is skipped:
    the stored value stays as it is.
    """
    workbook = _open(data)
    try:
        errors = _check_info(workbook, unit=unit, year=year)
        if DATA_SHEET not in workbook.sheetnames:
            errors.append(_missing_sheet(DATA_SHEET))
            raise WorkbookErrors(errors)
        sheet = workbook[DATA_SHEET]
        rows = sheet.iter_rows(min_row=1, max_row=MAX_ROWS + 10, values_only=True)
        header_row, columns = _find_columns(rows, year=year)
        missing = [
            h
            for h in (HEADER_ID, value_header(year), HEADER_STATUS, HEADER_SOURCE)
            if h not in columns
        ]
        if header_row is None or missing:
            errors.append(
                CellError(
                    DATA_SHEET,
                    header_row or 1,
                    "",
                    "",
                    _("thiếu cột %(columns)s: hãy dùng mẫu tải từ hệ thống cho đúng năm")
                    % {"columns": ", ".join(f"“{h}”" for h in missing or [HEADER_ID])},
                )
            )
            raise WorkbookErrors(errors)
        items, row_errors = _read_rows(rows, header_row, columns, year=year, targets=targets)
        errors.extend(row_errors)
    finally:
        workbook.close()
    if errors:
        raise WorkbookErrors(errors)
    return items


def _find_columns(rows: Any, *, year: int) -> tuple[int | None, dict[str, int]]:
    for number, values in enumerate(rows, start=1):
        if values and isinstance(values[0], str) and clean_text(values[0]) == HEADER_ID:
            return number, {_text(v): i for i, v in enumerate(values) if _text(v)}
        if number >= 10:
            break
    return None, {}


def _read_rows(
    rows: Any,
    header_row: int,
    columns: dict[str, int],
    *,
    year: int,
    targets: Mapping[int, Target],
) -> tuple[list[ValueInput], list[CellError]]:
    def cell(values: tuple[Any, ...], header: str) -> Any:
        index = columns.get(header)
        return values[index] if index is not None and index < len(values) else None

    def error(row: int, header: str, message: str) -> CellError:
        return CellError(DATA_SHEET, row, get_column_letter(columns[header] + 1), header, message)

    items: list[ValueInput] = []
    errors: list[CellError] = []
    seen: dict[int, int] = {}
    value_col = value_header(year)
    for number, values in enumerate(rows, start=header_row + 1):
        if number > header_row + MAX_ROWS:
            message = _("quá %(n)s dòng") % {"n": MAX_ROWS}
            errors.append(CellError(DATA_SHEET, number, "", "", message))
            break
        raw_value = cell(values, value_col)
        if raw_value is None or (isinstance(raw_value, str) and not raw_value.strip()):
            continue  # nothing entered: the stored value stays
        raw_id = cell(values, HEADER_ID)
        target = None
        target_id: int | None = None
        try:
            number_id = _number(raw_id) if raw_id is not None else None
        except DomainError:
            number_id = None
        if number_id is not None and number_id == number_id.to_integral_value():
            target_id = int(number_id)
        if target_id is not None:
            target = targets.get(target_id)
        if target is None:
            errors.append(
                error(
                    number,
                    HEADER_ID,
                    _("mã “%(id)s” không phải chỉ tiêu của đơn vị này") % {"id": _text(raw_id)},
                )
            )
        elif target.kind == Target.Kind.QUALITATIVE:
            errors.append(error(number, HEADER_ID, _("chỉ tiêu định tính, không nhập số liệu")))
            target = None
        elif target.pk in seen:
            errors.append(
                error(
                    number,
                    HEADER_ID,
                    _("chỉ tiêu (%(ref)s) đã có ở dòng %(row)s")
                    % {"ref": target.ref, "row": seen[target.pk]},
                )
            )
            target = None
        else:
            seen[target.pk] = number
            ref = cell(values, HEADER_REF)
            if HEADER_REF in columns and ref is not None and _text(ref) != target.ref:
                errors.append(
                    error(
                        number,
                        HEADER_REF,
                        _("“%(ref)s” không khớp mã %(id)s (chỉ tiêu %(target)s)")
                        % {"ref": _text(ref), "id": target.pk, "target": target.ref},
                    )
                )
                target = None
        try:
            value: Decimal | None = _number(raw_value)
        except DomainError as exc:
            errors.append(error(number, value_col, exc.message))
            value = None
        try:
            status = _status(cell(values, HEADER_STATUS))
        except DomainError as exc:
            errors.append(error(number, HEADER_STATUS, exc.message))
            status = None
        source = _text(cell(values, HEADER_SOURCE))
        if len(source) > MAX_SOURCE:
            message = _("dài quá %(n)s ký tự") % {"n": MAX_SOURCE}
            errors.append(error(number, HEADER_SOURCE, message))
        note = _text(cell(values, HEADER_NOTE))
        if len(note) > MAX_SOURCE:
            message = _("dài quá %(n)s ký tự") % {"n": MAX_SOURCE}
            errors.append(error(number, HEADER_NOTE, message))
        if value is not None:
            problem = _value_problem(value)
            if problem:
                errors.append(error(number, value_col, problem))
                value = None
        if target is not None and value is not None and status is not None:
            letter = get_column_letter(columns[value_col] + 1)
            items.append(ValueInput(target, str(year), value, status, source, note, number, letter))
    return items, errors


def finding_errors(findings: Sequence[Finding]) -> list[CellError]:
    """The impossible values, and the doubtful ones whose row gives no note, as cell errors."""
    errors = []
    for finding in findings:
        item = finding.item
        where = (item.row or 0, item.column, value_header(int(item.period[:4])))
        if finding.impossible:
            errors.append(CellError(DATA_SHEET, *where, finding.impossible))
        elif not item.note:
            for doubt in finding.doubts:
                message = _("%(doubt)s Ghi lý do ở cột “%(note)s” rồi tải lên lại.") % {
                    "doubt": doubt,
                    "note": HEADER_NOTE,
                }
                errors.append(CellError(DATA_SHEET, *where, message))
    return errors


def _value_problem(value: Decimal) -> str:
    try:
        check_value(value)
    except DomainError as exc:
        return exc.message
    return ""
