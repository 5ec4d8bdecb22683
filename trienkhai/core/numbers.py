"""Reading and writing numbers the Vietnamese way: ``11.247``, ``15,5``, ``2,4 triệu tỷ``.

In Vietnamese text a ``.`` between digit groups is a thousands separator and never a decimal
point, so "12.34" is not 12.34 but a typo. Parsing is strict: anything that could be read two
ways is rejected with a message naming the text, rather than guessed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import TypeAlias

from trienkhai.core.errors import DomainError
from trienkhai.core.errors import gettext_noop as _
from trienkhai.core.text import clean_text

__all__ = [
    "SCALES",
    "NumberFormatError",
    "Quantity",
    "format_number",
    "format_percent",
    "format_ratio_percent",
    "parse_number",
    "parse_percent",
    "parse_quantity",
    "percent",
]

Number: TypeAlias = int | float | Decimal


class NumberFormatError(DomainError, ValueError):
    """Text that is not a number written the Vietnamese way."""

    def __init__(self, message: str, code: str | None = "number_format") -> None:
        super().__init__(message, code)


# Powers of ten per scale word. "tỉ" is the older spelling of "tỷ" and still common.
SCALES: dict[str, int] = {
    "nghìn": 3,
    "ngàn": 3,
    "triệu": 6,
    "tỷ": 9,
    "tỉ": 9,
    "nghìn tỷ": 12,
    "ngàn tỷ": 12,
    "triệu tỷ": 15,
}
_SCALE_SPELLING = {"tỉ": "tỷ", "nghìn tỉ": "nghìn tỷ", "ngàn tỉ": "ngàn tỷ", "triệu tỉ": "triệu tỷ"}

# [0-9] rather than \d: \d also accepts Arabic-Indic and other digits that int() would read.
_NUMBER = re.compile(
    r"(?P<sign>[-\u2212])?"
    r"(?P<int>[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)"
    r"(?:,(?P<frac>[0-9]+))?"
)
_QUANTITY = re.compile(
    r"(?P<number>.*?)\s*(?P<scale>(?:nghìn|ngàn|triệu)\s+t[ỷỉ]|nghìn|ngàn|triệu|t[ỷỉ])",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"(?P<number>.*?)\s*%")


def _error(text: str, reason: str) -> NumberFormatError:
    return NumberFormatError(
        _('Số "%(text)s" không đúng định dạng: %(reason)s') % {"text": text, "reason": reason}
    )


def _why_not_a_number(text: str) -> str:
    """Name the first rule ``text`` breaks, so the user knows what to fix."""
    # One sign at most: a second one must be reported as a stray character.
    body = text[1:] if text[:1] in ("-", "\u2212") else text
    if not body:
        return _("không có chữ số nào")
    if any(not (ch.isascii() and ch.isdigit()) and ch not in ".," for ch in body):
        return _("có ký tự không phải chữ số (chỉ dùng chữ số, dấu chấm và dấu phẩy)")
    if body.count(",") > 1:
        return _("chỉ được có một dấu phẩy thập phân")
    if body[0] in ".,":
        return _("thiếu chữ số đứng trước dấu chấm hoặc dấu phẩy")
    if body[-1] in ".,":
        return _("thiếu chữ số đứng sau dấu chấm hoặc dấu phẩy")
    if ".." in body or ".," in body or ",." in body:
        return _("hai dấu liền nhau")
    integer, _sep, fraction = body.partition(",")
    if "." in fraction:
        return _("dấu chấm (phân cách hàng nghìn) không được đứng sau dấu phẩy thập phân")
    groups = integer.split(".")
    if len(groups[0]) > 3:
        return _("nhóm chữ số đầu tiên trước dấu chấm chỉ có từ 1 đến 3 chữ số")
    if groups[0].startswith("0"):
        return _("số có dấu chấm phân cách hàng nghìn không được bắt đầu bằng chữ số 0")
    return _(
        "sau mỗi dấu chấm phải có đúng 3 chữ số, vì dấu chấm phân cách hàng nghìn "
        "(dấu thập phân là dấu phẩy)"
    )


def parse_number(text: str) -> Decimal:
    """Parse a number written the Vietnamese way, exactly.

    "11.247" → 11247, "1.234,5" → 1234.5, "0,8" → 0.8, "-5" → -5. Surrounding whitespace,
    non-breaking spaces and NFD input are accepted; anything ambiguous raises
    ``NumberFormatError``.
    """
    cleaned = clean_text(text)
    return _parse_cleaned(cleaned, cleaned)


def _parse_cleaned(number: str, whole: str) -> Decimal:
    """Parse ``number`` (already cleaned); an error names ``whole``, the text the user wrote."""
    match = _NUMBER.fullmatch(number)
    if match is None:
        raise _error(whole, _why_not_a_number(number))
    digits = match["int"].replace(".", "")
    fraction = match["frac"] or ""
    value = Decimal(f"{digits}.{fraction}" if fraction else digits)
    if match["sign"] and value != 0:
        # copy_negate is exact; unary minus would round to the context precision.
        value = value.copy_negate()
    return value


def parse_percent(text: str) -> Decimal:
    """Parse a percentage such as "95,57%" or "95,57" into the number of percent (95.57)."""
    cleaned = clean_text(text)
    match = _PERCENT.fullmatch(cleaned)
    return _parse_cleaned(match["number"] if match else cleaned, cleaned)


@dataclass(frozen=True)
class Quantity:
    """A number with the scale word written after it, kept as written.

    "2,4 triệu tỷ" is ``Quantity(Decimal("2.4"), "triệu tỷ")``: plans state targets in their
    own unit, so the value is not multiplied unless ``absolute()`` is asked for.
    """

    value: Decimal
    scale: str | None = None

    def __post_init__(self) -> None:
        if self.scale is not None and self.scale not in SCALES:
            raise ValueError(f"unknown scale word {self.scale!r}")

    def absolute(self) -> Decimal:
        """The value multiplied out: ``Quantity(Decimal("2.4"), "tỷ").absolute()`` = 2.4e9."""
        if self.scale is None:
            return self.value
        return _shift(self.value, SCALES[self.scale])


def parse_quantity(text: str) -> Quantity:
    """Parse a number optionally followed by a scale word (nghìn, triệu, tỷ, nghìn tỷ…)."""
    cleaned = clean_text(text)
    match = _QUANTITY.fullmatch(cleaned)
    if match is None:
        return Quantity(_parse_cleaned(cleaned, cleaned), None)
    scale = match["scale"].lower()
    return Quantity(_parse_cleaned(match["number"], cleaned), _SCALE_SPELLING.get(scale, scale))


# A binary float holds about 15 to 17 significant digits; the last ones are noise of its
# arithmetic (0.1 + 0.2 is 0.30000000000000004). Fifteen are always exact for a float
# written in decimal, so the noise goes and every figure anyone typed stays.
FLOAT_DIGITS = 15


def _to_decimal(value: Number) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return Decimal(str(value))
        return Decimal(format(value, f".{FLOAT_DIGITS}g"))
    return Decimal(value)


def _shift(value: Decimal, places: int) -> Decimal:
    """``value * 10**places`` without rounding to the context precision."""
    if not value.is_finite():
        return value
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    return Decimal((sign, digits, exponent + places))


def _round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Round to ``decimals`` places, halves away from zero, exactly whatever the size."""
    with localcontext() as ctx:
        # quantize fails when the result needs more digits than the precision allows.
        ctx.prec = max(28, value.adjusted() + decimals + 2)
        ctx.rounding = ROUND_HALF_UP
        return value.quantize(Decimal(1).scaleb(-decimals))


