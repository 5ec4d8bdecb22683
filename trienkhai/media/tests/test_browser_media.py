"""A chi bộ reporter logs an item from a phone; the office reads the weekly compliance."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import login
from trienkhai.media.models import MediaItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reporter_quick_entry_on_a_phone_then_office_overview(
    live_server: Any, page: Any, demo: str
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server.url, "chibo01", demo)
    page.goto(live_server.url + "/tuyen-truyen/tin-bai/them/")
    page.get_by_label("Kênh").select_option(label="Nhóm Zalo Chi bộ thôn Đông Tân (nhóm zalo)")
    page.get_by_label("Tiêu đề").fill("Chi bộ thôn Đông Tân sinh hoạt chuyên đề chuyển đổi số")
    page.get_by_role("button", name="Lưu tin, bài").click()
    assert page.get_by_role("alert").filter(has_text="Đã lưu tin, bài").is_visible()
    saved = MediaItem.objects.get(title__startswith="Chi bộ thôn Đông Tân sinh hoạt")
    assert saved.org_unit.code == "chibo01" and saved.created_by is not None
    assert saved.created_by.username == "chibo01"

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server.url, "vanphong", demo)
    page.goto(live_server.url + "/tuyen-truyen/")
    assert page.get_by_role(
        "heading", name="Quy định: tối thiểu 02 tin, bài/tuần", exact=False
    ).is_visible()
    heat = page.locator("table.heat-table")
    assert heat.get_by_role("link", name="Chi bộ thôn Đông Tân").is_visible()
    page.get_by_role("link", name="Chi bộ thôn Đông Tân").first.click()
    page.wait_for_url("**don_vi=chibo01**")
    assert "Chi bộ thôn Đông Tân" in page.locator("h1").inner_text()
    assert errors == []
