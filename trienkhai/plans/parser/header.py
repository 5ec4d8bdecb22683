"""The header block of a Party document (thể thức): issuer, number, place and date, title.

The header is a two-column table in Word, two columns of text in a PDF and plain lines in a
.txt, so the parts are found by what they look like, not by where they are. Blanks left for
the number and day (``Số    -KH/ĐU``, ``ngày    tháng 5 năm 2026``) give null, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from trienkhai.core.errors import gettext_noop as _
from trienkhai.plans.parser.lines import Line
from trienkhai.plans.parser.result import DocumentHeader
from trienkhai.plans.parser.words import excerpt, fold

_I = re.IGNORECASE
_MOTTO = "dang cong san viet nam"
_NUMBER = re.compile(
    r"\bSố\s*:?\s*(?P<num>\d+)?\s*[-–]\s*(?P<sym>[A-Za-zĐđ]+(?:/[A-Za-zĐđ0-9-]+)+)", _I
)
_PLACE_DATE = re.compile(
    r"(?P<place>[^\d,;:*]{2,60}?)\s*,\s*ngày\b\s*(?P<d>\d{1,2})?\s*tháng\b\s*(?P<m>\d{1,2})?"
    r"\s*năm\b\s*(?P<y>\d{4})?",
    _I,
)
_DOC_TYPES = {
    "ke hoach": "KH",
    "chuong trinh": "CTr",
    "chuong trinh hanh dong": "CTr",
    "nghi quyet": "NQ",
    "bao cao": "BC",
    "chi thi": "CT",
    "huong dan": "HD",
    "ket luan": "KL",
    "quyet dinh": "QĐ",
    "thong bao": "TB",
    "de an": "ĐA",
    "to trinh": "TTr",
    "cong van": "CV",
}
_ORG_WORDS = (
    "dang bo",
    "dang uy",
    "chi bo",
    "thanh uy",
    "tinh uy",
    "huyen uy",
    "quan uy",
    "thi uy",
    "ban thuong vu",
    "ban chap hanh",
    "ban tuyen giao",
    "ban xay dung dang",
    "ban dan van",
    "van phong",
    "uy ban",
    "dang doan",
    "ban can su",
    "hoi dong",
    "mat tran",
)
_DECORATION = re.compile(r"^[\s*\-–—_=.·•]*$")
# Capitalised: the title after "KẾ HOẠCH" starts lower case ("thực hiện Nghị quyết…").
_PREAMBLE = re.compile(r"^(?:Thực hiện|Căn cứ|Để|Nhằm|Triển khai|Theo|Sau khi)\b")


@dataclass
class Header(DocumentHeader):
    """The header's parts, with the lines of the front that are none of them."""

    unparsed: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _is_upper(text: str) -> bool:
    return text.isupper()


def _cut(text: str, start: int, end: int) -> str:
    return f"{text[:start]} {text[end:]}".strip()


def _set_date(header: Header, line: Line, match: re.Match[str]) -> None:
    header.place = " ".join(match["place"].split()) or None
    year = int(match["y"]) if match["y"] else None
    month = int(match["m"]) if match["m"] else None
    day = int(match["d"]) if match["d"] else None
    if year and month and day:
        try:
            header.date = date(year, month, day)
            return
        except ValueError:
            header.warnings.append(
                _("Ngày ban hành “%(d)s/%(m)s/%(y)s” không có thật; để trống.")
                % {"d": day, "m": month, "y": year}
            )
    if year and month and 1 <= month <= 12:
        header.date_partial = f"{year:04d}-{month:02d}"
    elif year or month or day:
        header.warnings.append(
            _("Ngày ban hành chưa đủ tháng và năm (%(text)s); cần bổ sung.")
            % {"text": excerpt(line.text)}
        )


def _take_parts(header: Header, line: Line, rest: str) -> str:
    """Take the motto, number and place-date out of a line; return what is left of it."""
    key = fold(rest)
    at = key.find(_MOTTO)
    if at >= 0:
        rest = _cut(rest, at, at + len(_MOTTO))
    number = _NUMBER.search(rest)
    if number is not None and header.symbol is None:
        header.symbol = number["sym"]
        header.number = int(number["num"]) if number["num"] else None
        rest = _cut(rest, number.start(), number.end())
    place = _PLACE_DATE.search(rest)
    if place is not None and header.place is None and header.date_partial is None:
        _set_date(header, line, place)
        rest = _cut(rest, place.start(), place.end())
    return rest


def parse_header(front: list[Line]) -> Header:
    header = Header()
    orgs: list[str] = []
    type_index: int | None = None
    leftovers: list[tuple[int, Line, str]] = []
    for index, line in enumerate(front):
        if type_index is not None:
            leftovers.append((index, line, line.text))
            continue
        rest = _take_parts(header, line, line.text)
        if _DECORATION.match(rest):
            continue
        key = " ".join(fold(rest).split())
        if _is_upper(rest) and key in _DOC_TYPES:
            type_index = index
            header.doc_type = _DOC_TYPES[key]
        elif _is_upper(rest) and any(key.startswith(w) for w in _ORG_WORDS):
            orgs.append(" ".join(rest.split()))
        elif _is_upper(rest) and orgs and len(rest) <= 40:
            # "ĐẢNG BỘ THÀNH PHỐ HẢI" ⏎ "PHÒNG": the body's name wrapped in its column.
            orgs[-1] = f"{orgs[-1]} {' '.join(rest.split())}"
        else:
            leftovers.append((index, line, rest))
    if orgs:
        header.issuer = orgs[-1]
        header.superior = orgs[-2] if len(orgs) > 1 else None
    if header.symbol:
        from_symbol = header.symbol.split("/")[0]
        if header.doc_type and fold(from_symbol) != fold(header.doc_type):
            header.warnings.append(
                _("Ký hiệu “%(symbol)s” không khớp loại văn bản (%(type)s).")
                % {"symbol": header.symbol, "type": header.doc_type}
            )
        header.doc_type = from_symbol
    _title_and_preamble(header, leftovers, type_index)
    return header


def _title_and_preamble(
    header: Header, leftovers: list[tuple[int, Line, str]], type_index: int | None
) -> None:
    title_taken = False
    for index, line, rest in leftovers:
        after_type = type_index is not None and index > type_index
        if after_type and not title_taken and not _PREAMBLE.match(rest):
            header.title = " ".join(rest.split()).strip(" -–")
            title_taken = True
        elif after_type or _PREAMBLE.match(rest):
            continue  # the preamble ("Thực hiện…", "Căn cứ…"): read, nothing to extract
        else:
            header.unparsed.append(line)
    if header.title is None:
        header.warnings.append(_("Không tìm thấy trích yếu (tên) của kế hoạch."))
