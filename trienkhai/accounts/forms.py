from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from trienkhai.accounts.models import Role
from trienkhai.accounts.permissions import scope_for
from trienkhai.accounts.selectors import units_managed_by
from trienkhai.accounts.services import (
    phone_normalize,
    roles_grantable,
    username_normalize,
    username_taken,
)
from trienkhai.core.errors import DomainError
from trienkhai.orgs.models import STEPLEN


class LoginForm(AuthenticationForm):
    remember = forms.BooleanField(
        label=_("Ghi nhớ đăng nhập (chỉ trên điện thoại của riêng đồng chí)"), required=False
    )

    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý chữ hoa, chữ thường."),
        "inactive": _("Tài khoản này đã bị khóa. Xin liên hệ Văn phòng Đảng ủy."),
    }


class UnitChoiceField(forms.ModelChoiceField):
    """Units in tree order, indented by depth so a long list stays readable."""

    def __init__(self, *args: Any, base_depth: int = 1, **kwargs: Any) -> None:
        self.base_depth = base_depth
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        indent = "· " * max(obj.depth - self.base_depth, 0)
        return f"{indent}{obj.name}"


def _unit_field(actor: Any) -> UnitChoiceField:
    units = units_managed_by(actor)
    depths = [len(p) // STEPLEN for p in scope_for(actor).paths_with("accounts.manage")]
    return UnitChoiceField(
        queryset=units, label=_("Đơn vị"), base_depth=min(depths, default=1), empty_label=None
    )


def _role_field(actor: Any) -> forms.ChoiceField:
    choices = [(r, Role(r).label) for r in roles_grantable(actor)]
    return forms.ChoiceField(label=_("Vai trò"), choices=choices, initial=Role.REPORTER)


class UserCreateForm(forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        help_text=_("Chữ thường không dấu, chữ số và các dấu . _ - ; ví dụ: chibo05, nguyenvana."),
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    title = forms.CharField(
        label=_("Chức vụ"),
        max_length=120,
        required=False,
        help_text=_("Ví dụ: Bí thư chi bộ, Chánh Văn phòng."),
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _unit_field(actor)
        self.fields["role"] = _role_field(actor)
        self.order_fields(["username", "full_name", "phone", "unit", "role", "title"])

    def clean_username(self) -> str:
        try:
            username = username_normalize(self.cleaned_data["username"])
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc
        if username_taken(username):
            raise forms.ValidationError(_("Tên đăng nhập này đã có người dùng."))
        return username

    def clean_phone(self) -> str:
        try:
            return phone_normalize(self.cleaned_data.get("phone", ""))
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc


class MembershipAddForm(forms.Form):
    title = forms.CharField(label=_("Chức vụ"), max_length=120, required=False)

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _unit_field(actor)
        self.fields["role"] = _role_field(actor)
        self.order_fields(["unit", "role", "title"])


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_("Dùng tệp mẫu: trang “Đơn vị” và trang “Người dùng”."),
    )
