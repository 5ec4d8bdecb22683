"""XLSX import of units and users: every row is checked first, then all is saved or nothing.

One workbook, sheet "Đơn vị" (units, parents before children) and sheet "Người dùng"
(users, each with one role on one unit). Errors name the sheet, the Excel row and the
column, in the office's words, so the file can be fixed and sent again.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from auditlog.context import disable_auditlog
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from trienkhai.accounts.models import Role, User
from trienkhai.accounts.permissions import Cap, cap_paths, has_cap
from trienkhai.accounts.services import (
    phone_normalize,
    role_parse,
    roles_grantable,
    user_insert,
    username_normalize,
)
from trienkhai.core.audit import audit_action
from trienkhai.core.errors import DomainError
from trienkhai.core.files import UploadRejected, inspect_upload
from trienkhai.core.imports import ImportErrors, RowError, cell_text, find_sheet, read_rows
from trienkhai.core.text import same_text, search_key
from trienkhai.core.xlsx import Column, Sheet, build_workbook
from trienkhai.orgs.models import STEPLEN, OrgUnit

SHEET_UNITS = "Đơn vị"
SHEET_USERS = "Người dùng"
SHEET_HELP = "Hướng dẫn"
UNIT_COLUMNS = ("Mã đơn vị", "Tên đơn vị", "Tên ngắn", "Loại", "Mã đơn vị cấp trên")
USER_COLUMNS = ("Tên đăng nhập", "Họ và tên", "Số điện thoại", "Mã đơn vị", "Vai trò", "Chức vụ")
OPTIONAL = {"Tên ngắn", "Số điện thoại", "Chức vụ"}
MAX_ROWS = 5000
CODE_RE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
LENGTHS = {"Tên đơn vị": 200, "Tên ngắn": 80, "Họ và tên": 150, "Chức vụ": 120}


@dataclass(frozen=True)
class ImportedUser:
    user: User
    code: str
    unit: OrgUnit
    role: str

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


@dataclass
class ImportResult:
    units: list[OrgUnit] = field(default_factory=list)
    users: list[ImportedUser] = field(default_factory=list)
    unchanged_units: list[str] = field(default_factory=list)


@dataclass
class _Rows:
    sheet: str
    rows: list[tuple[int, dict[str, str]]]


def _read_sheet(
    ws: Worksheet | None, sheet: str, columns: tuple[str, ...], errors: list[RowError]
) -> _Rows:
    """The data rows as {column: text}, keyed by their Excel row number."""
    if ws is None:
        return _Rows(sheet, [])
    rows = read_rows(ws, sheet, columns, optional=OPTIONAL, errors=errors, max_rows=MAX_ROWS)
    return _Rows(sheet, [(n, {k: cell_text(v) for k, v in cells.items()}) for n, cells in rows])


def _kind_parse(raw: str) -> str | None:
    key = search_key(raw)
    for value, label in OrgUnit.Kind.choices:
        if key in (search_key(value), search_key(str(label))):
            return str(value)
    return None


class _Row:
    """One data row being checked: `fail` records an error and marks the row wrong."""

    def __init__(self, errors: list[RowError], sheet: str, number: int, cells: dict[str, str]):
        self.errors, self.sheet, self.number, self.cells = errors, sheet, number, cells
        self.ok = True
        for column, value in cells.items():
            if column not in OPTIONAL and not value:
                self.fail(column, _("không được để trống."))
            elif len(value) > LENGTHS.get(column, 10_000):
                self.fail(column, _("dài quá %(n)d ký tự.") % {"n": LENGTHS[column]})

    def fail(self, column: str, message: str) -> None:
        self.ok = False
        self.errors.append(RowError(self.sheet, self.number, column, message))


class _Checker:
    """Collects row errors and what the valid rows will create."""

    def __init__(self, actor: User) -> None:
        self.actor = actor
        self.errors: list[RowError] = []
        self.today = timezone.localdate()
        # Code (lower case) → the existing unit whose subtree it will be in; None for a
        # code from a wrong row, so rows using it are not reported a second time.
        self.declared: dict[str, OrgUnit | None] = {}
        self.existing: dict[str, OrgUnit] = {}
        self.new_units: list[tuple[str, dict[str, str]]] = []  # (parent code, kwargs)
        self.new_users: list[tuple[str, dict[str, str]]] = []  # (unit code, kwargs)
        self.unchanged: list[str] = []

    def load_existing(self, codes: set[str]) -> None:
        units = OrgUnit.objects.annotate(lc=Lower("code")).filter(lc__in=codes)
        self.existing = {unit.code.lower(): unit for unit in units}

    def not_found(self, code: str) -> str:
        # The same words for a missing unit and one outside the actor's scope (a 404).
        message = _("không có đơn vị mã “%(code)s” trong phạm vi quản lý của đồng chí.")
        return message % {"code": code}

    def unit_anchor(self, code: str) -> tuple[bool, OrgUnit | None]:
        """(known, the existing unit to check rights on) for a unit referred to by code."""
        lc = code.lower()
        if lc in self.declared:
            return True, self.declared[lc]
        unit = self.existing.get(lc)
        if (
            unit is not None
            and has_cap(self.actor, Cap.ACCOUNTS_MANAGE, unit)
            and unit.is_valid_on(self.today)
        ):
            return True, unit
        return False, None

    def identical(self, existing: OrgUnit, cells: dict[str, str], kind: str | None) -> bool:
        parent = self.existing.get(cells["Mã đơn vị cấp trên"].lower())
        return (
            parent is not None
            and existing.path[:-STEPLEN] == parent.path
            and same_text(existing.name, cells["Tên đơn vị"])
            and existing.kind == kind
            and (not cells["Tên ngắn"] or same_text(existing.short_name, cells["Tên ngắn"]))
        )

    def check_units(self, rows: _Rows) -> None:
        order = {cells["Mã đơn vị"].lower(): n for n, cells in rows.rows}
        for number, cells in rows.rows:
            row = _Row(self.errors, rows.sheet, number, cells)
            code, parent_code = cells["Mã đơn vị"], cells["Mã đơn vị cấp trên"]
            lc = code.lower()
            kind = _kind_parse(cells["Loại"]) if cells["Loại"] else None
            if cells["Loại"] and kind is None:
                message = _("“%(v)s” không phải loại đơn vị hợp lệ (xem trang “%(help)s”).")
                row.fail("Loại", message % {"v": cells["Loại"], "help": SHEET_HELP})
            if code and not CODE_RE.match(code):
                message = _("“%(v)s” chỉ được gồm chữ không dấu, chữ số, - và _ (tối đa 40 ký tự).")
                row.fail("Mã đơn vị", message % {"v": code})
            elif code and lc in self.declared:
                row.fail("Mã đơn vị", _("mã “%(v)s” bị trùng với dòng trên.") % {"v": code})
            anchor: OrgUnit | None = None
            if parent_code:
                known, anchor = self.unit_anchor(parent_code)
                if not known and order.get(parent_code.lower(), 0) > number:
                    message = _("đơn vị cấp trên “%(v)s” phải ở dòng phía trên.")
                    row.fail("Mã đơn vị cấp trên", message % {"v": parent_code})
                elif not known or (
                    anchor is not None and not has_cap(self.actor, Cap.ORGS_MANAGE, anchor)
                ):
                    row.fail("Mã đơn vị cấp trên", self.not_found(parent_code))
            existing = self.existing.get(lc)
            if row.ok and existing is not None:
                if self.identical(existing, cells, kind):
                    self.unchanged.append(existing.code)
                    self.declared[lc] = existing
                    continue
                row.fail("Mã đơn vị", _("mã “%(v)s” đã có.") % {"v": code})
            if code:
                self.declared.setdefault(lc, anchor if row.ok else None)
            if row.ok:
                kwargs = {"code": code, "name": cells["Tên đơn vị"], "kind": str(kind)}
                kwargs["short_name"] = cells["Tên ngắn"]
                self.new_units.append((parent_code.lower(), kwargs))

    def check_username(self, row: _Row, taken: set[str], seen: dict[str, int]) -> str:
        try:
            username = username_normalize(row.cells["Tên đăng nhập"])
        except DomainError as exc:
            row.fail("Tên đăng nhập", exc.message)
            return ""
        if username in taken:
            row.fail("Tên đăng nhập", _("“%(v)s” đã có người dùng.") % {"v": username})
        elif username in seen:
            message = _("“%(v)s” trùng với dòng %(n)d.")
            row.fail("Tên đăng nhập", message % {"v": username, "n": seen[username]})
        seen.setdefault(username, row.number)
        return username

    def check_users(self, rows: _Rows) -> None:
        candidates = {cells["Tên đăng nhập"].lower() for _n, cells in rows.rows}
        lowered = User.objects.annotate(lc=Lower("username")).filter(lc__in=candidates)
        taken = set(lowered.values_list("lc", flat=True))
        seen: dict[str, int] = {}
        allowed = ", ".join(str(Role(r).label) for r in roles_grantable(self.actor))
        for number, cells in rows.rows:
            row = _Row(self.errors, rows.sheet, number, cells)
            username = self.check_username(row, taken, seen) if cells["Tên đăng nhập"] else ""
            phone = cells["Số điện thoại"]
            # Excel drops the leading zero of a phone number typed as a number.
            if re.fullmatch(r"[1-9][0-9]{8}", phone):
                phone = "0" + phone
            try:
                phone = phone_normalize(phone)
            except DomainError as exc:
                row.fail("Số điện thoại", exc.message)
            anchor: OrgUnit | None = None
            if unit_code := cells["Mã đơn vị"]:
                known, anchor = self.unit_anchor(unit_code)
                if not known:
                    row.fail("Mã đơn vị", self.not_found(unit_code))
                elif anchor is None:
                    row.ok = False  # the unit's own row is wrong and already reported
            role = role_parse(cells["Vai trò"]) if cells["Vai trò"] else None
            if cells["Vai trò"] and role is None:
                message = _("“%(v)s” không phải vai trò hợp lệ (%(allowed)s).")
                row.fail("Vai trò", message % {"v": cells["Vai trò"], "allowed": allowed})
            elif (
                role == Role.ADMIN
                and anchor
                and not has_cap(self.actor, Cap.ACCOUNTS_MANAGE_ADMINS, anchor)
            ):
                message = _("đồng chí không được cấp vai trò “%(v)s” (chỉ %(allowed)s).")
                row.fail("Vai trò", message % {"v": cells["Vai trò"], "allowed": allowed})
            if row.ok:
                kwargs = {"username": username, "full_name": cells["Họ và tên"], "phone": phone}
                kwargs.update(role=str(role), title=cells["Chức vụ"])
                self.new_users.append((unit_code.lower(), kwargs))


def _open_workbook(data: bytes, name: str) -> Workbook:
    try:
        return load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except Exception as exc:
        raise UploadRejected(_("Không đọc được tệp Excel “%(name)s”.") % {"name": name}) from exc


def _actor_unit(actor: User, path: str) -> OrgUnit:
    """The actor's own unit holding the imported rows: the summary entry is filed there."""
    grant = next(g for g in cap_paths(actor, Cap.ACCOUNTS_MANAGE) if path.startswith(g))
    return OrgUnit.objects.get(path=grant)


