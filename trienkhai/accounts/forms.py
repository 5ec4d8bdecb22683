from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from trienkhai.accounts.models import Role, User
from trienkhai.accounts.permissions import Cap, cap_paths
from trienkhai.accounts.selectors import units_managed_by
from trienkhai.accounts.services import (
    phone_normalize,
    roles_grantable,
    username_normalize,
    username_taken,
)
from trienkhai.core.errors import DomainError
from trienkhai.core.forms import PersonChoiceField, UnitChoiceField
from trienkhai.orgs.models import STEPLEN, OrgUnit


class LoginForm(AuthenticationForm):
    remember = forms.BooleanField(
        label=_("Ghi nhớ đăng nhập (chỉ trên điện thoại của riêng đồng chí)"), required=False
    )

    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý chữ hoa, chữ thường."),
        "inactive": _("Tài khoản này đã bị khóa. Xin liên hệ Văn phòng Đảng ủy."),
    }


def _unit_field(actor: User) -> UnitChoiceField:
    units = units_managed_by(actor)
    depths = [len(p) // STEPLEN for p in cap_paths(actor, Cap.ACCOUNTS_MANAGE)]
    return UnitChoiceField(
        queryset=units, label=_("Đơn vị"), base_depth=min(depths, default=1), empty_label=None
    )


def _role_field(actor: User) -> forms.ChoiceField:
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

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
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

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _unit_field(actor)
        self.fields["role"] = _role_field(actor)
        self.order_fields(["unit", "role", "title"])


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_("Dùng tệp mẫu: trang “Đơn vị” và trang “Người dùng”."),
    )


class ObjectTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        model = obj.model_class()
        return str(model._meta.verbose_name).capitalize() if model else obj.model


class AuditFilterForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=None, required=False)
    actor = PersonChoiceField(label=_("Người thực hiện"), queryset=None, required=False)
    object_type = ObjectTypeChoiceField(label=_("Loại đối tượng"), queryset=None, required=False)
    date_from = forms.DateField(label=_("Từ ngày"), required=False)
    date_to = forms.DateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.in_subtrees(*cap_paths(user, Cap.AUDIT_VIEW)).order_by("path")
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        # People who work in the reader's units; the log is filtered by scope anyway.
        self.fields["actor"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(memberships__org_unit__in=units)
            .distinct()
            .order_by("full_name", "username")
        )
        # One query for every audited model's type (the cache may be cold), not one a model.
        types = ContentType.objects.get_for_models(*auditlog.get_models())
        self.fields["object_type"].queryset = ContentType.objects.filter(  # type: ignore[attr-defined]
            pk__in=[t.pk for t in types.values()]
        ).order_by("model")
        for field in self.fields.values():
            is_select = isinstance(field, forms.ModelChoiceField)
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")
        for name in ("date_from", "date_to"):
            self.fields[name].widget.attrs["placeholder"] = "dd/mm/yyyy"
