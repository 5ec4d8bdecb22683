"""Targets over the whole period: average growth ("bình quân 13%/năm") and totals (flow).

Average growth: the series holds each year's growth rate; the pace so far is the geometric
mean of the yearly rates, R = mean/target, and the rate the remaining years need is what
brings the product of all the period's years to (1 + target)^N. A missing year is filled by the
mean of the years known.

Totals ("hoàn thành khoảng 32.900 căn trong giai đoạn"): the series holds each year's amount;
the sum so far is compared with the share of the target the elapsed years should have given
(R = Σ/(T·k/N)), and the remaining years need (T − Σ)/(N − k) each.
"""

from __future__ import annotations

from decimal import Decimal

from trienkhai.core.errors import gettext_noop as _
from trienkhai.core.numbers import format_number
from trienkhai.monitoring.assessment import calc
from trienkhai.monitoring.assessment.calc import HUNDRED, ONE, ZERO, Goal
from trienkhai.monitoring.assessment.series import Input, gap, no_data
from trienkhai.monitoring.assessment.types import Assessment, Status
from trienkhai.monitoring.assessment.wording import (
    THRESHOLDS,
    close,
    goal_text,
    num,
    provisional_mark,
    rate_unit,
    tolerance_text,
    with_unit,
    years_span,
)


