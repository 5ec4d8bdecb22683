from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trienkhai.orgs.models import OrgUnit


class UnitCreateForm(forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=200)
    short_name = forms.CharField(label=_("Tên ngắn"), max_length=80, required=False)
    code = forms.SlugField(
        label=_("Mã đơn vị"),
        max_length=40,
        help_text=_("Chữ thường không dấu, số và gạch nối, ví dụ chibo31."),
    )
    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=OrgUnit.Kind.choices)
    valid_from = forms.DateField(label=_("Hiệu lực từ ngày"), required=False)


class UnitUpdateForm(forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=200)
    short_name = forms.CharField(label=_("Tên ngắn"), max_length=80, required=False)


class UnitCloseForm(forms.Form):
    valid_to = forms.DateField(label=_("Kết thúc hoạt động từ ngày"))
    successor = forms.ModelChoiceField(
        label=_("Đơn vị kế thừa"),
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text=_("Đơn vị nhận lại nhiệm vụ, đảng viên (khi sáp nhập)."),
    )

    def __init__(self, *args: Any, successors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["successor"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = successors
