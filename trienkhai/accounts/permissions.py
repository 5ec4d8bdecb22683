"""Who may do what: the role → capability table and the two access questions.

- Read scope: the union of the subtrees of a user's memberships, plus read-only
  access to the ancestor units themselves (and what they address to these units).
- Rights are checked per object: `has_cap(user, cap, unit)` holds only when ONE
  membership whose role grants `cap` sits on `unit` or an ancestor of it. Roles
  never combine across memberships.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from trienkhai.accounts.models import Membership, Role

if TYPE_CHECKING:
    from trienkhai.orgs.models import OrgUnit

READ = "read"

# The capabilities each role grants on its unit's subtree.
ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(
        {
            READ,
            "orgs.manage",
            "accounts.manage",
            "accounts.manage_admins",
            "audit.view",
            "plans.edit",
            "tasks.assign",
            "tasks.update",
            "reporting.submit",
            "reporting.review",
            "reporting.approve",
            "data.enter",
        }
    ),
    Role.LEADER: frozenset({READ, "audit.view", "reporting.approve", "tasks.confirm"}),
    Role.OFFICE: frozenset(
        {
            READ,
            "orgs.manage",
            "accounts.manage",
            "audit.view",
            "plans.edit",
            "tasks.assign",
            "tasks.confirm",
            "tasks.update",
            "reporting.submit",
            "reporting.review",
            "data.enter",
        }
    ),
    Role.REPORTER: frozenset(
        {READ, "audit.view", "tasks.update", "reporting.submit", "data.enter"}
    ),
    Role.VIEWER: frozenset({READ}),
}

# The roles an office may grant: never "admin", which only an admin grants.
GRANTABLE_BY_OFFICE = (Role.LEADER, Role.OFFICE, Role.REPORTER, Role.VIEWER)


@dataclass(frozen=True)
class Grant:
    path: str
    role: str
    unit_id: int


@dataclass(frozen=True)
class Scope:
    grants: tuple[Grant, ...]

    @property
    def subtree_paths(self) -> tuple[str, ...]:
        return tuple(sorted({g.path for g in self.grants}))

    @property
    def ancestor_paths(self) -> tuple[str, ...]:
        from trienkhai.orgs.models import ancestor_paths

        return tuple(sorted({a for g in self.grants for a in ancestor_paths(g.path)}))

    def reads(self, path: str) -> bool:
        return any(path.startswith(p) for p in self.subtree_paths) or path in self.ancestor_paths

    def paths_with(self, cap: str) -> tuple[str, ...]:
        return tuple(sorted({g.path for g in self.grants if cap in ROLE_CAPABILITIES[g.role]}))


_CACHE_ATTR = "_trienkhai_scope"


def scope_for(user: Any) -> Scope:
    """The user's grants, read once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope(grants=())
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    rows = (
        Membership.objects.active()
        .filter(user=user)
        .values_list("org_unit__path", "role", "org_unit_id")
    )
    scope = Scope(grants=tuple(Grant(path, role, unit_id) for path, role, unit_id in rows))
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user: Any) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def has_cap(user: Any, cap: str, unit: OrgUnit) -> bool:
    """True when one membership granting `cap` sits on `unit` or an ancestor of it."""
    return any(unit.path.startswith(p) for p in scope_for(user).paths_with(cap))


def can_read(user: Any, unit: OrgUnit) -> bool:
    return scope_for(user).reads(unit.path)


def role_on(user: Any, unit: OrgUnit) -> str | None:
    """The strongest role the user holds over `unit` (for display only, never for rights)."""
    order = [Role.ADMIN, Role.OFFICE, Role.LEADER, Role.REPORTER, Role.VIEWER]
    roles = {g.role for g in scope_for(user).grants if unit.path.startswith(g.path)}
    return next((r for r in order if r in roles), None)
