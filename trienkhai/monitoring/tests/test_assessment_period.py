"""Targets over the whole period: average growth and cumulative (flow) totals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from trienkhai.monitoring.assessment import Point, Status, TargetSpec, assess

AFTER_2026 = date(2027, 2, 1)
AFTER_2027 = date(2028, 2, 1)


def grdp(**kw: object) -> TargetSpec:
    fields: dict[str, object] = {
        "kind": "growth_avg",
        "comparator": ">=",
        "value": D(13),
        "stretch": D(14),
        "unit": "%/năm",
        "target_year": 2030,
    }
    fields.update(kw)
    return TargetSpec(**fields)  # type: ignore[arg-type]


def housing(**kw: object) -> TargetSpec:
    fields: dict[str, object] = {
        "kind": "cumulative",
        "comparator": "~",
        "value": D(32900),
        "unit": "căn",
        "measure": "flow",
        "target_year": 2030,
    }
    fields.update(kw)
    return TargetSpec(**fields)  # type: ignore[arg-type]


def rates(*pairs: tuple[int, str]) -> list[Point]:
    return [Point(y, D(v)) for y, v in pairs]


def test_average_growth_with_the_rate_the_remaining_years_need() -> None:
    # 12,1% in 2026 and 2027: geometric mean 12,1%, R = 12,1/13 = 0,9308.
    # The 3 years left need (1,13^5 / 1,121^2)^(1/3) − 1 = 13,604%/năm for 13%,
    # and (1,14^5 / 1,121^2)^(1/3) − 1 = 15,285%/năm for the stretch 14%.
    a = assess(grdp(), rates((2026, "12.1"), (2027, "12.1")), as_of=AFTER_2027)
    assert a.method == "growth_avg"
    assert a.status == Status.NEEDS_ACCELERATION
    assert a.ratio is not None and round(a.ratio, 4) == D("0.9308")
    assert a.required_rate is not None and round(a.required_rate, 3) == D("13.604")
    assert a.remaining_years == 3
    assert a.sentence == (
        "Bình quân 2026–2027 đạt 12,1%/năm; để đạt 13%/năm cả giai đoạn, "
        "3 năm còn lại cần 13,6%/năm; mức phấn đấu 14%/năm: 3 năm còn lại cần 15,3%/năm."
    )
    # The stretch is judged the same way: R = 12,1/14 = 0,8643 → cần tăng tốc.
    assert a.stretch is not None
    assert a.stretch.status == Status.NEEDS_ACCELERATION
    assert a.stretch.ratio is not None and round(a.stretch.ratio, 4) == D("0.8643")


def test_average_is_geometric_not_arithmetic() -> None:
    # 0% then 21%: (1,00 × 1,21)^(1/2) − 1 = 10% exactly (the arithmetic mean is 10,5%).
    spec = grdp(value=D("10.4"), stretch=None)
    a = assess(spec, rates((2026, "0"), (2027, "21")), as_of=AFTER_2027)
    assert a.value == D(10)
    assert a.status == Status.ON_TRACK  # R = 10/10,4 = 0,9615, not achieved
    assert a.ratio is not None and round(a.ratio, 4) == D("0.9615")
    assert "Bình quân nhân: (1 × 1,21)^(1/2) − 1 = 10%/năm." in a.steps


def test_average_growth_met_so_far_is_achieved() -> None:
    a = assess(grdp(), rates((2026, "13.5")), as_of=AFTER_2026)
    assert a.status == Status.ACHIEVED
    # To keep 13% over five years the four left need (1,13^5/1,135)^(1/4) − 1 = 12,875%.
    assert a.required_rate is not None and round(a.required_rate, 3) == D("12.875")
    assert a.sentence.startswith("Năm 2026 đạt 13,5%/năm, đạt chỉ tiêu từ 13%/năm trở lên;")
    # Against the stretch: R = 13,5/14 = 0,9643 → on track, the four left need 14,125%.
    assert a.stretch is not None and a.stretch.status == Status.ON_TRACK
    assert a.stretch.ratio is not None and round(a.stretch.ratio, 4) == D("0.9643")
    assert a.sentence.endswith(
        "; đúng tiến độ để đạt mức phấn đấu 14%/năm (4 năm còn lại cần 14,1%/năm)."
    )


def test_average_growth_both_tiers_reached() -> None:
    a = assess(grdp(), rates((2026, "14.2")), as_of=AFTER_2026)
    assert a.status == Status.ACHIEVED
    assert a.stretch is not None and a.stretch.status == Status.ACHIEVED
    assert a.sentence.endswith("; đạt cả mức phấn đấu 14%/năm.")


def test_average_growth_close_figures_keep_enough_decimals() -> None:
    # 12,96% must not print as "13,0%" next to a 13% target.
    a = assess(grdp(stretch=None), rates((2026, "12.96")), as_of=AFTER_2026)
    assert a.status == Status.ON_TRACK
    assert a.sentence.startswith("Năm 2026 đạt 12,96%/năm;")


def test_average_growth_with_a_range_and_negative_growth() -> None:
    iip = grdp(comparator="range", value=None, low=D("15.5"), high=D("16.5"), stretch=None)
    assert assess(iip, rates((2026, "16")), as_of=AFTER_2026).status == Status.ACHIEVED
    a = assess(iip, rates((2026, "12.4")), as_of=AFTER_2026)
    assert a.ratio == D("0.8")  # 12,4 / 15,5, measured to the floor
    assert assess(iip, rates((2026, "-1")), as_of=AFTER_2026).status == Status.REGRESSING


def test_average_growth_with_a_missing_year() -> None:
    a = assess(grdp(stretch=None), rates((2026, "12.1"), (2028, "12.1")), as_of=date(2029, 2, 1))
    assert a.missing_years == [2027]
    assert a.value is not None and round(a.value, 6) == D("12.1")
    # The missing year counts at the mean: (1,13^5 / 1,121^3)^(1/2) − 1.
    expected = ((D("1.13") ** 5 / D("1.121") ** 3) ** D("0.5") - 1) * 100
    assert a.required_rate is not None and round(a.required_rate, 6) == round(expected, 6)
    assert "thiếu số liệu năm 2027" in a.sentence


def test_average_growth_not_due_and_no_data() -> None:
    assert assess(grdp(), [], as_of=date(2026, 11, 25)).status == Status.NOT_DUE
    late = assess(grdp(), [], as_of=AFTER_2026)
    assert (late.status, late.missing_years) == (Status.NO_DATA, [2026])


def test_average_growth_at_the_end_of_the_period() -> None:
    five = rates(*((y, "12.5") for y in range(2026, 2031)))
    a = assess(grdp(stretch=None), five, as_of=date(2031, 2, 1))
    assert a.status == Status.OFF_TRACK  # R = 0,96, but the period is over and 13% was missed
    assert a.sentence == (
        "Bình quân 2026–2030 đạt 12,5%/năm, chưa đạt chỉ tiêu từ 13%/năm trở lên."
    )


def test_required_path_of_average_growth() -> None:
    a = assess(grdp(stretch=None), rates((2026, "12.1"), (2027, "12.1")), as_of=AFTER_2027)
    years = [y for y, _ in a.required_path]
    assert years == [2026, 2027, 2028, 2029, 2030]
    assert a.required_path[0][1] == D(13)
    assert round(a.required_path[-1][1], 3) == D("13.604")


def test_cumulative_count_over_the_period() -> None:
    # 32.900 căn over 2026–2030: 5.200 + 6.100 = 11.300 by 2027, against 32.900 × 2/5 = 13.160
    # expected: R = 11.300/13.160 = 0,8587. The 3 years left need (32.900 − 11.300)/3 = 7.200.
    a = assess(housing(), rates((2026, "5200"), (2027, "6100")), as_of=AFTER_2027)
    assert a.method == "cumulative"
    assert a.value == D(11300)
    assert a.ratio is not None and round(a.ratio, 4) == D("0.8587")
    assert a.status == Status.NEEDS_ACCELERATION
    assert a.required_rate == D(7200)
    assert a.sentence == (
        "Lũy kế 2026–2027: 11.300 căn, bình quân 5.650 căn/năm (cần 6.580 căn/năm để đạt "
        "khoảng 32.900 căn cả giai đoạn); 3 năm còn lại cần 7.200 căn/năm."
    )
    assert a.path_cumulative
    assert [v for _, v in a.required_path] == [D(6580), D(13160), D(19740), D(26320), D(32900)]
    assert a.observed_path == [(2026, D(5200)), (2027, D(11300))]
    assert "Lũy kế 2026–2027 = 5.200 + 6.100 = 11.300 căn." in a.steps


def test_cumulative_is_a_sum_not_the_latest_level() -> None:
    # As a stock, 6.100 in 2027 would be judged alone; as a flow the sum counts.
    stock = assess(
        housing(kind="count", measure="stock"),
        rates((2025, "0"), (2026, "5200"), (2027, "6100")),
        as_of=AFTER_2027,
    )
    assert stock.value == D(6100)
    flow = assess(housing(), rates((2026, "5200"), (2027, "6100")), as_of=AFTER_2027)
    assert flow.value == D(11300)


def test_cumulative_reached_within_tolerance() -> None:
    # khoảng 32.900 ± 5% is met from 31.255.
    years = rates((2026, "6000"), (2027, "6000"), (2028, "6000"), (2029, "6000"))
    met = assess(housing(), [*years, Point(2030, D(7255))], as_of=date(2031, 2, 1))
    assert met.status == Status.ACHIEVED
    short = assess(housing(), [*years, Point(2030, D(7254))], as_of=date(2031, 2, 1))
    assert short.status == Status.OFF_TRACK


def test_cumulative_with_a_missing_year_is_no_data() -> None:
    a = assess(housing(), rates((2026, "5200"), (2028, "6100")), as_of=date(2029, 2, 1))
    assert a.status == Status.NO_DATA
    assert a.missing_years == [2027]


def test_cumulative_ceiling() -> None:
    # "không quá 100 vụ" over the period: within the pace so far is on track.
    spec = housing(comparator="<=", value=D(100), unit="vụ")
    assert assess(spec, rates((2026, "15")), as_of=AFTER_2026).status == Status.ON_TRACK
    assert assess(spec, rates((2026, "30")), as_of=AFTER_2026).status == (Status.NEEDS_ACCELERATION)
    assert assess(spec, rates((2026, "120")), as_of=AFTER_2026).status == Status.OFF_TRACK
