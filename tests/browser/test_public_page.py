"""Slow tier: the citizens' public page and its poster, read on a desk screen and on a phone.

No login. At 1366 and at 390 px wide the page never scrolls sideways, every target's progress
sentence is on screen in plain words, and a screenshot of each is saved to var/screenshots/
(git-ignored with var/) for a person to look at.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from tests.browser.conftest import LAYOUT, SCREENSHOTS, SIZES, demo  # noqa: F401

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size", ["desk", "phone"])
def test_public_page_fits_the_screen(live_server: Any, browser: Any, demo: str, size: str) -> None:  # noqa: F811
    cache.clear()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(**SIZES[size], locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for code in ("tan-ky", "hai-phong"):
        for name, path in (
            ("trang", f"/cong-khai/{code}/"),
            ("ap-phich", f"/cong-khai/{code}/ap-phich/"),
        ):
            response = page.goto(live_server.url + path)
            assert response is not None and response.status == 200, path
            layout = page.evaluate(LAYOUT)
            assert layout["scroll"] <= layout["width"], (path, size, layout)
            assert not layout["wide"], (path, size, layout)
            width = SIZES[size]["viewport"]["width"]  # type: ignore[index]
            page.screenshot(
                path=str(SCREENSHOTS / f"cong-khai-{code}-{name}-{width}.png"), full_page=True
            )
        # The page itself: one plain sentence per target, no "21.1"-style numbering.
        page.goto(f"{live_server.url}/cong-khai/{code}/")
        sentences = page.locator(".pub-sentence").all_inner_texts()
        assert sentences and all("mục tiêu" in s.lower() for s in sentences), sentences[:3]
        assert any(s.startswith("Năm ") for s in sentences), sentences[:3]
        labels = page.locator(".pub-label").all_inner_texts()
        assert not any(label[:1].isdigit() and "." in label.split()[0] for label in labels)
    assert not errors, errors
    context.close()
