"""An inspection in a browser, on the demo: the office opens the slow-unit list, ticks a slow
chi bộ and opens an inspection of it, issues the decision and records a finding with its
correction; the chi bộ reports it done on its phone with a photo as evidence; the Ủy ban
Kiểm tra verifies it and issues the conclusion, whose Word file downloads."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from PIL import Image

from tests.browser.conftest import login
from trienkhai.inspections.models import ActionState, CorrectiveAction, Inspection, InspectionState
from trienkhai.orgs.models import OrgUnit

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 3,
    "locale": "vi-VN",
}
DESK = {"viewport": {"width": 1280, "height": 900}, "locale": "vi-VN", "accept_downloads": True}
CORRECTION = "Rà soát, hoàn thành các nhiệm vụ quá hạn và báo cáo Đảng ủy."


def _press(page: Any, name: str, *, tap: bool = False) -> None:
    button = page.get_by_role("button", name=name)
    with page.expect_navigation():
        button.tap() if tap else button.click()


def _photo(folder: Path) -> Path:
    path = folder / "bien-ban-hop-chi-bo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_from_the_slow_list_to_the_conclusion(
    live_server: Any, browser: Any, demo: str, tmp_path: Path
) -> None:
    base = live_server.url
    errors: list[str] = []
    office = browser.new_context(**DESK).new_page()
    cell = browser.new_context(**PHONE).new_page()
    ubkt = browser.new_context(**DESK).new_page()
    for page in (office, cell, ubkt):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(office, base, "vanphong", demo)
    login(cell, base, "chibo30", demo)
    login(ubkt, base, "ubkt", demo)

    # The office: the slow list says why chi bộ 30 is there; tick it and open an inspection.
    office.goto(base + "/kiem-tra/cham-trien-khai/")
    row = office.locator("#cham-chibo30")
    assert "nhiệm vụ quá hạn" in row.inner_text()
    row.get_by_role("checkbox").check()
    _press(office, "Lập cuộc kiểm tra các đơn vị đã chọn")
    slow_cell = OrgUnit.objects.get(code="chibo30")
    assert office.locator(f"input[name=units][value='{slow_cell.pk}']").is_checked()
    assert "nhiệm vụ quá hạn" in office.get_by_label("Nội dung, phương pháp").input_value()
    office.get_by_label("Cơ quan tiến hành").select_option(
        label="Ủy ban Kiểm tra Đảng ủy xã Tân Kỳ"
    )
    office.get_by_label("Từ ngày").fill("08/12/2026")
    office.get_by_label("Đến ngày").fill("18/12/2026")
    office.get_by_label("Thành phần đoàn").fill("Đồng chí Trần Văn Khiêm — Trưởng đoàn")
    _press(office, "Lưu")
    inspection = Inspection.objects.exclude(state=InspectionState.CLOSED).latest("pk")
    assert list(inspection.units.values_list("code", flat=True)) == ["chibo30"]
    _press(office, "Ban hành quyết định (cấp số)")
    assert "-QĐ/UBKT" in office.locator("#van-ban").inner_text()

    office.locator("#ph-unit").select_option(index=1)
    office.get_by_role("textbox", name="Nội dung phát hiện").fill(
        "Chi bộ chậm thực hiện các nhiệm vụ được giao."
    )
    office.get_by_label("Yêu cầu khắc phục").fill(CORRECTION)
    office.get_by_label("Hạn khắc phục").fill("31/12/2026")
    _press(office, "Ghi phát hiện")
    action = CorrectiveAction.objects.get(finding__inspection=inspection)
    assert action.org_unit.code == "chibo30" and action.state == ActionState.OPEN

    # The chi bộ, on its phone: its corrections, this one reported done with a photo.
    cell.goto(base + "/kiem-tra/khac-phuc/")
    cell.locator(f"#yc-{action.pk}").tap()
    cell.wait_for_url(f"**/kiem-tra/khac-phuc/{action.pk}/")
    assert cell.evaluate("document.documentElement.scrollWidth") <= 390
    cell.get_by_label("Đã khắc phục thế nào").fill(
        "Chi bộ đã họp, hoàn thành hai nhiệm vụ quá hạn."
    )
    cell.get_by_label("Minh chứng").set_input_files(str(_photo(tmp_path)))
    _press(cell, "Gửi báo cáo khắc phục", tap=True)
    assert "chờ xác nhận" in cell.locator("#tinh-trang").inner_text()
    assert "bien-ban-hop-chi-bo.png" in cell.locator("main").inner_text()

    # The Ủy ban Kiểm tra verifies it, then issues the conclusion.
    ubkt.goto(f"{base}/kiem-tra/khac-phuc/{action.pk}/")
    ubkt.get_by_label("Ý kiến của đoàn").fill("Đạt yêu cầu.")
    _press(ubkt, "Xác nhận đã khắc phục")
    action.refresh_from_db()
    assert action.state == ActionState.VERIFIED
    ubkt.goto(f"{base}/kiem-tra/{inspection.pk}/")
    ubkt.get_by_label("Nội dung kết luận").fill("Chi bộ 30 đã nghiêm túc khắc phục.")
    _press(ubkt, "Ban hành thông báo kết luận (cấp số)")
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.CLOSED
    assert "Đã kết thúc" in ubkt.locator("#tinh-trang").inner_text()
    with ubkt.expect_download() as download:
        ubkt.locator("#van-ban a", has_text="Thông báo kết luận").click()
    text = "\n".join(p.text for p in Document(download.value.path()).paragraphs)
    assert "THÔNG BÁO" in text and "Chi bộ 30 đã nghiêm túc khắc phục." in text
    assert not errors
