"""What the reminder pages read: a user's notifications, the messages sent under an office's
unit and the units whose reminders are paused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from trienkhai.accounts.models import User
from trienkhai.orgs.models import OrgUnit
from trienkhai.reminders.models import Channel, Notification, Reminder, ReminderPause


def notifications_of(*, user: User) -> QuerySet[Notification]:
    """The user's own notifications, the newest first."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def sent_reminders(
    *, unit: OrgUnit, day: date | None = None, channel: str = ""
) -> QuerySet[Reminder]:
    """The messages sent to the units of `unit`'s subtree, the latest first."""
    rows = Reminder.objects.in_subtree(unit).filter(status=Reminder.Status.SENT)
    if day is not None:
        rows = rows.filter(sent_at__date=day)
    if channel:
        rows = rows.filter(channel=channel)
    return rows.select_related("org_unit").order_by("-sent_at", "org_unit__path", "pk")


@dataclass(frozen=True)
class ZaloText:
    unit: OrgUnit
    text: str


def zalo_texts(*, unit: OrgUnit, day: date) -> list[ZaloText]:
    """The day's Zalo messages of the subtree, one text per unit (its messages one a line)."""
    found: dict[int, tuple[OrgUnit, list[str]]] = {}
    for r in sent_reminders(unit=unit, day=day, channel=Channel.ZALO).order_by(
        "org_unit__path", "due", "pk"
    ):
        found.setdefault(r.org_unit_id, (r.org_unit, []))[1].append(r.text)
    return [ZaloText(u, "\n".join(texts)) for u, texts in found.values()]


def active_pauses(*, unit: OrgUnit) -> QuerySet[ReminderPause]:
    return (
        ReminderPause.objects.in_subtree(unit)
        .filter(active=True)
        .select_related("org_unit", "created_by")
        .order_by("org_unit__path")
    )
