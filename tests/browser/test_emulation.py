"""The year's scoring in a browser: the office (vanphong) sets the weights, reads the suggested
ratings, overrides one chi bộ's band with a reason, signs the round off, proposes the units
rated xuất sắc and issues the tờ trình, which downloads as a Word file."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.browser.conftest import login
from trienkhai.emulation.models import Band, ScoreRound

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK = {"viewport": {"width": 1366, "height": 900}, "locale": "vi-VN", "accept_downloads": True}
REASON = "Chi bộ chưa tổ chức sinh hoạt chuyên đề quý IV theo kế hoạch."


def card_names_in(text: str, round_: ScoreRound) -> bool:
    """The unit proposed is named in the tờ trình's table."""
    return all(c.unit.name in text for c in round_.commendations.select_related("unit"))


def _press(page: Any, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).first.click()


def test_the_office_scores_overrides_signs_and_proposes(
    live_server: Any, browser: Any, demo: str
) -> None:
    base = live_server.url
    errors: list[str] = []
    page = browser.new_context(**DESK).new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: dialog.accept())  # the sign-off and issue confirmations
    login(page, base, "vanphong", demo)
    round_ = ScoreRound.objects.get(org_unit__code="tan-ky", year=2026)
    assert not round_.signed

    # The weights: tasks count more, coverage less; saved and counted again at once.
    page.goto(base + "/thi-dua/?nam=2026&don_vi=tan-ky")
    assert "tham khảo" in page.locator("main").inner_text()
    page.get_by_text("Cách tính điểm").click()
    page.get_by_label("Nhiệm vụ hoàn thành đúng hạn").fill("31")
    page.get_by_label("Học tập, quán triệt đạt tỉ lệ").fill("15")
    _press(page, "Lưu và tính lại")
    assert "phải bằng 100 (hiện là 101)" in page.locator("main").inner_text()
    page.get_by_label("Nhiệm vụ hoàn thành đúng hạn").fill("30")
    _press(page, "Lưu và tính lại")
    assert "Đã lưu cách tính và tính lại điểm." in page.locator("main").inner_text()
    round_.refresh_from_db()
    assert (round_.weights["tasks"], round_.weights["coverage"]) == (30, 15)

    # One chi bộ's card: its conditions, then the office's band with a reason.
    page.locator("#diem-chibo01 a").first.click()
    page.wait_for_url("**/thi-dua/diem/**")
    assert "Quy định 366-QĐ/TW" in page.locator("main").inner_text()
    page.get_by_label("Mức xếp loại đề xuất").select_option(Band.FULFILLED.value)
    page.get_by_label("Lý do điều chỉnh").fill(REASON)
    _press(page, "Lưu điều chỉnh")
    card = round_.cards.get(org_unit__code="chibo01")
    assert card.band_final == Band.FULFILLED and card.override_reason == REASON
    assert "Văn phòng điều chỉnh" in page.locator("#diem-chibo01").inner_text()

    # Signed off: the figures are frozen.
    _press(page, "Ký duyệt kết quả")
    round_.refresh_from_db()
    assert round_.signed and "Đã ký duyệt" in page.locator("main").inner_text()

    # The proposals: one click per unit rated xuất sắc, then the tờ trình, numbered.
    page.get_by_role("link", name="Đề nghị khen thưởng").first.click()
    page.wait_for_url("**/khen-thuong/")
    _press(page, "Đề nghị")
    assert round_.commendations.count() == 1
    _press(page, "Ban hành tờ trình (cấp số)")
    round_.refresh_from_db()
    assert round_.proposal is not None and round_.proposal.number is not None
    with page.expect_download() as info:
        page.get_by_role("link", name="Tờ trình").first.click()
    path = Path(info.value.path())
    doc = Document(BytesIO(path.read_bytes()))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    text = "\n".join([*(p.text for p in doc.paragraphs), *cells])
    assert "TỜ TRÌNH" in text and f"Số {round_.proposal.number:02d}-TTr/ĐU" in text
    assert card_names_in(text, round_)
    assert errors == []
