"""Who reads what in the org tree: the read scope and the one scoping base.

A user's read scope is the union of the subtrees of its memberships, plus the
ancestor units themselves and what they address down to these units (the
commune's plan, the city's targets). Every model owned by an org unit gets its
manager from `UnitScopedQuerySet`, so "visible to" is written once; the few
domain variants are hooks on it, each declared in the model that needs it.

The tree knows nothing of users and roles (they live one layer up, in
`accounts`): a user object brings its own grants through `read_scope()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Protocol, Self, TypeVar, runtime_checkable

from django.db import models
from django.db.models import Exists, OuterRef, Q

if TYPE_CHECKING:
    from trienkhai.orgs.models import OrgUnit

# treebeard's path step: four base-36 characters per level (1,6 million children).
STEPLEN = 4


def ancestor_paths(path: str) -> list[str]:
    """Paths of the strict ancestors of a node, read off its own path."""
    return [path[:end] for end in range(STEPLEN, len(path), STEPLEN)]


def subtree_q(paths: Iterable[str], field: str = "", *, path_field: str = "") -> Q:
    """The subtree condition: the unit at `field` lies at or below one of `paths`.

    `field` is the lookup from the queried model to its unit ("org_unit",
    "task__assignee"); "" when the queried model is the unit itself. Rows that
    keep a copy of the path instead of a relation (audit entries) name it in
    `path_field`. No paths give a condition that holds for no row.
    """
    lookup = path_field or (f"{field}__path" if field else "path")
    lookup += "__startswith"
    condition = Q(pk__in=[])
    for path in sorted(set(paths)):
        condition |= Q(**{lookup: path})
    return condition


@dataclass(frozen=True)
class Grant:
    """One membership as the scope sees it: where it sits and which role it gives."""

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
        return tuple(sorted({a for g in self.grants for a in ancestor_paths(g.path)}))

    def reads(self, path: str) -> bool:
        return any(path.startswith(p) for p in self.subtree_paths) or path in self.ancestor_paths

    def is_ancestor(self, path: str) -> bool:
        """Above every membership: read-only orientation, not the user's own units."""
        return path in self.ancestor_paths and not any(
            path.startswith(p) for p in self.subtree_paths
        )


EMPTY_SCOPE = Scope(grants=())


@runtime_checkable
class ScopedReader(Protocol):
    """What the tree asks of a user: its grants (accounts' `User` provides them)."""

    is_authenticated: bool

    def read_scope(self) -> Scope: ...


def read_scope(user: object) -> Scope:
    """The user's scope; anonymous and inactive users read nothing."""
    if not isinstance(user, ScopedReader) or not user.is_authenticated:
        return EMPTY_SCOPE
    return user.read_scope()


_M = TypeVar("_M", bound=models.Model)


class UnitScopedQuerySet(models.QuerySet[_M]):
    """The one scoping base of every model owned by an org unit.

    - `unit_field`: the lookup to the owning unit ("" on `OrgUnit` itself).
    - `shared_with`: other unit relations whose units read the row too (a task's
      helpers read it beside its assignee).
    - `addressed_down()`: which rows of the user's ancestor units the user reads;
      by default all of them (the commune's plan is addressed to its chi bộ).
    """

    unit_field: ClassVar[str] = "org_unit"
    shared_with: ClassVar[tuple[str, ...]] = ()

    def addressed_down(self) -> Q | None:
        """Rows of ancestor units readable below them; None: nothing is addressed down."""
        return Q()

    def visible_to(self, user: object) -> Self:
        """Rows the user reads: its membership subtrees plus what ancestors address to it."""
        scope = read_scope(user)
        if not scope.grants:
            return self.none()
        condition = subtree_q(scope.subtree_paths, self.unit_field)
        for field in self.shared_with:
            shared = self.model._base_manager.filter(
                subtree_q(scope.subtree_paths, field), pk=OuterRef("pk")
            )
            condition |= Q(Exists(shared))
        addressed = self.addressed_down()
        if addressed is not None and scope.ancestor_paths:
            lookup = f"{self.unit_field}__path__in" if self.unit_field else "path__in"
            condition |= Q(**{lookup: scope.ancestor_paths}) & addressed
        return self.filter(condition)

    def in_own_subtrees(self, user: object) -> Self:
        """Rows in the user's membership subtrees only, nothing from the units above."""
        return self.in_subtrees(*read_scope(user).subtree_paths)

    def in_subtree(self, unit: OrgUnit) -> Self:
        """Rows owned by `unit` or a unit below it (no access check: scope first)."""
        return self.filter(subtree_q([unit.path], self.unit_field))

    def in_subtrees(self, *paths: str) -> Self:
        return self.filter(subtree_q(paths, self.unit_field))
