"""Which reminders are due on a day, and their delivery — each message exactly once.

A report or task is reminded `days_before` days before its due date, on the day, and every
`every_days` days once late (the plan's `ReminderRule`, else 3 and 7). A message's key (what,
which unit, when, which repeat, which channel) is a unique row: the row is written, then the
message delivered, then marked sent; a second run skips what was sent and delivers what an
interrupted run left pending, so nothing goes twice and nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.models import Membership, Role, User
from trienkhai.accounts.permissions import ROLE_CAPABILITIES, Cap
from trienkhai.core.dates import format_date_short
from trienkhai.core.numbers import format_number
from trienkhai.core.periods import parse_period
from trienkhai.orgs.models import OrgUnit
from trienkhai.reminders.models import (
    DAYS_BEFORE,
    EVERY_DAYS,
    Channel,
    Kind,
    Notification,
    Reminder,
    ReminderPause,
    ReminderRule,
    When,
)
from trienkhai.reporting.selectors import open_between as reports_open
from trienkhai.tasks.selectors.todo import open_between as tasks_open

# How far back a late deadline is still reminded (a quarter and a half).
LOOK_BACK_DAYS = 140
MAX_DAYS_BEFORE = 30


@dataclass
class Message:
    kind: str
    object_id: int
    unit: OrgUnit
    when: str
    step: int
    due: date
    channel: str
    recipients: list[User] = field(default_factory=list)
    text: str = ""
    url: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "unit_code": self.unit.code,
            "kind": self.kind,
            "object_id": self.object_id,
            "when": self.when,
            "channel": self.channel,
            "recipients": [_address(u, self.channel) for u in self.recipients],
            "text": self.text,
        }


def _address(user: User, channel: str) -> str:
    return user.email if channel == Channel.EMAIL else user.username


def _moment(due: date, today: date, rule: tuple[int, int]) -> tuple[str, int] | None:
    """(when, step) of a reminder due today for a deadline, or None."""
    before, every = rule
    if today == due - timedelta(days=before):
        return When.BEFORE, 0
    if today == due:
        return When.DUE, 0
    late = (today - due).days
    if late > 0 and every and late % every == 0:
        return When.OVERDUE, late // every
    return None


def deep_link(kind: str, object_id: int) -> str:
    """A short link that opens the form after login: /r/b12 (report), /r/n34 (task)."""
    path = reverse("reminders:open", args=[("b" if kind == Kind.REPORT else "n") + str(object_id)])
    return settings.SITE_URL.rstrip("/") + path


def _timing(due: date, today: date) -> str:
    days = (due - today).days
    if days > 0:
        return _("còn %(n)s ngày") % {"n": format_number(days)}
    if days == 0:
        return _("đến hạn hôm nay")
    return _("đã quá hạn %(n)s ngày") % {"n": format_number(-days)}


def _text(unit: OrgUnit, what: str, due: date, today: date, link: str) -> str:
    """The message as it is pasted into the unit's Zalo group: who, what, by when, where."""
    return _("[Triển Khai] %(unit)s: %(what)s — hạn %(due)s, %(timing)s. Mở: %(link)s") % {
        "unit": unit.name,
        "what": what,
        "due": format_date_short(due),
        "timing": _timing(due, today),
        "link": link,
    }


def unit_writers(units: set[int], cap: Cap) -> dict[int, list[User]]:
    """Active users whose membership on the very unit grants `cap` (one query)."""
    roles = [role for role in Role.values if cap in ROLE_CAPABILITIES[role]]
    found: dict[int, list[User]] = {}
    memberships = (
        Membership.objects.active()
        .filter(org_unit_id__in=units, role__in=roles, user__is_active=True)
        .select_related("user")
        .order_by("user__username")
    )
    for m in memberships:
        found.setdefault(m.org_unit_id, []).append(m.user)
    return found


