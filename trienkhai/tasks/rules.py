"""Pure rules of the fan-out: what deadline, rhythm and product a duty gets.

A duty whose text gives no date is "thường xuyên" unless one of the plan's deadlines (section
V) speaks of the same work: "Các chi bộ … xây dựng kế hoạch … hoàn thành trước ngày
10/6/2026" gives its date to the duty that starts "Xây dựng kế hoạch thực hiện…". A duty
said to recur ("hằng năm", "hằng quý") recurs. Nothing here touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from trienkhai.core.dates import format_date_short
from trienkhai.core.periods import Period, PeriodKind
from trienkhai.core.text import search_key
from trienkhai.tasks.models import Deliverable, Recurrence

# How many words open a duty ("xây dựng kế hoạch", "tổ chức quán triệt"): enough to name
# the work, few enough to be found again in the deadline's sentence.
LEAD_WORDS = 3
# A recurring task never gets more occurrences than this (ten years of months).
MAX_OCCURRENCES = 120

PERIOD_KIND = {
    Recurrence.MONTHLY: PeriodKind.MONTH,
    Recurrence.QUARTERLY: PeriodKind.QUARTER,
    Recurrence.SIX_MONTHLY: PeriodKind.HALF,
    Recurrence.YEARLY: PeriodKind.YEAR,
}

_RHYTHMS = (
    (re.compile(r"\b(hang|moi) thang\b"), Recurrence.MONTHLY),
    (re.compile(r"\b(hang|moi) quy\b"), Recurrence.QUARTERLY),
    (re.compile(r"\b(6|sau) thang (mot lan|\d lan)\b"), Recurrence.SIX_MONTHLY),
    (re.compile(r"\b(hang|moi) nam\b"), Recurrence.YEARLY),
)
_PARTY_DUTY_KINDS = ("party_orgs", "party_cells")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", search_key(text))


@dataclass(frozen=True)
class Schedule:
    recurrence: str
    due: date | None
    deliverable: str
    # The duty is the party organisations' own implementation plan (kế hoạch của chi bộ).
    unit_plan: bool
    # Why the date: "Mục V: … trước ngày 10/6/2026", shown on the preview.
    reason: str = ""


def deadline_for(text: str, deadlines: Sequence[tuple[str, date]]) -> tuple[date, str] | None:
    """The plan deadline that names the same work as the duty's opening words."""
    lead = _words(text)[:LEAD_WORDS]
    if len(lead) < LEAD_WORDS:
        return None
    phrase = " ".join(lead)
    for deadline_text, due in deadlines:
        if f" {phrase} " in f" {' '.join(_words(deadline_text))} ":
            return due, deadline_text
    return None


def rhythm_of(text: str) -> str | None:
    key = " ".join(_words(text))
    for pattern, recurrence in _RHYTHMS:
        if pattern.search(key):
            return recurrence
    return None


def schedule_for(
    *, text: str, kind: str, due: date | None, deadlines: Sequence[tuple[str, date]]
) -> Schedule:
    """Deadline, rhythm and product of one duty paragraph."""
    key = " ".join(_words(text))
    is_plan = key.startswith(("xay dung ke hoach", "xay dung chuong trinh"))
    unit_plan = is_plan and kind in _PARTY_DUTY_KINDS
    if is_plan:
        deliverable = Deliverable.DOCUMENT
    elif "bao cao" in key:
        deliverable = Deliverable.REPORT
    else:
        deliverable = Deliverable.NONE
    if due is not None:
        reason = _("Thời hạn ghi trong nhiệm vụ")
        return Schedule(Recurrence.ONCE, due, deliverable, unit_plan, reason)
    found = deadline_for(text, deadlines)
    if found is not None:
        day, source = found
        reason = _("Mục thời gian thực hiện: “%(source)s”") % {"source": source}
        return Schedule(Recurrence.ONCE, day, deliverable, unit_plan, reason)
    rhythm = rhythm_of(text)
    if rhythm is not None:
        reason = _("Nhiệm vụ định kỳ theo nội dung")
        return Schedule(rhythm, None, deliverable, unit_plan, reason)
    return Schedule(Recurrence.CONTINUOUS, None, deliverable, unit_plan, "")


@dataclass(frozen=True)
class OccurrenceSpec:
    period: str
    starts_on: date
    due: date | None


def occurrences_for(
    *, recurrence: str, due: date | None, assigned_on: date, ends_on: date | None
) -> list[OccurrenceSpec]:
    """What the task is judged on: itself, or each period from its assignment to its end."""
    if recurrence == Recurrence.ONCE:
        return [OccurrenceSpec("", assigned_on, due)]
    if recurrence == Recurrence.CONTINUOUS:
        return [OccurrenceSpec("", assigned_on, None)]
    kind = PERIOD_KIND[Recurrence(recurrence)]
    last = ends_on or date(assigned_on.year, 12, 31)
    period = Period.containing(kind, assigned_on)
    out: list[OccurrenceSpec] = []
    while period.start <= last and len(out) < MAX_OCCURRENCES:
        out.append(OccurrenceSpec(period.code, max(period.start, assigned_on), period.end))
        period = period.next()
    return out


def due_text(recurrence: str, due: date | None) -> str:
    """ "10/06/2026", "Thường xuyên", "Hằng quý": the deadline as a list shows it."""
    if recurrence == Recurrence.ONCE and due is not None:
        return format_date_short(due)
    return str(Recurrence(recurrence).label)
