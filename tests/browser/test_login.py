from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("username", "unit_name"),
    [("vanphong", "Đảng bộ xã Tân Kỳ"), ("chibo01", "Chi bộ thôn Đông Tân")],
)
def test_demo_user_lands_on_dashboard_naming_own_unit(
    live_server: Any, page: Any, demo: str, username: str, unit_name: str
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server.url, username, demo)
    page.wait_for_url(live_server.url + "/")
    card = page.locator(".unit-card").first
    assert unit_name in card.inner_text()
    assert page.get_by_role("heading", name="Xin chào").is_visible()
    if username == "chibo01":
        assert "Chi bộ thôn Tây Tân" not in page.content()
    assert errors == []


def test_wrong_password_shows_vietnamese_error(live_server: Any, page: Any, demo: str) -> None:
    login(page, live_server.url, "chibo01", "sai-mat-khau")
    assert "mật khẩu không đúng" in page.content()
