"""Implausible figures: negative counts and shares above 100 % refused, a headcount far from
the members already known asked to be confirmed with a note that is then kept."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.core.plausibility import NeedsConfirmation
from trienkhai.dissemination import services
from trienkhai.dissemination.models import Headcount
from trienkhai.dissemination.services import (
    HEADCOUNT_TOLERANCE_PEOPLE,
    SessionInvalid,
    headcount_set,
)
from trienkhai.dissemination.tests.conftest import PARTY, headcount, record
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.models import Plan

JUNE = date(2026, 6, 1)


def set_count(world: World, unit: OrgUnit, count: int, note: str = "", day: date = JUNE) -> Any:
    return headcount_set(
        actor=world.office, unit=unit, group=PARTY, as_of=day, count=count, confirm_note=note
    )


def test_negative_headcount_refused_under_its_field(world: World) -> None:
    with pytest.raises(SessionInvalid) as exc:
        set_count(world, world.cell_a, -1)
    assert exc.value.field == "count"
    assert exc.value.errors == {"count": ["Sĩ số không được là số âm."]}
    assert not Headcount.objects.exists()


def test_headcount_far_from_the_last_one_needs_a_note_that_is_kept(world: World) -> None:
    from auditlog.models import LogEntry

    headcount(world.cell_a, 40)  # 01/05/2026
    with pytest.raises(NeedsConfirmation) as exc:
        set_count(world, world.cell_a, 60)
    (doubt,) = exc.value.doubts
    assert doubt.field == "count"
    assert doubt.message == (
        "Sĩ số đảng viên của Chi bộ thôn A (60) chênh 20 người so với số hệ thống đang có "
        "(40, sĩ số từ ngày 01/05/2026)."
    )
    assert Headcount.objects.count() == 1
    saved = set_count(world, world.cell_a, 60, note="Sáp nhập chi bộ thôn C")
    assert saved.confirm_note == "Sáp nhập chi bộ thôn C"
    entry = LogEntry.objects.filter(additional_data__action="dissemination.headcount.set").get()
    assert entry.additional_data["confirm_note"] == "Sáp nhập chi bộ thôn C"


def test_the_tolerance_needs_both_the_share_and_the_people(world: World) -> None:
    headcount(world.cell_a, 40)
    headcount(world.cell_b, 10)
    # 40 → 47: 7 people but 17,5 %; 10 → 15: 50 % but only 5 people. Neither asks.
    assert set_count(world, world.cell_a, 47).confirm_note == ""
    assert set_count(world, world.cell_b, 10 + HEADCOUNT_TOLERANCE_PEOPLE).confirm_note == ""
    # Correcting the 01/06 row to 16: compared with 01/05 (10), never with the row being
    # replaced (15): 6 people and 60 % — asked.
    with pytest.raises(NeedsConfirmation):
        set_count(world, world.cell_b, 16)
    # No history at all: nothing to compare with.
    fresh = OrgUnitFactory.create(parent=world.commune, kind=OrgUnit.Kind.PARTY_CELL)
    assert set_count(world, fresh, 500).confirm_note == ""


def test_headcount_compared_with_the_members_of_its_sub_units(world: World) -> None:
    # Cells under a cell (tổ đảng counted as cells): their headcounts summed are the members
    # known for the parent.
    parent = world.cell_a
    for code, count in (("to-1", 12), ("to-2", 18)):
        child = OrgUnitFactory.create(parent=parent, code=code, kind=OrgUnit.Kind.PARTY_CELL)
        headcount(child, count)
    parent.refresh_from_db()
    with pytest.raises(NeedsConfirmation) as exc:
        set_count(world, parent, 50)
    assert "(30, tổng sĩ số của 2 đơn vị trực thuộc)" in exc.value.doubts[0].message
    assert set_count(world, parent, 31).count == 31


def test_share_above_100_percent_refused_naming_unit_group_and_numbers(
    world: World, plan: Plan
) -> None:
    headcount(world.cell_a, 40)
    with pytest.raises(SessionInvalid) as exc:
        record(world.office, plan, world.cell_a, 45)
    assert exc.value.field == f"attendees_{PARTY}"
    (message,) = exc.value.errors[f"attendees_{PARTY}"]
    assert message.startswith("Chi bộ thôn A: số đảng viên dự (45) vượt sĩ số đảng viên (40).")
    # Bài thu hoạch above the attendees: the same kind of share.
    data = services.SessionData(
        date=JUNE, kind="main", form="conference", attendees={PARTY: 30}, essays=31
    )
    with pytest.raises(SessionInvalid) as exc:
        services.session_create(actor=world.office, plan=plan, unit=world.cell_a, data=data)
    assert exc.value.errors["essays"] == ["Số bài thu hoạch (31) nhiều hơn số người dự (30)."]


def test_headcount_page_asks_for_the_note_under_the_field(
    client: Any, world: World, plan: Plan
) -> None:
    headcount(world.cell_a, 40)
    client.force_login(world.office)
    url = reverse("dissemination:headcount_edit", args=["tk-cb-a"]) + f"?ke_hoach={plan.pk}"
    typed = {"group": PARTY, "as_of": "2026-06-01", "count": "60", "note": "sau đại hội"}
    response = client.post(url, typed)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["count"] == [
        "Sĩ số đảng viên của Chi bộ thôn A (60) chênh 20 người so với số hệ thống đang có "
        "(40, sĩ số từ ngày 01/05/2026)."
    ]
    assert "confirm_note" in form.errors
    html = response.content.decode()
    assert 'name="confirm_note"' in html and 'type="hidden" name="confirm_note"' not in html
    assert form["count"].value() == "60" and form["note"].value() == "sau đại hội"
    assert Headcount.objects.count() == 1
    response = client.post(url, {**typed, "confirm_note": "Sáp nhập chi bộ thôn C"})
    assert response.status_code == 302
    kept = Headcount.objects.get(as_of=JUNE)
    assert (kept.count, kept.note, kept.confirm_note) == (
        60,
        "sau đại hội",
        "Sáp nhập chi bộ thôn C",
    )
    assert "Sáp nhập chi bộ thôn C" in client.get(url).content.decode()
