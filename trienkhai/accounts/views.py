from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trienkhai.accounts import selectors
from trienkhai.accounts.forms import AuditFilterForm, LoginForm
from trienkhai.accounts.permissions import AuthenticatedRequest
from trienkhai.accounts.services import password_changed, remember_allowed
from trienkhai.core.pages import PageQuery


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True
    extra_context = {"title": gettext_lazy("Đăng nhập")}

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        # Only reporters on their own phone stay signed in for 30 days; office
        # staff and leaders keep the 8 idle hours.
        if form.cleaned_data.get("remember") and remember_allowed(user):
            self.request.session.set_expiry(settings.SESSION_REMEMBER_AGE)
        return response


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = "/"
    extra_context = {"title": gettext_lazy("Đổi mật khẩu")}

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        password_changed(user=form.user)
        messages.success(self.request, "Đã đổi mật khẩu.")
        return response


@login_required
def audit_log(request: AuthenticatedRequest) -> HttpResponse:
    """Nhật ký thay đổi, scoped to the units whose log the reader may see."""
    form = AuditFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    unit = filters.get("unit")
    actor = filters.get("actor")
    content_type = filters.get("object_type")
    entries = selectors.audit_entries(
        request.user,
        unit=unit,
        actor_id=actor.pk if actor else None,
        content_type_id=content_type.pk if content_type else None,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    query = PageQuery.of(request)
    context = {
        "title": _("Nhật ký thay đổi"),
        "form": form,
        "page": query.paginate(entries),
        "query": query.urlencode(),
    }
    return render(request, "accounts/audit_log.html", context)
