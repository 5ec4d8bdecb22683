"""The Party document format as data: a named rule set the renderer reads.

The figures come from Hướng dẫn 36-HD/VPTW (Phụ lục 3), which 05-HD/VPTW (2026) replaces
with few known changes. They are kept here rather than in the renderer so the office can pick
another rule set or adjust one (a wider line spacing, a 15 pt body) without touching code.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.utils.translation import gettext as _

from trienkhai.core.errors import DomainError

__all__ = ["DEFAULT_FORMAT", "FORMATS", "PartyFormat", "get_format"]


@dataclass(frozen=True)
class PartyFormat:
    """Every measure the renderer uses. Sizes in points, lengths in millimetres."""

    key: str
    name: str
    # Page: A4, margins top/bottom 20, left 30 (binding side), right 15.
    page_width_mm: float = 210
    page_height_mm: float = 297
    margin_top_mm: float = 20
    margin_bottom_mm: float = 20
    margin_left_mm: float = 30
    margin_right_mm: float = 15
    # Distance of the page-number header from the top edge of the sheet.
    header_distance_mm: float = 10
    font_name: str = "Times New Roman"
    # The header block: two borderless columns whose widths add up to the text width.
    header_left_mm: float = 83
    header_right_mm: float = 82
    superior_size: float = 14
    issuer_size: float = 14
    number_size: float = 14
    national_size: float = 15
    # Length of the rule under "ĐẢNG CỘNG SẢN VIỆT NAM": the text's own width at 15 pt bold
    # (72,9 mm in Times New Roman and its metric twin Liberation Serif) plus a little air.
    # Change it with national_size.
    national_rule_mm: float = 73.5
    place_date_size: float = 14
    doc_type_size: float = 16
    title_size: float = 14
    # Body text: justified, first-line indent, exact line spacing, space after.
    body_size: float = 14
    heading_size: float = 14
    table_size: float = 13
    line_spacing_pt: float = 18
    space_after_pt: float = 6
    first_line_indent_cm: float = 1.0
    # Signature block (right) and recipients (left).
    signature_left_mm: float = 75
    signature_right_mm: float = 90
    on_behalf_size: float = 14
    signer_title_size: float = 14
    signer_name_size: float = 14
    # Blank lines left for the hand signature and the seal.
    signature_gap_lines: int = 4
    recipients_heading_size: float = 14
    recipients_size: float = 12
    page_number_size: float = 14

    def __post_init__(self) -> None:
        # The guidance allows exactly 18 to 22 pt; anything else is not the Party format.
        if not 18 <= self.line_spacing_pt <= 22:
            raise DomainError(_("Giãn dòng phải từ 18 đến 22 pt (Hướng dẫn 36-HD/VPTW)."))
        if self.space_after_pt < 6:
            raise DomainError(_("Khoảng cách sau đoạn văn phải từ 6 pt trở lên."))
        if not 14 <= self.body_size <= 15:
            raise DomainError(_("Cỡ chữ nội dung phải là 14 hoặc 15."))
        if not 15 <= self.doc_type_size <= 16:
            raise DomainError(_("Cỡ chữ tên loại văn bản phải là 15 hoặc 16."))
        if not 14 <= self.title_size <= 15:
            raise DomainError(_("Cỡ chữ trích yếu phải là 14 hoặc 15."))
        text_width = self.page_width_mm - self.margin_left_mm - self.margin_right_mm
        if self.header_left_mm + self.header_right_mm > text_width + 0.5:
            raise DomainError(_("Hai cột phần đầu văn bản rộng hơn vùng chữ của trang."))
        if self.national_rule_mm > self.header_right_mm:
            raise DomainError(_("Đường kẻ dưới Quốc hiệu dài hơn cột bên phải."))

    @property
    def text_width_mm(self) -> float:
        return self.page_width_mm - self.margin_left_mm - self.margin_right_mm

    def adjusted(self, **changes: object) -> PartyFormat:
        """A copy with some measures changed, checked like the original."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


HD36 = PartyFormat(key="36-HD/VPTW", name="Hướng dẫn 36-HD/VPTW (Phụ lục 3)")

FORMATS: dict[str, PartyFormat] = {HD36.key: HD36}
DEFAULT_FORMAT = HD36


def get_format(key: str | None = None) -> PartyFormat:
    if key is None:
        return DEFAULT_FORMAT
    try:
        return FORMATS[key]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise DomainError(
            _("Không có thể thức văn bản “%(key)s”; các thể thức có: %(known)s.")
            % {"key": key, "known": known}
        ) from None
