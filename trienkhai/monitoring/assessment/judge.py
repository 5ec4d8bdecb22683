"""``assess``: one target, its series and a reference date in; a status with its reasons out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from trienkhai.core.errors import gettext_noop as _
from trienkhai.core.numbers import format_number
from trienkhai.monitoring.assessment.calc import Goal, goal_for, half_up
from trienkhai.monitoring.assessment.period import judge_cumulative, judge_growth
from trienkhai.monitoring.assessment.series import Input
from trienkhai.monitoring.assessment.stock import judge_reduction, judge_stock
from trienkhai.monitoring.assessment.types import (
    Assessment,
    Point,
    Status,
    StretchResult,
    TargetSpec,
)
from trienkhai.monitoring.assessment.wording import rate_unit, with_unit
from trienkhai.monitoring.assessment.yearly import judge_qualitative, judge_yearly


def assess(
    spec: TargetSpec, series: Iterable[Point], *, as_of: date, year: int | None = None
) -> Assessment:
    """Assess ``spec`` on ``series`` as of ``as_of``, using values up to ``year``.

    ``year`` (default: the year of ``as_of``) is the last year looked at; a value is due for
    each year of the period that ended before ``as_of``. Two-tier targets (đạt X, phấn đấu Y)
    get their status from X and a ``stretch`` verdict against Y, also told in the sentence.
    """
    inp = Input.build(spec, series, as_of, year)
    result = _judge(inp, goal_for(spec))
    if (
        spec.stretch is None
        or spec.kind == "qualitative"
        or result.status in (Status.NO_DATA, Status.NOT_DUE)
    ):
        return result
    stretch_goal = goal_for(spec, spec.stretch)
    assert stretch_goal is not None
    return _with_stretch(result, _judge(inp, stretch_goal), stretch_goal, spec)


def _judge(inp: Input, goal: Goal | None) -> Assessment:
    spec = inp.spec
    if goal is None or spec.kind == "qualitative":
        return judge_qualitative(inp)
    if spec.comparator == "rank<=" or spec.kind == "rank":
        return judge_yearly(inp, goal, rank=True)
    if spec.yearly:
        return judge_yearly(inp, goal)
    if spec.kind == "growth_avg":
        return judge_growth(inp, goal)
    if spec.kind == "cumulative" or spec.measure == "flow":
        return judge_cumulative(inp, goal)
    if spec.kind == "reduction":
        return judge_reduction(inp, goal)
    return judge_stock(inp, goal)


def _stretch_words(goal: Goal, spec: TargetSpec) -> str:
    if goal.comparator == "rank<=":
        return _("nhóm %(v)s dẫn đầu") % {"v": format_number(goal.figure)}
    if spec.kind == "reduction":
        return _("giảm %(v)s%%") % {"v": format_number(goal.figure)}
    unit = rate_unit(spec) if spec.kind == "growth_avg" else spec.unit
    return with_unit(format_number(goal.figure), unit)


def _with_stretch(main: Assessment, other: Assessment, goal: Goal, spec: TargetSpec) -> Assessment:
    words = _stretch_words(goal, spec)
    if other.status == Status.ACHIEVED:
        text = _("đạt cả mức phấn đấu %(g)s") % {"g": words}
    elif other.status == Status.ON_TRACK:
        text = _("đúng tiến độ để đạt mức phấn đấu %(g)s") % {"g": words}
        if other.required_text:
            text += f" ({other.required_text})"
    elif other.required_text and other.method not in ("yearly", "rank"):
        text = _("mức phấn đấu %(g)s: %(rt)s") % {"g": words, "rt": other.required_text}
    else:
        text = _("chưa đạt mức phấn đấu %(g)s") % {"g": words}
    result = StretchResult(
        figure=goal.figure,
        status=other.status,
        ratio=other.ratio,
        required_rate=other.required_rate,
        text=text,
    )
    sentence = main.sentence.rstrip(".") + "; " + text + "."
    detail = _("So với mức phấn đấu %(g)s: %(s)s") % {"g": words, "s": other.status.label.lower()}
    if other.ratio is not None and other.status != Status.ACHIEVED:
        detail += _(" (R = %(r)s)") % {"r": format_number(half_up(other.ratio, 4))}
    if other.required_text and other.status != Status.ACHIEVED:
        detail += f"; {other.required_text}"
    steps = [*main.steps, detail + "."]
    return replace(main, sentence=sentence, steps=steps, stretch=result)
