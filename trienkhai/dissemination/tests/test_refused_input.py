"""A refused study session comes back with everything the secretary typed, the message
under the field it is about, and nothing saved."""

from __future__ import annotations

from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.dissemination.models import SessionAttendance, StudySession
from trienkhai.dissemination.tests.conftest import PARTY, headcount, record
from trienkhai.plans.models import Plan

pytestmark = pytest.mark.django_db

Kind = StudySession.Kind
Form = StudySession.Form
COUNT = f"attendees_{PARTY}"


class Page(HTMLParser):
    """What a browser would post back from the page, and the text under each field."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.errors: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._error: str | None = None
        self._depth = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        name = a.get("name")
        if self._error is not None and tag == "div":
            self._depth += 1
        elif tag == "div" and (a.get("id") or "").endswith("_error"):
            self._error, self._depth = (a["id"] or "")[3:-6], 1
            self.errors[self._error] = ""
        if tag == "input" and name and a.get("type") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.values[name] = a.get("value") or "on"
            else:
                self.values[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            # A browser sends the selected option, else the first one.
            if "selected" in a or self._select not in self.values:
                self.values[self._select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "div" and self._error is not None:
            self._depth -= 1
            if not self._depth:
                self._error = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data
        if self._error is not None:
            self.errors[self._error] += data


def assert_kept(response: Any, posted: dict[str, str]) -> Page:
    """The page is shown again (not a redirect) and posts back exactly what was sent."""
    assert response.status_code == 200
    page = Page(response.content.decode())
    for name, value in posted.items():
        assert page.values.get(name) == value, name
    return page


def assert_under(response: Any, page: Page, field: str, fragment: str) -> None:
    """The message is the form's error on `field` and is shown under that field only."""
    errors = " ".join(str(e) for e in response.context["form"].errors.get(field, []))
    assert fragment in errors
    assert fragment in page.errors.get(field, "")
    assert not [k for k, text in page.errors.items() if k != field and fragment in text]


def assert_nothing_saved(before: tuple[int, int]) -> None:
    assert (StudySession.objects.count(), SessionAttendance.objects.count()) == before


def counts() -> tuple[int, int]:
    return StudySession.objects.count(), SessionAttendance.objects.count()


def create_url(plan: Plan, code: str = "tk-cb-a") -> str:
    return reverse("dissemination:session_create", args=[code]) + f"?ke_hoach={plan.pk}"


def typed(**fields: str) -> dict[str, str]:
    """A whole session as typed, choices away from the form's defaults (main, cell meeting)."""
    return {
        "date": "2026-06-15",
        "kind": Kind.OTHER,
        "format": Form.THEMATIC,
        COUNT: "43",
        "essays": "12",
        "place": "Nhà văn hóa thôn A, xóm Đông",
        **fields,
    }


def test_attendees_above_the_headcount_keep_every_value(
    client: Any, world: World, plan: Plan
) -> None:
    headcount(world.cell_a, 40)
    client.force_login(world.reporter_a)
    posted = typed()
    response = client.post(create_url(plan), posted)
    page = assert_kept(response, posted)
    assert_under(response, page, COUNT, "số đảng viên dự (43) vượt sĩ số đảng viên (40)")
    assert not response.context["form"].non_field_errors()
    assert_nothing_saved((0, 0))
    # Another commune's office never reaches the unit's form, by GET or POST.
    client.force_login(world.outsider)
    assert client.get(create_url(plan)).status_code == 404
    assert client.post(create_url(plan), typed(**{COUNT: "40"})).status_code == 404
    assert_nothing_saved((0, 0))


def test_bad_numbers_and_a_missing_date_keep_the_rest(
    client: Any, world: World, plan: Plan
) -> None:
    client.force_login(world.office)
    posted = typed(date="", **{COUNT: "-3"}, essays="mười")
    response = client.post(create_url(plan), posted)
    page = assert_kept(response, posted)
    assert_under(response, page, "date", "Cần nhập ngày.")
    assert_under(response, page, COUNT, "Số người dự không được là số âm.")
    assert response.context["form"].errors["essays"]
    assert page.errors["essays"]
    # The fields that were right carry no error.
    assert "place" not in page.errors and "format" not in page.errors
    assert_nothing_saved((0, 0))
    # A Vietnamese-typed number comes back as typed, not reformatted.
    posted = typed(**{COUNT: "1.043"})
    headcount(world.cell_a, 40)
    response = client.post(create_url(plan), posted)
    page = assert_kept(response, posted)
    assert_under(response, page, COUNT, "(1.043) vượt sĩ số đảng viên (40)")
    assert_nothing_saved((0, 0))


def test_a_future_date_is_refused_under_the_date(client: Any, world: World, plan: Plan) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert tomorrow <= date(2030, 12, 31)  # inside the plan: the future rule speaks, not the period
    client.force_login(world.reporter_a)
    posted = typed(date=tomorrow.isoformat(), **{COUNT: "20"})
    response = client.post(create_url(plan), posted)
    page = assert_kept(response, posted)
    assert_under(response, page, "date", "không được sau ngày hôm nay")
    assert COUNT not in page.errors
    assert_nothing_saved((0, 0))


def test_a_second_main_session_is_refused_under_its_kind(
    client: Any, world: World, plan: Plan
) -> None:
    record(world.office, plan, world.cell_a, 30, day=date(2026, 6, 1))
    before = counts()
    client.force_login(world.reporter_a)
    # The form now offers "make-up" by default: choosing "main" again must stay chosen.
    assert Page(client.get(create_url(plan)).content.decode()).values["kind"] == Kind.MAKE_UP
    posted = typed(kind=Kind.MAIN, **{COUNT: "5"})
    response = client.post(create_url(plan), posted)
    page = assert_kept(response, posted)
    assert_under(response, page, "kind", "đã có buổi quán triệt chính cho đảng viên")
    assert_nothing_saved(before)


def test_a_refused_edit_keeps_the_new_values_and_the_old_session(
    client: Any, world: World, plan: Plan
) -> None:
    headcount(world.cell_a, 40)
    session = record(world.reporter_a, plan, world.cell_a, 30, day=date(2026, 6, 1))
    url = reverse("dissemination:session_edit", args=[session.pk])
    client.force_login(world.reporter_a)
    # The edit form starts from the session as saved.
    start = Page(client.get(url).content.decode()).values
    assert (start["date"], start["kind"], start["format"], start[COUNT]) == (
        "2026-06-01",
        Kind.MAIN,
        Form.CELL_MEETING,
        "30",
    )
    before = counts()
    posted = typed(date="2026-06-03", kind=Kind.MAIN, **{COUNT: "45"}, essays="7")
    response = client.post(url, posted)
    page = assert_kept(response, posted)
    assert_under(response, page, COUNT, "số đảng viên dự (45) vượt sĩ số đảng viên (40)")
    assert_nothing_saved(before)
    session.refresh_from_db()
    assert (session.date, session.form, session.essays, session.place) == (
        date(2026, 6, 1),
        Form.CELL_MEETING,
        0,
        "",
    )
    assert session.attendance.get().count == 30
    # Another commune's office: the session does not exist for it.
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, typed(kind=Kind.MAIN, **{COUNT: "40"})).status_code == 404
    session.refresh_from_db()
    assert session.attendance.get().count == 30 and session.form == Form.CELL_MEETING
