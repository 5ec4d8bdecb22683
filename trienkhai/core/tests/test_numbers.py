from __future__ import annotations

import contextlib
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trienkhai.core.errors import DomainError
from trienkhai.core.numbers import (
    NumberFormatError,
    Quantity,
    format_number,
    format_percent,
    format_ratio_percent,
    parse_number,
    parse_percent,
    parse_quantity,
    percent,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11.247", Decimal("11247")),
        ("15,5", Decimal("15.5")),
        ("245.500", Decimal("245500")),
        ("1.234,5", Decimal("1234.5")),
        ("03", Decimal("3")),
        ("0,8", Decimal("0.8")),
        ("-5", Decimal("-5")),
        ("1.000.000", Decimal("1000000")),
        ("100", Decimal("100")),
        (" 12 ", Decimal("12")),
        ("\u00a012\u202f", Decimal("12")),
        ("\t1.234.567,89\n", Decimal("1234567.89")),
        ("1234", Decimal("1234")),
        ("0", Decimal("0")),
        ("-0", Decimal("0")),
        ("\u22127", Decimal("-7")),
    ],
)
def test_parse_number(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    ["1,2,3", "12.34", "1.2345", "", "   ", "abc", "1..2", ".5", "5,", "1.23,4", "1,234.5",
     "1234.567", "0.800", "-", "+5", "5%", "1 000", "١٢", "12a", "--5", "5-"],
)  # fmt: skip
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(NumberFormatError) as caught:
        parse_number(text)
    assert f'"{text.strip()}"' in caught.value.message
    assert str(caught.value) == caught.value.message
    assert caught.value.code == "number_format"
    assert isinstance(caught.value, DomainError)
    assert isinstance(caught.value, ValueError)


def test_parse_number_explains_the_rule_broken() -> None:
    with pytest.raises(NumberFormatError) as caught:
        parse_number("1,2,3")
    assert caught.value.message == (
        'Số "1,2,3" không đúng định dạng: chỉ được có một dấu phẩy thập phân'
    )
    with pytest.raises(NumberFormatError, match="đúng 3 chữ số"):
        parse_number("12.34")


def test_parse_number_accepts_nfd() -> None:
    # Digits are unaffected by normalisation, but a decomposed space or mark must not leak in.
    assert parse_number(unicodedata.normalize("NFD", " 1.234,5 ")) == Decimal("1234.5")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("95,57%", Decimal("95.57")),
        ("95,57 %", Decimal("95.57")),
        ("95,57", Decimal("95.57")),
        ("100%", Decimal("100")),
        ("-2,5%", Decimal("-2.5")),
    ],
)
def test_parse_percent(text: str, expected: Decimal) -> None:
    assert parse_percent(text) == expected


@pytest.mark.parametrize("text", ["%", "95,5%%", "95.5%", "abc%", "% 5"])
def test_parse_percent_rejects(text: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_percent(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,4 triệu tỷ", Quantity(Decimal("2.4"), "triệu tỷ")),
        ("2,4 TRIỆU TỶ", Quantity(Decimal("2.4"), "triệu tỷ")),
        ("3 tỷ", Quantity(Decimal("3"), "tỷ")),
        ("3 tỉ", Quantity(Decimal("3"), "tỷ")),
        ("5 nghìn tỷ", Quantity(Decimal("5"), "nghìn tỷ")),
        ("5  nghìn\u00a0tỷ", Quantity(Decimal("5"), "nghìn tỷ")),
        ("7 ngàn tỉ", Quantity(Decimal("7"), "ngàn tỷ")),
        ("12 nghìn", Quantity(Decimal("12"), "nghìn")),
        ("12 ngàn", Quantity(Decimal("12"), "ngàn")),
        ("1.500 triệu", Quantity(Decimal("1500"), "triệu")),
        ("5ngàn", Quantity(Decimal("5"), "ngàn")),
        ("11.247", Quantity(Decimal("11247"), None)),
        (unicodedata.normalize("NFD", "2,4 triệu tỷ"), Quantity(Decimal("2.4"), "triệu tỷ")),
    ],
)
def test_parse_quantity(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    "text", ["tỷ", "", "12.34 triệu", "2,4 tỷ đồng", "1 tỷ tỷ", "triệu 5", "5 nghìn nghìn"]
)
def test_parse_quantity_rejects(text: str) -> None:
    with pytest.raises(NumberFormatError) as caught:
        parse_quantity(text)
    assert f'"{" ".join(text.split())}"' in caught.value.message


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (Quantity(Decimal("2.4"), "triệu tỷ"), Decimal("2400000000000000")),
        (Quantity(Decimal("2.4"), "tỷ"), Decimal("2400000000")),
        (Quantity(Decimal("1.5"), "nghìn tỷ"), Decimal("1500000000000")),
        (Quantity(Decimal("12"), "nghìn"), Decimal("12000")),
        (Quantity(Decimal("12"), "ngàn"), Decimal("12000")),
        (Quantity(Decimal("3"), "triệu"), Decimal("3000000")),
        (Quantity(Decimal("3"), None), Decimal("3")),
        # Exact beyond the default 28-digit context precision.
        (
            Quantity(Decimal("1234567890123456789012345678.9"), "triệu tỷ"),
            Decimal("1234567890123456789012345678900000000000000"),
        ),
    ],
)
def test_quantity_absolute(quantity: Quantity, expected: Decimal) -> None:
    assert quantity.absolute() == expected