def import_units_and_users(*, actor: User, data: bytes, name: str) -> ImportResult:
    if not cap_paths(actor, Cap.ACCOUNTS_MANAGE):
        raise PermissionDenied
    info = inspect_upload(data, name=name, allowed=("xlsx",))
    workbook = _open_workbook(data, info.safe_name)
    units_ws, users_ws = find_sheet(workbook, SHEET_UNITS), find_sheet(workbook, SHEET_USERS)
    if units_ws is None and users_ws is None:
        raise DomainError(
            _("Tệp “%(name)s” không có trang “%(units)s” hay “%(users)s”.")
            % {"name": info.safe_name, "units": SHEET_UNITS, "users": SHEET_USERS}
        )
    checker = _Checker(actor)
    unit_rows = _read_sheet(units_ws, SHEET_UNITS, UNIT_COLUMNS, checker.errors)
    user_rows = _read_sheet(users_ws, SHEET_USERS, USER_COLUMNS, checker.errors)
    codes = {c["Mã đơn vị"].lower() for _n, c in unit_rows.rows + user_rows.rows}
    codes |= {c["Mã đơn vị cấp trên"].lower() for _n, c in unit_rows.rows}
    checker.load_existing(codes - {""})
    checker.check_units(unit_rows)
    checker.check_users(user_rows)
    if checker.errors:
        layout = {SHEET_UNITS: UNIT_COLUMNS, SHEET_USERS: USER_COLUMNS}
        checker.errors.sort(
            key=lambda e: (e.sheet != SHEET_UNITS, e.row, layout[e.sheet].index(e.column))
        )
        raise ImportErrors(checker.errors)
    if not checker.new_units and not checker.new_users:
        raise DomainError(_("Tệp không có đơn vị hay người dùng mới nào để nhập."))
    return _save(
        actor=actor,
        checker=checker,
        name=info.safe_name,
        sha256=info.sha256,
        rows=len(unit_rows.rows) + len(user_rows.rows),
    )


