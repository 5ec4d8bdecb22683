"""The two refusals every step of a record's way can give: the record changed since the
editor read it (a stale page is refused, never silently overwritten), and a step the
record's state does not allow. `locked` reads the row under a lock and checks the version.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from trienkhai.core.errors import DomainError

__all__ = ["StaleEdit", "StepRefused", "bump", "locked"]

M = TypeVar("M", bound=models.Model)


class StaleEdit(DomainError):
    """The row changed since the editor read it."""

    def __init__(self, what: str) -> None:
        super().__init__(
            _(
                "%(what)s vừa được người khác thay đổi trong lúc đồng chí đang xem. "
                "Nội dung đồng chí nhập vẫn còn bên dưới: xem bản hiện tại rồi làm lại."
            )
            % {"what": what},
            "stale",
        )


class StepRefused(DomainError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "transition_not_allowed")


def locked(queryset: models.QuerySet[M], pk: Any, version: int | None, what: str) -> M:
    """The row `pk` under a row lock, refused when its version is not the one read (None:
    the caller checks no version, e.g. a step that only adds beside the row)."""
    current = queryset.select_for_update(of=("self",)).get(pk=pk)
    if version is not None and version != getattr(current, "version"):  # noqa: B009
        raise StaleEdit(what)
    return current


def bump(row: models.Model, *fields: str) -> None:
    """Save the changed `fields` with the next version."""
    row.version += 1  # type: ignore[attr-defined]
    row.save(update_fields=["version", "updated_at", *fields])
