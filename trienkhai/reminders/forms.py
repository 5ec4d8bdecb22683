from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from trienkhai.orgs.models import OrgUnit


class UnitChoice(forms.ModelChoiceField[OrgUnit]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class PauseForm(forms.Form):
    unit = UnitChoice(label=_("Đơn vị"), queryset=OrgUnit.objects.none())
    reason = forms.CharField(label=_("Lý do"), max_length=300)

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoice)
        unit_field.queryset = units


class RuleForm(forms.Form):
    days_before = forms.IntegerField(label=_("Nhắc trước (ngày)"), min_value=0, max_value=60)
    every_days = forms.IntegerField(
        label=_("Quá hạn: nhắc lại sau mỗi (ngày)"), min_value=1, max_value=60
    )
    plan = forms.IntegerField(widget=forms.HiddenInput)
    schedule = forms.IntegerField(widget=forms.HiddenInput, required=False)
