"""The error a plan file gives when it cannot be read at all."""

from __future__ import annotations

from trienkhai.core.errors import DomainError


class PlanParseError(DomainError):
    """The file is not a readable plan (empty, binary, a broken .docx, a scanned PDF…).

    Anything merely not understood inside a readable plan is never an error: it goes to
    ``unparsed`` and ``warnings`` so the office can finish the draft on the review screen.
    """

    def __init__(self, message: str, code: str | None = "plan_parse") -> None:
        super().__init__(message, code)
