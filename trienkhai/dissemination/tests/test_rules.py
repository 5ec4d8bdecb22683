"""Thresholds on exact fractions; percentages two decimals, half up; advisory colours."""

from __future__ import annotations

from decimal import Decimal

import pytest

from trienkhai.dissemination.rules import Coverage, Status, Threshold, capped

ABOVE_95 = Threshold("party_members", ">", Decimal("95.00"), "đảng viên")
KEY_100 = Threshold("key_cadres", "=", Decimal("100.00"), "cán bộ chủ chốt")
FROM_90 = Threshold("union_members", ">=", Decimal("90.00"), "đoàn viên, hội viên")


def test_95_0_percent_does_not_meet_tren_95() -> None:
    exactly = Coverage(95, 100)
    assert exactly.percent == Decimal("95.00")
    assert ABOVE_95.met(exactly) is False
    # 1.900/2.000 is 95,0% too, whatever the size.
    assert ABOVE_95.met(Coverage(1900, 2000)) is False
    assert ABOVE_95.met(Coverage(951, 1000)) is True


def test_rounded_percentage_is_never_what_is_judged() -> None:
    # 19.001/20.001 = 95,0002…% prints as 95,00% yet is above 95%.
    barely = Coverage(19001, 20001)
    assert barely.percent == Decimal("95.00")
    assert ABOVE_95.met(barely) is True
    # 1.899/1.999 = 94,997…% prints as 95,00% yet is below.
    below = Coverage(1899, 1999)
    assert below.percent == Decimal("95.00")
    assert ABOVE_95.met(below) is False


def test_greater_or_equal_meets_at_the_boundary() -> None:
    assert FROM_90.met(Coverage(90, 100)) is True
    assert FROM_90.met(Coverage(89, 100)) is False


def test_key_cadres_need_every_one() -> None:
    assert KEY_100.met(Coverage(62, 62)) is True
    assert KEY_100.met(Coverage(61, 62)) is False
    assert KEY_100.phrase == "100%"
    assert KEY_100.needed(62) == 62


def test_2909_of_3044_prints_95_57() -> None:
    cov = Coverage(2909, 3044)
    assert cov.percent == Decimal("95.57")
    assert cov.text("đảng viên") == "2.909/3.044 đảng viên, đạt 95,57%"
    assert ABOVE_95.met(cov) is True
    assert ABOVE_95.phrase == "trên 95%"


def test_percent_rounds_half_up() -> None:
    # 1/8 = 12,5% exactly; 1/16 = 6,25%; 1/32 = 3,125% → 3,13%.
    assert Coverage(1, 32).percent == Decimal("3.13")
    assert Coverage(2, 3).percent == Decimal("66.67")


def test_needed_and_shortfall() -> None:
    # "trên 95%" of 3.045: 95% is 2.892,75, so 2.893 are needed.
    assert ABOVE_95.needed(3045) == 2893
    # Exactly 95% of 100 is not enough: 96.
    assert ABOVE_95.needed(100) == 96
    assert FROM_90.needed(100) == 90
    assert ABOVE_95.shortfall(Coverage(90, 100)) == 6
    assert ABOVE_95.shortfall(Coverage(99, 100)) == 0


@pytest.mark.parametrize(
    ("cov", "status"),
    [
        (Coverage(96, 100), Status.GREEN),
        (Coverage(95, 100), Status.AMBER),
        (Coverage(85, 100), Status.AMBER),
        (Coverage(84, 100), Status.RED),
        (Coverage(0, 44), Status.RED),
        (Coverage(0, 0), Status.NO_DATA),
    ],
)
def test_advisory_colours(cov: Coverage, status: Status) -> None:
    assert ABOVE_95.status(cov) is status


def test_capped_never_exceeds_headcount() -> None:
    assert capped(52, 50) == 50
    assert capped(48, 50) == 48
    assert capped(10, None) == 0
