from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    remember = forms.BooleanField(
        label=_("Ghi nhớ đăng nhập (chỉ trên điện thoại của riêng đồng chí)"), required=False
    )

    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý chữ hoa, chữ thường."),
        "inactive": _("Tài khoản này đã bị khóa. Xin liên hệ Văn phòng Đảng ủy."),
    }
