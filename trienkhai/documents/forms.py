from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from trienkhai.documents.models import DocType


class ExternalNumberForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Loại văn bản"), choices=DocType.choices)
    number = forms.IntegerField(label=_("Số"), min_value=1, max_value=99999)
    day = forms.DateField(label=_("Ngày ban hành"), help_text=_("Ví dụ: 10/6/2026"))
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class SetNextForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Loại văn bản"), choices=DocType.choices)
    next_number = forms.IntegerField(label=_("Số tiếp theo"), min_value=1, max_value=99999)


class SigningPostForm(forms.Form):
    on_behalf = forms.CharField(
        label=_("Thay mặt"), max_length=100, help_text=_("Ví dụ: T/M BAN THƯỜNG VỤ, T/M CHI BỘ")
    )
    title = forms.CharField(
        label=_("Chức vụ"), max_length=100, help_text=_("Ví dụ: PHÓ BÍ THƯ THƯỜNG TRỰC")
    )
    person_name = forms.CharField(label=_("Họ và tên"), max_length=100)
    start = forms.DateField(label=_("Ký từ ngày"), help_text=_("Ví dụ: 01/10/2025"))
    end = forms.DateField(
        label=_("Đến ngày"), required=False, help_text=_("Để trống khi chưa biết ngày thôi ký.")
    )


class SigningPostEndForm(forms.Form):
    end = forms.DateField(label=_("Ký đến hết ngày"))


class SignedCopyForm(forms.Form):
    file = forms.FileField(
        label=_("Bản đã ký"),
        help_text=_("Bản chụp hoặc bản PDF đã ký số: PDF, JPG hoặc PNG."),
    )
