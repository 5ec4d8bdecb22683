"""The audit log: django-auditlog's entries, each carrying the org unit path.

Model changes are logged by auditlog's signals (the actor comes from the
request). Services add domain actions with a dotted code
(`accounts.user.password_reset`) and imports one summary entry, since
`bulk_create` skips the signals.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import Any

from auditlog.context import disable_auditlog, set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db.models import Model

from trienkhai.core.models import unit_audit_data

PATH_KEY = "org_unit_path"


def audit_action(
    *,
    actor: object,  # a user, the operator of a command, or anonymous: only users are named
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
def acting_as(user: object) -> Iterator[None]:
    """Attribute model changes outside a request (commands, jobs) to `user`."""
    with set_actor(user):
        yield


@contextmanager
def audit_off() -> Iterator[None]:
    """Demo loaders run without audit entries."""
    with disable_auditlog():
        yield


def register_audited(
    *models: type[Model], exclude: Collection[str] = (), m2m: Collection[str] = ()
) -> None:
    """Log every change of `models`: each app's `ready()` lists its own. `exclude` leaves out
    fields not worth an entry (derived search keys, secrets, large JSON summed up elsewhere);
    `m2m` names many-to-many fields whose changes are logged too."""
    for model in models:
        auditlog.register(model, exclude_fields=list(exclude), m2m_fields=set(m2m))
