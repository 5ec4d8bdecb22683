"""Signing in and out, and the password change every new user must make first."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trienkhai.accounts.forms import LoginForm
from trienkhai.accounts.services import password_changed, remember_allowed


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
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response
