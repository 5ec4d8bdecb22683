"""Reads for the office's user administration, always within what the reader manages."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from auditlog.models import LogEntry
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from trienkhai.accounts.models import Membership, User
from trienkhai.accounts.permissions import Cap, cap_paths, scope_for
from trienkhai.core.audit import PATH_KEY
from trienkhai.core.audit_words import ReadableEntry, readable_entries
from trienkhai.core.queries import filter_given
from trienkhai.core.text import search_key
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import subtree_q

# A search is matched in Python (diacritics ignored); beyond this many hits the
# user is asked to narrow it rather than the page growing without bound.
SEARCH_LIMIT = 500


def manage_paths(user: User) -> tuple[str, ...]:
    return cap_paths(user, Cap.ACCOUNTS_MANAGE)


def may_manage_users(user: User) -> bool:
    return bool(manage_paths(user))


def units_managed_by(user: User) -> QuerySet[OrgUnit]:
    """Units still open in the subtrees where the user administers accounts, in tree order."""
    paths = manage_paths(user)
    return OrgUnit.objects.in_subtrees(*paths).valid_on().order_by("path")


def users_managed_by(user: User, *, q: str = "", unit: OrgUnit | None = None) -> QuerySet[User]:
    """Users with a role in the subtrees where `user` administers accounts.

    A user whose roles have all ended stays listed by the units it had, so the office can
    give it a new role or find it again.
    """
    paths = manage_paths(user)
    if not paths:
        return User.objects.none()
    mine = Membership.objects.filter(user=OuterRef("pk")).filter(subtree_q(paths, "org_unit"))
    any_active = Membership.objects.filter(user=OuterRef("pk"), is_active=True)
    users = User.objects.filter(
        Exists(mine.filter(is_active=True)) | (Exists(mine) & ~Exists(any_active))
    )
    if unit is not None:
        if not any(unit.path.startswith(p) for p in paths):
            return User.objects.none()
        users = users.filter(
            Exists(Membership.objects.filter(user=OuterRef("pk")).in_subtree(unit))
        )
    if q.strip():
        key = search_key(q)
        rows = users.values_list("pk", "username", "full_name", "phone", "email")
        hits = [row[0] for row in rows if key in search_key(" ".join(str(v) for v in row[1:]))]
        users = users.filter(pk__in=hits[:SEARCH_LIMIT])
    memberships = Membership.objects.select_related("org_unit").order_by(
        "-is_active", "org_unit__path", "role"
    )
    return users.prefetch_related(Prefetch("memberships", queryset=memberships)).order_by(
        "username"
    )


def user_get_managed(*, actor: User, pk: int) -> User:
    """A user the actor administers; anyone else is a 404, the same as a missing one."""
    return get_object_or_404(users_managed_by(actor), pk=pk)


def memberships_visible(*, actor: User, user: User) -> tuple[list[Membership], int]:
    """The user's roles in units the actor reads, and how many others it holds elsewhere."""
    scope = scope_for(actor)
    shown: list[Membership] = []
    hidden = 0
    for membership in user.memberships.all():
        if scope.reads(membership.org_unit.path):
            shown.append(membership)
        else:
            hidden += 1
    return shown, hidden


def membership_get_visible(*, actor: User, user: User, pk: int) -> Membership:
    """A role of the user on a unit the actor reads; another unit's role is a 404."""
    return get_object_or_404(
        Membership.objects.select_related("org_unit", "user").filter(
            org_unit__in=OrgUnit.objects.visible_to(actor)
        ),
        user=user,
        pk=pk,
    )


def unit_members(*, unit: OrgUnit) -> QuerySet[Membership]:
    return (
        Membership.objects.active()
        .filter(org_unit=unit)
        .select_related("user")
        .order_by("role", "user__full_name", "user__username")
    )


def audit_entries(
    user: User,
    *,
    unit: OrgUnit | None = None,
    actor_id: int | None = None,
    content_type_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[LogEntry]:
    """Entries about units in the reader's subtrees where its role may read the log."""
    path_field = f"additional_data__{PATH_KEY}"
    entries = LogEntry.objects.filter(
        subtree_q(cap_paths(user, Cap.AUDIT_VIEW), path_field=path_field)
    )
    if unit is not None:
        entries = entries.filter(subtree_q([unit.path], path_field=path_field))
    entries = filter_given(
        entries,
        actor_id=actor_id,
        content_type_id=content_type_id,
        timestamp__date__gte=date_from,
        timestamp__date__lte=date_to,
    )
    return entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")


def audit_rows(entries: Iterable[LogEntry]) -> list[ReadableEntry]:
    """One page of the log in words: actions, field names and values as people write them;
    related objects named with one query per model, whatever the page's length."""
    return readable_entries(entries)