def test_quantity_rejects_unknown_scale() -> None:
    with pytest.raises(ValueError):
        Quantity(Decimal(1), "chục")


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (11247, None, "11.247"),
        (15.5, None, "15,5"),
        (Decimal("1234567.89"), None, "1.234.567,89"),
        (-1234, None, "-1.234"),
        (None, None, ""),
        (None, 2, ""),
        (Decimal("15.50"), None, "15,5"),
        (Decimal("15.00"), None, "15"),
        (Decimal("1E+3"), None, "1.000"),
        (Decimal("0.000001"), None, "0,000001"),
        (999, None, "999"),
        (-999.5, None, "-999,5"),
        (1000, None, "1.000"),
        (0, None, "0"),
        (Decimal("-0"), None, "0"),
        (0.1, None, "0,1"),
        (2026, None, "2.026"),
        (15.5, 2, "15,50"),
        (2.675, 2, "2,68"),
        (Decimal("0.125"), 2, "0,13"),
        (Decimal("-0.125"), 2, "-0,13"),
        (Decimal("-0.001"), 2, "0,00"),
        (1234.5, 0, "1.235"),
        (Decimal("999.95"), 1, "1.000,0"),
        (11247, 2, "11.247,00"),
        (Decimal("12345678901234567890123456789.5"), 0, "12.345.678.901.234.567.890.123.456.790"),
    ],
)
def test_format_number(
    value: int | float | Decimal | None, decimals: int | None, expected: str
) -> None:
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(
    "value", [float("nan"), float("inf"), Decimal("NaN"), Decimal("-Infinity")]
)
def test_format_number_refuses_non_finite(value: float | Decimal) -> None:
    with pytest.raises(ValueError):
        format_number(value)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (95.565, 2, "95,57%"),
        (100, 2, "100,00%"),
        (Decimal("95.565"), 2, "95,57%"),
        (Decimal("12.25"), 1, "12,3%"),
        (50, 0, "50%"),
        (None, 2, ""),
    ],
)
def test_format_percent(value: int | float | Decimal | None, decimals: int, expected: str) -> None:
    assert format_percent(value, decimals) == expected


@pytest.mark.parametrize(
    ("numerator", "denominator", "decimals", "expected"),
    [
        (2909, 3044, 2, Decimal("95.57")),
        (1, 3, 2, Decimal("33.33")),
        (2, 3, 2, Decimal("66.67")),
        (1, 8, 2, Decimal("12.50")),
        (1, 8, 1, Decimal("12.5")),
        (1, 16, 2, Decimal("6.25")),
        (1, 800, 2, Decimal("0.13")),
        (-1, 800, 2, Decimal("-0.13")),
        (5, 5, 2, Decimal("100.00")),
        (0, 5, 2, Decimal("0.00")),
        (Decimal("0.5"), 2, 0, Decimal("25")),
        (0.1, 0.3, 2, Decimal("33.33")),
        (1, 0, 2, None),
        (0, 0, 2, None),
    ],
)
def test_percent(
    numerator: int | float | Decimal,
    denominator: int | float | Decimal,
    decimals: int,
    expected: Decimal | None,
) -> None:
    result = percent(numerator, denominator, decimals)
    assert result == expected
    if expected is not None:
        assert result is not None
        assert result.as_tuple().exponent == -decimals


