"""The one exception type that carries a message meant for the user.

Services raise ``DomainError`` when a request breaks a business rule; views catch it and show
``message`` as is, so the message is already in Vietnamese and says what to fix.
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain was broken; ``message`` is shown to the user verbatim."""

    message: str
    code: str | None
    field: str | None

    def __init__(self, message: str, code: str | None = None, *, field: str | None = None) -> None:
        # str() so a lazy translation is resolved once, when the error is raised.
        self.message = str(message)
        self.code = code
        # The form field the message is about, so a page shows it under that field.
        self.field = field
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, code={self.code!r})"


def gettext_noop(message: str) -> str:
    """Mark a message for makemessages without translating it.

    Django's own ``gettext_noop`` reads settings on every call, and the core helpers must work
    without them (the plan importer and the unit tests use them outside a configured project).
    The messages are written in Vietnamese, the only language the application serves.
    """
    return message
