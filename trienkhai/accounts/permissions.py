"""Who may do what: the capabilities, the role → capability table and the two access questions.

- Read scope (`orgs.scoping`): the union of the subtrees of a user's memberships, plus
  read-only access to the ancestor units themselves (and what they address to these units).
- Rights are checked per object: `has_cap(user, cap, unit)` holds only when ONE
  membership whose role grants `cap` sits on `unit` or an ancestor of it. Roles
  never combine across memberships. `require_cap` is the one "or 403" of the project.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import cast

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from trienkhai.accounts.models import Role, User
from trienkhai.core.pages import PageQuery
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import Scope, read_scope


class Cap(StrEnum):
    """What a role may do on its unit's subtree (the value is the name kept in logs)."""

    READ = "read"
    ORGS_MANAGE = "orgs.manage"  # open, rename and close units
    ACCOUNTS_MANAGE = "accounts.manage"  # users and memberships
    ACCOUNTS_MANAGE_ADMINS = "accounts.manage_admins"  # grant the admin role
    AUDIT_VIEW = "audit.view"  # read the change log
    PLANS_EDIT = "plans.edit"  # import and correct plans, targets, media rules
    MATERIALS_PUBLISH = "materials.publish"  # distribute dissemination materials
    TASKS_ASSIGN = "tasks.assign"  # turn duties into tasks, edit tasks
    TASKS_UPDATE = "tasks.update"  # report progress of one's own tasks
    TASKS_CONFIRM = "tasks.confirm"  # confirm or return a completion
    DATA_ENTER = "data.enter"  # sessions, headcounts, news items, target values
    REPORTING_SUBMIT = "reporting.submit"
    REPORTING_REVIEW = "reporting.review"
    REPORTING_APPROVE = "reporting.approve"
    DOCUMENTS_DRAFT = "documents.draft"  # write a draft document of the unit
    DOCUMENTS_REGISTER = "documents.register"  # number, issue and keep the register
    # open inspections, record findings and corrective actions, verify them
    INSPECTIONS_MANAGE = "inspections.manage"
    # answer opinion reports, recognise and publish good practices
    OPINION_MANAGE = "opinion.manage"
    OPINION_SENSITIVE = "opinion.sensitive"  # read the opinion reports marked sensitive
    # set the scorecard's weights, override a band with a reason, sign off, propose commendations
    EMULATION_MANAGE = "emulation.manage"


_REPORTER = frozenset(
    {
        Cap.READ,
        Cap.AUDIT_VIEW,
        Cap.TASKS_UPDATE,
        Cap.REPORTING_SUBMIT,
        Cap.DATA_ENTER,
        Cap.DOCUMENTS_DRAFT,
    }
)
_OFFICE = _REPORTER | {
    Cap.ORGS_MANAGE,
    Cap.ACCOUNTS_MANAGE,
    Cap.PLANS_EDIT,
    Cap.MATERIALS_PUBLISH,
    Cap.TASKS_ASSIGN,
    Cap.TASKS_CONFIRM,
    Cap.REPORTING_REVIEW,
    Cap.DOCUMENTS_REGISTER,
    Cap.INSPECTIONS_MANAGE,
    Cap.OPINION_MANAGE,
    Cap.OPINION_SENSITIVE,
    Cap.EMULATION_MANAGE,
}

# The capabilities each role grants on its unit's subtree. The leader approves and
# confirms but does not enter data; the office does everything but approve.
ROLE_CAPABILITIES: dict[str, frozenset[Cap]] = {
    Role.ADMIN: frozenset(
        (_OFFICE - {Cap.TASKS_CONFIRM}) | {Cap.ACCOUNTS_MANAGE_ADMINS, Cap.REPORTING_APPROVE}
    ),
    Role.LEADER: frozenset(
        {Cap.READ, Cap.AUDIT_VIEW, Cap.REPORTING_APPROVE, Cap.TASKS_CONFIRM, Cap.OPINION_SENSITIVE}
    ),
    Role.OFFICE: frozenset(_OFFICE),
    Role.REPORTER: _REPORTER,
    Role.VIEWER: frozenset({Cap.READ}),
}

# The roles an office may grant: never "admin", which only an admin grants.
GRANTABLE_BY_OFFICE = (Role.LEADER, Role.OFFICE, Role.REPORTER, Role.VIEWER)


class Operator:
    """The server's operator acting through a management command (`export_summary --issue`,
    the demo loaders): it holds every capability and is logged without a user. Commands pass
    `OPERATOR` explicitly; a missing actor is never taken to mean it."""

    is_authenticated = False
    is_active = True

    def __repr__(self) -> str:
        return "OPERATOR"


OPERATOR = Operator()

# Whoever a service acts for: a signed-in user, or the operator of a command.
Actor = User | Operator


def person_of(actor: Actor) -> User | None:
    """Who to record in a "created by" field: the user, or nobody for the operator."""
    return actor if isinstance(actor, User) else None


class AuthenticatedRequest(HttpRequest):
    """A request behind `login_required`: its user is the project's `User`."""

    user: User


def signed_in(request: HttpRequest) -> AuthenticatedRequest:
    """The request of a page served behind `login_required` (e.g. by `core.listing.ListPage`,
    which cannot name the project's user), typed as such."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return cast(AuthenticatedRequest, request)


def scope_for(user: object) -> Scope:
    """The user's read scope (cached on the user object for the request)."""
    return read_scope(user)


def cap_paths(user: object, cap: Cap) -> tuple[str, ...]:
    """Paths of the user's memberships whose role grants `cap`: the subtrees it may act on."""
    return tuple(
        sorted({g.path for g in read_scope(user).grants if cap in ROLE_CAPABILITIES[g.role]})
    )


def has_cap(user: object, cap: Cap, unit: OrgUnit) -> bool:
    """True when one membership granting `cap` sits on `unit` or an ancestor of it."""
    if user is OPERATOR:
        return True
    return any(unit.path.startswith(p) for p in cap_paths(user, cap))


def require_cap(user: object, cap: Cap, unit: OrgUnit) -> None:
    """The user may read the unit but its role there does not grant `cap`: 403.

    Commands that act for the operator pass `OPERATOR`, saying so; there is no
    exemption for a missing actor.
    """
    if not has_cap(user, cap, unit):
        raise PermissionDenied


def can_read(user: object, unit: OrgUnit) -> bool:
    return read_scope(user).reads(unit.path)


def widest_path(paths: Iterable[str]) -> str:
    """The top of the widest of these subtrees (the shortest path; the first in tree order
    among equals): where a page of several subtrees opens."""
    return min(paths, key=lambda p: (len(p), p))


def page_unit(request: HttpRequest, cap: Cap | None = None) -> OrgUnit:
    """The unit a page looks at: ``?don_vi=`` (or a posted ``don_vi``) among the units of the
    user's own subtrees (else 404) and, with `cap`, one where the user holds it (else 403);
    without one, the top of the user's widest subtree (of its `cap` grants)."""
    user = signed_in(request).user
    paths = cap_paths(user, cap) if cap is not None else scope_for(user).subtree_paths
    if cap is not None and not paths:
        raise PermissionDenied
    code = PageQuery.of(request).unit_code or request.POST.get("don_vi", "")
    if code:
        unit = get_object_or_404(OrgUnit.objects.in_own_subtrees(user), code=code)
        if cap is not None and not has_cap(user, cap, unit):
            raise PermissionDenied
        return unit
    if not paths:
        raise Http404
    return OrgUnit.objects.get(path=widest_path(paths))
