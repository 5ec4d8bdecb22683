"""The link of a reminder, tapped in Zalo's in-app browser on a phone: logged out, it asks
for the login once, then opens the report's form — no script error, no sideways scroll."""

from __future__ import annotations

from typing import Any

import pytest

from trienkhai.reporting.models import ReportRequest

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZALO_ANDROID = (
    "Mozilla/5.0 (Linux; Android 13; SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36 Zalo android/12100000 ZaloTheme/light "
    "ZaloLanguage/vi"
)
ZALO_PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 3,
    "locale": "vi-VN",
    "user_agent": ZALO_ANDROID,
}


def _no_sideways_scroll(page: Any) -> int:
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def test_the_short_link_opens_the_report_form_after_login_in_zalo(
    live_server: Any, browser: Any, demo: str
) -> None:
    base = live_server.url
    req = ReportRequest.objects.get(org_unit__code="chibo01", period="2026-Q4")
    context = browser.new_context(**ZALO_PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    assert "Zalo" in page.evaluate("navigator.userAgent")

    page.goto(f"{base}/r/b{req.pk}")
    page.wait_for_url("**/tai-khoan/dang-nhap/**")
    assert page.locator("input[name=username]").is_visible()
    assert _no_sideways_scroll(page) <= 1
    page.fill("input[name=username]", "chibo01")
    page.fill("input[name=password]", demo)
    page.locator("button[type=submit]").tap()

    page.wait_for_url(f"{base}/bao-cao/{req.pk}/")
    assert page.get_by_role("textbox", name="Kết quả thực hiện").is_visible()
    assert _no_sideways_scroll(page) <= 1
    # Logged in once: the next link opens straight away.
    page.goto(f"{base}/r/b{req.pk}")
    page.wait_for_url(f"{base}/bao-cao/{req.pk}/")
    context.close()
    assert errors == []
