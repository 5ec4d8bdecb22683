"""On a phone (390×844): chi bộ 01 records its session, the board updates, and chi bộ 02's
sessions stay out of its sight. The draft survives a reload and a lost connection."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import login
from trienkhai.dissemination.models import StudySession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_cell_records_a_session_on_the_phone(live_server: Any, browser: Any, demo: str) -> None:
    context = browser.new_context(viewport=PHONE, locale="vi-VN", has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server.url, "chibo01", demo)
    page.goto(live_server.url + "/quan-triet/")
    assert "0/44 đảng viên, đạt 0,00%" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_role("link", name="Ghi buổi học tập").click()
    page.wait_for_url("**/quan-triet/buoi-hoc/ghi/chibo01/**")
    fields = page.locator(
        "form.dsm-phone-form input:not([type=hidden]), form.dsm-phone-form select, "
        "form.dsm-phone-form textarea"
    )
    assert fields.count() <= 8
    count = page.locator("input[name=attendees_party_members]")
    assert count.get_attribute("inputmode") == "numeric"
    page.fill("input[name=date]", "2026-06-15")
    count.fill("42")

    # A reload (or a page lost on a weak connection) brings the draft back.
    page.reload()
    assert count.input_value() == "42"
    assert page.locator("input[name=date]").input_value() == "2026-06-15"
    assert page.locator("#draft-notice").is_visible()
    page.fill("input[name=essays]", "40")
    page.fill("input[name=place]", "Nhà văn hóa thôn Đông Tân")

    # Offline: nothing is sent, the draft stays, the secretary is told.
    context.set_offline(True)
    page.get_by_role("button", name="Lưu").click()
    assert page.locator("#offline-notice").is_visible()
    assert "/buoi-hoc/ghi/chibo01/" in page.url
    context.set_offline(False)

    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/quan-triet/buoi-hoc/*/?da_luu=*")
    assert "Đã lưu buổi học tập." in page.content()
    drafts = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('trienkhai:buoi-hoc'))"
    )
    assert drafts == []

    page.goto(live_server.url + "/quan-triet/")
    assert "42/44 đảng viên, đạt 95,45%" in page.content()
    assert page.locator("table.dsm-board tbody").get_by_text("15/06/2026").is_visible()

    # Chi bộ 02's sessions: not listed, and a 404 by address.
    other = StudySession.objects.filter(org_unit__code="chibo02").first()
    assert other is not None
    page.goto(live_server.url + "/quan-triet/buoi-hoc/")
    assert "Chi bộ thôn Tây Tân" not in page.content()
    assert "Chi bộ thôn Đông Tân" in page.content()
    response = page.goto(live_server.url + f"/quan-triet/buoi-hoc/{other.pk}/")
    assert response is not None and response.status == 404
    response = page.goto(live_server.url + "/quan-triet/?don_vi=chibo02")
    assert response is not None and response.status == 404
    assert errors == []
    context.close()

    # The office's board counts the new session in the commune's total.
    office = browser.new_page()
    login(office, live_server.url, "vanphong", demo)
    office.goto(live_server.url + "/quan-triet/")
    assert "2.951/3.044 đảng viên, đạt 96,94%" in office.content()
    office.close()
