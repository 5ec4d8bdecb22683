from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_renders_in_vietnamese_with_css_and_js(live_server: Any, page: Any) -> None:
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    failed: list[str] = []
    page.on("requestfailed", lambda req: failed.append(req.url))

    page.goto(live_server.url + "/")
    assert "/tai-khoan/dang-nhap/" in page.url
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Đăng nhập").is_visible()
    # Bootstrap's CSS is applied (the button is styled), and our JS ran.
    color = page.eval_on_selector(
        "button[type=submit]", "el => getComputedStyle(el).backgroundColor"
    )
    assert color not in ("", "rgba(0, 0, 0, 0)")
    assert page.evaluate("document.documentElement.classList.contains('js')")
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("typeof window.bootstrap") == "object"
    assert errors == []
    assert failed == []