def format_number(value: Number | None, decimals: int | None = None) -> str:
    """Write a number the Vietnamese way: "11.247", "15,5", "1.234.567,89", "-1.234".

    ``decimals=None`` writes the number as it is, without trailing zeros; ``decimals=k``
    rounds half up and always shows k places. ``None`` gives "". A float is first rounded to
    15 significant digits, so the noise of its arithmetic never prints: 0.1 + 0.2 → "0,3".
    """
    if value is None:
        return ""
    number = _to_decimal(value)
    if not number.is_finite():
        raise NumberFormatError(_("Không thể viết giá trị không phải số hữu hạn"))
    if decimals is not None:
        if decimals < 0:
            raise ValueError("decimals must be >= 0")
        number = _round_half_up(number, decimals)
    # format "f" with no precision is exact and never uses exponent notation.
    plain = format(number.copy_abs(), "f")
    integer, _sep, fraction = plain.partition(".")
    if decimals is None:
        fraction = fraction.rstrip("0")
    groups: list[str] = []
    while len(integer) > 3:
        integer, group = integer[:-3], integer[-3:]
        groups.insert(0, group)
    text = ".".join([integer, *groups])
    if fraction:
        text = f"{text},{fraction}"
    # -0 and values that round to zero print without a sign.
    if number.is_signed() and number != 0:
        text = f"-{text}"
    return text


def format_percent(value: Number | None, decimals: int = 2) -> str:
    """Write a value already in percent: 95.565 → "95,57%", 100 → "100,00%"."""
    if value is None:
        return ""
    return f"{format_number(value, decimals)}%"


def percent(numerator: Number, denominator: Number, decimals: int = 2) -> Decimal | None:
    """``numerator / denominator`` in percent, exact, rounded half up; ``None`` when it is 0.

    Computed on fractions so 2909/3044 is 95.57 and never 95.56 from a binary float.
    """
    den = Fraction(_to_decimal(denominator))
    if den == 0:
        return None
    scaled = Fraction(_to_decimal(numerator)) / den * 100 * 10**decimals
    rounded = math.floor(abs(scaled) + Fraction(1, 2))
    if scaled < 0:
        rounded = -rounded
    return _shift(Decimal(rounded), -decimals)


def format_ratio_percent(
    numerator: Number, denominator: Number, noun: str, decimals: int = 2
) -> str:
    """Coverage written with both figures: "2.909/3.044 đảng viên, đạt 95,57%"."""
    figures = f"{format_number(numerator)}/{format_number(denominator)} {noun}".rstrip()
    ratio = percent(numerator, denominator, decimals)
    if ratio is None:
        return figures
    return f"{figures}, " + _("đạt %(percent)s") % {"percent": format_percent(ratio, decimals)}
