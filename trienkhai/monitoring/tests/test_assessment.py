"""The Open SDG measure on levels, with figures worked out by hand.

Most cases use a base of 100 in 2025 and a target of 161,051 in 2030 = 100 × 1,1^5, so the
required growth is exactly 10%/năm and R is the observed growth divided by 0,1.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from trienkhai.monitoring.assessment import Point, Status, TargetSpec, assess

AFTER_2026 = date(2027, 2, 1)
AFTER_2027 = date(2028, 2, 1)


def level(comparator: str = ">=", value: str = "161.051", **kw: object) -> TargetSpec:
    return TargetSpec(kind="level", comparator=comparator, value=D(value), **kw)  # type: ignore[arg-type]


def pts(*pairs: tuple[int, str]) -> list[Point]:
    return [Point(y, D(v)) for y, v in pairs]


def test_ratio_exactly_095_is_on_track() -> None:
    # CAGR_o = 109,5/100 − 1 = 0,095; CAGR_r = 1,61051^(1/5) − 1 = 0,1; R = 0,95.
    a = assess(level(), pts((2025, "100"), (2026, "109.5")), as_of=AFTER_2026)
    assert a.method == "cagr"
    assert a.ratio == D("0.95")
    assert a.status == Status.ON_TRACK
    assert a.observed_rate is not None and round(a.observed_rate, 6) == D("9.5")
    assert a.needed_rate is not None and round(a.needed_rate, 6) == D("10")
    # Just below the threshold: R = 0,0949/0,1 = 0,949.
    below = assess(level(), pts((2025, "100"), (2026, "109.49")), as_of=AFTER_2026)
    assert below.ratio == D("0.949")
    assert below.status == Status.NEEDS_ACCELERATION


def test_ratio_exactly_060_needs_acceleration() -> None:
    # CAGR_o = 0,06 → R = 0,6: still "cần tăng tốc"; 0,0599 → 0,599: "chậm tiến độ".
    a = assess(level(), pts((2025, "100"), (2026, "106")), as_of=AFTER_2026)
    assert a.ratio == D("0.6")
    assert a.status == Status.NEEDS_ACCELERATION
    b = assess(level(), pts((2025, "100"), (2026, "105.99")), as_of=AFTER_2026)
    assert b.ratio == D("0.599")
    assert b.status == Status.OFF_TRACK


def test_moving_away_is_regressing() -> None:
    # CAGR_o = −0,05 → R = −0,5.
    a = assess(level(), pts((2025, "100"), (2026, "95")), as_of=AFTER_2026)
    assert a.ratio == D("-0.5")
    assert a.status == Status.REGRESSING


def test_base_plus_one_later_value_is_enough() -> None:
    # GRDP per head: 7.800 (2025) → 8.500 (2026), target 11.247 USD/người in 2030.
    # CAGR_o = 8500/7800 − 1 = 8,974%; CAGR_r = (11247/7800)^(1/5) − 1 = 7,594%;
    # R = 1,1818; the 4 years left need (11247/8500)^(1/4) − 1 = 7,252%.
    spec = level("=", "11247", unit="USD/người", target_year=2030)
    a = assess(spec, [Point(2025, D(7800)), Point(2026, D(8500), True)], as_of=AFTER_2026)
    assert a.status == Status.ON_TRACK
    assert a.ratio is not None and round(a.ratio, 4) == D("1.1818")
    assert a.required_rate is not None and round(a.required_rate, 3) == D("7.252")
    assert a.remaining_years == 4
    assert a.provisional
    assert a.sentence == (
        "Năm 2026: 8.500 USD/người (sơ bộ), tăng bình quân 8,97%/năm từ năm 2025 "
        "(cần tăng 7,59%/năm để đạt 11.247 USD/người vào năm 2030); "
        "4 năm còn lại cần tăng 7,25%/năm."
    )
    assert any("CAGR_o = (8.500 / 7.800)^(1/1) − 1 = 8,97%/năm" in s for s in a.steps)
    assert any("R = 1 × tốc độ thực tế / |tốc độ cần thiết| = 1,1818" in s for s in a.steps)


def test_base_from_the_plan_when_no_base_observation() -> None:
    spec = level(base_value=D(100))
    a = assess(spec, pts((2026, "110")), as_of=AFTER_2026)
    assert (a.base_year, a.base_value, a.ratio, a.status) == (2025, D(100), D(1), Status.ON_TRACK)
    # An observation of the base year wins over the plan's figure.
    b = assess(spec, pts((2025, "105"), (2026, "110")), as_of=AFTER_2026)
    assert b.base_value == D(105)


def test_missing_middle_year_uses_the_latest_value() -> None:
    # 2026 is missing; 2027 = 115,5625 = 100 × 1,075²: CAGR_o = 7,5% over two years, R = 0,75.
    # The 3 years left need (161,051/115,5625)^(1/3) − 1 = 11,699%.
    a = assess(level(), pts((2025, "100"), (2027, "115.5625")), as_of=AFTER_2027)
    assert a.year == 2027
    assert a.missing_years == [2026]
    assert a.ratio == D("0.75")
    assert a.status == Status.NEEDS_ACCELERATION
    assert a.required_rate is not None and round(a.required_rate, 3) == D("11.699")
    assert any("Thiếu số liệu năm 2026" in s for s in a.steps)


def test_latest_due_year_missing_is_no_data() -> None:
    a = assess(level(), pts((2025, "100"), (2026, "110")), as_of=AFTER_2027)
    assert a.status == Status.NO_DATA
    assert a.missing_years == [2027]
    assert a.sentence == "Chưa có số liệu năm 2027 (số liệu gần nhất: năm 2026: 110)."


def test_not_due_versus_no_data() -> None:
    spec = level()
    in_2026 = date(2026, 11, 25)
    # Base known, 2026 not over and no estimate yet: nothing is due.
    assert assess(spec, pts((2025, "100")), as_of=in_2026).status == Status.NOT_DUE
    # Once 2026 is over its value is due.
    late = assess(spec, pts((2025, "100")), as_of=date(2027, 1, 2))
    assert late.status == Status.NO_DATA
    assert late.missing_years == [2026]
    # Nothing at all in November 2026: the base year 2025 is over, so its value is due.
    empty = assess(spec, [], as_of=in_2026)
    assert empty.status == Status.NO_DATA
    assert empty.sentence == "Chưa có số liệu năm gốc 2025."
    # Before the base year ends, nothing is due at all.
    assert assess(spec, [], as_of=date(2025, 6, 1)).status == Status.NOT_DUE
    # An estimate of the running year is used as soon as it is there.
    early = assess(spec, pts((2025, "100"), (2026, "110")), as_of=in_2026)
    assert early.status == Status.ON_TRACK


def test_decreasing_target() -> None:
    # Down to 32,768 = 100 × 0,8^5 by 2030: CAGR_r = −20%. 84 in 2026: CAGR_o = −16%,
    # R = −1 × (−0,16) / 0,2 = 0,8.
    spec = TargetSpec(kind="level", comparator="=", value=D("32.768"), direction="decrease")
    a = assess(spec, pts((2025, "100"), (2026, "84")), as_of=AFTER_2026)
    assert a.ratio == D("0.8")
    assert a.status == Status.NEEDS_ACCELERATION
    assert "giảm bình quân 16%/năm" in a.sentence
    # "dưới" reads as a decrease whatever the direction field says.
    under = TargetSpec(kind="rate", comparator="<", value=D("32.768"))
    assert assess(under, pts((2025, "100"), (2026, "84")), as_of=AFTER_2026).ratio == D("0.8")
    # Going up is going away: R = −1 × 0,05 / 0,2 = −0,25.
    up = assess(spec, pts((2025, "100"), (2026, "105")), as_of=AFTER_2026)
    assert (up.ratio, up.status) == (D("-0.25"), Status.REGRESSING)
    # Reaching the ceiling early is achieved.
    assert assess(spec, pts((2025, "100"), (2026, "30")), as_of=AFTER_2026).status == (
        Status.ACHIEVED
    )


def test_reduction_against_base_year_as_levels() -> None:
    # Emissions 100 in 2020, at least 43,5% less by 2030 → 56,5. 80 in 2026:
    # CAGR_o = 0,8^(1/6) − 1 = −3,6508%, CAGR_r = 0,565^(1/10) − 1 = −5,5494%, R = 0,6579.
    spec = TargetSpec(
        kind="reduction", comparator=">=", value=D("43.5"), base_year=2020, direction="decrease"
    )
    a = assess(spec, pts((2020, "100"), (2026, "80")), as_of=AFTER_2026)
    assert a.target_figure == D("56.5")
    assert a.ratio is not None and round(a.ratio, 4) == D("0.6579")
    assert a.status == Status.NEEDS_ACCELERATION
    assert "giảm 20% so với năm 2020" in a.sentence
    assert assess(spec, pts((2020, "100"), (2026, "56")), as_of=AFTER_2026).status == (
        Status.ACHIEVED
    )
    # Without the 2020 value the reduction cannot be measured.
    missing = assess(spec, pts((2026, "80")), as_of=AFTER_2026)
    assert missing.status == Status.NO_DATA
    assert "năm gốc 2020" in missing.sentence


def test_reduction_against_base_year_as_percentages() -> None:
    # The share reduced, linear from 0 in 2020: 43,5 points in 10 years = 4,35 a year needed.
    # 26,1% by 2026 = 4,35 a year → R = 1; 15,66% = 2,61 a year → R = 0,6.
    spec = TargetSpec(
        kind="reduction",
        comparator=">=",
        value=D("43.5"),
        base_year=2020,
        direction="decrease",
        unit="%",
        reduction_values="percent",
    )
    a = assess(spec, pts((2026, "26.1")), as_of=AFTER_2026)
    assert (a.method, a.ratio, a.status) == ("linear", D(1), Status.ON_TRACK)
    b = assess(spec, pts((2026, "15.66")), as_of=AFTER_2026)
    assert (b.ratio, b.status) == (D("0.6"), Status.NEEDS_ACCELERATION)
    assert assess(spec, pts((2026, "44")), as_of=AFTER_2026).status == Status.ACHIEVED


def test_zero_base_uses_the_linear_ratio() -> None:
    # "có từ 01 nhà máy … trở lên": none in 2025. Still none in 2026: R = 0 → chậm tiến độ,
    # and the 4 years left need 1/4 = 0,25 a year. One plant in 2027: achieved.
    spec = TargetSpec(kind="count", comparator=">=", value=D(1), unit="nhà máy")
    a = assess(spec, pts((2025, "0"), (2026, "0")), as_of=AFTER_2026)
    assert (a.method, a.ratio, a.status) == ("linear", D(0), Status.OFF_TRACK)
    assert a.required_rate == D("0.25")
    assert "4 năm còn lại cần tăng 0,25 nhà máy/năm" in a.sentence
    done = assess(spec, pts((2025, "0"), (2026, "0"), (2027, "1")), as_of=AFTER_2027)
    assert done.status == Status.ACHIEVED
    # From 0 to 10 stations: 3 by 2027 is 1,5 a year against 2 a year needed → R = 0,75.
    ten = TargetSpec(kind="count", comparator=">=", value=D(10), unit="trạm")
    b = assess(ten, pts((2025, "0"), (2027, "3")), as_of=AFTER_2027)
    assert (b.ratio, b.status) == (D("0.75"), Status.NEEDS_ACCELERATION)
    assert b.required_rate is not None and round(b.required_rate, 4) == D("2.3333")
    assert not any("0,001" in s for s in b.steps)


def test_range_measured_to_its_floor_and_met_inside() -> None:
    # 121–130 by 2027 from 100 in 2025: the floor needs exactly 10%/năm, so 109,5 gives
    # R = 0,95 (measured to 130 it would be 0,095/0,1402 = 0,68).
    spec = TargetSpec(kind="share", comparator="range", low=D(121), high=D(130), target_year=2027)
    a = assess(spec, pts((2025, "100"), (2026, "109.5")), as_of=AFTER_2026)
    assert a.target_figure == D(121)
    assert (a.ratio, a.status) == (D("0.95"), Status.ON_TRACK)
    # Reached from below: inside the range, and beyond it, is achieved.
    for inside in ("121", "125", "131"):
        done = assess(spec, pts((2025, "100"), (2026, "110"), (2027, inside)), as_of=AFTER_2027)
        assert done.status == Status.ACHIEVED, inside
    short = assess(spec, pts((2025, "100"), (2026, "110"), (2027, "120.9")), as_of=AFTER_2027)
    assert short.status == Status.OFF_TRACK


def test_strict_greater_than_at_equality() -> None:
    strict = TargetSpec(kind="share", comparator=">", value=D(35), unit="%")
    at_least = TargetSpec(kind="share", comparator=">=", value=D(35), unit="%")
    series = pts((2025, "30"), (2026, "32"), (2027, "33"), (2028, "34"), (2029, "34.5"))
    final = [*series, Point(2030, D(35))]
    after = date(2031, 2, 1)
    a = assess(strict, final, as_of=after)
    assert a.status == Status.OFF_TRACK  # 35 is not "trên 35%", and 2030 is over
    assert a.sentence == "Năm 2030: 35%, chưa đạt chỉ tiêu trên 35% (năm 2030)."
    assert assess(at_least, final, as_of=after).status == Status.ACHIEVED
    # Equal early on: not achieved yet, but the pace is more than enough.
    early = assess(strict, pts((2025, "30"), (2026, "35")), as_of=AFTER_2026)
    assert early.status == Status.ON_TRACK
    assert early.sentence.endswith("; 4 năm còn lại cần tăng vượt mức 35%.")


def test_approximately_with_its_tolerance() -> None:
    # "khoảng 87.000 doanh nghiệp": ±5% accepts 82.650 and more.
    spec = TargetSpec(kind="count", comparator="~", value=D(87000), unit="doanh nghiệp")
    base = (2025, "70000")
    assert assess(spec, pts(base, (2026, "82650")), as_of=AFTER_2026).status == Status.ACHIEVED
    miss = assess(spec, pts(base, (2026, "82649")), as_of=AFTER_2026)
    assert miss.status != Status.ACHIEVED
    assert any("dung sai ±5%: chấp nhận từ 82.650 doanh nghiệp" in s for s in miss.steps)
    # A tolerance of 2% accepts from 85.260.
    tight = TargetSpec(
        kind="count", comparator="~", value=D(87000), tolerance=D("0.02"), unit="doanh nghiệp"
    )
    assert assess(tight, pts(base, (2026, "85260")), as_of=AFTER_2026).status == Status.ACHIEVED
    assert assess(tight, pts(base, (2026, "85259")), as_of=AFTER_2026).status != Status.ACHIEVED


def test_required_path_from_base_to_target() -> None:
    a = assess(level(), pts((2025, "100"), (2026, "105")), as_of=AFTER_2026)
    assert a.required_path == [
        (2025, D(100)),
        (2026, D(110)),
        (2027, D(121)),
        (2028, D("133.1")),
        (2029, D("146.41")),
        (2030, D("161.051")),
    ]
    linear = TargetSpec(kind="count", comparator=">=", value=D(10))
    b = assess(linear, pts((2025, "0"), (2026, "1")), as_of=AFTER_2026)
    assert [v for _, v in b.required_path] == [D(0), D(2), D(4), D(6), D(8), D(10)]


def test_steps_show_the_calculation() -> None:
    a = assess(level(unit="tỷ đồng"), pts((2025, "100"), (2026, "106")), as_of=AFTER_2026)
    text = "\n".join(a.steps)
    assert "Chỉ tiêu: từ 161,051 tỷ đồng trở lên vào năm 2030." in text
    assert "Năm gốc 2025: 100 tỷ đồng." in text
    assert "CAGR_o = (106 / 100)^(1/1) − 1 = 6%/năm" in text
    assert "CAGR_r = (161,051 / 100)^(1/5) − 1 = 10%/năm" in text
    assert "= 0,6 → cần tăng tốc" in text
    assert "4 năm còn lại (2027–2030)" in text


def test_official_value_wins_over_provisional() -> None:
    series = [
        Point(2025, D(100)),
        Point(2026, D(120), provisional=True),
        Point(2026, D("109.5")),
    ]
    a = assess(level(), series, as_of=AFTER_2026)
    assert (a.value, a.provisional, a.ratio) == (D("109.5"), False, D("0.95"))


def test_year_caps_the_values_used() -> None:
    series = pts((2025, "100"), (2026, "109.5"), (2027, "95"))
    assert assess(level(), series, as_of=AFTER_2027, year=2026).ratio == D("0.95")
    assert assess(level(), series, as_of=AFTER_2027).status == Status.REGRESSING
