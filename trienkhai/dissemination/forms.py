"""Forms: the phone form for a session (at most 8 inputs), headcounts, materials, imports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trienkhai.core.forms import VietnameseNumberField
from trienkhai.core.plausibility import ConfirmNoteMixin
from trienkhai.dissemination.models import GROUP_NOUNS, Outreach, StudySession
from trienkhai.dissemination.services import SessionData, SessionInvalid, attendees_field

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]


def date_field(label: Any, **kwargs: Any) -> forms.DateField:
    # A native date picker on phones; typed d/m/Y is read too (no-JS browsers, old phones).
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Cần nhập ngày."),
            "invalid": _("Ngày không đúng định dạng, ví dụ 10/06/2026."),
        },
        **kwargs,
    )


class CountField(VietnameseNumberField):
    """A whole number of people, typed on a numeric keypad; negatives are refused."""

    def __init__(self, *args: Any, negative: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.negative = negative or str(_("Số không được là số âm."))
        self.widget.attrs["inputmode"] = "numeric"
        self.widget.attrs["autocomplete"] = "off"

    def to_python(self, value: Any) -> Any:
        number = super().to_python(value)
        if number is None:
            return None
        assert isinstance(number, Decimal)
        if number < 0:
            raise forms.ValidationError(self.negative, code="negative")
        if number != number.to_integral_value():
            raise forms.ValidationError(_("Cần nhập số nguyên (số người)."), code="integer")
        return int(number)


def _style(form: forms.Form) -> None:
    # No green ticks on fields that passed: the service may still refuse the whole entry.
    form.success_css_class = ""  # type: ignore[attr-defined]
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class SessionForm(forms.Form):
    """A study session, as a cell secretary records it on a phone."""

    date = date_field(_("Ngày học tập"))
    kind = forms.ChoiceField(label=_("Loại buổi"), choices=StudySession.Kind.choices)
    # Not "form": a field of that name reads badly next to the form itself in templates.
    format = forms.ChoiceField(label=_("Hình thức"), choices=StudySession.Form.choices)

    def __init__(self, *args: Any, groups: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups = groups
        for group in groups:
            self.fields[attendees_field(group)] = CountField(
                label=_("Số %(noun)s dự") % {"noun": GROUP_NOUNS[group]},
                help_text=_("Buổi học bù: chỉ ghi số người đã vắng ở buổi chính."),
                negative=str(_("Số người dự không được là số âm.")),
                error_messages={"required": _("Cần nhập số người dự.")},
            )
        self.fields["essays"] = CountField(
            label=_("Bài thu hoạch đã nhận"),
            required=False,
            negative=str(_("Số bài thu hoạch không được là số âm.")),
        )
        self.fields["place"] = forms.CharField(label=_("Địa điểm"), required=False, max_length=200)
        _style(self)

    def to_data(self) -> SessionData:
        data = self.cleaned_data
        return SessionData(
            date=data["date"],
            kind=data["kind"],
            form=data["format"],
            attendees={g: data[attendees_field(g)] for g in self.groups},
            essays=data.get("essays") or 0,
            place=data.get("place") or "",
        )

    def add_service_errors(self, exc: SessionInvalid) -> None:
        for name, messages in exc.errors.items():
            target = name if name in self.fields else None
            for message in messages:
                self.add_error(target, message)

    @staticmethod
    def initial_for(session: StudySession) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "date": session.date,
            "kind": session.kind,
            "format": session.form,
            "essays": session.essays,
            "place": session.place,
        }
        for row in session.attendance.all():
            initial[attendees_field(row.group)] = row.count
        return initial


class HeadcountForm(ConfirmNoteMixin, forms.Form):
    """A headcount from a date on; a count far from the members known asks for a note."""

    group = forms.ChoiceField(label=_("Nhóm"))
    as_of = date_field(_("Tính từ ngày"))
    count = CountField(
        label=_("Sĩ số"),
        negative=str(_("Sĩ số không được là số âm.")),
        error_messages={"required": _("Cần nhập sĩ số.")},
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=300)

    def __init__(self, *args: Any, groups: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = groups  # type: ignore[attr-defined]
        if len(groups) == 1:
            self.fields["group"].initial = groups[0][0]
        _style(self)

    def add_service_errors(self, exc: SessionInvalid) -> None:
        for name, messages in exc.errors.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


class OutreachForm(forms.Form):
    """How a unit reached one audience, on a phone: at most 8 inputs."""

    unit = forms.ChoiceField(label=_("Đơn vị"))
    audience = forms.ChoiceField(label=_("Đối tượng"), choices=Outreach.Audience.choices)
    method = forms.ChoiceField(label=_("Hình thức"), choices=Outreach.Method.choices)
    date = date_field(_("Ngày"))
    reached = CountField(
        label=_("Số được tuyên truyền"),
        negative=str(_("Số được tuyên truyền không được là số âm.")),
        error_messages={"required": _("Cần nhập số người hoặc số hộ được tuyên truyền.")},
    )
    reach_unit = forms.ChoiceField(
        label=_("Tính theo"),
        choices=Outreach.ReachUnit.choices,
        initial=Outreach.ReachUnit.PEOPLE,
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=300,
        help_text=_("Ví dụ: tên thôn, số buổi phát thanh, nhóm Zalo nào."),
    )

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = units  # type: ignore[attr-defined]
        if len(units) == 1:
            # One unit to record for (a chi bộ): nothing to choose.
            self.fields["unit"].initial = units[0][0]
            self.fields["unit"].widget = forms.HiddenInput()
        _style(self)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=300)
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(
        label=_("Tệp"), help_text=_("PDF, Word (.docx), Excel (.xlsx) hoặc ảnh; tối đa 20 MB.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class FileForm(forms.Form):
    file = forms.FileField(
        label=_("Thêm tệp"),
        help_text=_("Biên bản, danh sách ký dự, ảnh: PDF, Word (.docx), JPG hoặc PNG."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)
