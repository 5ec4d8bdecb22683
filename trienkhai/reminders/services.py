"""The writes of the reminder pages: pausing a unit's reminders (with its reason) and lifting
the pause, by the office that reviews the unit's reports; marking notifications read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Actor, Cap, person_of, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.errors import DomainError
from trienkhai.orgs.models import OrgUnit
from trienkhai.reminders import engine
from trienkhai.reminders.models import Channel, Kind, Notification, ReminderPause, When


def _already(unit: OrgUnit) -> DomainError:
    return DomainError(
        _("Nhắc việc của %(unit)s đang tạm dừng; hãy bỏ tạm dừng trước khi dừng lại.")
        % {"unit": unit.name},
        field="unit",
    )


@transaction.atomic
def reminder_pause(*, actor: Actor, unit: OrgUnit, reason: str) -> ReminderPause:
    """Stop the reminders to `unit` until resumed; a unit already paused is refused."""
    require_cap(actor, Cap.REPORTING_REVIEW, unit)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Cần ghi lý do tạm dừng."), field="reason")
    if ReminderPause.objects.filter(org_unit=unit, active=True).exists():
        raise _already(unit)
    try:
        with transaction.atomic():
            pause = ReminderPause.objects.create(
                org_unit=unit, reason=reason[:300], created_by=person_of(actor)
            )
    except IntegrityError as exc:  # paused at the same moment by someone else
        raise _already(unit) from exc
    audit_action(
        actor=actor,
        action="reminders.pause.added",
        obj=pause,
        summary=_("Tạm dừng nhắc việc của %(unit)s: %(reason)s")
        % {"unit": unit.name, "reason": pause.reason},
        unit=unit,
        created=True,
    )
    return pause


@transaction.atomic
def reminder_resume(*, actor: Actor, pause: ReminderPause) -> ReminderPause:
    """Lift a pause: the unit is reminded again from the next run."""
    require_cap(actor, Cap.REPORTING_REVIEW, pause.org_unit)
    pause = ReminderPause.objects.select_for_update().select_related("org_unit").get(pk=pause.pk)
    if not pause.active:
        raise DomainError(_("Nhắc việc của đơn vị này đã được bật lại."))
    pause.active = False
    pause.save(update_fields=["active", "updated_at"])
    audit_action(
        actor=actor,
        action="reminders.pause.lifted",
        obj=pause,
        summary=_("Bật lại nhắc việc của %(unit)s") % {"unit": pause.org_unit.name},
        unit=pause.org_unit,
    )
    return pause


def notification_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_read_all(*, user: User) -> int:
    """Mark every unread notification of the user read; how many were."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# One nudge a unit a day: its key's step is the day's number since this date.
_NUDGE_EPOCH = date(2020, 1, 1)


@dataclass(frozen=True)
class Nudge:
    unit: OrgUnit
    text: str  # the message, also ready to paste into the unit's Zalo group
    notified: int  # users told in the app (and by e-mail when they have one)
    again: bool  # the unit was already nudged today: nothing sent twice


def unit_nudge(*, actor: Actor, unit: OrgUnit, what: str, url: str) -> Nudge:
    """The office asks a slow unit to catch up (đôn đốc): a message in the app and by
    e-mail to the people who write for the unit, and a text for its Zalo group; once a day."""
    require_cap(actor, Cap.INSPECTIONS_MANAGE, unit)
    today = timezone.localdate()
    text = _("[Triển Khai] Đề nghị %(unit)s khẩn trương khắc phục: %(what)s. Mở: %(link)s") % {
        "unit": unit.name,
        "what": what,
        "link": settings.SITE_URL.rstrip("/") + url,
    }
    step = (today - _NUDGE_EPOCH).days
    people = engine.unit_writers({unit.pk}, Cap.TASKS_UPDATE).get(unit.pk, [])
    messages = [
        engine.Message(Kind.NUDGE, unit.pk, unit, When.OVERDUE, step, today, channel, to, text, url)
        for channel, to in (
            (Channel.APP, people),
            (Channel.EMAIL, [u for u in people if u.email]),
            (Channel.ZALO, []),
        )
        if channel == Channel.ZALO or to
    ]
    delivered = engine.send(messages)
    again = not delivered
    if not again:
        audit_action(
            actor=actor,
            action="reminders.unit.nudged",
            obj=unit,
            summary=_("Đôn đốc %(unit)s: %(what)s") % {"unit": unit.name, "what": what},
        )
    return Nudge(unit=unit, text=text, notified=len(people), again=again)
