"""Targets judged year by year: "hằng năm" figures, ranks, and qualitative targets.

Each year is a target of its own, so there is no trajectory: the latest year either meets it
(achieved) or not. A miss is ``regressing`` when the value moved away from the target since the
year before, ``needs_acceleration`` when it is within 5% of the target, else ``off_track``;
``on_track`` does not apply. A qualitative target is recorded as 1 (đạt) or 0 (chưa đạt).
"""

from __future__ import annotations

from decimal import Decimal

from trienkhai.core.errors import gettext_noop as _
from trienkhai.core.numbers import format_number
from trienkhai.monitoring.assessment.calc import (
    ON_TRACK_THRESHOLD,
    ONE,
    ZERO,
    Goal,
    precise,
    rounded,
)
from trienkhai.monitoring.assessment.series import Input, gap
from trienkhai.monitoring.assessment.types import Assessment, Point, Status
from trienkhai.monitoring.assessment.wording import (
    goal_text,
    num,
    provisional_mark,
    tolerance_text,
)


def judge_yearly(inp: Input, goal: Goal, *, rank: bool = False) -> Assessment:
    spec = inp.spec
    first, last = spec.start_year, spec.end_year
    empty = gap(inp, first, last)
    if empty is not None:
        return empty
    known = inp.known(first, last)
    latest = known[-1]
    x = latest.value
    met_years = [p.year for p in known if goal.met(p.value)]
    words = goal_text(goal, spec.unit)
    tally = _("số năm đạt: %(m)s/%(k)s") % {"m": len(met_years), "k": len(known)}
    shown = _value(latest, rank, inp)
    tol = tolerance_text(goal, spec.unit)
    kind_words = _("xếp hạng") if rank else _("hằng năm")
    steps = [
        _("Chỉ tiêu %(kw)s: %(goal)s, đánh giá từng năm") % {"kw": kind_words, "goal": words}
        + (f" ({tol})." if tol else "."),
        _("Từng năm: %(list)s.")
        % {
            "list": "; ".join(
                f"{p.year}: {_value(p, rank, inp)} "
                + (_("(đạt)") if goal.met(p.value) else _("(chưa đạt)"))
                for p in known
            )
        },
    ]
    ratio: Decimal | None = None
    if goal.met(x):
        status = Status.ACHIEVED
        sentence = _("Năm %(y)s %(v)s, đạt chỉ tiêu %(goal)s (%(t)s)") % {
            "y": latest.year,
            "v": shown,
            "goal": words,
            "t": tally,
        }
        steps.append(_("Năm %(y)s đạt → đạt và vượt.") % {"y": latest.year})
    else:
        prev = inp.points.get(latest.year - 1)
        # Measured to what would have met it: for "khoảng" the edge of the tolerance.
        edge = goal.tolerance_edge if goal.comparator == "~" else goal.figure
        with precise():
            if goal.sign > 0:
                ratio = rounded(x / edge) if edge else None
            else:
                ratio = rounded(edge / x) if x > 0 else None
        away = prev is not None and goal.sign * (x - prev.value) < ZERO
        if away:
            status = Status.REGRESSING
        elif ratio is not None and ratio >= ON_TRACK_THRESHOLD:
            status = Status.NEEDS_ACCELERATION
        else:
            status = Status.OFF_TRACK
        sentence = _("Năm %(y)s %(v)s, chưa đạt chỉ tiêu %(goal)s") % {
            "y": latest.year,
            "v": shown,
            "goal": words,
        }
        details = []
        if ratio is not None and not rank:
            details.append(_("bằng %(r)s%% chỉ tiêu") % {"r": num(ratio * 100)})
        if prev is not None:
            details.append(_("năm %(y)s %(v)s") % {"y": prev.year, "v": _value(prev, rank, inp)})
        details.append(tally)
        sentence += f" ({'; '.join(details)})"
        if ratio is not None:
            steps.append(
                _("Mức đạt so với chỉ tiêu: %(r)s (≥ 0,95: cần tăng tốc).") % {"r": num(ratio, 4)}
            )
        if away:
            steps.append(
                _("So với năm %(y)s: xa chỉ tiêu hơn → %(s)s.")
                % {"y": prev.year if prev else "", "s": status.label.lower()}
            )
        else:
            steps.append(_("→ %(s)s.") % {"s": status.label.lower()})
    remaining = spec.end_year - latest.year
    required_text = (
        _("%(n)s năm còn lại mỗi năm cần đạt %(goal)s") % {"n": remaining, "goal": words}
        if remaining > 0
        else ""
    )
    return Assessment(
        status,
        sentence + ".",
        steps,
        method="rank" if rank else "yearly",
        year=latest.year,
        value=x,
        provisional=latest.provisional,
        target_figure=goal.figure,
        ratio=ratio,
        required_rate=goal.figure if remaining > 0 else None,
        required_text=required_text,
        remaining_years=remaining,
        missing_years=inp.missing(first, latest.year),
        required_path=[(y, goal.figure) for y in range(first, last + 1)],
        observed_path=[(p.year, p.value) for p in known],
    )


def judge_qualitative(inp: Input) -> Assessment:
    spec = inp.spec
    empty = gap(inp, spec.start_year, spec.end_year)
    if empty is not None:
        return empty
    latest = inp.latest(spec.start_year, spec.end_year)
    assert latest is not None
    met = latest.value >= ONE
    status = Status.ACHIEVED if met else Status.OFF_TRACK
    verdict = _("đạt") if met else _("chưa đạt")
    return Assessment(
        status,
        _("Năm %(y)s: %(v)s%(p)s.")
        % {"y": latest.year, "v": verdict, "p": provisional_mark(latest.provisional)},
        [
            _("Chỉ tiêu định tính: đơn vị ghi nhận 1 (đạt) hoặc 0 (chưa đạt) cho từng năm."),
            _("Năm %(y)s: %(x)s → %(s)s.")
            % {"y": latest.year, "x": format_number(latest.value), "s": status.label.lower()},
        ],
        method="qualitative",
        year=latest.year,
        value=latest.value,
        provisional=latest.provisional,
    )


def _value(point: Point, rank: bool, inp: Input) -> str:
    if rank:
        return _("xếp thứ %(r)s%(p)s") % {
            "r": format_number(point.value),
            "p": provisional_mark(point.provisional),
        }
    return _("đạt %(v)s") % {"v": inp.value_text(point)}
