"""What every Excel import reports: each wrong cell by sheet, row and column, and nothing saved."""

from __future__ import annotations

from dataclasses import dataclass

from trienkhai.core.errors import DomainError
from trienkhai.core.errors import gettext_noop as _


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int  # the row number Excel shows
    column: str  # the column's header
    message: str

    def __str__(self) -> str:
        return _("Trang “%(sheet)s”, dòng %(row)d, cột “%(column)s”: %(message)s") % {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportErrors(DomainError):
    """At least one row is wrong; `errors` lists them all and nothing was saved."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(
            _("Tệp có %(n)d lỗi nên chưa lưu gì. Xin sửa các ô dưới đây rồi nhập lại.")
            % {"n": len(errors)}
        )
