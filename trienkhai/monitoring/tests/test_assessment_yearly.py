"""Targets judged year by year: ranks, "hằng năm" figures and qualitative targets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from trienkhai.monitoring.assessment import Point, Status, TargetSpec, assess, is_yearly

AFTER_2026 = date(2027, 2, 1)
AFTER_2027 = date(2028, 2, 1)

TOP5 = TargetSpec(kind="rank", comparator="rank<=", value=D(5), stretch=D(3))


def ranks(*pairs: tuple[int, int]) -> list[Point]:
    return [Point(y, D(r)) for y, r in pairs]


def test_rank_4_against_top_5_and_top_3() -> None:
    a = assess(TOP5, ranks((2026, 4)), as_of=AFTER_2026)
    assert a.method == "rank"
    assert a.status == Status.ACHIEVED  # within the top 5
    assert a.stretch is not None
    assert a.stretch.status != Status.ACHIEVED  # not within the top 3
    assert a.sentence == (
        "Năm 2026 xếp thứ 4, đạt chỉ tiêu trong nhóm 5 dẫn đầu (số năm đạt: 1/1); "
        "chưa đạt mức phấn đấu nhóm 3 dẫn đầu."
    )
    top3 = assess(TOP5, ranks((2026, 3)), as_of=AFTER_2026)
    assert top3.stretch is not None and top3.stretch.status == Status.ACHIEVED
    assert top3.sentence.endswith("; đạt cả mức phấn đấu nhóm 3 dẫn đầu.")


def test_rank_each_year_on_its_own() -> None:
    # 2026 in the top 5, 2027 sixth: the latest year decides, the count shows both.
    a = assess(TOP5, ranks((2026, 4), (2027, 6)), as_of=AFTER_2027)
    assert a.status == Status.REGRESSING  # moved away from the top 5 since 2026
    assert "số năm đạt: 1/2" in a.sentence
    # Sixth after eighth: closer, but 5/6 = 0,83 of the target is a clear miss.
    b = assess(TOP5, ranks((2026, 8), (2027, 6)), as_of=AFTER_2027)
    assert b.status == Status.OFF_TRACK
    assert b.ratio is not None and round(b.ratio, 4) == D("0.8333")
    # A rank needs no base year: nothing before 2026 is asked for.
    assert assess(TOP5, [], as_of=date(2026, 11, 25)).status == Status.NOT_DUE
    assert assess(TOP5, [], as_of=AFTER_2026).status == Status.NO_DATA


def test_yearly_target_is_judged_each_year() -> None:
    # "số doanh nghiệp thành lập mới hằng năm khoảng 9.200": ±5% accepts 8.740.
    spec = TargetSpec(kind="count", comparator="~", value=D(9200), unit="doanh nghiệp", yearly=True)
    met = assess(spec, [Point(2026, D(8740))], as_of=AFTER_2026)
    assert (met.method, met.status) == ("yearly", Status.ACHIEVED)
    # 8.800 then 8.000: the year is missed and moved away → regressing.
    down = assess(spec, [Point(2026, D(8800)), Point(2027, D(8000))], as_of=AFTER_2027)
    assert down.status == Status.REGRESSING
    # Measured to what would have met it: 8.000/8.740 = 0,9153.
    assert down.ratio is not None and round(down.ratio, 4) == D("0.9153")
    # 8.700 after 8.600: 8.700/8.740 = 0,9954, missed by little → needs acceleration.
    near = assess(spec, [Point(2026, D(8600)), Point(2027, D(8700))], as_of=AFTER_2027)
    assert near.status == Status.NEEDS_ACCELERATION
    # 7.000 after 6.000: moving closer but far below → off track.
    far = assess(spec, [Point(2026, D(6000)), Point(2027, D(7000))], as_of=AFTER_2027)
    assert far.status == Status.OFF_TRACK
    assert far.required_path == [(y, D(9200)) for y in range(2026, 2031)]


def test_yearly_target_is_not_a_trajectory() -> None:
    # As a level, 9.000 in 2026 from 8.000 in 2025 is on the way to 9.200 in 2030; as a
    # yearly figure, 2026 itself missed it.
    level = TargetSpec(kind="count", comparator=">=", value=D(9200))
    yearly = TargetSpec(kind="count", comparator=">=", value=D(9200), yearly=True)
    series = [Point(2025, D(8000)), Point(2026, D(9000))]
    assert assess(level, series, as_of=AFTER_2026).status == Status.ON_TRACK
    assert assess(yearly, series, as_of=AFTER_2026).status == Status.NEEDS_ACCELERATION


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("số doanh nghiệp thành lập mới hằng năm khoảng 9.200 doanh nghiệp", "count", True),
        ("Chỉ số chuyển đổi số (DTI) … hằng năm trong nhóm 5 địa phương dẫn đầu", "rank", True),
        ("thu ngân sách hàng năm tăng 10%", "rate", True),
        ("tăng trưởng kinh tế địa phương bình quân hàng năm đạt từ 10% trở lên", "rate", False),
        ("tăng trưởng bình quân 13%/năm, hằng năm", "growth_avg", False),
        ("Đến năm 2030, có khoảng 87.000 doanh nghiệp", "count", False),
        ("HẰNG NĂM đạt 100%", "rate", True),
    ],
)
def test_is_yearly_reads_hang_nam(text: str, kind: str, expected: bool) -> None:
    assert is_yearly(text, kind) is expected


def test_qualitative_target_recorded_as_met_or_not() -> None:
    spec = TargetSpec(kind="qualitative", comparator="")
    assert assess(spec, [Point(2026, D(1))], as_of=AFTER_2026).status == Status.ACHIEVED
    miss = assess(spec, [Point(2026, D(0))], as_of=AFTER_2026)
    assert (miss.status, miss.sentence) == (Status.OFF_TRACK, "Năm 2026: chưa đạt.")
    assert assess(spec, [], as_of=AFTER_2026).status == Status.NO_DATA
    assert assess(spec, [], as_of=date(2026, 5, 1)).status == Status.NOT_DUE