def test_format_ratio_percent() -> None:
    assert format_ratio_percent(2909, 3044, "đảng viên") == "2.909/3.044 đảng viên, đạt 95,57%"
    assert format_ratio_percent(55, 67, "xã") == "55/67 xã, đạt 82,09%"
    assert format_ratio_percent(0, 0, "đảng viên") == "0/0 đảng viên"


@given(st.integers(min_value=-(10**30), max_value=10**30))
def test_integers_round_trip(value: int) -> None:
    assert parse_number(format_number(value)) == value


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4))
def test_decimals_round_trip(value: Decimal) -> None:
    assert parse_number(format_number(value)) == value


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_any_finite_decimal_round_trips(value: Decimal) -> None:
    assert parse_number(format_number(value)) == value


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6), st.integers(0, 6))
def test_rounded_format_keeps_places(value: Decimal, decimals: int) -> None:
    text = format_number(value, decimals)
    _integer, _comma, fraction = text.partition(",")
    assert len(fraction) == decimals
    assert abs(parse_number(text) - value) <= Decimal(1).scaleb(-decimals) / 2


@given(st.text())
def test_parse_number_only_raises_number_format_error(text: str) -> None:
    with contextlib.suppress(NumberFormatError):
        parse_number(text)


@given(st.text())
def test_parse_quantity_only_raises_number_format_error(text: str) -> None:
    with contextlib.suppress(NumberFormatError):
        parse_quantity(text)


@given(
    st.from_regex(r"-?([0-9]{1,6}|[1-9][0-9]{0,2}(\.[0-9]{3}){1,4})(,[0-9]{1,4})?", fullmatch=True)
)
def test_well_formed_text_always_parses(text: str) -> None:
    value = parse_number(text)
    # Rewriting keeps the value (leading zeros and trailing decimal zeros aside).
    assert parse_number(format_number(value)) == value


# Floats from arithmetic print rounded, never with the noise of binary fractions.
@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0.1 + 0.2, None, "0,3"),
        (0.7 - 0.4, None, "0,3"),
        (1.1 * 3, None, "3,3"),
        (sum([0.1] * 10), None, "1"),
        (100 * 1.1, None, "110"),
        (4.35 * 100, None, "435"),
        (0.1 + 0.2, 2, "0,30"),
        (1 / 3, None, "0,333333333333333"),
        (2 / 3 * 100, 1, "66,7"),
        (123456789.123456789, None, "123.456.789,123457"),
        (1e20, None, "100.000.000.000.000.000.000"),
        (1e-7, None, "0,0000001"),
        (-(0.1 + 0.2), None, "-0,3"),
        (11247.0, None, "11.247"),
        (15.5, None, "15,5"),
    ],
)
def test_format_number_rounds_float_noise(
    value: float, decimals: int | None, expected: str
) -> None:
    assert format_number(value, decimals) == expected


def test_float_noise_is_gone_in_percentages_and_the_template_filters() -> None:
    from trienkhai.core.templatetags.vn import phantram, so

    assert format_percent(0.1 + 0.2, 1) == "0,3%"
    assert so(0.1 + 0.2) == "0,3"
    assert so(0.1 + 0.2, 2) == "0,30"
    assert phantram(33.300000000000004, 1) == "33,3%"
    assert format_ratio_percent(0.1 + 0.2, 1, "ha") == "0,3/1 ha, đạt 30,00%"


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_float_prints_within_fifteen_digits_of_its_value(value: float) -> None:
    text = format_number(value)
    digits = text.replace("-", "").replace(".", "").replace(",", "").lstrip("0").rstrip("0")
    assert len(digits) <= 15
    back = parse_number(text)
    assert abs(back - Decimal(value)) <= abs(Decimal(value)) * Decimal("1e-14")