def judge_growth(inp: Input, goal: Goal) -> Assessment:
    spec = inp.spec
    first, last = spec.start_year, spec.final_year
    unit = rate_unit(spec)
    empty = gap(inp, first, last)
    if empty is not None:
        return empty
    known = inp.known(first, last)
    latest = known[-1]
    missing = inp.missing(first, latest.year)
    k, elapsed, total = len(known), latest.year - first + 1, last - first + 1
    remaining = last - latest.year
    with calc.precise():
        product = ONE
        for point in known:
            product *= ONE + point.value / HUNDRED
        mean = calc.growth(product, k)
        mean_pct = mean * HUNDRED
        aim = goal.figure / HUNDRED
        ratio = calc.ratio_of(mean, aim, goal.sign)
        required: Decimal | None = None
        if remaining > 0:
            needed_product = (ONE + aim) ** total / (ONE + mean) ** elapsed
            required = calc.growth(needed_product, remaining) if needed_product > 0 else -ONE
    met = goal.met(mean_pct)
    provisional = any(p.provisional for p in known)
    head = _("Chỉ tiêu: tăng trưởng bình quân %(goal)s giai đoạn %(a)s–%(b)s") % {
        "goal": goal_text(goal, unit),
        "a": first,
        "b": last,
    }
    tol = tolerance_text(goal, unit)
    steps = [head + (f" ({tol})." if tol else ".")]
    steps.append(
        _("Tốc độ từng năm: %(rates)s.")
        % {
            "rates": "; ".join(
                f"{p.year}: {num(p.value)}%{provisional_mark(p.provisional)}" for p in known
            )
        }
    )
    if missing:
        steps.append(
            _("Thiếu số liệu năm %(m)s: bình quân tính trên %(k)s năm có số liệu.")
            % {"m": ", ".join(map(str, missing)), "k": k}
        )
    factors = " × ".join(f"{num(ONE + p.value / HUNDRED, 6)}" for p in known)
    steps.append(
        _("Bình quân nhân: (%(f)s)^(1/%(k)s) − 1 = %(m)s%%/năm.")
        % {"f": factors, "k": k, "m": num(mean_pct)}
    )
    span = years_span(first, latest.year)
    mean_text = close(mean_pct, goal.figure)
    figure_text = with_unit(format_number(goal.figure), unit)
    lead = (
        _("Bình quân %(span)s đạt %(m)s%(u)s")
        if first != latest.year
        else _("Năm %(span)s đạt %(m)s%(u)s")
    ) % {"span": span, "m": mean_text, "u": unit}
    lead += provisional_mark(provisional)
    if missing:
        lead += _(" (thiếu số liệu năm %(m)s)") % {"m": ", ".join(map(str, missing))}
    required_text = ""
    if required is not None:
        required_text = _("%(n)s năm còn lại cần %(r)s%(u)s") % {
            "n": remaining,
            "r": close(required * HUNDRED, goal.figure),
            "u": unit,
        }
        steps.append(
            _(
                "%(n)s năm còn lại: ((1 + %(g)s)^%(N)s / (1 + %(m)s)^%(e)s)^(1/%(n)s) − 1"
                " = %(r)s%%/năm."
            )
            % {
                "n": remaining,
                "g": num(aim, 6),
                "N": total,
                "m": num(mean, 6),
                "e": elapsed,
                "r": num(required * HUNDRED),
            }
        )
    if met:
        status = Status.ACHIEVED
        steps.append(_("Bình quân đạt chỉ tiêu → đạt và vượt."))
        sentence = lead + _(", đạt chỉ tiêu %(goal)s") % {"goal": goal_text(goal, unit)}
        if required_text:
            sentence += _("; để giữ bình quân %(g)s cả giai đoạn, %(rt)s") % {
                "g": figure_text,
                "rt": required_text,
            }
    else:
        if ratio is None:
            status = Status.REGRESSING if mean < ZERO else Status.OFF_TRACK
        else:
            status = calc.status_for_ratio(ratio)
            steps.append(
                _("R = bình quân thực tế / chỉ tiêu = %(m)s / %(g)s = %(r)s → %(s)s (%(th)s).")
                % {
                    "m": num(mean_pct),
                    "g": format_number(goal.figure),
                    "r": num(ratio, 4),
                    "s": status.label.lower(),
                    "th": THRESHOLDS,
                }
            )
        if remaining <= 0:
            status = calc.past_due(status)
            sentence = lead + _(", chưa đạt chỉ tiêu %(goal)s") % {"goal": goal_text(goal, unit)}
        else:
            sentence = lead + _("; để đạt %(g)s cả giai đoạn, %(rt)s") % {
                "g": figure_text,
                "rt": required_text,
            }
    path = [(y, goal.figure) for y in range(first, latest.year + 1)]
    if required is not None:
        path += [(y, calc.rounded(required * HUNDRED, 6)) for y in range(latest.year + 1, last + 1)]
    return Assessment(
        status,
        sentence + ".",
        steps,
        method="growth_avg",
        year=latest.year,
        value=mean_pct,
        provisional=provisional,
        target_figure=goal.figure,
        ratio=ratio,
        observed_rate=mean_pct,
        needed_rate=goal.figure,
        required_rate=None if required is None else required * HUNDRED,
        required_text=required_text,
        remaining_years=max(remaining, 0),
        missing_years=missing,
        required_path=path,
        observed_path=[(p.year, p.value) for p in known],
    )


