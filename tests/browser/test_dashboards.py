"""Slow tier: the dashboards as their people open them, on a desk screen and on a phone.

The leader (bithu) and the city leader (thanhuy) on their dashboard, the office (vanphong) on
its board, a chi bộ (chibo01) on its home. At 1366 and 390 px no page scrolls sideways, every
chart image loads, and a screenshot of each is saved to var/screenshots/ (git-ignored) for a
person to look at.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LAYOUT, SCREENSHOTS, SIZES, demo, login  # noqa: F401

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("bithu", "/", "lanh-dao"),
    ("thanhuy", "/tong-quan/", "thanh-uy"),
    ("thanhuy", "/tong-quan/?don_vi=tan-ky", "thanh-uy-tan-ky"),
    ("vanphong", "/viec-hom-nay/", "van-phong"),
    ("vanphong", "/", "van-phong-trang-chu"),
    ("chibo01", "/", "chi-bo"),
]


@pytest.mark.parametrize("size", ["desk", "phone"])
def test_dashboards_fit_the_screen(live_server: Any, browser: Any, demo: str, size: str) -> None:  # noqa: F811
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = SIZES[size]["viewport"]["width"]  # type: ignore[index]
    errors: list[str] = []
    for username, path, name in PAGES:
        context = browser.new_context(**SIZES[size], locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        login(page, live_server.url, username, demo)
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        # Lazy charts load once scrolled to: scroll them all into view before judging.
        for image in page.locator("img.dash-chart").all():
            image.scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        layout = page.evaluate(LAYOUT)
        assert layout["scroll"] <= layout["width"], (path, size, layout)
        assert not layout["wide"], (path, size, layout)
        assert not layout["broken"], (path, layout["broken"])
        page.screenshot(path=str(SCREENSHOTS / f"tong-quan-{name}-{width}.png"), full_page=True)
        context.close()
    assert not errors, errors


def test_a_tile_figure_opens_the_rows_it_counts(live_server: Any, browser: Any, demo: str) -> None:  # noqa: F811
    context = browser.new_context(**SIZES["phone"], locale="vi-VN")
    page = context.new_page()
    login(page, live_server.url, "bithu", demo)
    page.goto(live_server.url + "/")
    figure = page.locator('[data-tile="tasks"] [data-figure="overdue"]')
    count = int(figure.get_attribute("data-count") or "0")
    assert count > 0
    figure.locator(".dash-figure-value").click()
    page.wait_for_url("**/nhiem-vu/**")
    assert "tinh_trang=overdue" in page.url
    rows = page.locator(".task-list .task-row").count()
    assert rows == count
    context.close()
