"""The forms of a report's page: the unit's content (saved as a draft or sent), and the
reviewer's return, accept, reopen and extension. Each step that checks the version carries
the one the editor read, hidden, so a second editor gets a conflict instead of overwriting."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trienkhai.core.forms import bootstrap_style

DATE_ATTRS = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
SAVE, SUBMIT = "save", "submit"


def _version() -> forms.IntegerField:
    return forms.IntegerField(min_value=1, widget=forms.HiddenInput)


def _reason(label: Any) -> forms.CharField:
    # The browser asks for it; an empty one still reaches the service, which says why a
    # reason is needed (under this field).
    return forms.CharField(
        label=label,
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
    )


class _Styled(forms.Form):
    # The id prefix of the form's fields: several forms share one page (and field names).
    auto_id_prefix = "bc"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.auto_id_prefix}-%s")
        super().__init__(*args, **kwargs)
        bootstrap_style(self)


class ContentForm(_Styled):
    """What the unit writes; `action` says which button was pressed ("Lưu nháp" or
    "Gửi báo cáo")."""

    auto_id_prefix = "noi-dung"

    narrative = forms.CharField(
        label=_("Nội dung báo cáo"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    version = _version()
    action = forms.ChoiceField(
        choices=[(SAVE, _("Lưu nháp")), (SUBMIT, _("Gửi báo cáo"))],
        required=False,
        widget=forms.HiddenInput,
    )

    def clean_action(self) -> str:
        return self.cleaned_data.get("action") or SUBMIT


class ReturnForm(_Styled):
    auto_id_prefix = "tra-lai"

    reason = _reason(_("Lý do trả lại"))
    version = _version()


class AcceptForm(_Styled):
    auto_id_prefix = "duyet"

    version = _version()


class ReopenForm(_Styled):
    auto_id_prefix = "mo-lai"

    reason = _reason(_("Lý do mở lại"))
    version = _version()


class ExtendForm(_Styled):
    auto_id_prefix = "gia-han"

    until = forms.DateField(
        label=_("Gia hạn đến ngày"),
        input_formats=["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs=dict(DATE_ATTRS)),
        help_text=_("Ví dụ: 25/07/2026"),
        error_messages={
            "required": _("Cần nhập ngày gia hạn."),
            "invalid": _("Ngày không đúng định dạng dd/mm/yyyy, ví dụ 25/07/2026."),
        },
    )
    reason = _reason(_("Lý do gia hạn"))
