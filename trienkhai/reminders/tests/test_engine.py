"""Reminders before, on and after a deadline, each message exactly once, with a Zalo text
that says who, what, by when and where."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from trienkhai.conftest import World
from trienkhai.reminders import engine
from trienkhai.reminders.models import Notification, Reminder, ReminderPause, ReminderRule
from trienkhai.reporting.models import ReportRequest
from trienkhai.reporting.tests.factories import quarterly, requests_for

pytestmark = pytest.mark.django_db
SITE = "https://trienkhai.tanky.vn"


@pytest.fixture
def reports(world: World) -> dict[str, ReportRequest]:
    world.reporter_a.email = "chibo.a@tanky.vn"
    world.reporter_a.save()
    world.reporter_b.email = "chibo.b@tanky.vn"
    world.reporter_b.save()
    reqs = requests_for(quarterly(world.commune))
    for req in reqs.values():
        req.due = date(2026, 9, 15)
        req.save()
    return reqs


@override_settings(SITE_URL=SITE)
def test_before_on_the_day_and_every_week_once_late(reports: dict[str, Any]) -> None:
    def whens(day: date) -> set[tuple[str, int]]:
        return {(m.when, m.step) for m in engine.due_messages(day) if m.kind == "report"}

    assert whens(date(2026, 9, 12)) == {("before", 0)}
    assert whens(date(2026, 9, 13)) == set()
    assert whens(date(2026, 9, 15)) == {("due", 0)}
    assert whens(date(2026, 9, 22)) == {("overdue", 1)}
    assert whens(date(2026, 9, 29)) == {("overdue", 2)}
    # The plan's own rule: a week before, then every three days.
    plan = reports["tk-cb-a"].schedule.plan
    ReminderRule.objects.create(plan=plan, org_unit=plan.org_unit, days_before=7, every_days=3)
    assert whens(date(2026, 9, 8)) == {("before", 0)}
    assert whens(date(2026, 9, 18)) == {("overdue", 1)}
    # And this schedule's own: the day before, then every other day.
    ReminderRule.objects.create(
        plan=plan,
        schedule=reports["tk-cb-a"].schedule,
        org_unit=plan.org_unit,
        days_before=1,
        every_days=2,
    )
    assert whens(date(2026, 9, 14)) == {("before", 0)}
    assert whens(date(2026, 9, 8)) == set()
    assert whens(date(2026, 9, 17)) == {("overdue", 1)}


@override_settings(SITE_URL=SITE)
def test_the_zalo_text_names_the_unit_the_report_the_date_and_a_link(
    reports: dict[str, Any],
) -> None:
    req = reports["tk-cb-a"]
    zalo = [
        m
        for m in engine.due_messages(date(2026, 9, 20))
        if m.channel == "zalo" and m.object_id == req.pk
    ]
    assert len(zalo) == 0  # 5 days late: not a reminder day (every 7)
    (text,) = [
        m.text
        for m in engine.due_messages(date(2026, 9, 22))
        if m.channel == "zalo" and m.object_id == req.pk
    ]
    assert text.startswith("[Triển Khai] Chi bộ thôn A: Báo cáo quý kết quả thực hiện Kế hoạch")
    assert "(Quý III năm 2026)" in text and "hạn 15/09/2026, đã quá hạn 7 ngày" in text
    assert text.endswith(f"Mở: {SITE}/r/b{req.pk}")


def test_each_message_goes_exactly_once_even_after_a_crash(reports: dict[str, Any]) -> None:
    day = date(2026, 9, 15)
    messages = engine.due_messages(day)
    emails = [m for m in messages if m.channel == "email"]
    assert len(emails) == 2  # chi bộ A and B, one e-mail each
    real = engine._deliver
    calls = {"n": 0}

    def flaky(m: Any, reminder: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise ConnectionError("SMTP gone")
        real(m, reminder)

    with mock.patch.object(engine, "_deliver", flaky), pytest.raises(ConnectionError):
        engine.send(engine.due_messages(day))
    assert Reminder.objects.filter(status="pending").count() == 1  # the one that failed
    engine.send(engine.due_messages(day))  # the job restarted
    engine.send(engine.due_messages(day))  # and run twice
    assert sorted(m.to[0] for m in mail.outbox) == ["chibo.a@tanky.vn", "chibo.b@tanky.vn"]
    assert Reminder.objects.filter(status="pending").count() == 0
    # One in the app for each reporter of each chi bộ (A has two: bao_cao_a and hon_hop).
    readers = set(Notification.objects.values_list("user__username", flat=True))
    assert readers == {"bao_cao_a", "hon_hop", "bao_cao_b"}
    assert Notification.objects.count() == 3


def test_a_paused_unit_and_a_sent_report_are_not_reminded(
    world: World, reports: dict[str, Any]
) -> None:
    ReminderPause.objects.create(org_unit=world.cell_b, reason="Chi bộ đang sáp nhập")
    req = reports["tk-cb-a"]
    req.state = "submitted"
    req.save()
    assert engine.due_messages(date(2026, 9, 15)) == []


def test_the_command_prints_one_json_object_per_message(reports: dict[str, Any]) -> None:
    out = io.StringIO()
    call_command("send_reminders", "--date", "2026-09-15", "--dry-run", "--json", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {r["channel"] for r in rows} == {"app", "email", "zalo"}
    assert set(rows[0]) == {
        "unit_code",
        "kind",
        "object_id",
        "when",
        "channel",
        "recipients",
        "text",
    }
    assert {r["unit_code"] for r in rows} == {"tk-cb-a", "tk-cb-b"}
    assert not Reminder.objects.exists() and not mail.outbox  # a dry run sends nothing
    call_command("send_reminders", "--date", "2026-09-15", stdout=io.StringIO())
    assert len(mail.outbox) == 2


def test_the_link_opens_the_form_after_login(client: Any, world: World, reports: Any) -> None:
    req = reports["tk-cb-a"]
    response = client.get(f"/r/b{req.pk}")
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
    assert f"next=/r/b{req.pk}" in response["Location"]
    client.force_login(world.reporter_a)
    response = client.get(f"/r/b{req.pk}")
    assert response.status_code == 302 and response["Location"] == f"/bao-cao/{req.pk}/"
    client.force_login(world.outsider)
    assert client.get(f"/r/b{req.pk}").status_code == 404
    assert client.get("/r/x1").status_code == 404


def test_a_late_task_is_reminded_to_its_unit(world: World) -> None:
    from trienkhai.tasks.tests.factories import AssignedTaskFactory, SeedPlanFactory

    plan = SeedPlanFactory.create(org_unit=world.commune)
    task = AssignedTaskFactory.create(actor=world.office, plan=plan, assignee=world.cell_a)
    occ = task.occurrences.get()
    assert occ.due is not None
    messages = engine.due_messages(occ.due + timedelta(days=7))
    task_messages = [m for m in messages if m.kind == "task"]
    assert {(m.unit.code, m.when, m.channel) for m in task_messages} >= {
        ("tk-cb-a", "overdue", "app"),
        ("tk-cb-a", "overdue", "zalo"),
    }
    assert all(m.object_id == occ.pk for m in task_messages)


def test_the_job_and_the_loop_send_through_the_queue(reports: dict[str, Any]) -> None:
    from trienkhai.reminders.jobs import send_due_reminders

    result = send_due_reminders.enqueue("2026-09-15")  # the immediate backend in tests
    assert result.return_value == len(engine.due_messages(date(2026, 9, 15))) == 6
    assert send_due_reminders.enqueue("2026-09-15").return_value == 0  # nothing twice
    call_command("reminder_loop", "--once", stdout=io.StringIO())


def test_the_demo_has_reminders_dated_when_they_went(db: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "Demo-nhac-viec-2026")
    call_command("load_demo", verbosity=0)
    late = Reminder.objects.filter(when="overdue", channel="zalo", kind="report")
    assert late.exists() and not mail.outbox  # the demo sends no e-mail
    assert {r.created_at.date() for r in late} <= {date(2026, 9, 22), date(2026, 9, 29)}
    assert Notification.objects.filter(user__username="chibo23").exists()
    count = Reminder.objects.count()
    call_command("load_demo", verbosity=0)
    assert Reminder.objects.count() == count
