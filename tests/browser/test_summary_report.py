"""The summary report in a browser: the commune's office drafts Tân Kỳ's quarter II summary
and sends it for signature, the secretary returns it with a comment, the office reads it,
edits a section and sends it again, the secretary approves it, the office issues it and
downloads the Word and PDF files. Screenshots at 1366 and 390 px go to /tmp/shots/."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import login
from trienkhai.plans.models import Plan
from trienkhai.reporting.models import SummaryEvent, SummaryReport, SummaryState

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK = {"viewport": {"width": 1366, "height": 900}, "locale": "vi-VN", "accept_downloads": True}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "locale": "vi-VN",
}
SHOTS = Path("/tmp/shots")
COMMENT = "Đề nghị bổ sung kiến nghị về tài liệu cho đảng viên cao tuổi."
ADDED = "Đề nghị Thành ủy cấp tài liệu bản in cho đảng viên cao tuổi."


def _press(page: Any, name: str) -> None:
    """Press a form's button and wait for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def _shoot(pages: dict[str, Any], path: str, name: str) -> None:
    """The page at both widths; on the phone nothing may stick out sideways."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, page in pages.items():
        page.goto(path)
        page.screenshot(path=str(SHOTS / f"summary-{name}-{width}.png"), full_page=True)
    assert pages["390"].evaluate("document.documentElement.scrollWidth") <= 390, name


def _download(page: Any, link: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link).click()
    return Path(info.value.path()).read_bytes()


def test_the_office_drafts_the_leader_returns_then_approves_and_it_is_issued(
    live_server: Any, browser: Any, demo: str
) -> None:
    base = live_server.url
    plan = Plan.objects.get(org_unit__code="tan-ky", source_name="ke_hoach_tan_ky.txt")
    assert not SummaryReport.objects.filter(org_unit__code="tan-ky", period="2026-Q2").exists()
    errors: list[str] = []
    office = browser.new_context(**DESK).new_page()
    leader = browser.new_context(**DESK).new_page()
    phone = browser.new_context(**PHONE).new_page()
    leader_phone = browser.new_context(**PHONE).new_page()
    for page in (office, leader, phone, leader_phone):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(office, base, "vanphong", demo)
    login(leader, base, "bithu", demo)
    login(phone, base, "vanphong", demo)
    login(leader_phone, base, "bithu", demo)

    # The office: from the menu to the list, the form filled in, the draft built.
    office.goto(base + "/")
    office.get_by_role("button", name="Báo cáo", exact=True).click()
    office.get_by_role("link", name="Báo cáo tổng hợp").click()
    office.wait_for_url("**/bao-cao/tong-hop/")
    office.get_by_label("Đơn vị báo cáo").select_option(
        label="Đảng bộ xã Tân Kỳ"
    )  # flush left: the widest unit
    office.get_by_label("Báo cáo kết quả thực hiện kế hoạch").select_option(str(plan.pk))
    office.get_by_label("Kỳ báo cáo").fill("Quý II/2026")
    _press(office, "Lập báo cáo tổng hợp")
    summary = SummaryReport.objects.get(org_unit__code="tan-ky", period="2026-Q2", plan=plan)
    detail = f"{base}/bao-cao/tong-hop/{summary.pk}/"
    assert office.url == detail
    assert "Đã lập dự thảo" in office.locator("main").inner_text()
    pages = {"1366": office, "390": phone}
    _shoot(pages, base + "/bao-cao/tong-hop/", "list")
    _shoot(pages, detail, "draft")
    _press(office, "Trình ký")
    assert "Đã trình ký" in office.locator("main").inner_text()

    # The secretary returns it: the comment is asked for.
    _shoot({"1366": leader, "390": leader_phone}, detail, "pending")
    leader.goto(detail)
    leader.get_by_label("Ý kiến của lãnh đạo (Văn phòng sửa theo)").fill(COMMENT)
    _press(leader, "Trả lại")
    assert "Lãnh đạo trả lại" in leader.locator("main").inner_text()

    # The office sees why, adds the proposal and sends it again.
    office.goto(detail)
    assert COMMENT in office.locator(".sum-returned").inner_text()
    _shoot(pages, detail, "returned")
    office.goto(detail)
    box = office.get_by_label("VII. ĐỀ XUẤT, KIẾN NGHỊ")
    box.fill((box.input_value() + "\n" + ADDED).strip())
    _press(office, "Trình ký")

    # The secretary approves; the office issues it with the register's next number.
    leader.goto(detail)
    assert ADDED in leader.locator("#phan-proposals").inner_text()
    _press(leader, "Duyệt")
    office.goto(detail)
    _press(office, "Ban hành")
    summary.refresh_from_db()
    assert summary.state == SummaryState.ISSUED and summary.document is not None
    reference = summary.document.reference
    assert reference in office.locator("main").inner_text()
    _shoot(pages, detail, "issued")

    office.goto(detail)
    docx = _download(office, "Tải bản Word")
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        text = re.sub(r"<[^>]+>", "", archive.read("word/document.xml").decode())
    assert reference in text and ADDED in text
    assert _download(office, "Tải bản PDF").startswith(b"%PDF")

    steps = list(SummaryEvent.objects.filter(summary=summary).values_list("action", flat=True))
    assert steps == ["created", "submitted", "returned", "saved", "submitted", "approved", "issued"]
    assert errors == []
