"""Levels (stock): the Open SDG measure from a base year, or the linear ratio near zero.

Observed growth ``CAGR_o = (x/b)^(1/(t−t_b)) − 1``, required growth
``CAGR_r = (T/b)^(1/(t_T−t_b)) − 1``, ``R = d·CAGR_o/|CAGR_r|``. Where the base or the target is
≤ 0 ("có từ 01 nhà máy", from none) roots mean nothing, so R is the yearly change made over the
yearly change needed (not Open SDG's 0,001 stand-in for zero). Reductions against a base year
are levels that must fall to ``b·(1 − v%)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from trienkhai.core.errors import gettext_noop as _
from trienkhai.monitoring.assessment import calc
from trienkhai.monitoring.assessment.calc import HUNDRED, ONE, ZERO, Goal
from trienkhai.monitoring.assessment.series import Input, gap, no_data
from trienkhai.monitoring.assessment.types import Assessment, Point, Status
from trienkhai.monitoring.assessment.wording import (
    THRESHOLDS,
    goal_text,
    num,
    percent_of,
    provisional_mark,
    sentence_case,
    tolerance_text,
    with_unit,
)


@dataclass(frozen=True)
class _Wording:
    """How a level is shown: as itself, or as the share reduced against the base year."""

    goal: str
    value: Callable[[Point], str]
    unit: str


def judge_stock(
    inp: Input,
    goal: Goal,
    *,
    base: Point | None = None,
    wording: _Wording | None = None,
    linear_only: bool = False,
) -> Assessment:
    spec = inp.spec
    base_year = spec.first_base_year if base is None else base.year
    target_year = spec.final_year
    unit = spec.unit if wording is None else wording.unit
    words = wording or _Wording(goal_text(goal, unit), inp.value_text, unit)
    empty = gap(inp, spec.start_year, spec.end_year, base_year + 1)
    if empty is not None:
        base_due = base_year < inp.as_of.year and _base(inp, base) is None
        if empty.status == Status.NOT_DUE and base_due:
            return no_data(inp, [base_year], None, what=_base_label(base_year))
        return empty
    latest = inp.latest(base_year + 1, inp.year)
    assert latest is not None
    x = latest.value
    head = _("Chỉ tiêu: %(goal)s vào năm %(y)s") % {"goal": words.goal, "y": target_year}
    tol = tolerance_text(goal, unit)
    steps = [head + (f" ({tol})." if tol else ".")]
    reached = _("năm %(y)s: %(x)s") % {"y": latest.year, "x": words.value(latest)}
    lead = sentence_case(reached)
    start = base if base is not None else _base(inp, None)
    if start is None:
        earlier = inp.known(base_year + 1, latest.year - 1)
        if earlier and not goal.met(x):
            start = earlier[0]
            steps.append(
                _("Thiếu số liệu năm gốc %(b)s: lấy năm %(y)s (số liệu sớm nhất) làm gốc.")
                % {"b": base_year, "y": start.year}
            )
    if start is not None:
        steps.append(_("Năm gốc %(y)s: %(v)s.") % {"y": start.year, "v": words.value(start)})
    steps.append(_("Số liệu mới nhất: %(r)s.") % {"r": reached})
    missing = [y for y in inp.missing(spec.start_year, latest.year - 1) if y > base_year]
    if missing:
        steps.append(
            _("Thiếu số liệu năm %(m)s: bỏ qua, tính từ năm gốc đến năm %(y)s.")
            % {"m": ", ".join(map(str, missing)), "y": latest.year}
        )
    common = {
        "year": latest.year,
        "value": x,
        "provisional": latest.provisional,
        "target_figure": goal.figure,
        "missing_years": missing,
    }
    if goal.met(x):
        steps.append(
            _("%(x)s đạt chỉ tiêu %(goal)s → đạt và vượt.") % {"x": num(x, 4), "goal": words.goal}
        )
        path = _path(start, goal, target_year, linear_only) if start is not None else []
        sentence = _("%(r)s, đã đạt chỉ tiêu %(goal)s (năm %(ty)s).") % {
            "r": lead,
            "goal": words.goal,
            "ty": target_year,
        }
        return Assessment(
            Status.ACHIEVED,
            sentence,
            steps,
            method="level",
            base_year=None if start is None else start.year,
            base_value=None if start is None else start.value,
            required_path=path,
            **common,  # type: ignore[arg-type]
        )
    if start is None:
        return no_data(inp, [base_year], latest, what=_base_label(base_year))
    b, t_b = start.value, start.year
    T = goal.figure
    t, n = latest.year - t_b, target_year - t_b
    remaining = target_year - latest.year
    if n <= 0 or t <= 0:
        steps.append(_("Năm đạt chỉ tiêu không sau năm gốc: chỉ so sánh với chỉ tiêu."))
        return Assessment(
            Status.OFF_TRACK,
            _("%(r)s, chưa đạt chỉ tiêu %(goal)s.") % {"r": lead, "goal": words.goal},
            steps,
            method="level",
            base_year=t_b,
            base_value=b,
            **common,  # type: ignore[arg-type]
        )
    linear = linear_only or b <= ZERO or T <= ZERO or x < ZERO
    with calc.precise():
        if linear:
            observed = (x - b) / t
            needed = (T - b) / n
        else:
            observed = calc.growth(x / b, t)
            needed = calc.growth(T / b, n)
        ratio = calc.ratio_of(observed, needed, goal.sign)
        required: Decimal | None = None
        if remaining > 0:
            required = (T - x) / remaining if linear or x == ZERO else calc.growth(T / x, remaining)
    steps.extend(
        _linear_steps(x, b, T, t, n, observed, needed, unit)
        if linear
        else _cagr_steps(x, b, T, t, n, observed, needed)
    )
    if ratio is None:
        status = Status.REGRESSING if goal.sign * (x - b) < ZERO else Status.OFF_TRACK
        steps.append(_("Không cần thay đổi so với năm gốc nên không tính R."))
    else:
        status = calc.status_for_ratio(ratio)
        d = "−1" if goal.sign < 0 else "1"
        steps.append(
            _("R = %(d)s × tốc độ thực tế / |tốc độ cần thiết| = %(r)s → %(s)s (%(th)s).")
            % {"d": d, "r": num(ratio, 4), "s": status.label.lower(), "th": THRESHOLDS}
        )
    if remaining <= 0:
        status = calc.past_due(status)
        steps.append(
            _("Đã đến năm đạt chỉ tiêu %(ty)s mà chưa đạt → %(s)s.")
            % {"ty": target_year, "s": status.label.lower()}
        )
        sentence = _("%(r)s, chưa đạt chỉ tiêu %(goal)s (năm %(ty)s).") % {
            "r": lead,
            "goal": words.goal,
            "ty": target_year,
        }
        required_text = ""
    else:
        assert required is not None
        need_text = _pace(required, linear, unit, observed=False)
        if goal.sign * (T - x) <= 0:
            # Equal to a strict bound ("trên 95%" at 95%): any move the right way is enough.
            need_text = _("cần %(verb)s vượt mức %(v)s") % {
                "verb": _("tăng") if goal.sign > 0 else _("giảm"),
                "v": with_unit(num(T, 4), unit),
            }
        required_text = _("%(n)s năm còn lại %(req)s") % {"n": remaining, "req": need_text}
        steps.append(
            _("%(n)s năm còn lại (%(a)s–%(b)s): %(req)s.")
            % {"n": remaining, "a": latest.year + 1, "b": target_year, "req": need_text}
        )
        sentence = _(
            "%(r)s, %(obs)s từ năm %(by)s (%(need)s để đạt %(goal)s vào năm %(ty)s); %(rt)s."
        ) % {
            "r": lead,
            "obs": _pace(observed, linear, unit, observed=True),
            "by": t_b,
            "need": _pace(needed, linear, unit, observed=False),
            "goal": words.goal,
            "ty": target_year,
            "rt": required_text,
        }
    return Assessment(
        status,
        sentence,
        steps,
        method="linear" if linear else "cagr",
        base_year=t_b,
        base_value=b,
        ratio=ratio,
        observed_rate=observed if linear else observed * HUNDRED,
        needed_rate=needed if linear else needed * HUNDRED,
        required_rate=None if required is None else (required if linear else required * HUNDRED),
        required_text=required_text,
        remaining_years=max(remaining, 0),
        required_path=_path(start, goal, target_year, linear),
        **common,  # type: ignore[arg-type]
    )


def judge_reduction(inp: Input, goal: Goal) -> Assessment:
    """A reduction of ``v``% against the base year ("giảm ít nhất 43,5% so với năm 2020")."""
    spec = inp.spec
    # The goal counts the share reduced, which grows whatever the text's direction says.
    goal = replace(goal, sign=1)
    if goal.comparator == "range" and goal.low is not None:
        goal = replace(goal, figure=goal.low)
    if spec.reduction_values == "percent":
        # The share already reduced: 0 in the base year unless measured otherwise, and it
        # moves by points, so the linear ratio applies.
        start = _base(inp, None) or Point(spec.first_base_year, ZERO)
        year = spec.first_base_year

        def reduced(point: Point) -> str:
            return _("giảm %(v)s%% so với năm %(y)s%(p)s") % {
                "v": num(point.value, 4),
                "y": year,
                "p": provisional_mark(point.provisional),
            }

        words = _Wording(
            _("mức giảm %(g)s so với năm %(y)s") % {"g": goal_text(goal, "%"), "y": year},
            reduced,
            "%",
        )
        return judge_stock(inp, goal, base=start, wording=words, linear_only=True)
    base = _base(inp, None)
    if base is None:
        empty = gap(inp, spec.start_year, spec.end_year, spec.first_base_year + 1)
        if empty is not None and empty.status == Status.NOT_DUE:
            return empty
        latest = inp.latest(spec.first_base_year + 1, inp.year)
        return no_data(inp, [spec.first_base_year], latest, what=_base_label(spec.first_base_year))
    b = base.value
    with calc.precise():
        level = b * (ONE - goal.figure / HUNDRED)
        edge = b * (ONE - goal.tolerance_edge / HUNDRED) if goal.comparator == "~" else level
    comparator = {">": "<", "range": "<=", "~": "<="}.get(goal.comparator, "<=")
    level_goal = Goal(comparator, level if goal.comparator != "~" else edge, -1)

    def shown(point: Point) -> str:
        if point.year == base.year:
            return num(point.value, 4) + provisional_mark(point.provisional)
        with calc.precise():
            cut = (b - point.value) / b * HUNDRED if b else ZERO
        verb = _("giảm") if cut >= 0 else _("tăng")
        return _("%(v)s (%(verb)s %(c)s%% so với năm %(y)s)%(p)s") % {
            "v": num(point.value, 4),
            "verb": verb,
            "c": num(abs(cut)),
            "y": base.year,
            "p": provisional_mark(point.provisional),
        }

    words = _Wording(
        _("mức giảm %(g)s so với năm %(y)s (còn %(lv)s)")
        % {"g": goal_text(goal, "%"), "y": base.year, "lv": num(level, 4)},
        shown,
        "",
    )
    return judge_stock(inp, level_goal, base=base, wording=words)


def _base(inp: Input, base: Point | None) -> Point | None:
    if base is not None:
        return base
    year = inp.spec.first_base_year
    if year in inp.points:
        return inp.points[year]
    if inp.spec.base_value is not None:
        return Point(year, inp.spec.base_value)
    return None


def _base_label(year: int) -> str:
    return _("năm gốc %(y)s") % {"y": year}


def _path(start: Point, goal: Goal, target_year: int, linear: bool) -> list[tuple[int, Decimal]]:
    b, T, n = start.value, goal.figure, target_year - start.year
    if n <= 0:
        return []
    path: list[tuple[int, Decimal]] = []
    with calc.precise():
        linear = linear or b <= ZERO or T <= ZERO
        step = (T - b) / n if linear else calc.growth(T / b, n)
        for k in range(n + 1):
            value = b + step * k if linear else b * (ONE + step) ** k
            path.append((start.year + k, calc.rounded(value, 6)))
    return path


def _cagr_steps(
    x: Decimal, b: Decimal, T: Decimal, t: int, n: int, observed: Decimal, needed: Decimal
) -> list[str]:
    return [
        _("Tốc độ thực tế: CAGR_o = (%(x)s / %(b)s)^(1/%(t)s) − 1 = %(o)s%%/năm.")
        % {"x": num(x, 4), "b": num(b, 4), "t": t, "o": percent_of(observed)},
        _("Tốc độ cần thiết: CAGR_r = (%(T)s / %(b)s)^(1/%(n)s) − 1 = %(r)s%%/năm.")
        % {"T": num(T, 4), "b": num(b, 4), "n": n, "r": percent_of(needed)},
    ]


def _linear_steps(
    x: Decimal,
    b: Decimal,
    T: Decimal,
    t: int,
    n: int,
    observed: Decimal,
    needed: Decimal,
    unit: str,
) -> list[str]:
    per_year = _per_year(unit)
    return [
        _(
            "Tỷ lệ tuyến tính (gốc hoặc chỉ tiêu ≤ 0, hoặc chỉ tiêu tính bằng mức giảm): thay đổi"
            " thực tế so với thay đổi cần thiết mỗi năm."
        ),
        _("Thay đổi thực tế: (%(x)s − %(b)s) / %(t)s = %(o)s/năm.")
        % {"x": num(x, 4), "b": num(b, 4), "t": t, "o": with_unit(num(observed), per_year)},
        _("Thay đổi cần thiết: (%(T)s − %(b)s) / %(n)s = %(r)s/năm.")
        % {"T": num(T, 4), "b": num(b, 4), "n": n, "r": with_unit(num(needed), per_year)},
    ]


def _per_year(unit: str) -> str:
    # A share moves by points, not by percent of itself.
    return _("điểm %") if unit == "%" else unit


def _pace(rate: Decimal, linear: bool, unit: str, *, observed: bool) -> str:
    verb = _("tăng") if rate >= 0 else _("giảm")
    if linear:
        amount = with_unit(num(abs(rate)), _per_year(unit)) + _("/năm")
    else:
        amount = percent_of(abs(rate), places=2) + _("%/năm")
    if observed:
        return _("%(verb)s bình quân %(a)s") % {"verb": verb, "a": amount}
    return _("cần %(verb)s %(a)s") % {"verb": verb, "a": amount}
