"""The audit log: django-auditlog's entries, each carrying the org unit path.

Model changes are logged by auditlog's signals (the actor comes from the
request). Services add domain actions with a dotted code
(`accounts.user.password_reset`) and imports one summary entry, since
`bulk_create` skips the signals.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from auditlog.context import disable_auditlog, set_actor
from auditlog.models import LogEntry
from django.db.models import Model, Q, QuerySet

from trienkhai.accounts.permissions import scope_for
from trienkhai.core.models import unit_audit_data

PATH_KEY = "org_unit_path"


def audit_action(
    *,
    actor: Any,
    action: str,
    obj: Model,
    summary: str,
    unit: Any = None,
    data: dict[str, Any] | None = None,
    created: bool = False,
) -> LogEntry:
    """Record a domain action (not a field change) on `obj`."""
    extra: dict[str, Any] = {"action": action, **(data or {})}
    if unit is not None:
        extra.update(unit_audit_data(unit))
    else:
        getter = getattr(obj, "get_additional_data", None)
        extra.update(getter() if callable(getter) else {})
    entry: LogEntry = LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=LogEntry.Action.CREATE if created else LogEntry.Action.UPDATE,
        changes={},
        changes_text=summary,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        additional_data=extra,
    )
    return entry


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Attribute model changes outside a request (commands, jobs) to `user`."""
    with set_actor(user):
        yield


@contextmanager
def audit_off() -> Iterator[None]:
    """Demo loaders run without audit entries."""
    with disable_auditlog():
        yield


def entries_visible_to(user: Any) -> QuerySet[LogEntry]:
    """Entries about units in the reader's subtrees where its role may read the log."""
    paths = scope_for(user).paths_with("audit.view")
    if not paths:
        return LogEntry.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(**{f"additional_data__{PATH_KEY}__startswith": path})
    return LogEntry.objects.filter(condition)


def entries_filtered(
    user: Any,
    *,
    unit_path: str | None = None,
    actor_id: int | None = None,
    content_type_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[LogEntry]:
    entries = entries_visible_to(user)
    if unit_path:
        entries = entries.filter(**{f"additional_data__{PATH_KEY}__startswith": unit_path})
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    if content_type_id:
        entries = entries.filter(content_type_id=content_type_id)
    if date_from:
        entries = entries.filter(timestamp__date__gte=date_from)
    if date_to:
        entries = entries.filter(timestamp__date__lte=date_to)
    return entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")
