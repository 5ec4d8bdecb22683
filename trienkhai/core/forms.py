from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django import forms
from django_bootstrap5.renderers import FieldRenderer as BootstrapFieldRenderer

from trienkhai.core.periods import Period, PeriodFormatError, parse_period_text


def tree_label(unit: Any, base_depth: int = 1) -> str:
    """A unit's name indented by its depth below `base_depth`, for lists that read as a tree."""
    return "— " * max(unit.depth - base_depth, 0) + unit.name


class UnitChoiceField(forms.ModelChoiceField):
    """Units in tree order, indented by depth below `base_depth`, so a long list reads as a
    tree (a user managing a chi bộ sees it flush left, not three steps in)."""

    def __init__(self, *args: Any, base_depth: int = 1, **kwargs: Any) -> None:
        self.base_depth = base_depth
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return tree_label(obj, self.base_depth)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files in one input (photos of a meeting, the minutes)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name())


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


class PeriodField(forms.CharField):
    """A period typed as offices write it ("Quý II/2026", "6 tháng đầu năm 2026") or as its
    code ("2026-Q2"); cleans to a `Period`.

    `choices` (code, label) are suggestions, not a limit: the page lists their labels in a
    <datalist> bound to the input, and any other period is still accepted.
    """

    def __init__(self, *args: Any, choices: Iterable[tuple[str, str]] = (), **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)
        self.choices = list(choices)

    def prepare_value(self, value: Any) -> Any:
        return value.short_label if isinstance(value, Period) else value

    def clean(self, value: Any) -> Period | None:
        # Checked as text first (required, length), then read as a period.
        text = super().clean(value)
        if text in self.empty_values:
            return None
        try:
            return parse_period_text(text)
        except PeriodFormatError as exc:
            raise forms.ValidationError(str(exc), code="period") from exc


def bootstrap_style(form: forms.BaseForm) -> None:
    """Give a form rendered by hand (not by `bootstrap_form`) the Bootstrap widget classes."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput | forms.RadioSelect):
            # Radios and check lists are styled by django-bootstrap5's own templates.
            continue
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class FieldRenderer(BootstrapFieldRenderer):
    """Marks the fields in error, never the others: on a refused form a green tick reads as
    "saved", and nothing was."""

    def get_server_side_validation_classes(self) -> str:
        return "is-invalid" if self.field_errors else ""


DATE_ATTRS = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}


def date_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    """A date typed the Vietnamese way (dd/mm/yyyy), on a phone with the number keypad."""
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(format="%d/%m/%Y", attrs=dict(DATE_ATTRS)),
        **kwargs,
    )


def version_field() -> forms.IntegerField:
    """The version the editor read, sent back hidden so a stale step is caught."""
    return forms.IntegerField(min_value=1, widget=forms.HiddenInput)


def entry_token_field() -> forms.UUIDField:
    """The token of one blank form, sent back hidden: a second press of "Lưu", or the same
    form sent again after a lost connection, finds the first save instead of making a copy.
    Build the blank form with ``initial=blank_initial(...)``."""
    return forms.UUIDField(required=False, widget=forms.HiddenInput)


def blank_initial(**initial: Any) -> dict[str, Any]:
    """A blank form's starting values with a fresh entry token (`entry_token_field`)."""
    return {"entry_token": uuid.uuid4(), **initial}
