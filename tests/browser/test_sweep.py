"""Slow tier: every page of the navigation, as each kind of user, at phone and desk size."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import login

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/ke-hoach/",
    "/nhiem-vu/",
    "/so-lieu/",
    "/so-lieu/tien-do/",
    "/quan-triet/",
    "/tuyen-truyen/",
    "/van-ban/",
    "/bao-cao/",
    "/bao-cao/cho-duyet/",
    "/bao-cao/cham-nop/",
    "/bao-cao/ti-le/",
    "/bao-cao/lich/",
    "/bao-cao/ngay-nghi/",
    "/thong-bao/",
    "/nhac-viec/",
    "/kiem-tra/",
    "/kiem-tra/cham-trien-khai/",
    "/kiem-tra/khac-phuc/",
    "/du-luan/",
    "/du-luan/tong-hop/",
    "/du-luan/phan-bac/",
    "/mo-hinh-hay/",
    "/thi-dua/",
    "/cac-xa/",
    "/cac-xa/quan-triet/",
    "/cac-xa/tuyen-truyen/",
    "/cac-xa/chi-tieu/",
    "/cong-khai/tan-ky/",
    "/don-vi/",
    "/nhat-ky/",
]
USERS = ["vanphong", "chibo01", "bithu", "thanhuy", "mttq"]
SIZES = {"phone": {"width": 390, "height": 844}, "desk": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("username", USERS)
def test_every_nav_page_renders_without_errors(
    live_server: Any, browser: Any, demo: str, username: str, size: str
) -> None:
    context = browser.new_context(viewport=SIZES[size], locale="vi-VN")
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda exc: problems.append(f"js: {exc}"))
    login(page, live_server.url, username, demo)
    page.wait_for_url(live_server.url + "/")
    for path in PAGES:
        before = len(problems)
        response = page.goto(live_server.url + path)
        assert response is not None
        assert response.status < 400 or response.status in (403, 404), (path, response.status)
        if response.status in (403, 404):
            # A page this user may not open: the browser logs the refusal itself.
            problems[before:] = [p for p in problems[before:] if "Failed to load" not in p]
        assert response.status != 500, path
        assert page.locator("html").get_attribute("lang") == "vi"
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px at {size}"
    context.close()
    assert problems == []
