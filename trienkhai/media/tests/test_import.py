"""XLSX import of items and weekly tallies: all rows or none, errors naming the row."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from trienkhai.conftest import World
from trienkhai.media.exports import import_template
from trienkhai.media.imports import ImportErrors, media_import
from trienkhai.media.models import MediaItem, MediaTally
from trienkhai.media.tests.conftest import Media, tally
from trienkhai.plans.tests.factories import SolutionFactory, TargetFactory

pytestmark = pytest.mark.django_db

ITEM_HEADER = ["Ngày", "Mã đơn vị", "Kênh", "Thể loại", "Tiêu đề", "Đường dẫn", "Chỉ tiêu"]


def workbook(items: list[list[Any]], tallies: list[list[Any]] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tin bài"
    sheet.append(ITEM_HEADER)
    for row in items:
        sheet.append(row)
    if tallies is not None:
        other = book.create_sheet("Số lượng")
        other.append(["Tuần", "Mã đơn vị", "Kênh", "Số tin, bài"])
        for row in tallies:
            other.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def good_row(n: int) -> list[Any]:
    return [f"{n}/6/2026", "tk-cb-a", "Đài truyền thanh xã", "Tin", f"Tin số {n}", "", ""]


def test_bad_date_on_row_7_saves_nothing_and_names_row_7(world: World, media: Media) -> None:
    rows = [good_row(n) for n in range(1, 11)]  # Excel rows 2–11
    rows[5][0] = "31/02/2026"  # Excel row 7
    data = workbook(rows, tallies=[["2026-W23", "tk-cb-a", "Nhóm Zalo chi bộ A", 4]])
    with pytest.raises(ImportErrors) as caught:
        media_import(actor=world.office, data=data, name="tin-bai.xlsx")
    errors = caught.value.errors
    assert [(e.sheet, e.row, e.column) for e in errors] == [("Tin bài", 7, "Ngày")]
    assert "dòng 7" in str(errors[0]) and "31/02/2026" in str(errors[0])
    assert "chưa lưu gì" in caught.value.message
    assert MediaItem.objects.count() == 0 and MediaTally.objects.count() == 0


def test_import_page_names_row_7(client: Any, world: World, media: Media) -> None:
    rows = [good_row(n) for n in range(1, 9)]
    rows[5][0] = "ngày 40/6/2026"
    upload = SimpleUploadedFile("tin-bai.xlsx", workbook(rows))
    client.force_login(world.office)
    response = client.post("/tuyen-truyen/nhap-excel/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trang “Tin bài”, dòng 7, cột “Ngày”" in html
    assert MediaItem.objects.count() == 0


def test_import_items_and_tallies(world: World, media: Media) -> None:
    target = TargetFactory.create(plan=media.plan, ref="21.2", label="PCI", kind="index")
    SolutionFactory.create(plan=media.plan, ref="II.2.3", title="Chuyển đổi số")
    tally(world.cell_a, media.zalo_a, date(2026, 6, 2), 1)  # updated by the file
    data = workbook(
        [
            [
                datetime(2026, 6, 3),
                "tk-cb-a",
                "dai truyen thanh xa",
                "Bài",
                "Chuyển đổi số",
                "https://tk.vn/a",
                "21",
            ],
            ["4/6/2026", "TK", "Trang thông tin điện tử xã", "", "Tin thứ hai", "", ""],
        ],
        tallies=[
            ["2026-W23", "tk-cb-a", "Nhóm Zalo chi bộ A", 5],
            ["10/6/2026", "tk-cb-b", "Nhóm Zalo chi bộ B", "3"],
        ],
    )
    result = media_import(actor=world.office, data=data, name="tin-bai.xlsx", plan=media.plan)
    assert (result.items, result.tallies_created, result.tallies_updated) == (2, 1, 1)
    first = MediaItem.objects.get(title="Chuyển đổi số")
    assert (first.org_unit, first.channel, first.kind) == (world.cell_a, media.radio, "bai")
    assert (first.iso_year, first.iso_week) == (2026, 23)
    assert list(first.targets.all()) == [target]
    assert MediaTally.objects.get(org_unit=world.cell_a).count == 5
    assert MediaTally.objects.get(org_unit=world.cell_b).iso_week == 24


def test_import_checks_rights_channels_and_duplicates(world: World, media: Media) -> None:
    data = workbook(
        [
            ["1/6/2026", "tk-cb-b", "Đài truyền thanh xã", "Tin", "Tin", "", ""],
            ["1/6/2026", "tk-cb-a", "Nhóm Zalo chi bộ B", "Tin", "Tin", "", ""],
            ["1/6/2026", "lm", "Đài truyền thanh xã", "Tin", "Tin", "ftp://x", ""],
            ["1/6/2099", "tk-cb-a", "Đài truyền thanh xã", "Tin", "Tin", "", "21"],
        ],
        tallies=[
            ["2026-W23", "tk-cb-a", "Nhóm Zalo chi bộ A", 2],
            ["3/6/2026", "tk-cb-a", "Nhóm Zalo chi bộ A", 2],
            ["2026-W23", "tk-cb-a", "Nhóm Zalo chi bộ A", "2,5"],
        ],
    )
    with pytest.raises(ImportErrors) as caught:
        media_import(actor=world.reporter_a, data=data, name="x.xlsx")
    found = {(e.sheet, e.row, e.column) for e in caught.value.errors}
    assert found == {
        ("Tin bài", 2, "Mã đơn vị"),  # chi bộ B is not the reporter's unit
        ("Tin bài", 3, "Kênh"),  # chi bộ A does not post on chi bộ B's group
        ("Tin bài", 4, "Mã đơn vị"),  # another commune: same words as a missing unit
        ("Tin bài", 4, "Đường dẫn"),
        ("Tin bài", 5, "Ngày"),  # in the future
        ("Tin bài", 5, "Chỉ tiêu"),  # no plan chosen
        ("Số lượng", 3, "Tuần"),  # the same week as row 2
        ("Số lượng", 4, "Số tin, bài"),
    }
    assert MediaItem.objects.count() == 0


def test_template_has_both_sheets(client: Any, world: World) -> None:
    book = load_workbook(io.BytesIO(import_template()))
    assert book.sheetnames == ["Tin bài", "Số lượng"]
    client.force_login(world.viewer)
    assert client.get("/tuyen-truyen/nhap-excel/mau.xlsx").status_code == 403
    assert client.get("/tuyen-truyen/nhap-excel/").status_code == 403
    client.force_login(world.reporter_a)
    assert client.get("/tuyen-truyen/nhap-excel/mau.xlsx").status_code == 200
