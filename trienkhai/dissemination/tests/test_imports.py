"""XLSX import of headcounts and sessions: row-level errors, all or nothing."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from trienkhai.conftest import World
from trienkhai.dissemination import imports
from trienkhai.dissemination.models import Headcount, StudySession
from trienkhai.dissemination.tests.conftest import PARTY
from trienkhai.plans.models import Plan

HEAD = ["Mã đơn vị", "Tên đơn vị", "Nhóm", "Tính từ ngày", "Sĩ số", "Ghi chú"]
SESS = ["Mã đơn vị", "Tên đơn vị", "Nhóm", "Ngày", "Loại buổi", "Hình thức", "Số người dự",
        "Bài thu hoạch", "Địa điểm"]  # fmt: skip


def workbook(headcounts: list[list[Any]], sessions: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sĩ số"
    sheet.append(["Sĩ số các đơn vị"])  # a title line above the header, as offices do
    sheet.append(HEAD)
    for row in headcounts:
        sheet.append(row)
    other = book.create_sheet("Buổi học")
    other.append(SESS)
    for row in sessions:
        other.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD_HEADCOUNTS: list[list[Any]] = [
    ["tk-cb-a", "Chi bộ thôn A", "đảng viên", datetime(2026, 5, 1), 40, ""],
    ["TK-CB-B", "", "", "01/05/2026", "1.020", "chi bộ lớn"],
]
GOOD_SESSIONS: list[list[Any]] = [
    ["tk-cb-a", "", "", datetime(2026, 6, 1), "chính", "sinh hoạt chi bộ thường kỳ", 38, 30, ""],
    ["tk-cb-a", "", "Đảng viên", "10/6/2026", "học bù", "chuyên đề", 2, "", ""],
    ["tk-cb-b", "", "", "02/06/2026", "Chính", "Hội nghị", 1015, 0, "Hội trường"],
]  # fmt: skip


def test_import_saves_every_row(world: World, plan: Plan) -> None:
    result = imports.import_workbook(
        actor=world.office,
        plan=plan,
        data=workbook(GOOD_HEADCOUNTS, GOOD_SESSIONS),
        name="si-so.xlsx",
    )
    assert (result.headcounts, result.sessions) == (2, 3)
    assert Headcount.objects.get(org_unit=world.cell_b).count == 1020
    b = StudySession.objects.get(org_unit=world.cell_b)
    assert b.form == "conference" and b.attendance.get().count == 1015
    assert StudySession.objects.filter(org_unit=world.cell_a, kind="make_up").count() == 1


def test_one_wrong_row_saves_nothing_and_names_sheet_row_column(world: World, plan: Plan) -> None:
    bad_headcounts: list[list[Any]] = [*GOOD_HEADCOUNTS, ["tk-cb-a", "", "", "01/06/2026", -4, ""]]
    bad_sessions: list[list[Any]] = [
        *GOOD_SESSIONS,
        ["tk-cb-b", "", "", "03/06/2026", "chính", "hội nghị", 5, "", ""],  # 2nd main
        ["tk-cb-a", "", "", "01/04/2026", "khác", "trực tuyến", 3, "", ""],  # too early
        ["lm-cb-1", "", "", "03/06/2026", "chính", "hội nghị", 5, "", ""],  # not ours
        ["tk-cb-a", "", "", "12.6.2026", "buổi lạ", "họp", "12,5", "", ""],
    ]
    with pytest.raises(imports.ImportErrors) as exc:
        imports.import_workbook(
            actor=world.office,
            plan=plan,
            data=workbook(bad_headcounts, bad_sessions),
            name="sai.xlsx",
        )
    messages = [str(e) for e in exc.value.errors]
    assert "Trang “Sĩ số”, dòng 5, cột “Sĩ số”: không được là số âm." in messages
    assert any(
        m.startswith("Trang “Buổi học”, dòng 5, cột “Loại buổi”: Chi bộ thôn B đã có buổi quán")
        for m in messages
    )
    assert any(
        m.startswith("Trang “Buổi học”, dòng 6, cột “Ngày”: Ngày 01/04/2026 nằm ngoài")
        for m in messages
    )
    assert (
        "Trang “Buổi học”, dòng 7, cột “Mã đơn vị”: không có đơn vị mã “lm-cb-1” trong phạm vi "
        "kế hoạch mà đồng chí quản lý." in messages
    )
    assert (
        "Trang “Buổi học”, dòng 8, cột “Loại buổi”: ghi “chính”, “học bù” hoặc “khác”." in messages
    )
    assert any(m.startswith("Trang “Buổi học”, dòng 8, cột “Hình thức”") for m in messages)
    assert any(m.startswith("Trang “Buổi học”, dòng 8, cột “Số người dự”") for m in messages)
    assert not Headcount.objects.exists()
    assert not StudySession.objects.exists()


def test_reporter_imports_only_for_its_own_cell(world: World, plan: Plan) -> None:
    with pytest.raises(imports.ImportErrors) as exc:
        imports.import_workbook(
            actor=world.reporter_a,
            plan=plan,
            data=workbook(GOOD_HEADCOUNTS, []),
            name="si-so.xlsx",
        )
    # Chi bộ B is outside its scope: the same words as a missing unit.
    assert [str(e) for e in exc.value.errors] == [
        "Trang “Sĩ số”, dòng 4, cột “Mã đơn vị”: không có đơn vị mã “TK-CB-B” trong phạm vi "
        "kế hoạch mà đồng chí quản lý."
    ]


def test_not_an_excel_file(world: World, plan: Plan) -> None:
    with pytest.raises(imports.DomainError):
        imports.import_workbook(actor=world.office, plan=plan, data=b"%PDF-1.4\n", name="x.xlsx")


def test_import_page_template_and_errors(client: Any, world: World, plan: Plan) -> None:
    client.force_login(world.office)
    url = reverse("dissemination:import") + f"?ke_hoach={plan.pk}"
    assert client.get(url).status_code == 200
    template = client.get(reverse("dissemination:import_template"), {"ke_hoach": plan.pk})
    book = load_workbook(io.BytesIO(template.content))
    assert book.sheetnames == ["Sĩ số", "Buổi học", "Hướng dẫn"]
    rows = [[c.value for c in row][:3] for row in book["Sĩ số"].iter_rows(min_row=2)]
    assert ["tk-cb-a", "Chi bộ thôn A", "đảng viên"] in rows
    assert ["tk", "Đảng bộ xã Tân Kỳ", "cán bộ chủ chốt"] in rows
    bad = SimpleUploadedFile("sai.xlsx", workbook([["tk-cb-a", "", "", "01/05/2026", "x", ""]], []))
    response = client.post(url, {"file": bad})
    html = response.content.decode()
    assert "Tệp “sai.xlsx” có 1 lỗi nên chưa lưu gì" in html
    assert "Trang “Sĩ số”, dòng 3, cột “Sĩ số”" in html
    good = SimpleUploadedFile("dung.xlsx", workbook(GOOD_HEADCOUNTS, GOOD_SESSIONS))
    response = client.post(url, {"file": good})
    assert response.status_code == 302
    assert Headcount.objects.filter(group=PARTY).count() == 2
    # Viewers may not import; outsiders do not see the plan.
    client.force_login(world.viewer)
    assert client.get(url).status_code == 403
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404


def test_import_writes_one_summary_audit_entry(world: World, plan: Plan) -> None:
    from auditlog.models import LogEntry

    before = LogEntry.objects.count()
    imports.import_workbook(
        actor=world.office, plan=plan, data=workbook(GOOD_HEADCOUNTS, GOOD_SESSIONS), name="a.xlsx"
    )
    entries = LogEntry.objects.all()[: LogEntry.objects.count() - before]
    assert LogEntry.objects.count() - before == 1
    assert entries[0].additional_data["action"] == "dissemination.import"


def test_import_refuses_attendees_above_the_headcount_and_doubtful_headcounts(
    world: World, plan: Plan
) -> None:
    """The same rules as the forms, each with file, sheet, row and column; nothing saved."""
    from trienkhai.dissemination.tests.conftest import headcount

    headcount(world.cell_b, 60)  # known before the file: 60 party members
    rows: list[list[Any]] = [
        ["tk-cb-a", "", "", "01/05/2026", 40, ""],
        ["tk-cb-b", "", "", "01/06/2026", 90, ""],  # 30 more than known, no note
    ]
    sessions: list[list[Any]] = [
        ["tk-cb-a", "", "", "02/06/2026", "chính", "hội nghị", 41, "", ""],  # above 40
    ]
    with pytest.raises(imports.ImportErrors) as exc:
        imports.import_workbook(
            actor=world.office, plan=plan, data=workbook(rows, sessions), name="quy-ii.xlsx"
        )
    assert str(exc.value).startswith("Tệp “quy-ii.xlsx” có 2 lỗi nên chưa lưu gì.")
    assert [str(e) for e in exc.value.errors] == [
        "Trang “Sĩ số”, dòng 4, cột “Sĩ số”: Sĩ số đảng viên của Chi bộ thôn B (90) chênh 30 "
        "người so với số hệ thống đang có (60, sĩ số từ ngày 01/05/2026). Nếu đúng, ghi lý do "
        "ở cột “Ghi chú” để xác nhận.",
        "Trang “Buổi học”, dòng 2, cột “Số người dự”: Chi bộ thôn A: số đảng viên dự (41) vượt "
        "sĩ số đảng viên (40). Nếu sĩ số đã thay đổi, hãy cập nhật sĩ số trước.",
    ]
    assert Headcount.objects.count() == 1 and not StudySession.objects.exists()
    # The row's note confirms the headcount; it is kept.
    rows[1][5] = "Sáp nhập chi bộ thôn C vào"
    sessions[0][6] = 40
    imports.import_workbook(
        actor=world.office, plan=plan, data=workbook(rows, sessions), name="quy-ii.xlsx"
    )
    kept = Headcount.objects.get(org_unit=world.cell_b, as_of="2026-06-01")
    assert kept.count == 90 and kept.confirm_note == "Sáp nhập chi bộ thôn C vào"
