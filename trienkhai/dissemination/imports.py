"""XLSX import of headcounts and study sessions: all rows are saved, or none.

One workbook, sheet "Sĩ số" and/or sheet "Buổi học". Each row goes through the same rules
as the phone form (the services' checks: negative counts, attendees above the headcount);
an error names the file, the sheet, the Excel row and the column. A headcount far from the
members already known is confirmed by the row's "Ghi chú", else the row is refused.
Rows are written inside one transaction, so the sessions of the file are checked
against the headcounts of the same file, and one wrong row rolls everything back.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from auditlog.context import disable_auditlog
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, has_cap, scope_for
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import DateFormatError, parse_date
from trienkhai.core.errors import DomainError
from trienkhai.core.files import inspect_upload
from trienkhai.core.imports import ImportErrors, RowError, cell_text, read_rows
from trienkhai.core.numbers import NumberFormatError, parse_number
from trienkhai.core.plausibility import NeedsConfirmation
from trienkhai.core.text import search_key
from trienkhai.dissemination.models import GROUP_NOUNS, StudySession, groups_owned_by
from trienkhai.dissemination.services import (
    SessionData,
    SessionInvalid,
    _headcount_save,
    _session_save,
    unit_groups,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import CoverageThreshold, Plan

# Sheet and column names are read back from the file people fill in, so they are the file
# format, not text to translate: left unmarked on purpose.
SHEET_HEADCOUNTS = "Sĩ số"
SHEET_SESSIONS = "Buổi học"
HEADCOUNT_COLUMNS = ("Mã đơn vị", "Tên đơn vị", "Nhóm", "Tính từ ngày", "Sĩ số", "Ghi chú")
SESSION_COLUMNS = (
    "Mã đơn vị",
    "Tên đơn vị",
    "Nhóm",
    "Ngày",
    "Loại buổi",
    "Hình thức",
    "Số người dự",
    "Bài thu hoạch",
    "Địa điểm",
)
OPTIONAL = {"Tên đơn vị", "Nhóm", "Ghi chú", "Bài thu hoạch", "Địa điểm"}
MAX_ROWS = 5000
# Which column to blame for a service error on a field.
SESSION_FIELD_COLUMNS = {
    None: "Mã đơn vị",
    "date": "Ngày",
    "kind": "Loại buổi",
    "format": "Hình thức",
    "essays": "Bài thu hoạch",
}
HEADCOUNT_FIELD_COLUMNS = {None: "Mã đơn vị", "group": "Nhóm", "count": "Sĩ số"}

KIND_WORDS = {
    "chinh": StudySession.Kind.MAIN,
    "buoi chinh": StudySession.Kind.MAIN,
    "quan triet chinh": StudySession.Kind.MAIN,
    "buoi quan triet chinh": StudySession.Kind.MAIN,
    "hoc bu": StudySession.Kind.MAKE_UP,
    "bu": StudySession.Kind.MAKE_UP,
    "khac": StudySession.Kind.OTHER,
    "buoi khac": StudySession.Kind.OTHER,
}
FORM_WORDS = {
    "hoi nghi": StudySession.Form.CONFERENCE,
    "sinh hoat chi bo thuong ky": StudySession.Form.CELL_MEETING,
    "sinh hoat chi bo": StudySession.Form.CELL_MEETING,
    "chuyen de": StudySession.Form.THEMATIC,
    "sinh hoat chuyen de": StudySession.Form.THEMATIC,
    "truc tuyen": StudySession.Form.ONLINE,
}


class WorkbookErrors(ImportErrors):
    """The rows of one file that are wrong, with the file's name in the message."""

    def __init__(self, errors: list[RowError], name: str) -> None:
        super().__init__(errors)
        self.message = _(
            "Tệp “%(name)s” có %(n)d lỗi nên chưa lưu gì. Xin sửa các ô dưới đây rồi nhập lại."
        ) % {"name": name, "n": len(errors)}
        self.args = (self.message,)


@dataclass(frozen=True)
class ImportResult:
    headcounts: int
    sessions: int


