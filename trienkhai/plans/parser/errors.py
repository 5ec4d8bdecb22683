"""The error a plan file gives when it cannot be read at all."""

from __future__ import annotations

from trienkhai.core.errors import DomainError
from trienkhai.core.errors import gettext_noop as _


class PlanParseError(DomainError):
    """The file is not a readable plan (empty, binary, a broken .docx, a scanned PDF…).

    Anything merely not understood inside a readable plan is never an error: it goes to
    ``unparsed`` and ``warnings`` so the office can finish the draft on the review screen.
    """

    def __init__(self, message: str, code: str | None = "plan_parse") -> None:
        super().__init__(message, code)


def too_large(name: str) -> PlanParseError:
    """A file over ``MAX_BYTES``: checked on the path before reading, and on the bytes."""
    return PlanParseError(
        _("Tệp “%(name)s” quá lớn (trên 20 MB) để là một kế hoạch.") % {"name": name}
    )
