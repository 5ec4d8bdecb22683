"""Dates as Party documents write them, and reading the dates people type.

Documents write "ngày 05 tháng 02 năm 2027": a leading zero only on days below 10 and on
months 1 and 2, so "tháng 1" cannot be misread as "tháng 10", "tháng 11" or "tháng 12" on a
handwritten copy. Forms and plans write "10/6/2026"; systems write "2026-06-10". All are read;
nothing ambiguous is.
"""

from __future__ import annotations

import re
from datetime import date

from trienkhai.core.errors import DomainError
from trienkhai.core.errors import gettext_noop as _
from trienkhai.core.text import clean_text, search_key

__all__ = ["DateFormatError", "format_date_long", "format_date_short", "parse_date"]


class DateFormatError(DomainError, ValueError):
    """Text that is not a valid date."""

    def __init__(self, message: str, code: str | None = "date_format") -> None:
        super().__init__(message, code)


# Matched against search_key(text), which is lower case without diacritics, so "Ngày",
# "ngày" in NFD and "ngay" all read the same.
_DAY_MONTH_YEAR = re.compile(
    r"(?:ngay )?(?P<day>[0-9]{1,2}) ?(?P<sep>[/.-]) ?(?P<month>[0-9]{1,2}) ?(?P=sep) ?"
    r"(?P<year>[0-9]{4})"
)
_ISO = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})")
_LONG = re.compile(
    r"(?:ngay )?(?P<day>[0-9]{1,2}) thang (?P<month>[0-9]{1,2}) nam (?P<year>[0-9]{4})"
)


def format_date_long(d: date) -> str:
    """Party document style: "ngày 05 tháng 02 năm 2027", "ngày 10 tháng 6 năm 2026"."""
    day = f"{d.day:02d}" if d.day < 10 else str(d.day)
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year:04d}"


def format_date_short(d: date) -> str:
    """Form and table style: "10/06/2026", two-digit day and month, four-digit year."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def parse_date(text: str) -> date:
    """Read "10/6/2026", "10-6-2026", "10.6.2026", "2026-06-10" or "ngày 10 tháng 6 năm 2026".

    Raises ``DateFormatError`` naming the text when it is none of these or not a real date.
    """
    shown = clean_text(text)
    key = search_key(shown)
    match = _LONG.fullmatch(key) or _DAY_MONTH_YEAR.fullmatch(key) or _ISO.fullmatch(key)
    if match is None:
        raise DateFormatError(
            _(
                'Ngày "%(text)s" không đúng định dạng: cần đủ ngày, tháng, năm, '
                'ví dụ "10/6/2026" hoặc "ngày 10 tháng 6 năm 2026"'
            )
            % {"text": shown}
        )
    day, month, year = int(match["day"]), int(match["month"]), int(match["year"])
    try:
        return date(year, month, day)
    except ValueError:
        pass
    if not 1 <= month <= 12:
        reason = _("tháng phải từ 1 đến 12")
    elif year < 1:
        reason = _("năm phải từ 1 trở đi")
    else:
        reason = _("tháng %(month)d năm %(year)d không có ngày %(day)d") % {
            "month": month,
            "year": year,
            "day": day,
        }
    raise DateFormatError(
        _('Ngày "%(text)s" không hợp lệ: %(reason)s') % {"text": shown, "reason": reason}
    )