class _Row:
    def __init__(self, errors: list[RowError], sheet: str, number: int, raw: dict[str, Any]):
        self.errors, self.sheet, self.number, self.raw = errors, sheet, number, raw
        self.ok = True

    def fail(self, column: str, message: str) -> None:
        self.ok = False
        self.errors.append(RowError(self.sheet, self.number, column, message))

    def text(self, column: str) -> str:
        return cell_text(self.raw.get(column))

    def required(self, column: str) -> str:
        text = self.text(column)
        if not text:
            self.fail(column, _("không được để trống."))
        return text

    def day(self, column: str) -> date | None:
        value = self.raw.get(column)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = self.required(column)
        if not text:
            return None
        try:
            return parse_date(text)
        except DateFormatError as exc:
            self.fail(column, str(exc))
            return None

    def count(self, column: str, *, required: bool = True) -> int | None:
        value = self.raw.get(column)
        if value is None or cell_text(value) == "":
            if required:
                self.fail(column, _("không được để trống."))
            return None
        if isinstance(value, bool):
            self.fail(column, _("cần một số."))
            return None
        if isinstance(value, int | float):
            number: Any = value
        else:
            try:
                number = parse_number(cell_text(value))
            except NumberFormatError as exc:
                self.fail(column, str(exc))
                return None
        if number < 0:
            self.fail(column, _("không được là số âm."))
            return None
        if number != int(number):
            self.fail(column, _("cần số nguyên (số người)."))
            return None
        return int(number)


def _read_sheet(
    ws: Worksheet, sheet: str, columns: tuple[str, ...], errors: list[RowError]
) -> list[tuple[int, dict[str, Any]]]:
    return read_rows(ws, sheet, columns, optional=OPTIONAL, errors=errors, max_rows=MAX_ROWS)


class _Importer:
    def __init__(self, actor: User, plan: Plan) -> None:
        self.actor, self.plan = actor, plan
        self.errors: list[RowError] = []
        # Units the actor reads with their subtree, within the plan's: others look missing.
        self._readable = OrgUnit.objects.in_subtree(plan.org_unit).in_subtrees(
            *scope_for(actor).subtree_paths
        )
        self.units: dict[str, OrgUnit] = {}

    def load_units(self, codes: set[str]) -> None:
        from django.db.models.functions import Lower

        lowered = {c.lower() for c in codes if c}
        found = self._readable.annotate(lc=Lower("code")).filter(lc__in=lowered)
        self.units = {u.code.lower(): u for u in found}

    def unit(self, row: _Row) -> OrgUnit | None:
        code = row.required("Mã đơn vị")
        if not code:
            return None
        unit = self.units.get(code.lower())
        if unit is None:
            # The same words for a missing unit and one outside the actor's scope (a 404).
            row.fail(
                "Mã đơn vị",
                _("không có đơn vị mã “%(code)s” trong phạm vi kế hoạch mà đồng chí quản lý.")
                % {"code": code},
            )
            return None
        if not has_cap(self.actor, Cap.DATA_ENTER, unit):
            row.fail(
                "Mã đơn vị",
                _("đồng chí không có quyền ghi số liệu cho %(unit)s.") % {"unit": unit.name},
            )
            return None
        return unit

    def group(self, row: _Row, unit: OrgUnit, allowed: list[str]) -> str | None:
        raw = row.text("Nhóm")
        if not raw:
            if len(allowed) == 1:
                return allowed[0]
            row.fail("Nhóm", _("cần ghi nhóm đối tượng của %(unit)s.") % {"unit": unit.name})
            return None
        key = search_key(raw)
        for value, label in CoverageThreshold.Group.choices:
            names = {
                search_key(value),
                search_key(str(label)),
                search_key(GROUP_NOUNS.get(value, "")),
            }
            if key in names or (value == "union_members" and key in ("doan vien", "hoi vien")):
                if value not in allowed:
                    row.fail(
                        "Nhóm",
                        _("%(unit)s không quản lý sĩ số %(noun)s.")
                        % {"unit": unit.name, "noun": GROUP_NOUNS.get(value, raw)},
                    )
                    return None
                return str(value)
        row.fail(
            "Nhóm",
            _("không rõ nhóm “%(raw)s” (cán bộ chủ chốt, đảng viên, đoàn viên, hội viên).")
            % {"raw": raw},
        )
        return None

    def headcount(self, number: int, raw: dict[str, Any]) -> bool:
        row = _Row(self.errors, SHEET_HEADCOUNTS, number, raw)
        unit = self.unit(row)
        as_of = row.day("Tính từ ngày")
        count = row.count("Sĩ số")
        if unit is None:
            return False
        group = self.group(row, unit, list(groups_owned_by(unit.kind)))
        if not row.ok or group is None or as_of is None or count is None:
            return False
        note = row.text("Ghi chú")
        try:
            with transaction.atomic():
                # The row's note is what confirms a count far from the members known.
                _headcount_save(
                    actor=self.actor,
                    unit=unit,
                    group=group,
                    as_of=as_of,
                    count=count,
                    note=note,
                    confirm_note=note,
                )
        except NeedsConfirmation as exc:
            for doubt in exc.doubts:
                row.fail(
                    "Sĩ số",
                    _("%(doubt)s Nếu đúng, ghi lý do ở cột “Ghi chú” để xác nhận.")
                    % {"doubt": doubt.message},
                )
            return False
        except SessionInvalid as exc:
            self._blame(row, exc, HEADCOUNT_FIELD_COLUMNS, "Sĩ số")
            return False
        return True

    def session(self, number: int, raw: dict[str, Any]) -> bool:
        row = _Row(self.errors, SHEET_SESSIONS, number, raw)
        unit = self.unit(row)
        day = row.day("Ngày")
        kind = KIND_WORDS.get(search_key(row.required("Loại buổi")))
        if kind is None and row.text("Loại buổi"):
            row.fail("Loại buổi", _("ghi “chính”, “học bù” hoặc “khác”."))
        form = FORM_WORDS.get(search_key(row.required("Hình thức")))
        if form is None and row.text("Hình thức"):
            row.fail(
                "Hình thức",
                _("ghi “hội nghị”, “sinh hoạt chi bộ thường kỳ”, “chuyên đề” hoặc “trực tuyến”."),
            )
        attendees = row.count("Số người dự")
        essays = row.count("Bài thu hoạch", required=False) or 0
        if unit is None:
            return False
        group = self.group(row, unit, unit_groups(plan=self.plan, unit=unit))
        if not row.ok or None in (group, day, kind, form, attendees):
            return False
        assert group is not None and day is not None and attendees is not None
        data = SessionData(
            date=day,
            kind=str(kind),
            form=str(form),
            attendees={group: attendees},
            essays=essays,
            place=row.text("Địa điểm"),
        )
        try:
            with transaction.atomic():
                _session_save(actor=self.actor, plan=self.plan, unit=unit, data=data)
        except SessionInvalid as exc:
            self._blame(row, exc, SESSION_FIELD_COLUMNS, "Số người dự")
            return False
        return True

    @staticmethod
    def _blame(row: _Row, exc: SessionInvalid, columns: dict[Any, str], counts: str) -> None:
        for name, messages in exc.errors.items():
            column = columns.get(name, counts if name and name.startswith("attendees") else "")
            for message in messages:
                row.fail(column or columns[None], message)


