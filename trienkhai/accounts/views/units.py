"""The org tree pages (/don-vi/): the tree, a unit, its members, open, rename, close."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from trienkhai.accounts import services
from trienkhai.accounts.permissions import (
    AuthenticatedRequest,
    Cap,
    can_read,
    has_cap,
    require_cap,
    scope_for,
)
from trienkhai.accounts.selectors import unit_members as members_of
from trienkhai.core.submit import submit
from trienkhai.orgs import selectors
from trienkhai.orgs.forms import UnitCloseForm, UnitCreateForm, UnitUpdateForm
from trienkhai.orgs.models import OrgUnit


@login_required
def unit_tree(request: AuthenticatedRequest) -> HttpResponse:
    units = selectors.tree_for(user=request.user)
    scope = scope_for(request.user)
    # Ancestors are shown for orientation only, as they are read-only above the user's units.
    rows = [(unit, unit.path in scope.ancestor_paths) for unit in units]
    return render(request, "orgs/tree.html", {"title": _("Cây tổ chức"), "rows": rows})


@login_required
def unit_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, code=code)
    children = selectors.unit_children(unit=unit)
    ancestors = list(OrgUnit.objects.get_ancestors(unit))
    context = {
        "title": unit.name,
        "unit": unit,
        "children": [c for c in children if can_read(request.user, c)],
        "ancestors": ancestors,
        "can_manage": has_cap(request.user, Cap.ORGS_MANAGE, unit),
        "can_close": bool(ancestors) and has_cap(request.user, Cap.ORGS_MANAGE, ancestors[-1]),
        "may_see_members": _may_see_members(request, unit),
    }
    return render(request, "orgs/unit_detail.html", context)


@login_required
def unit_members(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, code=code)
    members = members_of(unit=unit) if _may_see_members(request, unit) else None
    context = {
        "title": _("Thành viên · %(name)s") % {"name": unit.name},
        "unit": unit,
        "members": members,
        "can_manage": has_cap(request.user, Cap.ACCOUNTS_MANAGE, unit),
    }
    return render(request, "orgs/unit_members.html", context)


def _may_see_members(request: AuthenticatedRequest, unit: OrgUnit) -> bool:
    # Member lists of an ancestor unit (the commune seen from a chi bộ) stay private.
    scope = scope_for(request.user)
    return scope.reads(unit.path) and unit.path not in scope.ancestor_paths


@login_required
def unit_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    parent = selectors.unit_get(user=request.user, code=code)
    require_cap(request.user, Cap.ORGS_MANAGE, parent)
    form = UnitCreateForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.unit_create(actor=request.user, parent=parent, **data),
        success=lambda unit: _("Đã thêm đơn vị “%(name)s”.") % {"name": unit.name},
    )
    if done:
        return redirect("orgs:detail", code=done.result.code)
    return _form_page(request, parent, form, _("Thêm đơn vị trực thuộc %(name)s"))


@login_required
def unit_update(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, code=code)
    require_cap(request.user, Cap.ORGS_MANAGE, unit)
    initial = {"name": unit.name, "short_name": unit.short_name}
    form = UnitUpdateForm(request.POST or None, initial=initial)
    if submit(
        request,
        form,
        lambda data: services.unit_update(actor=request.user, unit=unit, **data),
        success=_("Đã lưu thông tin đơn vị."),
    ):
        return redirect("orgs:detail", code=unit.code)
    return _form_page(request, unit, form, _("Sửa thông tin %(name)s"))


@login_required
def unit_close(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, code=code)
    require_cap(request.user, Cap.ORGS_MANAGE, unit)
    form = UnitCloseForm(request.POST or None, successors=selectors.successor_choices(unit=unit))
    if submit(
        request,
        form,
        lambda data: services.unit_close(actor=request.user, unit=unit, **data),
        success=_("Đã kết thúc hoạt động của “%(name)s”.") % {"name": unit.name},
    ):
        return redirect("orgs:detail", code=unit.code)
    return _form_page(request, unit, form, _("Kết thúc hoạt động %(name)s"), danger=True)


def _form_page(
    request: AuthenticatedRequest, unit: OrgUnit, form: Form, title: str, *, danger: bool = False
) -> HttpResponse:
    """The one form page of the tree; `title` names the unit as %(name)s."""
    context = {
        "title": title % {"name": unit.display_name},
        "unit": unit,
        "form": form,
        "danger": danger,
    }
    return render(request, "orgs/unit_form.html", context)
