from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trienkhai.core.periods import Period, PeriodFormatError, parse_period
from trienkhai.documents.models import DocType


class PeriodField(forms.CharField):
    """A period code ("2026-Q2", "2026-H1"…), read strictly."""

    def clean(self, value: Any) -> Period | None:
        # The text is checked as text first (required, length), then read as a period.
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_period(text)
        except PeriodFormatError as exc:
            raise forms.ValidationError(str(exc)) from exc


class SummaryCreateForm(forms.Form):
    period = PeriodField(
        label=_("Kỳ báo cáo"),
        max_length=16,
        help_text=_("Ví dụ: 2026-Q2 (quý II), 2026-H1 (6 tháng đầu năm), 2026-9M, 2026."),
    )


class ExternalNumberForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Loại văn bản"), choices=DocType.choices)
    number = forms.IntegerField(label=_("Số"), min_value=1, max_value=99999)
    day = forms.DateField(label=_("Ngày ban hành"), help_text=_("Ví dụ: 10/6/2026"))
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class SetNextForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Loại văn bản"), choices=DocType.choices)
    next_number = forms.IntegerField(label=_("Số tiếp theo"), min_value=1, max_value=99999)


class SignedCopyForm(forms.Form):
    file = forms.FileField(
        label=_("Bản đã ký"),
        help_text=_("Bản chụp hoặc bản PDF đã ký số: PDF, JPG hoặc PNG."),
    )
