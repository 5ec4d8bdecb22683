from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import login
from trienkhai.plans.models import Plan, Target

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SEED = (
    Path(__file__).resolve().parents[2]
    / "trienkhai"
    / "plans"
    / "demo_data"
    / "ke_hoach_tan_ky.txt"
)


def _upload_seed(page: Any, base: str) -> None:
    page.goto(base + "/ke-hoach/tai-len/")
    page.set_input_files("input[name=file]", str(SEED))
    page.get_by_role("button", name="Đọc tệp").click()
    page.wait_for_url("**/ke-hoach/nhap/*/")


def _home_figures(page: Any, base: str) -> str:
    page.goto(base + "/")
    return str(page.locator("main").inner_text())


def test_office_uploads_the_seed_again_and_it_stays_one_plan_then_cell_reads_it(
    live_server: Any, page: Any, browser: Any, demo: str
) -> None:
    # The demo already holds the seed: uploading it again must not make a second plan.
    plans = Plan.objects.filter(org_unit__code="tan-ky")
    assert plans.count() == 1
    plan = plans.get()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server.url, "vanphong", demo)
    home = _home_figures(page, live_server.url)

    _upload_seed(page, live_server.url)
    assert page.get_by_role("heading", name="Kế hoạch này đã có").is_visible()
    assert page.get_by_role("link", name=f"Kế hoạch {plan.label}").count() == 1
    page.get_by_role("button", name="Hủy, không lưu gì").click()
    page.wait_for_url("**/ke-hoach/")
    assert plans.count() == 1 and _home_figures(page, live_server.url) == home

    # A figure the office corrected since: the file brings the plan's own figure back.
    target = plan.targets.get(ref="I.1-a")
    assert target.value is not None
    Target.objects.filter(pk=target.pk).update(value=target.value + 1)
    _upload_seed(page, live_server.url)
    assert "Tệp khác kế hoạch đã có ở 1 điểm" in page.content()
    page.get_by_role("button", name="Áp dụng các thay đổi vào kế hoạch đã có").click()
    page.wait_for_url(f"**/ke-hoach/{plan.pk}/")
    assert "Đã áp dụng 1 thay đổi" in page.content()
    target.refresh_from_db()
    assert plans.count() == 1 and target.value == 10
    assert _home_figures(page, live_server.url) == home
    plan_url = f"{live_server.url}/ke-hoach/{plan.pk}/"
    assert errors == []

    cell = browser.new_page()
    login(cell, live_server.url, "chibo01", demo)
    cell.goto(plan_url)
    assert "Tăng trưởng kinh tế địa phương" in cell.content()
    assert cell.get_by_role("link", name="Sửa").count() == 0
    response = cell.goto(plan_url + "sua/")
    assert response is not None and response.status == 403
    assert "Không có quyền truy cập" in cell.content()
    cell.close()
