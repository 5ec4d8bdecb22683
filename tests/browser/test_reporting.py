"""The reporting loop in a browser: chi bộ 01 sends its quarterly report on a phone, Ban Xây
dựng Đảng returns it with a reason, the chi bộ sends it again, the office accepts it; the late
board and the rates page show each step."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import login
from trienkhai.reporting.models import ReportEvent, ReportRequest, RequestState

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 3,
    "locale": "vi-VN",
}
DESK = {"viewport": {"width": 1280, "height": 900}, "locale": "vi-VN"}
# A day after Q4's due date (15/12/2026): what is not sent by then is on the late board.
AFTER_DUE = "ngay=20/12/2026"
REASON = "Đề nghị bổ sung số đảng viên dự sinh hoạt chuyên đề."


def _press(page: Any, name: str, *, tap: bool = False) -> None:
    """Press a form's button and wait for the page it leads to."""
    button = page.get_by_role("button", name=name)
    with page.expect_navigation():
        button.tap() if tap else button.click()


def _board_has(page: Any, base: str, req: ReportRequest) -> bool:
    page.goto(f"{base}/bao-cao/cham-nop/?ky=2026-Q4&{AFTER_DUE}")
    return bool(page.locator(f"#cham-{req.pk}").count())


def _rates_row(page: Any, base: str) -> list[str]:
    page.goto(f"{base}/bao-cao/ti-le/?ky=2026-Q4")
    cells = page.locator("#ti-le-chibo01 td").all_inner_texts()
    return [c.strip() for c in cells][1:]  # after the unit's name


def test_a_report_goes_round_the_loop(live_server: Any, browser: Any, demo: str) -> None:
    base = live_server.url
    req = ReportRequest.objects.get(org_unit__code="chibo01", period="2026-Q4")
    assert req.state == RequestState.NOT_STARTED
    errors: list[str] = []

    cell = browser.new_context(**PHONE).new_page()
    office = browser.new_context(**DESK).new_page()
    for page in (cell, office):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(cell, base, "chibo01", demo)
    login(office, base, "bxd", demo)
    assert _board_has(office, base, req)
    # Phải nộp, đã nộp, đã duyệt, đúng hạn: nothing sent yet.
    assert _rates_row(office, base)[:4] == ["1", "0", "0", "0"]

    # The chi bộ, on its phone: from "Báo cáo" to the quarter's report, written and sent.
    cell.goto(base + "/bao-cao/")
    cell.locator(f"a[href='/bao-cao/{req.pk}/']").tap()
    cell.wait_for_url(f"**/bao-cao/{req.pk}/")
    assert cell.evaluate("document.documentElement.scrollWidth") <= 390
    cell.get_by_role("textbox", name="Kết quả thực hiện").fill(
        "Chi bộ đã sinh hoạt chuyên đề, 41/45 đảng viên dự."
    )
    _press(cell, "Gửi báo cáo", tap=True)
    assert "Đã gửi" in cell.locator("main").inner_text()
    assert not _board_has(office, base, req)
    assert _rates_row(office, base)[:4] == ["1", "1", "0", "1"]

    # The office returns it with a reason, from its queue.
    office.goto(base + "/bao-cao/cho-duyet/")
    office.locator(f"a[href='/bao-cao/{req.pk}/']").first.click()
    office.wait_for_url(f"**/bao-cao/{req.pk}/")
    office.get_by_label("Lý do trả lại").fill(REASON)
    _press(office, "Trả lại")
    assert REASON in office.locator("main").inner_text()
    assert _board_has(office, base, req)  # back with the unit: late again after the due date

    # The chi bộ sees why, completes the text and sends it again.
    cell.goto(f"{base}/bao-cao/{req.pk}/")
    assert REASON in cell.locator("main").inner_text()
    field = cell.get_by_role("textbox", name="Kết quả thực hiện")
    field.fill(field.input_value() + " Đã bổ sung danh sách đảng viên vắng có lý do.")
    _press(cell, "Gửi báo cáo", tap=True)

    # The office accepts it: locked, counted, off the board.
    office.goto(f"{base}/bao-cao/{req.pk}/")
    _press(office, "Duyệt")
    assert "Đã duyệt" in office.locator("main").inner_text()
    assert not _board_has(office, base, req)
    assert _rates_row(office, base)[:4] == ["1", "1", "1", "1"]
    cell.goto(f"{base}/bao-cao/{req.pk}/")
    assert cell.get_by_role("button", name="Gửi báo cáo").count() == 0

    req.refresh_from_db()
    assert (req.state, req.returns) == (RequestState.ACCEPTED, 1)
    steps = list(ReportEvent.objects.filter(request=req).values_list("action", flat=True))
    assert steps == ["submitted", "returned", "submitted", "accepted"]
    assert errors == []