def import_workbook(*, actor: User, plan: Plan, data: bytes, name: str) -> ImportResult:
    info = inspect_upload(data, name=name, allowed=("xlsx",))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise DomainError(
            _("Không đọc được tệp “%(name)s” như một bảng Excel.") % {"name": info.safe_name}
        ) from exc
    sheets = {search_key(title): title for title in workbook.sheetnames}
    importer = _Importer(actor, plan)
    headcount_rows: list[tuple[int, dict[str, Any]]] = []
    session_rows: list[tuple[int, dict[str, Any]]] = []
    if search_key(SHEET_HEADCOUNTS) in sheets:
        ws = workbook[sheets[search_key(SHEET_HEADCOUNTS)]]
        headcount_rows = _read_sheet(ws, SHEET_HEADCOUNTS, HEADCOUNT_COLUMNS, importer.errors)
    if search_key(SHEET_SESSIONS) in sheets:
        ws = workbook[sheets[search_key(SHEET_SESSIONS)]]
        session_rows = _read_sheet(ws, SHEET_SESSIONS, SESSION_COLUMNS, importer.errors)
    workbook.close()
    if not headcount_rows and not session_rows and not importer.errors:
        raise DomainError(
            _("Tệp không có dòng số liệu nào ở trang “%(headcounts)s” hay “%(sessions)s”.")
            % {"headcounts": SHEET_HEADCOUNTS, "sessions": SHEET_SESSIONS}
        )
    if importer.errors:
        raise WorkbookErrors(importer.errors, info.safe_name)
    importer.load_units({cell_text(r.get("Mã đơn vị")) for _n, r in headcount_rows + session_rows})
    with transaction.atomic(), disable_auditlog():
        headcounts = sum(importer.headcount(n, r) for n, r in headcount_rows)
        sessions = sum(importer.session(n, r) for n, r in session_rows)
        if importer.errors:
            raise WorkbookErrors(importer.errors, info.safe_name)
    audit_action(
        actor=actor,
        action="dissemination.import",
        obj=plan,
        summary=_("Nhập từ Excel “%(name)s”: %(headcounts)d dòng sĩ số, %(sessions)d buổi học tập")
        % {"name": info.safe_name, "headcounts": headcounts, "sessions": sessions},
        unit=plan.org_unit,
        data={"file": info.safe_name, "sha256": hashlib.sha256(data).hexdigest()},
    )
    return ImportResult(headcounts=headcounts, sessions=sessions)