def due_messages(today: date) -> list[Message]:
    """Every message due today, on every channel; paused units left out."""
    first, last = today - timedelta(days=LOOK_BACK_DAYS), today + timedelta(days=MAX_DAYS_BEFORE)
    plan_rules: dict[int, tuple[int, int]] = {}
    schedule_rules: dict[int, tuple[int, int]] = {}
    for r in ReminderRule.objects.all():
        if r.schedule_id:
            schedule_rules[r.schedule_id] = (r.days_before, r.every_days)
        else:
            plan_rules[r.plan_id] = (r.days_before, r.every_days)
    default = (DAYS_BEFORE, EVERY_DAYS)
    paused = set(ReminderPause.objects.filter(active=True).values_list("org_unit_id", flat=True))
    found: list[tuple[str, int, OrgUnit, date, str, tuple[int, int]]] = []
    for req in reports_open(first=first, last=last):
        # A schedule's own rule, else its plan's, else the default.
        rule = schedule_rules.get(req.schedule_id) or plan_rules.get(req.schedule.plan_id, default)
        title = f"{req.schedule.title} ({parse_period(req.period).label})"
        found.append((Kind.REPORT, req.pk, req.org_unit, req.effective, title, rule))
    for occ in tasks_open(first=first, last=last):
        assert occ.due is not None
        title = _("nhiệm vụ “%(text)s”") % {"text": _short(occ.task.text)}
        rule = plan_rules.get(occ.task.plan_id, default)
        found.append((Kind.TASK, occ.pk, occ.task.assignee, occ.due, title, rule))
    units = {unit.pk for _k, _o, unit, *_rest in found}
    writers: dict[str, dict[int, list[User]]] = {
        Kind.REPORT: unit_writers(units, Cap.REPORTING_SUBMIT),
        Kind.TASK: unit_writers(units, Cap.TASKS_UPDATE),
    }
    messages = []
    for kind, object_id, unit, due, what, rule in found:
        moment = _moment(due, today, rule)
        if moment is None or unit.pk in paused:
            continue
        link = deep_link(kind, object_id)
        text = _text(unit, what, due, today, link)
        people = writers[kind].get(unit.pk, [])
        for channel, recipients in (
            (Channel.APP, people),
            (Channel.EMAIL, [u for u in people if u.email]),
            (Channel.ZALO, []),  # a text for the office to paste: no recipient here
        ):
            if channel != Channel.ZALO and not recipients:
                continue
            messages.append(
                Message(
                    kind,
                    object_id,
                    unit,
                    moment[0],
                    moment[1],
                    due,
                    channel,
                    recipients,
                    text,
                    link,
                )
            )
    return messages


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _key(m: Message) -> dict[str, Any]:
    return {
        "kind": m.kind,
        "object_id": m.object_id,
        "org_unit": m.unit,
        "when": m.when,
        "step": m.step,
        "channel": m.channel,
    }


def _deliver(m: Message, reminder: Reminder) -> None:
    if m.channel == Channel.EMAIL:
        send_mail(
            subject=_("Nhắc việc: %(unit)s") % {"unit": m.unit.name},
            message=m.text,
            from_email=None,
            recipient_list=[u.email for u in m.recipients],
        )
    elif m.channel == Channel.APP:
        Notification.objects.bulk_create(
            [Notification(user=u, reminder=reminder, text=m.text, url=m.url) for u in m.recipients],
            ignore_conflicts=True,
        )


def send(messages: list[Message]) -> list[Message]:
    """Deliver what was not delivered yet; returns the messages delivered by this run."""
    delivered = []
    for m in messages:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(
                        **_key(m),
                        due=m.due,
                        recipients=[_address(u, m.channel) for u in m.recipients],
                        text=m.text,
                        url=m.url,
                    )
            except IntegrityError:
                reminder = Reminder.objects.select_for_update().get(**_key(m))
            if reminder.status == Reminder.Status.SENT:
                continue
        # Delivered outside the row's transaction: an e-mail cannot be rolled back, so the row
        # stays pending until the delivery has gone, and a rerun retries only that.
        _deliver(m, reminder)
        Reminder.objects.filter(pk=reminder.pk).update(
            status=Reminder.Status.SENT, sent_at=timezone.now()
        )
        delivered.append(m)
    return delivered
