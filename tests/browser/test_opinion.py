"""The opinion loop in a browser: chi bộ 01 writes down what people said, on its phone; the
office (vanphong) takes it up and answers it at its desk; the chi bộ reads the answer, and its
next report (Q4, not yet begun) counts the opinion and the answer in its prefilled figures."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import login
from trienkhai.opinion.models import OpinionReport, OpinionState
from trienkhai.reporting.models import ReportRequest, RequestState

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 3,
    "locale": "vi-VN",
}
DESK = {"viewport": {"width": 1280, "height": 900}, "locale": "vi-VN"}
TOPIC = "Đường trục thôn Đông bị ngập khi mưa lớn"
TOTAL = "Ý kiến, phản ánh, kiến nghị ghi nhận"
ANSWERED = "Đã trả lời, giải quyết"


def _press(page: Any, name: str, *, tap: bool = False) -> None:
    button = page.get_by_role("button", name=name)
    with page.expect_navigation():
        button.tap() if tap else button.click()


def _system(page: Any, base: str, req: ReportRequest, label: str) -> str:
    """The system's count of a figure on the unit's report form."""
    page.goto(f"{base}/bao-cao/{req.pk}/")
    figure = page.locator(".req-fig", has=page.get_by_text(label, exact=True))
    return str(figure.get_attribute("data-system"))


def test_an_opinion_from_a_phone_is_answered_and_counted(
    live_server: Any, browser: Any, demo: str
) -> None:
    base = live_server.url
    req = ReportRequest.objects.get(org_unit__code="chibo01", period="2026-Q4")
    assert req.state == RequestState.NOT_STARTED  # its figures are counted afresh
    errors: list[str] = []
    cell = browser.new_context(**PHONE).new_page()
    office = browser.new_context(**DESK).new_page()
    for page in (cell, office):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(cell, base, "chibo01", demo)
    login(office, base, "vanphong", demo)
    before_total = int(_system(cell, base, req, TOTAL))
    before_answered = int(_system(cell, base, req, ANSWERED))

    # The chi bộ, on its phone, from the menu to the short form.
    cell.goto(base + "/")
    cell.get_by_role("button", name="Mở menu").tap()
    cell.get_by_role("button", name="Tuyên truyền").tap()
    cell.get_by_role("link", name="Dư luận xã hội").tap()
    cell.wait_for_url("**/du-luan/")
    cell.get_by_role("link", name="Ghi nhận ý kiến").tap()
    cell.wait_for_url("**/du-luan/moi/")
    assert cell.evaluate("document.documentElement.scrollWidth") <= 390
    cell.get_by_label("Kiến nghị, đề xuất").check()
    cell.get_by_label("Chủ đề").fill(TOPIC)
    # Sent without its content first: refused, and what was typed is still there.
    _press(cell, "Lưu", tap=True)
    assert "/du-luan/moi/" in cell.url
    assert cell.get_by_label("Chủ đề").input_value() == TOPIC
    cell.get_by_label("Nội dung ý kiến, phản ánh").fill(
        "Bà con đề nghị nạo vét rãnh thoát nước dọc đường trục thôn Đông trước mùa mưa."
    )
    cell.get_by_label("Số người phản ánh").fill("15")
    _press(cell, "Lưu", tap=True)
    assert "Đã ghi nhận ý kiến, phản ánh." in cell.locator("main").inner_text()
    report = OpinionReport.objects.get(topic=TOPIC)
    assert report.org_unit.code == "chibo01" and report.state == OpinionState.NEW
    assert int(_system(cell, base, req, TOTAL)) == before_total + 1

    # The office: from the list to the report, taken up, then answered.
    office.goto(base + "/du-luan/?tinh_trang=new")
    office.get_by_role("link", name=TOPIC).click()
    office.wait_for_url(f"**/du-luan/{report.pk}/")
    office.get_by_label("Hướng xử lý").fill("Chuyển UBND xã khảo sát, trả lời trong tuần.")
    _press(office, "Tiếp nhận")
    assert "Đang xử lý" in office.locator("#tinh-trang").inner_text()
    office.get_by_role("textbox", name="Nội dung trả lời").fill(
        "UBND xã đã giao HTX nạo vét 600 m rãnh thoát nước, hoàn thành ngày 05/12/2026."
    )
    office.get_by_label("Cơ quan, người trả lời").fill("Đồng chí Phó Chủ tịch UBND xã")
    _press(office, "Lưu trả lời")
    assert "Đã trả lời" in office.locator("#tinh-trang").inner_text()

    # The chi bộ reads the answer and who gave it; its report counts it.
    cell.goto(f"{base}/du-luan/{report.pk}/")
    answer = cell.locator("#tra-loi").inner_text()
    assert "nạo vét 600 m" in answer and "Đồng chí Phó Chủ tịch UBND xã" in answer
    trail = cell.locator("#dien-bien").inner_text()
    assert "Tiếp nhận, xử lý" in trail and "Trả lời" in trail
    assert int(_system(cell, base, req, ANSWERED)) == before_answered + 1
    assert int(_system(cell, base, req, TOTAL)) == before_total + 1
    assert errors == []
