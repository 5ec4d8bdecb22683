"""The slow-unit list as the office uses it: the reasons per unit, its print view and Excel
file, an inspection opened from the units ticked, a nudge sent once a day."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from trienkhai.accounts.models import User
from trienkhai.conftest import World
from trienkhai.inspections import services
from trienkhai.inspections.models import Inspection
from trienkhai.inspections.tests.conftest import Body, header
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.reminders.models import Kind, Notification, Reminder

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _overdue_action(world: World, body: Body) -> None:
    """Cell A has a correction past its date: it is on the list for that."""
    today = timezone.localdate()
    inspection = services.inspection_create(
        actor=world.office,
        body=body.unit,
        header=header(world, start=today - timedelta(days=30), end=today - timedelta(days=20)),
    )
    inspection = services.inspection_decide(
        actor=world.office, inspection=inspection, version=inspection.version
    )
    services.finding_add(
        actor=world.office,
        inspection=inspection,
        unit=world.cell_a,
        text="Chưa có kế hoạch.",
        action_text="Ban hành kế hoạch của chi bộ.",
        due=today - timedelta(days=2),
    )


def test_the_list_its_print_view_and_its_file(world: World, body: Body) -> None:
    _overdue_action(world, body)
    office = _client(world.office)
    page = office.get(reverse("inspections:slow")).content.decode()
    assert 'id="cham-tk-cb-a"' in page and "1 yêu cầu khắc phục quá hạn" in page
    assert 'id="cham-tk-cb-b"' not in page
    printed = office.get(reverse("inspections:slow_print")).content.decode()
    assert "Chi bộ thôn A" in printed
    sheet = load_workbook(io.BytesIO(office.get(reverse("inspections:slow_xlsx")).content)).active
    values = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert any("tk-cb-a" in row and "Chi bộ thôn A" in row for row in values)
    # Another commune's office cannot look at this commune; its own list does not name it.
    outsider = _client(world.outsider)
    url = reverse("inspections:slow") + f"?don_vi={world.commune.code}"
    assert outsider.get(url).status_code == 404
    assert "Chi bộ thôn A" not in outsider.get(reverse("inspections:slow")).content.decode()


def test_an_inspection_opened_from_the_units_ticked(world: World, body: Body) -> None:
    _overdue_action(world, body)
    office = _client(world.office)
    url = reverse("inspections:create") + f"?don_vi={world.commune.code}&chon={world.cell_a.code}"
    page = office.get(url).content.decode()
    boxes = {
        m.group(1): m.group(0)
        for m in re.finditer(r'<input[^>]*name="units"[^>]*value="(\d+)"[^>]*>', page)
    }
    assert "checked" in boxes[str(world.cell_a.pk)]
    assert "checked" not in boxes[str(world.cell_b.pk)]
    assert "Chi bộ thôn A: 1 yêu cầu khắc phục quá hạn" in page


def test_a_nudge_reaches_the_units_writers_once_a_day(world: World, body: Body) -> None:
    _overdue_action(world, body)
    office = _client(world.office)
    url = reverse("inspections:nudge", args=[world.cell_a.code])
    office.post(url, {"tiep": "/kiem-tra/cham-trien-khai/"})
    office.post(url, {"tiep": "/kiem-tra/cham-trien-khai/"})
    notes = Notification.objects.filter(user=world.reporter_a)
    assert notes.count() == 1 and "Đề nghị Chi bộ thôn A" in notes.get().text
    assert Reminder.objects.filter(kind=Kind.NUDGE, org_unit=world.cell_a).count() >= 2  # app, zalo
    # A viewer cannot nudge; another commune's office gets 404.
    assert _client(world.viewer).post(url).status_code == 403
    assert _client(world.outsider).post(url).status_code == 404


def test_the_list_costs_the_same_queries_for_more_units(world: World, body: Body) -> None:
    _overdue_action(world, body)
    office = _client(world.office)
    url = reverse("inspections:slow")
    office.get(url)
    with CaptureQueriesContext(connection) as few:
        office.get(url)
    for n in range(30):
        OrgUnitFactory.create(parent=world.commune, code=f"tk-cb-x{n}", name=f"Chi bộ X{n}")
    with CaptureQueriesContext(connection) as many:
        office.get(url)
    assert len(many) == len(few)


def test_verified_corrections_are_not_on_the_list(world: World, body: Body) -> None:
    _overdue_action(world, body)
    action = Inspection.objects.get().findings.get().actions.get()
    action = services.action_report(
        actor=world.reporter_a,
        action=action,
        version=action.version,
        done_on=timezone.localdate(),
        report="Đã ban hành.",
    )
    assert (
        'id="cham-tk-cb-a"'
        in _client(world.office).get(reverse("inspections:slow")).content.decode()
    )
    services.action_verify(actor=world.office, action=action, version=action.version)
    assert (
        'id="cham-tk-cb-a"'
        not in _client(world.office).get(reverse("inspections:slow")).content.decode()
    )
