"""The scorecard's arithmetic by hand-computed tables: the score, the band, the cap."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from trienkhai.emulation import rules
from trienkhai.emulation.rules import (
    DEFAULT_WEIGHTS,
    EXCELLENT,
    FULFILLED,
    GOOD,
    UNFULFILLED,
    Adjustments,
    Candidate,
    Measure,
)

FULL = {k: Measure(4, 4) for k in rules.CRITERIA}


def test_all_criteria_met_is_100() -> None:
    assert rules.score(FULL, DEFAULT_WEIGHTS).score == Decimal("100.00")


def test_hand_computed_score() -> None:
    # coverage 3/4 (w20) → 15; reports accepted 4/4 (w15) → 15; on time 3/4 (w15) → 11,25;
    # tasks 9/10 (w25) → 22,5; media 10/13 (w15) → 11,538…; actions 1/2 (w10) → 5
    # Σ = 80,288… → 80,29.
    measures = {
        rules.COVERAGE: Measure(3, 4),
        rules.REPORTS_DONE: Measure(4, 4),
        rules.REPORTS_ON_TIME: Measure(3, 4),
        rules.TASKS: Measure(9, 10),
        rules.MEDIA: Measure(10, 13),
        rules.ACTIONS: Measure(1, 2),
    }
    points = rules.score(measures, DEFAULT_WEIGHTS)
    assert points.base == Decimal("80.29") and points.score == Decimal("80.29")


def test_a_criterion_without_data_leaves_its_weight_to_the_others() -> None:
    # No corrective action and no media rule binds the unit: the other four share the 100
    # (weights 20+15+15+25 = 75): (20·1 + 15·1 + 15·½ + 25·⅘)·100/75 = 62,5·100/75 = 83,33.
    measures = {
        rules.COVERAGE: Measure(2, 2),
        rules.REPORTS_DONE: Measure(4, 4),
        rules.REPORTS_ON_TIME: Measure(2, 4),
        rules.TASKS: Measure(8, 10),
        rules.MEDIA: Measure(0, 0),
    }
    assert rules.score(measures, DEFAULT_WEIGHTS).base == Decimal("83.33")
    # Nothing counted at all: nothing earned.
    assert rules.score({}, DEFAULT_WEIGHTS).score == Decimal("0.00")


def test_the_office_weights_bonus_and_penalty() -> None:
    measures = {rules.TASKS: Measure(1, 2), rules.COVERAGE: Measure(1, 1)}
    weights = {**DEFAULT_WEIGHTS, rules.COVERAGE: 0}  # the office leaves coverage out
    points = rules.score(measures, weights, practices=3, violations=1)
    # base 50; bonus 3 × 2 = 6 capped at 5; penalty 5 → 50.
    assert (points.base, points.bonus, points.penalty, points.score) == (
        Decimal("50.00"),
        Decimal(5),
        Decimal(5),
        Decimal("50.00"),
    )
    generous = Adjustments(bonus_per_practice=Decimal(10), bonus_max=Decimal(10))
    assert rules.score(FULL, DEFAULT_WEIGHTS, practices=1, adjustments=generous).score == 100
    assert rules.score(measures, weights, violations=20).score == 0


def test_a_measure_cannot_be_more_than_it_counts() -> None:
    with pytest.raises(ValueError):
        Measure(5, 4)


@pytest.mark.parametrize(
    ("points", "tasks", "violations", "band"),
    [
        (Decimal("95"), Measure(10, 10), 0, EXCELLENT),
        (Decimal("95"), Measure(9, 10), 0, FULFILLED),  # a task late: not tốt, not xuất sắc
        (Decimal("95"), Measure(10, 10), 1, GOOD),  # a violation: not xuất sắc
        (Decimal("89.99"), Measure(10, 10), 0, GOOD),
        (Decimal("70"), Measure(0, 0), 0, GOOD),  # no task counted: none late
        (Decimal("69.99"), Measure(10, 10), 0, FULFILLED),
        (Decimal("60"), Measure(4, 5), 0, FULFILLED),  # 20% late: still hoàn thành
        (Decimal("60"), Measure(3, 5), 0, UNFULFILLED),  # 40% late
        (Decimal("49.99"), Measure(10, 10), 0, UNFULFILLED),
    ],
)
def test_the_suggested_band(points: Decimal, tasks: Measure, violations: int, band: str) -> None:
    checks = rules.band_checks(points, tasks, violations)
    assert rules.suggested_band(checks) == band
    # The condition the system cannot see is listed to confirm, never taken as failed.
    assert [c.held for c in checks[0].conditions][-1] is None


def _cell(i: int, score: str, band: str, tasks: Fraction = Fraction(1)) -> Candidate:
    return Candidate(i, f"cb{i:02d}", Decimal(score), tasks, Fraction(1), band)


def test_ten_rated_good_three_candidates_two_kept_with_the_tie_break() -> None:
    group = [_cell(i, "80", GOOD) for i in range(1, 8)]
    group += [
        _cell(8, "95.00", EXCELLENT),
        _cell(9, "92.50", EXCELLENT),
        _cell(10, "92.50", EXCELLENT, tasks=Fraction(1)),
    ]
    # cb09 and cb10 tie on score and on tasks: the next measures are equal, the code decides.
    ranked = rules.apply_cap(group, 20)
    assert [ranked[k].band for k in (8, 9, 10)] == [EXCELLENT, EXCELLENT, GOOD]
    assert ranked[10].capped and "tối đa 2 đơn vị xuất sắc" in ranked[10].note
    assert "20% của 10 đơn vị" in ranked[10].note
    assert ranked[10].tie == ["bằng nhau mọi tiêu chí; theo thứ tự mã đơn vị (cb09 trước cb10)"]
    assert ranked[9].tie == [] and ranked[8].tie == []  # kept: nothing to explain
    assert [ranked[k].rank for k in (8, 9, 10)] == [1, 2, 3]
    assert all(ranked[k].band == GOOD for k in range(1, 8))


def test_the_tie_break_reads_tasks_on_time_before_the_code() -> None:
    group = [_cell(i, "80", GOOD) for i in range(1, 5)]
    group += [_cell(5, "91", EXCELLENT, tasks=Fraction(9, 10)), _cell(6, "91", EXCELLENT)]
    ranked = rules.apply_cap(group, 20)  # 6 rated tốt or better → 1 xuất sắc
    assert ranked[6].band == EXCELLENT and ranked[5].band == GOOD
    assert ranked[5].tie == ["cùng điểm; nhiệm vụ đúng hạn 100% > 90%"]


def test_a_cap_of_100_keeps_every_candidate() -> None:
    group = [_cell(1, "95", EXCELLENT), _cell(2, "96", EXCELLENT)]
    assert {r.band for r in rules.apply_cap(group, 100).values()} == {EXCELLENT}
    # Under five rated tốt or better, 20% rounds down to none.
    assert {r.band for r in rules.apply_cap(group, 20).values()} == {GOOD}
