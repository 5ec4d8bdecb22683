from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from trienkhai.accounts.permissions import scope_for


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Units indented by depth, so a long list reads as a tree."""

    def label_from_instance(self, obj: Any) -> str:
        return ("— " * (obj.depth - 1)) + obj.name


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name())


class ObjectTypeChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        model = obj.model_class()
        return str(model._meta.verbose_name).capitalize() if model else obj.model


class AuditFilterForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=None, required=False)
    actor = PersonChoiceField(label=_("Người thực hiện"), queryset=None, required=False)
    object_type = ObjectTypeChoiceField(label=_("Loại đối tượng"), queryset=None, required=False)
    date_from = forms.DateField(label=_("Từ ngày"), required=False)
    date_to = forms.DateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from trienkhai.orgs.models import OrgUnit

        paths = scope_for(user).paths_with("audit.view")
        units = OrgUnit.objects.subtree_of(*paths).order_by("path")
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        # People who work in the reader's units; the log is filtered by scope anyway.
        self.fields["actor"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(memberships__org_unit__in=units)
            .distinct()
            .order_by("full_name", "username")
        )
        self.fields["object_type"].queryset = ContentType.objects.filter(  # type: ignore[attr-defined]
            pk__in=[ContentType.objects.get_for_model(m).pk for m in auditlog.get_models()]
        ).order_by("model")
        for field in self.fields.values():
            is_select = isinstance(field, forms.ModelChoiceField)
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")
        for name in ("date_from", "date_to"):
            self.fields[name].widget.attrs["placeholder"] = "dd/mm/yyyy"


class VietnameseNumberField(forms.CharField):
    """A number typed the Vietnamese way ("11.247", "15,5"), parsed strictly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # No max_length: CharField would run its length validator on the parsed Decimal.
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("maxlength", "40")

    def prepare_value(self, value: Any) -> Any:
        from decimal import Decimal

        from trienkhai.core.numbers import format_number

        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return format_number(value)
        return value

    def to_python(self, value: Any) -> Any:
        from trienkhai.core.numbers import NumberFormatError, parse_number

        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return parse_number(str(text))
        except NumberFormatError as exc:
            raise forms.ValidationError(str(exc), code="number") from exc