@transaction.atomic
def _save(*, actor: User, checker: _Checker, name: str, sha256: str, rows: int) -> ImportResult:
    result = ImportResult(unchanged_units=checker.unchanged)
    units: dict[str, OrgUnit] = dict(checker.existing)
    # One summary entry instead of one per unit, user and membership.
    with disable_auditlog():
        for parent_code, kwargs in checker.new_units:
            unit = OrgUnit.objects.add_child(units[parent_code], create_kwargs=kwargs)
            units[unit.code.lower()] = unit
            result.units.append(unit)
        for unit_code, kwargs in checker.new_users:
            unit = units[unit_code]
            user, code = user_insert(unit=unit, **kwargs)
            result.users.append(ImportedUser(user=user, code=code, unit=unit, role=kwargs["role"]))
    first = result.units[0] if result.units else result.users[0].unit
    home = _actor_unit(actor, first.path)
    audit_action(
        actor=actor,
        action="accounts.import",
        obj=home,
        summary=_("Nhập %(u)d đơn vị, %(n)d người dùng từ tệp “%(file)s”.")
        % {"u": len(result.units), "n": len(result.users), "file": name},
        data={
            "file": name,
            "sha256": sha256,
            "rows": rows,
            "units": [u.code for u in result.units],
            "users": [i.user.username for i in result.users],
        },
    )
    return result


