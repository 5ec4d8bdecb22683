"""A refused study session comes back with everything the secretary typed, the message
under the field it is about, and nothing saved."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.core.tests.posted_form import Page, assert_kept, assert_under
from trienkhai.dissemination.models import SessionAttendance, StudySession
from trienkhai.dissemination.tests.conftest import PARTY, headcount, record
from trienkhai.plans.models import Plan

pytestmark = pytest.mark.django_db

Kind = StudySession.Kind
Form = StudySession.Form
COUNT = f"attendees_{PARTY}"


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
