"""Slow tier: a chi bộ secretary reports progress on a phone (390×844, touch).

From the home's "việc cần làm" to the task, a refused progress (150%) comes back in place
with the Vietnamese message under its field and what was typed kept; corrected to 60%, the
update is saved and shown. The page never scrolls sideways and the button is big enough
to tap.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.browser.conftest import login
from trienkhai.tasks.models import TaskOccurrence, TaskUpdate

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390
PHONE = {
    "viewport": {"width": WIDTH, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 3,
    "locale": "vi-VN",
    "timezone_id": "Asia/Ho_Chi_Minh",
}
SCREENSHOT = "/tmp/phone_progress_refused.png"
NOTE = "Chi bộ đã họp, phổ biến kế hoạch cho 25 đảng viên."
REFUSED = "Tiến độ là số nguyên từ 0 đến 100."


def _layout_problems(page: Any) -> list[str]:
    """What sticks out of the phone's width: the page itself, or a field of the form."""
    problems: list[str] = []
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > WIDTH:
        problems.append(f"trang rộng {scroll}px")
    for name in ("day", "progress", "note", "evidence"):
        box = page.locator(f"#progress-{name}").bounding_box()
        if box is None or box["x"] < 0 or box["x"] + box["width"] > WIDTH:
            problems.append(f"ô {name}: {box}")
    return problems


def test_secretary_reports_progress_on_a_phone_refused_then_saved(
    live_server: Any, browser: Any, demo: str
) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(page, live_server.url, "chibo01", demo)
    page.wait_for_url(live_server.url + "/")

    # From the home's "việc cần làm" to the task, by tapping.
    todo = page.locator("#viec-can-lam").locator("xpath=..")
    todo.get_by_role("link", name=re.compile(r"^Báo cáo nhiệm vụ:")).first.tap()
    page.wait_for_url(re.compile(r"/nhiem-vu/\d+/"))
    task_url = page.url
    form = page.locator("form[action$='/cap-nhat/']")
    assert form.get_by_role("heading", name="Cập nhật tiến độ").is_visible()
    pk = int(re.findall(r"/ky/(\d+)/", form.get_attribute("action") or "")[0])
    occurrence = TaskOccurrence.objects.select_related("task__assignee").get(pk=pk)
    assert occurrence.task.assignee.code == "chibo01"
    assert f"/nhiem-vu/{occurrence.task_id}/" in task_url
    before = TaskUpdate.objects.filter(occurrence=occurrence).count()

    button = form.get_by_role("button", name="Lưu cập nhật")
    box = button.bounding_box()
    assert box is not None and box["height"] >= 40, box

    # A refused value: the page comes back with what was typed and the message in place.
    day = (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y")
    # Each label of the form names its own field, and no id is given twice on the page.
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    form.get_by_label("Ngày", exact=True).fill(day)
    form.get_by_label("Tiến độ (%)").fill("150")
    form.get_by_label("Nội dung đã làm").fill(NOTE)
    button.tap()
    page.wait_for_load_state()
    form = page.locator("form[action$='/cap-nhat/']")
    field = form.locator("div:has(> #progress-progress)")
    assert field.locator(".invalid-feedback").inner_text() == REFUSED
    message = field.locator(".invalid-feedback").bounding_box()
    typed = form.get_by_label("Tiến độ (%)").bounding_box()
    assert message is not None and typed is not None
    assert message["y"] >= typed["y"] + typed["height"], (message, typed)  # under the field
    assert form.get_by_label("Ngày", exact=True).input_value() == day
    assert form.get_by_label("Tiến độ (%)").input_value() == "150"
    assert form.get_by_label("Nội dung đã làm").input_value() == NOTE
    assert "Đã cập nhật tiến độ." not in page.content()
    assert TaskUpdate.objects.filter(occurrence=occurrence).count() == before
    occurrence.refresh_from_db()
    assert occurrence.progress != 150
    form.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOT)
    assert _layout_problems(page) == []
    box = form.get_by_role("button", name="Lưu cập nhật").bounding_box()
    assert box is not None and box["height"] >= 40, box

    # Corrected, it is saved and shown on the task page.
    form.get_by_label("Tiến độ (%)").fill("60")
    form.get_by_role("button", name="Lưu cập nhật").tap()
    page.wait_for_url(re.compile(rf"/nhiem-vu/{occurrence.task_id}/"))
    assert "Đã cập nhật tiến độ." in page.content()
    current = page.locator("section.task-current")
    assert current.locator("progress.task-progress").get_attribute("value") == "60"
    assert "60%" in current.inner_text()
    assert NOTE in page.locator(".task-timeline").inner_text()
    update = TaskUpdate.objects.get(occurrence=occurrence, kind=TaskUpdate.Kind.PROGRESS)
    assert (update.progress, update.note, update.date.strftime("%d/%m/%Y")) == (60, NOTE, day)
    assert update.created_by is not None and update.created_by.username == "chibo01"
    occurrence.refresh_from_db()
    assert occurrence.progress == 60
    assert _layout_problems(page) == []
    assert errors == []
    context.close()

    # Another chi bộ neither sees the task nor reports on it.
    other = browser.new_context(**PHONE)
    page = other.new_page()
    login(page, live_server.url, "chibo02", demo)
    page.wait_for_url(live_server.url + "/")
    response = page.goto(task_url)
    assert response is not None and response.status == 404
    token = next(c["value"] for c in other.cookies() if c["name"] == "csrftoken")
    posted = page.request.post(
        f"{live_server.url}/nhiem-vu/ky/{pk}/cap-nhat/",
        form={"day": day, "progress": "10", "note": "x"},
        headers={"X-CSRFToken": token, "Referer": live_server.url + "/"},
    )
    assert posted.status == 404
    assert TaskUpdate.objects.filter(occurrence=occurrence).count() == before + 1
    other.close()