def import_template() -> bytes:
    """The workbook to fill in: both sheets with one example row, and the valid values."""
    units = Sheet(
        SHEET_UNITS,
        [Column(c) for c in UNIT_COLUMNS],
        [("tk-cb-moi", "Chi bộ thôn Mới", "CB thôn Mới", "Chi bộ", "tan-ky")],
    )
    users = Sheet(
        SHEET_USERS,
        [Column(c) for c in USER_COLUMNS],
        [("nguyenvana", "Nguyễn Văn A", "0912345678", "tk-cb-moi", "Báo cáo viên", "Bí thư")],
    )
    help_rows = [("Loại", str(label), value) for value, label in OrgUnit.Kind.choices]
    help_rows += [("Vai trò", str(label), value) for value, label in Role.choices]
    help_sheet = Sheet(
        SHEET_HELP,
        [Column("Cột"), Column("Giá trị hợp lệ"), Column("Hoặc mã")],
        help_rows,
        notes=[
            _("Đơn vị cấp trên phải đã có, hoặc nằm ở dòng phía trên trong trang “Đơn vị”."),
            _("Tên đăng nhập: chữ thường không dấu, chữ số và các dấu . _ -"),
            _("Vai trò “Quản trị” chỉ quản trị viên được cấp."),
            _("Nếu có dòng sai, hệ thống không lưu gì và chỉ ra từng ô cần sửa."),
        ],
    )
    return build_workbook([units, users, help_sheet])