def judge_cumulative(inp: Input, goal: Goal) -> Assessment:
    spec = inp.spec
    first, last = spec.start_year, spec.final_year
    unit = spec.unit
    due = inp.due_years(first, last)
    missing_due = [y for y in due if y not in inp.points]
    known = inp.known(first, last)
    if missing_due:
        # A total with a year missing is not a smaller total: it is unknown.
        return no_data(inp, missing_due, known[-1] if known else None)
    empty = gap(inp, first, last)
    if empty is not None:
        return empty
    latest = known[-1]
    k, total = latest.year - first + 1, last - first + 1
    remaining = last - latest.year
    T = goal.figure
    with calc.precise():
        done = sum((p.value for p in known), ZERO)
        expected = T * k / total
        ratio = calc.ratio_of(done, expected, goal.sign) if expected else None
        required = (T - done) / remaining if remaining > 0 else None
        pace, pace_needed = done / k, T / total
    provisional = any(p.provisional for p in known)
    goal_words = goal_text(goal, unit)
    tol = tolerance_text(goal, unit)
    steps = [
        _("Chỉ tiêu: %(goal)s cộng dồn giai đoạn %(a)s–%(b)s")
        % {"goal": goal_words, "a": first, "b": last}
        + (f" ({tol})." if tol else "."),
        _("Lũy kế %(span)s = %(terms)s = %(s)s.")
        % {
            "span": years_span(first, latest.year),
            "terms": " + ".join(num(p.value, 4) + provisional_mark(p.provisional) for p in known),
            "s": with_unit(num(done, 4), unit),
        },
    ]
    per_year = f"{unit}/năm" if unit else _("/năm")
    lead = _("Lũy kế %(span)s: %(s)s%(p)s, bình quân %(pace)s") % {
        "span": years_span(first, latest.year),
        "s": with_unit(num(done, 4), unit),
        "p": provisional_mark(provisional),
        "pace": with_unit(num(pace), per_year),
    }
    required_text = ""
    if required is not None:
        required_text = _("%(n)s năm còn lại cần %(r)s") % {
            "n": remaining,
            "r": with_unit(num(max(required, ZERO)), per_year),
        }
    met = goal.met(done)
    if goal.sign < 0:
        # A ceiling ("không quá …"): met only when the period is over within it.
        met = met and remaining <= 0
    if met:
        status = Status.ACHIEVED
        steps.append(_("Lũy kế đạt chỉ tiêu → đạt và vượt."))
        sentence = lead + _(", đạt chỉ tiêu %(goal)s cả giai đoạn") % {"goal": goal_words}
    else:
        steps.append(
            _("Tiến độ cần đến năm %(y)s: %(T)s × %(k)s/%(N)s = %(e)s.")
            % {"y": latest.year, "T": num(T, 4), "k": k, "N": total, "e": num(expected)}
        )
        if goal.sign < 0:
            status = (
                Status.ON_TRACK
                if done <= expected
                else Status.NEEDS_ACCELERATION
                if done <= T
                else Status.OFF_TRACK
            )
        elif ratio is None:
            status = Status.OFF_TRACK
        else:
            status = calc.status_for_ratio(ratio)
            steps.append(
                _("R = lũy kế / tiến độ cần = %(s)s / %(e)s = %(r)s → %(st)s (%(th)s).")
                % {
                    "s": num(done, 4),
                    "e": num(expected),
                    "r": num(ratio, 4),
                    "st": status.label.lower(),
                    "th": THRESHOLDS,
                }
            )
        if remaining <= 0:
            status = calc.past_due(status)
            sentence = lead + _(", chưa đạt chỉ tiêu %(goal)s cả giai đoạn") % {"goal": goal_words}
        else:
            sentence = lead + _(" (cần %(need)s để đạt %(goal)s cả giai đoạn); %(rt)s") % {
                "need": with_unit(num(pace_needed), per_year),
                "goal": goal_words,
                "rt": required_text,
            }
    if required is not None:
        steps.append(
            _("%(n)s năm còn lại: (%(T)s − %(s)s) / %(n)s = %(r)s mỗi năm.")
            % {"n": remaining, "T": num(T, 4), "s": num(done, 4), "r": num(required)}
        )
    running: list[tuple[int, Decimal]] = []
    acc = ZERO
    for p in known:
        acc += p.value
        running.append((p.year, acc))
    with calc.precise():
        path = [(y, calc.rounded(T * (y - first + 1) / total, 6)) for y in range(first, last + 1)]
    return Assessment(
        status,
        sentence + ".",
        steps,
        method="cumulative",
        year=latest.year,
        value=done,
        provisional=provisional,
        target_figure=T,
        ratio=ratio,
        observed_rate=pace,
        needed_rate=pace_needed,
        required_rate=required,
        required_text=required_text,
        remaining_years=max(remaining, 0),
        required_path=path,
        path_cumulative=True,
        observed_path=running,
    )
