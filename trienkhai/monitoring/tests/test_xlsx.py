"""The Excel template: download, fill with Vietnamese numbers, upload — exact values, or
nothing saved and the wrong cells named by sheet, row and column."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from trienkhai.conftest import World
from trienkhai.core.models import StoredFile
from trienkhai.monitoring import services, xlsx
from trienkhai.monitoring.models import Observation, ObservationImport
from trienkhai.monitoring.tests.conftest import Targets
from trienkhai.plans.models import Target
from trienkhai.plans.tests.factories import TargetFactory

pytestmark = pytest.mark.django_db


def download(client: Any, code: str, year: int) -> Any:
    response = client.get(reverse("monitoring:template", args=[code, year]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def rows_by_ref(sheet: Any) -> dict[str, int]:
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == xlsx.HEADER_ID)
    return {
        sheet.cell(r, 2).value: r
        for r in range(header + 1, sheet.max_row + 1)
        if sheet.cell(r, 1).value is not None
    }


def upload(client: Any, workbook: Any, code: str = "hp", year: int = 2026, **extra: Any) -> Any:
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile(
        "so-lieu.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    return client.post(reverse("monitoring:upload", args=[code, year]), {"file": upload}, **extra)


def test_round_trip_with_vietnamese_numbers_as_text_and_numeric_cells(
    client: Any, world: World, targets: Targets
) -> None:
    client.force_login(targets.city_office)
    services.observation_record(
        actor=targets.city_office, target=targets.grdp, period="2025", value=Decimal("8.2")
    )
    workbook = download(client, "hp", 2026)
    sheet = workbook[xlsx.DATA_SHEET]
    rows = rows_by_ref(sheet)
    assert set(rows) == {"1.1", "20", "27"}
    # Last year's value is there for reference, the template knows its unit and year.
    assert sheet.cell(rows["1.1"], 6).value == pytest.approx(8.2)
    info = {r[0].value: r[1].value for r in workbook[xlsx.INFO_SHEET].iter_rows(max_row=3)}
    assert (info["Mã đơn vị"], info["Năm"]) == ("hp", 2026)
    value_col = 7
    assert sheet.cell(rows["1.1"] - 1 - list(rows).index("1.1"), value_col).value == (
        "Giá trị năm 2026"
    )
    sheet.cell(rows["1.1"], value_col).value = "12,1"  # text, Vietnamese decimal comma
    sheet.cell(rows["1.1"], 8).value = "Tạm tính"
    sheet.cell(rows["27"], value_col).value = "1.234,5"  # text with a thousands dot
    sheet.cell(rows["27"], 9).value = "Sở Xây dựng"
    sheet.cell(rows["20"], value_col).value = 33.25  # a numeric cell (openpyxl: float)
    response = upload(client, workbook)
    assert response.status_code == 200
    assert "Đã nhập 3 dòng" in response.content.decode()
    stored = {
        (o.target.ref, o.status): (o.value, o.source)
        for o in Observation.objects.filter(period="2026").select_related("target")
    }
    assert stored == {
        ("1.1", "provisional"): (Decimal("12.1"), ""),
        ("27", "official"): (Decimal("1234.5"), "Sở Xây dựng"),
        ("20", "official"): (Decimal("33.25"), ""),
    }
    record = ObservationImport.objects.get()
    assert (record.rows, record.changed, record.year) == (3, 3, 2026)
    assert StoredFile.objects.get().owner == record
    # Download again: the values come back, uploading it unchanged changes nothing.
    again = download(client, "hp", 2026)
    rows = rows_by_ref(again[xlsx.DATA_SHEET])
    assert again[xlsx.DATA_SHEET].cell(rows["27"], value_col).value == 1234.5
    assert again[xlsx.DATA_SHEET].cell(rows["1.1"], 8).value == "tạm tính"
    upload(client, again)
    assert ObservationImport.objects.order_by("-pk").first().changed == 0  # type: ignore[union-attr]
    assert Observation.objects.filter(period="2026").count() == 3


def test_integer_cells_and_integer_text(client: Any, targets: Targets) -> None:
    client.force_login(targets.city_office)
    workbook = download(client, "hp", 2026)
    sheet = workbook[xlsx.DATA_SHEET]
    rows = rows_by_ref(sheet)
    sheet.cell(rows["27"], 7).value = "11.247"  # thousands, not 11,247
    sheet.cell(rows["20"], 7).value = 33
    upload(client, workbook)
    values = dict(Observation.objects.values_list("target__ref", "value"))
    assert values == {"27": Decimal(11247), "20": Decimal(33)}


def test_one_bad_row_saves_nothing_and_names_sheet_row_and_column(
    client: Any, targets: Targets
) -> None:
    client.force_login(targets.city_office)
    workbook = download(client, "hp", 2026)
    sheet = workbook[xlsx.DATA_SHEET]
    rows = rows_by_ref(sheet)
    sheet.cell(rows["1.1"], 7).value = "12,1"
    sheet.cell(rows["27"], 7).value = "12.34"  # a dot read as a decimal point: refused
    sheet.cell(rows["20"], 7).value = "33"
    response = upload(client, workbook)
    html = response.content.decode()
    assert response.status_code == 200
    assert "chưa lưu số liệu nào" in html
    assert (
        f"Trang “Số liệu”, dòng {rows['27']}, cột G (Giá trị năm 2026): "
        "Số &quot;12.34&quot; không đúng định dạng"
    ) in html
    assert not Observation.objects.exists()
    assert not ObservationImport.objects.exists()
    assert not StoredFile.objects.exists()


def test_every_wrong_cell_is_listed(targets: Targets, world: World) -> None:
    from trienkhai.monitoring.selectors import grid_rows

    content = xlsx.build_template(
        unit=world.city, year=2026, rows=grid_rows(unit=world.city, year=2026)
    )
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook[xlsx.DATA_SHEET]
    rows = rows_by_ref(sheet)
    sheet.cell(rows["1.1"], 7).value = "mười hai"
    sheet.cell(rows["1.1"], 8).value = "gần đúng"
    sheet.cell(rows["27"], 1).value = 999999
    sheet.cell(rows["27"], 7).value = 5
    sheet.cell(rows["20"], 2).value = "21"  # the row was moved or retyped
    sheet.cell(rows["20"], 7).value = 5
    buffer = io.BytesIO()
    workbook.save(buffer)
    targets_by_id = {t.pk: t for t in Target.objects.filter(org_unit=world.city)}
    with pytest.raises(xlsx.WorkbookErrors) as caught:
        xlsx.read_template(buffer.getvalue(), unit=world.city, year=2026, targets=targets_by_id)
    found = [(e.row, e.column) for e in caught.value.errors]
    assert found == [
        (rows["1.1"], "G"),
        (rows["1.1"], "H"),
        (rows["20"], "B"),
        (rows["27"], "A"),
    ] or sorted(found) == sorted(
        [(rows["1.1"], "G"), (rows["1.1"], "H"), (rows["20"], "B"), (rows["27"], "A")]
    )
    assert "mã “999999” không phải chỉ tiêu của đơn vị này" in str(caught.value)


def test_a_file_of_another_unit_or_year_is_refused(
    client: Any, world: World, targets: Targets
) -> None:
    client.force_login(targets.city_office)
    workbook = download(client, "hp", 2025)
    rows = rows_by_ref(workbook[xlsx.DATA_SHEET])
    workbook[xlsx.DATA_SHEET].cell(rows["1.1"], 7).value = "12"
    html = upload(client, workbook, year=2026).content.decode()
    assert "Trang “Thông tin”, dòng 3, cột B (Năm): tệp dành cho năm “2025”" in html
    assert "thiếu cột “Giá trị năm 2026”" in html
    assert not Observation.objects.exists()


def test_a_file_that_is_not_excel_is_refused(client: Any, targets: Targets) -> None:
    client.force_login(targets.city_office)
    fake = SimpleUploadedFile("so-lieu.xlsx", b"%PDF-1.4 not a workbook")
    response = client.post(reverse("monitoring:upload", args=["hp", 2026]), {"file": fake})
    assert "chỉ nhận Excel" in response.content.decode()
    assert not Observation.objects.exists()


def test_upload_rights(client: Any, world: World, targets: Targets) -> None:
    TargetFactory.create(
        plan=targets.plan, org_unit=world.commune, ref="I.2-a", label="Thu ngân sách xã"
    )
    client.force_login(world.reporter_a)
    assert client.get(reverse("monitoring:upload", args=["tk", 2026])).status_code == 403
    assert client.get(reverse("monitoring:upload", args=["hp", 2026])).status_code == 403
    client.force_login(world.office)
    workbook = download(client, "tk", 2026)
    assert set(rows_by_ref(workbook[xlsx.DATA_SHEET])) == {"I.1-a", "I.2-a"}
    client.force_login(world.outsider)
    assert client.get(reverse("monitoring:template", args=["tk", 2026])).status_code == 404


def test_htmx_upload_answers_with_the_partial(client: Any, targets: Targets) -> None:
    client.force_login(targets.city_office)
    page = client.get(reverse("monitoring:upload", args=["hp", 2026])).content.decode()
    assert 'hx-encoding="multipart/form-data"' in page
    assert "js-upload-progress" in page
    assert "monitoring/monitoring.js" in page
    workbook = download(client, "hp", 2026)
    rows = rows_by_ref(workbook[xlsx.DATA_SHEET])
    workbook[xlsx.DATA_SHEET].cell(rows["1.1"], 7).value = "12,1"
    response = upload(client, workbook, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "Đã nhập 1 dòng" in html
