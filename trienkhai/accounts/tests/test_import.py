"""XLSX import of units and users: all rows checked first, all saved or nothing."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from trienkhai.accounts.imports import (
    SHEET_HELP,
    SHEET_UNITS,
    SHEET_USERS,
    UNIT_COLUMNS,
    USER_COLUMNS,
    ImportErrors,
    import_template,
    import_units_and_users,
)
from trienkhai.accounts.models import Membership, Role, User
from trienkhai.conftest import World
from trienkhai.core.files import UploadRejected
from trienkhai.orgs.models import STEPLEN, OrgUnit

URL = "/tai-khoan/nhap-excel/"

UNITS = [
    ("tk-cb-c", "Chi bộ thôn C", "CB thôn C", "Chi bộ", "tk"),
    ("tk-dbbp", "Đảng bộ bộ phận Khu Đông", "", "Dang bo bo phan", "TK"),
    ("tk-dbbp-cb1", "Chi bộ Khu Đông 1", "", "party_cell", "tk-dbbp"),
]
USERS = [
    ("chiboc", "Lê Văn Cường", 912345678, "tk-cb-c", "Báo cáo viên", "Bí thư"),
    ("khudong", "Phạm Thị Dung", "0987 654 321", "tk-dbbp", "bao cao vien", ""),
    ("khudong1", "Hoàng Văn Em", "", "tk-dbbp-cb1", "reporter", "Bí thư"),
    ("vanphong2", "Đỗ Thị Gấm", "", "tk", "Văn phòng", "Chuyên viên"),
    ("xem2", "Vũ Văn Hải", "", "tk-cb-a", "Chỉ xem", ""),
]


def workbook(
    units: Sequence[Sequence[Any]] = UNITS, users: Sequence[Sequence[Any]] = USERS
) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_UNITS
    ws.append(UNIT_COLUMNS)
    for row in units:
        ws.append(list(row))
    ws = wb.create_sheet(SHEET_USERS)
    ws.append(USER_COLUMNS)
    for row in users:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def counts() -> tuple[int, int, int, int]:
    return (
        OrgUnit.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        LogEntry.objects.count(),
    )


def post(client: Client, data: bytes, name: str = "don-vi.xlsx") -> Any:
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def test_valid_file_creates_units_in_order_and_users(client: Client, world: World) -> None:
    client.force_login(world.office)
    logs_before = LogEntry.objects.count()
    response = post(client, workbook())
    assert response.status_code == 200, response.content.decode()
    assert "no-store" in response["Cache-Control"]
    result = response.context["result"]
    assert [u.code for u in result.units] == ["tk-cb-c", "tk-dbbp", "tk-dbbp-cb1"]

    cell_c = OrgUnit.objects.get(code="tk-cb-c")
    dbbp = OrgUnit.objects.get(code="tk-dbbp")
    sub_cell = OrgUnit.objects.get(code="tk-dbbp-cb1")
    assert cell_c.path[:-STEPLEN] == world.commune.path == dbbp.path[:-STEPLEN]
    assert sub_cell.path[:-STEPLEN] == dbbp.path
    assert (cell_c.kind, cell_c.short_name) == (OrgUnit.Kind.PARTY_CELL, "CB thôn C")
    assert dbbp.kind == OrgUnit.Kind.PARTY_SUBCOMMITTEE
    assert cell_c.path < dbbp.path  # created in the sheet's order

    html = response.content.decode()
    expected = {
        "chiboc": (cell_c, Role.REPORTER, "0912345678"),
        "khudong": (dbbp, Role.REPORTER, "0987 654 321"),
        "khudong1": (sub_cell, Role.REPORTER, ""),
        "vanphong2": (world.commune, Role.OFFICE, ""),
        "xem2": (world.cell_a, Role.VIEWER, ""),
    }
    for item in result.users:
        unit, role, phone = expected[item.user.username]
        membership = item.user.memberships.get()
        assert (membership.org_unit, membership.role) == (unit, role)
        assert item.user.phone == phone and item.user.must_change_password
        assert item.user.check_password(item.code)
        assert item.code in html

    # One summary entry, filed under the office's own unit.
    entries = list(LogEntry.objects.order_by("pk")[logs_before:])
    assert len(entries) == 1
    entry = entries[0]
    assert entry.additional_data["action"] == "accounts.import"
    assert entry.additional_data["org_unit_path"] == world.commune.path
    assert entry.additional_data["rows"] == 8 and len(entry.additional_data["sha256"]) == 64
    assert entry.actor == world.office
    assert "Nhập 3 đơn vị, 5 người dùng" in entry.changes_text

    # An imported user logs in with the code and must change it first.
    chiboc = next(i for i in result.users if i.user.username == "chiboc")
    new_client = Client()
    response = new_client.post(
        "/tai-khoan/dang-nhap/", {"username": "chiboc", "password": chiboc.code}
    )
    assert response.status_code == 302
    assert new_client.get("/")["Location"] == "/tai-khoan/doi-mat-khau/"


BAD_ROW_7 = [
    (
        "users",
        ("truongthon", "Trưởng Thôn", "", "tk-cb-a", "Trưởng thôn", ""),
        "Trang “Người dùng”, dòng 7, cột “Vai trò”: “Trưởng thôn” không phải vai trò hợp lệ "
        "(Lãnh đạo, Văn phòng, Báo cáo viên, Chỉ xem).",
    ),
    (
        "users",
        ("chiboc", "Trùng Tên", "", "tk-cb-a", "Chỉ xem", ""),
        "Trang “Người dùng”, dòng 7, cột “Tên đăng nhập”: “chiboc” trùng với dòng 2.",
    ),
    (
        "users",
        ("Bao_Cao_A", "Trùng Tên", "", "tk-cb-a", "Chỉ xem", ""),
        "Trang “Người dùng”, dòng 7, cột “Tên đăng nhập”: “bao_cao_a” đã có người dùng.",
    ),
    (
        "users",
        ("moi", "Người Mới", "", "khong-co", "Chỉ xem", ""),
        "Trang “Người dùng”, dòng 7, cột “Mã đơn vị”: không có đơn vị mã “khong-co”",
    ),
    (
        "units",
        ("tk-cb-x", "Chi bộ X", "", "Chi bộ", "khong-co"),
        "Trang “Đơn vị”, dòng 7, cột “Mã đơn vị cấp trên”: không có đơn vị mã “khong-co”",
    ),
    (
        "units",
        ("tk-cb-y", "Chi bộ Y", "", "Tổ dân phố", "tk"),
        "Trang “Đơn vị”, dòng 7, cột “Loại”: “Tổ dân phố” không phải loại đơn vị hợp lệ",
    ),
    (
        "units",
        ("tk-cb-a", "Chi bộ thôn A mới", "", "Chi bộ", "tk"),
        "Trang “Đơn vị”, dòng 7, cột “Mã đơn vị”: mã “tk-cb-a” đã có.",
    ),
    (
        "units",
        ("tk-cb-z", "Chi bộ Z", "", "Chi bộ", "lm"),
        "Trang “Đơn vị”, dòng 7, cột “Mã đơn vị cấp trên”: không có đơn vị mã “lm” trong phạm vi",
    ),
]


@pytest.mark.parametrize(("sheet", "bad", "message"), BAD_ROW_7)
def test_a_bad_row_7_saves_nothing(
    client: Client, world: World, sheet: str, bad: tuple[Any, ...], message: str
) -> None:
    units = [
        *UNITS,
        ("tk-cb-d", "Chi bộ D", "", "Chi bộ", "tk"),
        ("tk-cb-e", "Chi bộ E", "", "Chi bộ", "tk"),
    ]
    users = [*USERS]
    if sheet == "units":
        units.append(bad)  # header + 5 rows → Excel row 7
    else:
        users.append(bad)
    assert len(units if sheet == "units" else users) == 6
    before = counts()
    client.force_login(world.office)
    response = post(client, workbook(units, users))
    assert response.status_code == 200
    assert counts() == before
    html = response.content.decode()
    assert "chưa lưu gì" in html
    errors = [str(e) for e in response.context["errors"]]
    assert len(errors) == 1 and errors[0].startswith(message), errors
    error = response.context["errors"][0]
    assert f'<td class="num">{error.row}</td>' in html and error.row == 7


def test_every_error_is_listed_at_once(world: World) -> None:
    units = [("bad code!", "", "", "Xóm", "tk"), ("tk-late", "Muộn", "", "Chi bộ", "tk-later")]
    units.append(("tk-later", "Sau", "", "Chi bộ", "tk"))
    users = [("A B", "", "abc", "tk", "Quản trị", "")]
    with pytest.raises(ImportErrors) as caught:
        import_units_and_users(actor=world.office, data=workbook(units, users), name="x.xlsx")
    where = {(e.sheet, e.row, e.column) for e in caught.value.errors}
    assert {
        ("Đơn vị", 2, "Mã đơn vị"),
        ("Đơn vị", 2, "Tên đơn vị"),
        ("Đơn vị", 2, "Loại"),
        ("Đơn vị", 3, "Mã đơn vị cấp trên"),
        ("Người dùng", 2, "Tên đăng nhập"),
        ("Người dùng", 2, "Họ và tên"),
        ("Người dùng", 2, "Số điện thoại"),
        ("Người dùng", 2, "Vai trò"),
    } <= where
    late = next(e for e in caught.value.errors if e.row == 3 and e.sheet == "Đơn vị")
    assert "phải ở dòng phía trên" in late.message
    admin = next(e for e in caught.value.errors if e.column == "Vai trò")
    assert "không được cấp vai trò “Quản trị”" in admin.message


def test_identical_existing_unit_is_kept_and_usable(world: World) -> None:
    units = [("tk-cb-a", "Chi bộ thôn A", "", "Chi bộ", "tk")]
    users = [("moi", "Người Mới", "", "tk-cb-a", "Chỉ xem", "")]
    result = import_units_and_users(actor=world.office, data=workbook(units, users), name="x.xlsx")
    assert result.units == [] and result.unchanged_units == ["tk-cb-a"]
    assert result.users[0].unit == world.cell_a


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"Ten,Ma\nA,1\n", "nguoi-dung.xlsx", "không phải PDF, Word (.docx), Excel (.xlsx)"),
        (
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
            "ds.pdf",
            "ở đây chỉ nhận Excel (.xlsx)",
        ),
    ],
)
def test_non_xlsx_file_is_refused(
    client: Client, world: World, data: bytes, name: str, message: str
) -> None:
    before = counts()
    with pytest.raises(UploadRejected):
        import_units_and_users(actor=world.office, data=data, name=name)
    client.force_login(world.office)
    response = post(client, data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == before


def test_template_has_both_sheets_and_round_trips(client: Client, world: World) -> None:
    client.force_login(world.office)
    response = client.get(URL + "mau.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == [SHEET_UNITS, SHEET_USERS, SHEET_HELP]
    assert [c.value for c in wb[SHEET_UNITS][1]] == list(UNIT_COLUMNS)
    assert [c.value for c in wb[SHEET_USERS][1]] == list(USER_COLUMNS)
    help_values = {c.value for row in wb[SHEET_HELP].iter_rows() for c in row}
    assert {"Chi bộ", "Báo cáo viên", "Chỉ xem"} <= help_values
    # Filled in with the commune's own code, the template imports as it is.
    wb[SHEET_UNITS]["E2"] = world.commune.code
    buffer = io.BytesIO()
    wb.save(buffer)
    result = import_units_and_users(actor=world.office, data=buffer.getvalue(), name="mau.xlsx")
    assert [u.code for u in result.units] == ["tk-cb-moi"]
    assert result.users[0].user.phone == "0912345678"
    assert import_template()[:2] == b"PK"


def test_leader_gets_403_and_outsider_cannot_reach_this_commune(
    client: Client, world: World
) -> None:
    before = counts()
    client.force_login(world.leader)
    assert client.get(URL).status_code == 403
    assert post(client, workbook()).status_code == 403
    assert client.get(URL + "mau.xlsx").status_code == 403
    # The outsider office: this commune's units are "not found", as a 404 would say.
    client.force_login(world.outsider)
    response = post(client, workbook())
    assert response.status_code == 200
    errors = response.context["errors"]
    assert any(
        e.column == "Mã đơn vị cấp trên" and "không có đơn vị mã “tk”" in e.message for e in errors
    )
    assert any(e.column == "Mã đơn vị" and "“tk-cb-a”" in e.message for e in errors)
    assert counts() == before
