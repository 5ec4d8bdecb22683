"""Writes on the org tree. Units are never moved: closing opens a successor."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import has_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.errors import DomainError
from trienkhai.core.text import clean_text
from trienkhai.orgs.models import OrgUnit


def _require_manage(actor: Any, unit: OrgUnit) -> None:
    if not has_cap(actor, "orgs.manage", unit):
        raise PermissionDenied


@transaction.atomic
def unit_create(
    *,
    actor: Any,
    parent: OrgUnit,
    code: str,
    name: str,
    kind: str,
    short_name: str = "",
    valid_from: date | None = None,
) -> OrgUnit:
    _require_manage(actor, parent)
    code = code.strip().lower()
    if OrgUnit.objects.filter(code=code).exists():
        raise DomainError(_("Mã đơn vị “%(code)s” đã được dùng.") % {"code": code})
    if parent.valid_to is not None:
        raise DomainError(_("Không thể thêm đơn vị vào đơn vị đã kết thúc hoạt động."))
    return OrgUnit.objects.add_child(
        parent,
        create_kwargs={
            "code": code,
            "name": clean_text(name),
            "short_name": clean_text(short_name),
            "kind": kind,
            "valid_from": valid_from,
        },
    )


@transaction.atomic
def unit_update(*, actor: Any, unit: OrgUnit, name: str, short_name: str) -> OrgUnit:
    _require_manage(actor, unit)
    unit.name = clean_text(name)
    unit.short_name = clean_text(short_name)
    # Only the changed fields, so the audit entry shows just what moved.
    unit.save(update_fields=["name", "short_name", "updated_at"])
    return unit


@transaction.atomic
def unit_close(
    *,
    actor: Any,
    unit: OrgUnit,
    valid_to: date,
    successor: OrgUnit | None = None,
) -> OrgUnit:
    """Close a unit (merger, dissolution, new parent); its history stays as it was."""
    _require_manage(actor, unit)
    if unit.depth == 1 or not has_cap(actor, "orgs.manage", OrgUnit.objects.get_parent(unit)):
        # A unit is closed by whoever manages its parent, never by itself.
        raise PermissionDenied
    if unit.valid_to is not None:
        raise DomainError(_("Đơn vị này đã kết thúc hoạt động."))
    if unit.valid_from and valid_to < unit.valid_from:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu hiệu lực."))
    if successor is not None and (successor.pk == unit.pk or unit.contains(successor)):
        raise DomainError(
            _("Đơn vị kế thừa không thể là chính đơn vị này hoặc đơn vị trực thuộc nó.")
        )
    open_children = OrgUnit.objects.filter(
        path__startswith=unit.path, depth__gt=unit.depth, valid_to__isnull=True
    ).count()
    if open_children:
        raise DomainError(
            _("Còn %(n)s đơn vị trực thuộc đang hoạt động: hãy kết thúc hoặc chuyển chúng trước.")
            % {"n": open_children}
        )
    unit.valid_to = valid_to
    unit.successor = successor
    unit.save(update_fields=["valid_to", "successor", "updated_at"])
    audit_action(
        actor=actor,
        action="orgs.unit.closed",
        obj=unit,
        summary=_("Kết thúc hoạt động từ %(d)s") % {"d": valid_to.strftime("%d/%m/%Y")},
    )
    return unit
