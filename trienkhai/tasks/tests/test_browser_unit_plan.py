"""Must show 4: a chi bộ drafts its own plan, uploads the signed plan dated before 10/6/2026,
the office confirms it, and the board shows it on time.

"Today" is not the clock: the secretary gives the signing date in the upload form, and that
reported date is what the status is judged on.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chi_bo_drafts_uploads_and_the_office_confirms(
    live_server: Any, page: Any, browser: Any, demo: str, tmp_path: Path
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server.url, "chibo30", demo)
    page.goto(live_server.url + "/nhiem-vu/")
    page.get_by_role("link", name="Xây dựng kế hoạch thực hiện").first.click()
    page.wait_for_url("**/nhiem-vu/*/")
    assert page.get_by_text("Chưa hoàn thành, quá hạn").first.is_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tạo kế hoạch của chi bộ").click()
    draft = tmp_path / "ke-hoach-chi-bo.docx"
    download_info.value.save_as(draft)
    doc = Document(io.BytesIO(draft.read_bytes()))
    header = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]
    assert header[:2] == ["ĐẢNG BỘ XÃ TÂN KỲ", "CHI BỘ DOANH NGHIỆP CẢNG CÁ TÂN KỲ"]
    assert header[3] == "Số    -KH/CB"

    # The secretary edits, has it signed on 5/6/2026, and uploads it.
    page.fill("input[name=completed_on]", "05/06/2026")
    page.set_input_files("input[name=file]", str(draft))
    page.get_by_role("button", name="Nộp kế hoạch đã ký").click()
    page.wait_for_load_state()
    assert "Đã nộp kế hoạch của chi bộ" in page.content()
    assert page.get_by_text("Hoàn thành đúng hạn").first.is_visible()
    assert "Chờ xác nhận." in page.content()
    assert page.get_by_role("button", name="Xác nhận hoàn thành").count() == 0
    task_url = page.url

    office = browser.new_page()
    office.on("pageerror", lambda exc: errors.append(str(exc)))
    login(office, live_server.url, "vanphong", demo)
    office.goto(live_server.url + "/nhiem-vu/ke-hoach-chi-bo/")
    # The unit's report counts from its date (the demo had 26/31); the confirmation follows.
    ratio = "27/31 chi bộ đã xây dựng kế hoạch, đạt 87,10%"
    assert office.locator("#board-ratio").inner_text() == ratio
    assert office.locator("#board-chibo30").get_by_role("button", name="Xác nhận").count() == 1
    office.locator("#board-chibo30").get_by_role("link").first.click()
    office.wait_for_url(task_url.split("?")[0] + "*")
    office.get_by_role("button", name="Xác nhận hoàn thành").click()
    office.wait_for_load_state()
    assert "Đã xác nhận hoàn thành." in office.content()

    office.goto(live_server.url + "/nhiem-vu/ke-hoach-chi-bo/")
    assert office.locator("#board-ratio").inner_text() == ratio
    row = office.locator("#board-chibo30")
    assert row.get_by_text("Hoàn thành đúng hạn").is_visible()
    assert "05/06/2026" in row.inner_text()
    assert "ke-hoach-chi-bo.docx" in row.inner_text()
    assert row.locator(".bi-patch-check").count() == 1
    office.close()
    assert errors == []
