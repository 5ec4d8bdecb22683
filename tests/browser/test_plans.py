from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import login
from trienkhai.plans.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SEED = (
    Path(__file__).resolve().parents[2]
    / "trienkhai"
    / "plans"
    / "demo_data"
    / "ke_hoach_tan_ky.txt"
)


def test_office_uploads_corrects_and_saves_the_seed_then_cell_reads_it(
    live_server: Any, page: Any, browser: Any, demo: str
) -> None:
    # The demo already holds the seed: this upload is a second plan of the commune, whose own
    # targets are new; the city's programme keeps the targets it already has.
    before = set(Plan.objects.values_list("pk", flat=True))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server.url, "vanphong", demo)
    page.goto(live_server.url + "/ke-hoach/tai-len/")
    page.set_input_files("input[name=file]", str(SEED))
    page.get_by_role("button", name="Đọc tệp").click()
    page.wait_for_url("**/ke-hoach/nhap/*/")
    assert page.get_by_role("heading", name="Kiểm tra bản nháp kế hoạch").is_visible()
    # Correct the commune's own target I.1-a (≥ 10 %/năm → 10,5), complete the partial date.
    row = page.locator("tr#target-I\\.1-a")
    assert row.locator("input[name$='-value']").input_value() == "10"
    row.locator("input[name$='-value']").fill("10,5")
    page.fill("input[name='h-number']", "15")
    page.fill("input[name='h-date']", "12/05/2026")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    page.wait_for_url("**/ke-hoach/*/")
    assert "từ 10,5 %/năm" in page.content()
    assert "ngày 12 tháng 5 năm 2026" in page.content()
    assert Plan.objects.exclude(pk__in=before).count() == 1
    plan_url = page.url
    assert page.get_by_role("link", name="Sửa").count() == 1
    assert errors == []

    cell = browser.new_page()
    login(cell, live_server.url, "chibo01", demo)
    cell.goto(plan_url)
    assert "từ 10,5 %/năm" in cell.content()
    assert "Tăng trưởng kinh tế địa phương" in cell.content()
    assert cell.get_by_role("link", name="Sửa").count() == 0
    response = cell.goto(plan_url + "sua/")
    assert response is not None and response.status == 403
    assert "Không có quyền truy cập" in cell.content()
    cell.close()
