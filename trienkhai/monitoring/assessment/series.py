"""The series as of a date: which values are due, which are there, and the two empty verdicts.

A year's value is due once the year is over (the reference date falls in a later year); the
running year may already hold an estimate (ước thực hiện), which is used when present.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from trienkhai.core.errors import gettext_noop as _
from trienkhai.monitoring.assessment.types import Assessment, Point, Status, TargetSpec
from trienkhai.monitoring.assessment.wording import num, provisional_mark, with_unit


@dataclass(frozen=True)
class Input:
    spec: TargetSpec
    points: dict[int, Point]
    as_of: date
    year: int

    @classmethod
    def build(
        cls, spec: TargetSpec, series: Iterable[Point], as_of: date, year: int | None
    ) -> Input:
        cap = as_of.year if year is None else year
        points: dict[int, Point] = {}
        for point in series:
            if point.year > cap:
                continue
            held = points.get(point.year)
            # Official wins over provisional; among equals the later one in the list.
            if held is None or held.provisional or not point.provisional:
                points[point.year] = point
        return cls(spec, points, as_of, cap)

    def due_years(self, first: int, last: int) -> list[int]:
        end = min(last, self.year, self.as_of.year - 1)
        return list(range(first, end + 1))

    def known(self, first: int, last: int) -> list[Point]:
        end = min(last, self.year)
        return [self.points[y] for y in range(first, end + 1) if y in self.points]

    def latest(self, first: int, last: int) -> Point | None:
        known = self.known(first, last)
        return known[-1] if known else None

    def missing(self, first: int, last: int) -> list[int]:
        return [y for y in range(first, last + 1) if y not in self.points]

    def value_text(self, point: Point) -> str:
        return with_unit(num(point.value, 4), self.spec.unit) + provisional_mark(point.provisional)


def gap(inp: Input, first: int, last: int, data_first: int | None = None) -> Assessment | None:
    """``no_data`` when the latest due year has no value, ``not_due`` when nothing is due yet.

    ``first``–``last`` are the years values are expected for; ``data_first`` the first year
    whose value counts as progress (after the base year, which may precede the period).
    """
    due = inp.due_years(first, last)
    latest = inp.latest(first if data_first is None else data_first, last)
    if due and (latest is None or latest.year < due[-1]):
        missing = [y for y in due if y not in inp.points]
        return no_data(inp, missing, latest)
    if latest is None:
        return not_due(inp, first)
    return None


def no_data(
    inp: Input, missing: list[int], last: Point | None, *, what: str | None = None
) -> Assessment:
    years = ", ".join(str(y) for y in missing)
    label = what or _("năm %(years)s") % {"years": years}
    sentence = _("Chưa có số liệu %(label)s") % {"label": label}
    steps = [
        _("Số liệu %(label)s đã đến hạn (năm đã kết thúc) nhưng chưa được nhập.") % {"label": label}
    ]
    if last is not None:
        near = _("năm %(y)s: %(v)s") % {"y": last.year, "v": inp.value_text(last)}
        sentence += _(" (số liệu gần nhất: %(near)s)") % {"near": near}
        steps.append(_("Số liệu gần nhất: %(near)s.") % {"near": near})
    return Assessment(
        status=Status.NO_DATA,
        sentence=sentence + ".",
        steps=steps,
        year=None if last is None else last.year,
        value=None if last is None else last.value,
        provisional=bool(last and last.provisional),
        missing_years=missing,
    )


def not_due(inp: Input, first: int) -> Assessment:
    sentence = _(
        "Chưa đến kỳ đánh giá: số liệu năm %(y)s đến hạn khi năm %(y)s kết thúc và chưa có số "
        "ước thực hiện."
    ) % {"y": max(first, inp.as_of.year)}
    steps = [
        _("Ngày tham chiếu %(d)s: chưa có năm nào của giai đoạn %(a)s–%(b)s kết thúc.")
        % {"d": inp.as_of.strftime("%d/%m/%Y"), "a": inp.spec.start_year, "b": inp.spec.end_year}
    ]
    return Assessment(status=Status.NOT_DUE, sentence=sentence, steps=steps)
