"""Tallies by numbered item, as offices write them: "Đạt và vượt 18/35 chỉ tiêu; …".

An item with several rows (item (1) has five growth figures, (21) four indices) is one target
in the count: it is achieved only when every row is, and otherwise takes its worst row's status.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trienkhai.core.errors import gettext_noop as _
from trienkhai.core.numbers import format_number
from trienkhai.monitoring.assessment.types import STATUS_ORDER, Status

# Worst first. A missing figure weighs more than a good one (a half-known item is not "on
# track") but less than a known miss; "not due yet" is better than on track only because it
# says nothing bad.
SEVERITY: tuple[Status, ...] = (
    Status.REGRESSING,
    Status.OFF_TRACK,
    Status.NEEDS_ACCELERATION,
    Status.NO_DATA,
    Status.ON_TRACK,
    Status.NOT_DUE,
    Status.ACHIEVED,
)

TALLY_WORDS: dict[Status, str] = {
    Status.ACHIEVED: _("đạt và vượt"),
    Status.ON_TRACK: _("đúng tiến độ"),
    Status.NEEDS_ACCELERATION: _("cần tăng tốc"),
    Status.OFF_TRACK: _("chậm tiến độ"),
    Status.REGRESSING: _("giảm, đi ngược mục tiêu"),
    Status.NO_DATA: _("chưa có số liệu"),
    Status.NOT_DUE: _("chưa đến kỳ đánh giá"),
}

_NUMBERED = re.compile(r"[0-9]+(?:\.[0-9]+)*")


def item_of(ref: str) -> str:
    """The numbered item of a row: "21.3" → "21", "7" → "7"; prose refs ("I.1-a") stand alone."""
    ref = ref.strip()
    if _NUMBERED.fullmatch(ref):
        return ref.split(".")[0]
    return ref


def item_status(statuses: Iterable[Status]) -> Status:
    """Achieved only when every row is; otherwise the worst row's status."""
    found = [Status(s) for s in statuses]
    if not found:
        raise ValueError("an item has at least one row")
    return min(found, key=SEVERITY.index)


@dataclass(frozen=True)
class Tally:
    """Items by status, in the order given; ``by_status`` lists every status, empty or not."""

    items: dict[str, Status]
    by_status: dict[Status, list[str]]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def counts(self) -> dict[Status, int]:
        return {status: len(items) for status, items in self.by_status.items()}

    @property
    def sentence(self) -> str:
        """ "Đạt và vượt 18/35 chỉ tiêu; đúng tiến độ 5 chỉ tiêu; …" (empty groups left out)."""
        if not self.items:
            return _("Chưa có chỉ tiêu nào.")
        achieved = len(self.by_status[Status.ACHIEVED])
        parts = [
            _("Đạt và vượt %(n)s/%(total)s chỉ tiêu")
            % {"n": format_number(achieved), "total": format_number(self.total)}
        ]
        for status in STATUS_ORDER[1:]:
            count = len(self.by_status[status])
            if count:
                parts.append(
                    _("%(w)s %(n)s chỉ tiêu")
                    % {"w": TALLY_WORDS[status], "n": format_number(count)}
                )
        return "; ".join(parts) + "."


def tally(items: Mapping[str, Iterable[Status]]) -> Tally:
    """The office's tally from each numbered item's row statuses."""
    statuses = {item: item_status(rows) for item, rows in items.items()}
    by_status: dict[Status, list[str]] = {status: [] for status in STATUS_ORDER}
    for item, status in statuses.items():
        by_status[status].append(item)
    return Tally(statuses, by_status)


def tally_rows(rows: Iterable[tuple[str, Status]]) -> Tally:
    """The tally from (row ref, status) pairs, grouping rows by ``item_of`` in text order."""
    grouped: dict[str, list[Status]] = {}
    for ref, status in rows:
        grouped.setdefault(item_of(ref), []).append(status)
    return tally(grouped)
