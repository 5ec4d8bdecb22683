"""Writes on users and memberships. Each is atomic and audited.

The office administers its own people: most chi bộ secretaries have no work
e-mail, so a new account (or a forgotten password) gets a one-time code shown
on screen, and the login forces a new password before anything else.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from datetime import date

from auditlog.context import auditlog_disabled, disable_auditlog
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from axes.utils import reset as axes_reset
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.models import Membership, Role, User
from trienkhai.accounts.permissions import GRANTABLE_BY_OFFICE, Cap, cap_paths, has_cap, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.errors import DomainError
from trienkhai.core.text import clean_text, search_key
from trienkhai.orgs.models import OrgUnit

# No 0/O, 1/I/L: the code is read aloud or copied from a screen onto paper.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_GROUPS = (4, 4, 2)

USERNAME_RE = re.compile(r"^[a-z0-9._-]{3,150}$")
PHONE_RE = re.compile(r"^[0-9+(). -]{0,20}$")


def remember_allowed(user: User) -> bool:
    """'Ghi nhớ đăng nhập' is for reporters and viewers only."""
    roles = set(Membership.objects.active().filter(user=user).values_list("role", flat=True))
    return bool(roles) and roles <= {Role.REPORTER, Role.VIEWER}


@transaction.atomic
def password_changed(*, user: User) -> None:
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])


def one_time_code() -> str:
    """About 49 bits, grouped like "K7M4-P9QX-2R" so it can be dictated."""
    groups = ["".join(secrets.choice(CODE_ALPHABET) for _ in range(n)) for n in CODE_GROUPS]
    return "-".join(groups)


# --- validation shared by the form, the services and the XLSX import ---------------------


def username_normalize(raw: str) -> str:
    """Lower case, checked; DomainError with the rule when it does not fit."""
    username = clean_text(raw).lower()
    if not USERNAME_RE.match(username):
        raise DomainError(
            _(
                "Tên đăng nhập “%(name)s” không hợp lệ: từ 3 ký tự, chỉ gồm chữ thường không dấu, "
                "chữ số và các dấu . _ -"
            )
            % {"name": raw}
        )
    return username


def username_taken(username: str) -> bool:
    return User.objects.filter(username__iexact=username).exists()


def phone_normalize(raw: str) -> str:
    phone = clean_text(raw)
    if not PHONE_RE.match(phone):
        raise DomainError(_("Số điện thoại “%(phone)s” không hợp lệ.") % {"phone": raw})
    return phone


def roles_grantable(actor: User, unit: OrgUnit | None = None) -> list[str]:
    """Roles the actor may grant (on `unit`, or anywhere when None): admin only by admins."""
    roles = [str(r) for r in GRANTABLE_BY_OFFICE]
    if unit is None:
        may_admin = bool(cap_paths(actor, Cap.ACCOUNTS_MANAGE_ADMINS))
    else:
        may_admin = has_cap(actor, Cap.ACCOUNTS_MANAGE_ADMINS, unit)
    return ([str(Role.ADMIN)] if may_admin else []) + roles


def role_parse(raw: str) -> str | None:
    """A role from its code or its Vietnamese label, ignoring case and diacritics."""
    key = search_key(raw)
    for value, label in Role.choices:
        if key in (search_key(value), search_key(str(label))):
            return str(value)
    return None


def _require_manage(actor: User, unit: OrgUnit, role: str | None = None) -> None:
    require_cap(actor, Cap.ACCOUNTS_MANAGE, unit)
    if role == Role.ADMIN:
        require_cap(actor, Cap.ACCOUNTS_MANAGE_ADMINS, unit)


def require_manages_user(actor: User, user: User) -> OrgUnit:
    """The unit to log under. The actor must manage EVERY unit where the user holds a role.

    Stricter than "one of them": a reset code hands over the whole account, so an office
    must not take over a user's rights in a unit it does not manage.
    """
    if user.is_superuser and not actor.is_superuser:
        raise PermissionDenied
    memberships = list(user.memberships.filter(is_active=True).select_related("org_unit"))
    if not memberships:
        memberships = list(user.memberships.select_related("org_unit"))
    if not memberships:
        raise PermissionDenied
    for membership in memberships:
        _require_manage(actor, membership.org_unit, membership.role)
    return min(memberships, key=lambda m: m.pk).org_unit


def _require_open(unit: OrgUnit) -> None:
    if not unit.is_valid_on(timezone.localdate()):
        raise DomainError(_("Đơn vị “%(unit)s” đã hết hiệu lực.") % {"unit": unit.name})


def _log_user_created(*, actor: User, user: User) -> None:
    # The user is saved before its first membership exists, so auditlog's own entry
    # would carry no unit path and vanish from every scoped log. Log it afterwards.
    if auditlog_disabled.get():
        return
    changes = model_instance_diff(
        None, user, use_json_for_changes=getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    )
    LogEntry.objects.log_create(
        user,
        action=LogEntry.Action.CREATE,
        changes=changes,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def user_insert(
    *, username: str, full_name: str, phone: str, unit: OrgUnit, role: str, title: str = ""
) -> tuple[User, str]:
    """The row writes of a new user, for callers that validated everything already."""
    code = one_time_code()
    user = User(username=username, full_name=full_name, phone=phone, must_change_password=True)
    user.set_password(code)
    with disable_auditlog():
        user.save()
    Membership.objects.create(user=user, org_unit=unit, role=role, title=title)
    return user, code


@transaction.atomic
def user_create(
    *,
    actor: User,
    username: str,
    full_name: str,
    phone: str,
    unit: OrgUnit,
    role: str,
    title: str = "",
) -> tuple[User, str]:
    """A new account with a one-time code, returned in clear this once only."""
    _require_manage(actor, unit, role)
    if role not in Role.values:
        raise DomainError(_("Vai trò “%(role)s” không hợp lệ.") % {"role": role})
    _require_open(unit)
    username = username_normalize(username)
    if username_taken(username):
        raise DomainError(_("Tên đăng nhập “%(name)s” đã có người dùng.") % {"name": username})
    full_name = clean_text(full_name)
    if not full_name:
        raise DomainError(_("Xin nhập họ và tên."))
    user, code = user_insert(
        username=username,
        full_name=full_name,
        phone=phone_normalize(phone),
        unit=unit,
        role=role,
        title=clean_text(title),
    )
    _log_user_created(actor=actor, user=user)
    return user, code


@transaction.atomic
def user_reset_code(*, actor: User, user: User) -> str:
    """A new one-time code; the old password stops working and open sessions end."""
    unit = require_manages_user(actor, user)
    code = one_time_code()
    user.set_password(code)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    audit_action(
        actor=actor,
        action="accounts.user.password_reset",
        obj=user,
        unit=unit,
        summary=_("Cấp mã đăng nhập một lần mới cho %(name)s.") % {"name": user.get_full_name()},
    )
    # A user locked out by axes after forgetting the password asks the office, whose
    # new code must work at once.
    axes_reset(username=user.username)
    return code


@transaction.atomic
def user_set_active(*, actor: User, user: User, active: bool) -> None:
    require_manages_user(actor, user)
    if user.pk == getattr(actor, "pk", None) and not active:
        raise DomainError(_("Đồng chí không thể tự khóa tài khoản của mình."))
    if user.is_active == active:
        return
    user.is_active = active
    user.save(update_fields=["is_active"])
    user.forget_scope()


@transaction.atomic
def membership_add(
    *, actor: User, user: User, unit: OrgUnit, role: str, title: str = ""
) -> Membership:
    _require_manage(actor, unit, role)
    if role not in Role.values:
        raise DomainError(_("Vai trò “%(role)s” không hợp lệ.") % {"role": role})
    _require_open(unit)
    title = clean_text(title)
    existing = Membership.objects.filter(user=user, org_unit=unit, role=role).first()
    if existing is not None and existing.is_active:
        raise DomainError(
            _("%(name)s đã có vai trò %(role)s ở %(unit)s.")
            % {
                "name": user.get_full_name(),
                "role": existing.get_role_display(),
                "unit": unit.name,
            },
            field="role",  # shown under the role chosen, on the page that adds it
        )
    if existing is not None:
        # The unique (user, unit, role) row is reopened rather than duplicated.
        existing.is_active = True
        existing.title = title
        existing.save(update_fields=["is_active", "title"])
        membership = existing
    else:
        membership = Membership.objects.create(user=user, org_unit=unit, role=role, title=title)
    user.forget_scope()
    return membership


def _manages_elsewhere(user: User, excluding: Membership) -> bool:
    others: Iterable[str] = (
        Membership.objects.active()
        .filter(user=user)
        .exclude(pk=excluding.pk)
        .values_list("role", flat=True)
    )
    return any(role in (Role.OFFICE, Role.ADMIN) for role in others)


@transaction.atomic
def membership_end(*, actor: User, membership: Membership) -> None:
    _require_manage(actor, membership.org_unit, membership.role)
    if not membership.is_active:
        raise DomainError(_("Vai trò này đã kết thúc."))
    if (
        membership.user_id == getattr(actor, "pk", None)
        and membership.role in (Role.OFFICE, Role.ADMIN)
        and not _manages_elsewhere(membership.user, membership)
    ):
        # Otherwise the unit could be left with nobody able to administer it.
        raise DomainError(_("Đồng chí không thể tự kết thúc vai trò quản lý cuối cùng của mình."))
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    membership.user.forget_scope()


# Writes on the org tree. Units are never moved: closing opens a successor.


@transaction.atomic
def unit_create(
    *,
    actor: User,
    parent: OrgUnit,
    code: str,
    name: str,
    kind: str,
    short_name: str = "",
    valid_from: date | None = None,
) -> OrgUnit:
    require_cap(actor, Cap.ORGS_MANAGE, parent)
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
def unit_update(*, actor: User, unit: OrgUnit, name: str, short_name: str) -> OrgUnit:
    require_cap(actor, Cap.ORGS_MANAGE, unit)
    unit.name = clean_text(name)
    unit.short_name = clean_text(short_name)
    # Only the changed fields, so the audit entry shows just what moved.
    unit.save(update_fields=["name", "short_name", "updated_at"])
    return unit


@transaction.atomic
def unit_close(
    *,
    actor: User,
    unit: OrgUnit,
    valid_to: date,
    successor: OrgUnit | None = None,
) -> OrgUnit:
    """Close a unit (merger, dissolution, new parent); its history stays as it was."""
    require_cap(actor, Cap.ORGS_MANAGE, unit)
    if unit.depth == 1 or not has_cap(actor, Cap.ORGS_MANAGE, OrgUnit.objects.get_parent(unit)):
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
    open_children = (
        OrgUnit.objects.in_subtree(unit).filter(depth__gt=unit.depth, valid_to__isnull=True).count()
    )
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
