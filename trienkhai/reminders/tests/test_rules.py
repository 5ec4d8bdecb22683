"""The office sets when a plan, and one report schedule of it, is reminded."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from auditlog.models import LogEntry

from trienkhai.conftest import World
from trienkhai.reminders import engine
from trienkhai.reminders.models import ReminderRule
from trienkhai.reporting.tests.factories import quarterly, requests_for

pytestmark = pytest.mark.django_db
URL = "/nhac-viec/quy-dinh/"


def test_the_office_sets_a_plans_rule_and_a_schedules_own(client: Any, world: World) -> None:
    schedule = quarterly(world.commune)
    req = requests_for(schedule)["tk-cb-a"]
    req.due = date(2026, 9, 15)
    req.save()
    plan = schedule.plan
    client.force_login(world.office)
    page = client.get(URL).content.decode()
    assert schedule.title in page and "mặc định" in page
    # A refused figure keeps what was typed, under its field; nothing saved.
    response = client.post(URL, {"plan": plan.pk, "days_before": "90", "every_days": "7"})
    assert response.status_code == 200 and 'value="90"' in response.content.decode()
    assert not ReminderRule.objects.exists()
    response = client.post(URL, {"plan": plan.pk, "days_before": "5", "every_days": "2"})
    assert response.status_code == 302
    data = {"plan": plan.pk, "schedule": schedule.pk, "days_before": "1", "every_days": "3"}
    assert client.post(URL, data).status_code == 302
    assert LogEntry.objects.filter(additional_data__action="reminders.rule.set").count() == 2
    whens = {(m.when, m.step) for m in engine.due_messages(date(2026, 9, 14)) if m.kind == "report"}
    assert whens == {("before", 0)}  # the schedule's own rule: the day before
    # A reporter may not; another commune's office does not reach the plan.
    client.force_login(world.reporter_a)
    assert client.get(URL).status_code == 403
    client.force_login(world.outsider)
    page = client.get(URL).content.decode()
    assert schedule.title not in page
    assert (
        client.post(URL, {"plan": plan.pk, "days_before": "2", "every_days": "2"}).status_code
        == 404
    )
