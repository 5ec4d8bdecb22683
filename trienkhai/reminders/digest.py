"""The one text of the day for the commune's Zalo group: every unit late with a report or a
task, built from the overdue Zalo messages sent that day (so it says what the units were
told, no more)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils.translation import gettext as _

from trienkhai.core.dates import format_date_short
from trienkhai.orgs.models import OrgUnit
from trienkhai.reminders.models import Channel, Reminder, When
from trienkhai.reminders.selectors import sent_reminders

PREFIX = "[Triển Khai] "


def overdue_of_day(*, unit: OrgUnit, day: date) -> list[Reminder]:
    """The overdue messages sent on `day` to the units under `unit`, unit by unit."""
    rows = sent_reminders(unit=unit, day=day, channel=Channel.ZALO).filter(when=When.OVERDUE)
    return list(rows.order_by("org_unit__path", "due", "pk"))


def digest_text(*, unit: OrgUnit, day: date, reminders: Iterable[Reminder]) -> str:
    """ "[Triển Khai] Ngày …, các đơn vị của … còn quá hạn:" then one numbered line per late
    report or task (unit, what, due date, link); "" when no unit is late."""
    lines = [r.text.removeprefix(PREFIX) for r in reminders]
    if not lines:
        return ""
    units = len({r.org_unit_id for r in reminders})
    head = _("%(prefix)sNgày %(day)s, %(units)s đơn vị của %(name)s còn việc quá hạn:") % {
        "prefix": PREFIX,
        "day": format_date_short(day),
        "units": units,
        "name": unit.name,
    }
    return "\n".join([head, *(f"{n}. {line}" for n, line in enumerate(lines, start=1))])


def day_digest(*, unit: OrgUnit, day: date) -> str:
    return digest_text(unit=unit, day=day, reminders=overdue_of_day(unit=unit, day=day))
