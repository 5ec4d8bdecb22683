"""Template filters that print numbers, dates and periods the Vietnamese way.

``{% load vn %}`` then ``{{ x|so }}``, ``{{ x|so:2 }}``, ``{{ rate|phantram }}``,
``{{ d|ngay }}``, ``{{ d|ngay_ngan }}``, ``{{ period|ky }}``. Quantities go through these
filters explicitly, so years, ids and codes printed plainly never get a thousands separator.
A filter never raises: a value it cannot print renders as "" rather than breaking the page.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils import timezone

from trienkhai.core.dates import format_date_long, format_date_short
from trienkhai.core.numbers import format_number, format_percent
from trienkhai.core.periods import Period, PeriodFormatError, parse_period

register = template.Library()


def _number(value: object) -> int | float | Decimal | None:
    # bool is an int subclass, but True printed as "1" is never what a template means.
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return value


def _places(arg: object, default: int | None) -> int | None:
    """The filter argument as a number of decimal places; a bad argument means the default."""
    if arg is None or arg == "":
        return default
    try:
        places = int(str(arg))
    except ValueError:
        return default
    return places if places >= 0 else default


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        # An aware datetime is shown on the calendar of the site's time zone.
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value
    return None


@register.filter
def so(value: object, arg: object = None) -> str:
    """A number: "11.247", "15,5"; ``so:2`` rounds half up to two places ("15,50")."""
    number = _number(value)
    if number is None:
        return ""
    try:
        return format_number(number, _places(arg, None))
    except (ValueError, ArithmeticError):
        return ""


@register.filter
def phantram(value: object, arg: object = None) -> str:
    """A value already in percent: 95.565 → "95,57%"; ``phantram:1`` → "95,6%"."""
    number = _number(value)
    if number is None:
        return ""
    places = _places(arg, 2)
    try:
        return format_percent(number, 2 if places is None else places)
    except (ValueError, ArithmeticError):
        return ""


@register.filter
def ngay(value: object) -> str:
    """The long date of Party documents: "ngày 10 tháng 6 năm 2026"."""
    d = _date(value)
    return "" if d is None else format_date_long(d)


@register.filter
def ngay_ngan(value: object) -> str:
    """The short date of forms and tables: "10/06/2026"."""
    d = _date(value)
    return "" if d is None else format_date_short(d)


@register.filter
def ky(value: object) -> str:
    """A period (or its code) by its Vietnamese name: "2026-Q2" → "Quý II năm 2026"."""
    if isinstance(value, Period):
        return value.label
    if isinstance(value, str):
        try:
            return parse_period(value).label
        except PeriodFormatError:
            return ""
    return ""


@register.filter
def giua_cau(value: object) -> str:
    """Carried on mid-sentence, the first letter lower: "Số 02-QĐ/UBKT" → "số 02-QĐ/UBKT"."""
    text = str(value or "")
    return text[:1].lower() + text[1:]
