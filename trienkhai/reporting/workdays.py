"""Working days: a due date "N working days after" skips weekends and the holidays the office
keeps (Tết moves every year, so holidays are rows, never code)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import ancestor_paths
from trienkhai.reporting.models import Holiday

SATURDAY = 5


def holidays_for(unit: OrgUnit, first: date, last: date) -> set[date]:
    """Days off between `first` and `last` kept by the unit or a unit above it."""
    paths = [unit.path, *ancestor_paths(unit.path)]
    return set(
        Holiday.objects.filter(org_unit__path__in=paths, day__gte=first, day__lte=last).values_list(
            "day", flat=True
        )
    )


def is_working_day(day: date, holidays: Collection[date]) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def nth_working_day(start: date, n: int, holidays: Collection[date]) -> date:
    """The `n`-th working day counting from `start` (`start` itself is the first when it is
    one): n=1 on a Saturday gives the Monday, or the day after Tết when Monday is Tết."""
    day, counted = start, 0
    while True:
        if is_working_day(day, holidays):
            counted += 1
            if counted >= max(n, 1):
                return day
        day += timedelta(days=1)


def due_after(unit: OrgUnit, start: date, n: int) -> date:
    """`nth_working_day` with the unit's holidays (read once for a few weeks ahead)."""
    # Tết and the 30/4–1/5 and 2/9 breaks last under two weeks: a month always suffices.
    holidays = holidays_for(unit, start, start + timedelta(days=31 + 2 * n))
    return nth_working_day(start, n, holidays)
