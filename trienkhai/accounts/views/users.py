"""The office's user administration: thin views over accounts.services and selectors.

Only users who administer accounts somewhere reach these pages (others: 403); a
user outside the actor's units is a 404, the same as a missing one.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from trienkhai.accounts.forms import ImportForm, MembershipAddForm, UserCreateForm
from trienkhai.accounts.imports import ImportErrors, import_template, import_units_and_users
from trienkhai.accounts.models import Role, User
from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, has_cap
from trienkhai.accounts.selectors import (
    manage_paths,
    may_manage_users,
    membership_get_visible,
    memberships_visible,
    units_managed_by,
    user_get_managed,
    users_managed_by,
)
from trienkhai.accounts.services import (
    membership_add,
    membership_end,
    require_manages_user,
    user_create,
    user_reset_code,
    user_set_active,
)
from trienkhai.core.errors import DomainError
from trienkhai.core.files import read_upload
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import submit
from trienkhai.core.xlsx import xlsx_response
from trienkhai.orgs.models import OrgUnit

PAGE_SIZE = 50


def _require_manager(request: AuthenticatedRequest) -> None:
    if not may_manage_users(request.user):
        raise PermissionDenied


def _secret_page(
    request: AuthenticatedRequest, template: str, context: dict[str, Any]
) -> HttpResponse:
    """A page with one-time codes: never cached, never shown again."""
    context["login_url"] = request.build_absolute_uri(reverse("accounts:login"))
    response = render(request, template, context)
    add_never_cache_headers(response)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def user_list(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    query = PageQuery.of(request)
    q = query.get("q").strip()[:100]
    unit = None
    if query.unit_code:
        unit = get_object_or_404(
            OrgUnit.objects.in_subtrees(*manage_paths(request.user)), code=query.unit_code
        )
    users = users_managed_by(request.user, q=q, unit=unit)
    page = query.paginate(users, PAGE_SIZE)
    return render(
        request,
        "accounts/users/list.html",
        {
            "title": _("Người dùng"),
            "page": page,
            "q": q,
            "unit": unit,
            "units": units_managed_by(request.user).only("code", "name", "depth"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_create_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    form = UserCreateForm(request.POST or None, actor=request.user)
    if done := submit(request, form, lambda data: user_create(actor=request.user, **data)):
        user, code = done.result
        return _secret_page(
            request,
            "accounts/users/code.html",
            {"title": _("Đã tạo tài khoản"), "target": user, "code": code, "created": True},
        )
    return render(
        request, "accounts/users/create.html", {"title": _("Thêm người dùng"), "form": form}
    )


def _detail(
    request: AuthenticatedRequest, user: User, add_form: MembershipAddForm | None = None
) -> HttpResponse:
    shown, hidden = memberships_visible(actor=request.user, user=user)
    rows = [
        (
            m,
            m.is_active
            and has_cap(request.user, Cap.ACCOUNTS_MANAGE, m.org_unit)
            and (
                m.role != Role.ADMIN
                or has_cap(request.user, Cap.ACCOUNTS_MANAGE_ADMINS, m.org_unit)
            ),
        )
        for m in shown
    ]
    try:
        require_manages_user(request.user, user)
        may_manage = True
    except PermissionDenied:
        may_manage = False
    return render(
        request,
        "accounts/users/detail.html",
        {
            "title": user.get_full_name(),
            "target": user,
            "rows": rows,
            "hidden": hidden,
            "may_manage": may_manage,
            "is_self": user.pk == request.user.pk,
            "add_form": add_form or MembershipAddForm(actor=request.user),
        },
    )


@login_required
@require_GET
def user_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    return _detail(request, user_get_managed(actor=request.user, pk=pk))


@login_required
@require_POST
def user_reset_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    user = user_get_managed(actor=request.user, pk=pk)
    code = user_reset_code(actor=request.user, user=user)
    return _secret_page(
        request,
        "accounts/users/code.html",
        {"title": _("Đã cấp mã mới"), "target": user, "code": code, "created": False},
    )


def _set_active(request: AuthenticatedRequest, pk: int, *, active: bool) -> HttpResponse:
    _require_manager(request)
    user = user_get_managed(actor=request.user, pk=pk)
    try:
        user_set_active(actor=request.user, user=user, active=active)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        text = _("Đã mở khóa tài khoản.") if active else _("Đã khóa tài khoản.")
        messages.success(request, text)
    return redirect("accounts:user_detail", pk=user.pk)


@login_required
@require_POST
def user_deactivate_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=False)


@login_required
@require_POST
def user_reactivate_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=True)


@login_required
@require_POST
def membership_add_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    user = user_get_managed(actor=request.user, pk=pk)
    form = MembershipAddForm(request.POST, actor=request.user)
    if submit(
        request,
        form,
        lambda data: membership_add(actor=request.user, user=user, **data),
        success=_("Đã thêm vai trò."),
    ):
        return redirect("accounts:user_detail", pk=user.pk)
    return _detail(request, user, add_form=form)


@login_required
@require_POST
def membership_end_view(request: AuthenticatedRequest, pk: int, membership_pk: int) -> HttpResponse:
    _require_manager(request)
    user = user_get_managed(actor=request.user, pk=pk)
    membership = membership_get_visible(actor=request.user, user=user, pk=membership_pk)
    try:
        membership_end(actor=request.user, membership=membership)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã kết thúc vai trò."))
    return redirect("accounts:user_detail", pk=user.pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"title": _("Nhập đơn vị và người dùng từ Excel"), "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_units_and_users(
                actor=request.user, data=read_upload(upload), name=upload.name
            )
        except ImportErrors as exc:
            # A fresh form: the file field is not "valid" when its rows are not.
            context.update(errors=exc.errors, error_message=exc.message, form=ImportForm())
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return _secret_page(
                request,
                "accounts/users/import_done.html",
                {"title": _("Đã nhập từ Excel"), "result": result},
            )
    return render(request, "accounts/users/import.html", context)


@login_required
@require_GET
def import_template_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    return xlsx_response(import_template(), "Mẫu nhập đơn vị và người dùng.xlsx")
