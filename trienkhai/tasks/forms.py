from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trienkhai.core.forms import (
    MultipleFileField,
    UnitChoiceField,
    VietnameseNumberField,
    bootstrap_style,
    date_field,
    tree_label,
)
from trienkhai.core.held_files import HoldsFilesMixin
from trienkhai.core.plausibility import ConfirmNoteMixin
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan
from trienkhai.tasks.fanout import DutyPreview
from trienkhai.tasks.models import Deliverable, Recurrence
from trienkhai.tasks.status import FILTER_LABELS


class TaskFilterForm(forms.Form):
    ke_hoach: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Kế hoạch"), queryset=None, required=False, empty_label=_("Tất cả kế hoạch")
    )
    don_vi = UnitChoiceField(
        label=_("Đơn vị"),
        queryset=None,
        required=False,
        to_field_name="code",
        empty_label=_("Tất cả đơn vị"),
    )
    muc = forms.ChoiceField(label=_("Mục"), required=False)
    giai_phap = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    tinh_trang = forms.ChoiceField(label=_("Tình trạng"), required=False)
    q = forms.CharField(label=_("Tìm"), required=False, max_length=100)
    ngay = date_field(_("Tính đến ngày"), required=False)
    vai_tro = forms.ChoiceField(
        label=_("Vai trò"),
        required=False,
        choices=[("", _("Chủ trì")), ("phoi-hop", _("Phối hợp"))],
    )

    def __init__(
        self,
        *args: Any,
        plans: QuerySet[Plan],
        units: QuerySet[OrgUnit],
        sections: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ke_hoach"].queryset = plans  # type: ignore[attr-defined]
        self.fields["don_vi"].queryset = units  # type: ignore[attr-defined]
        self.fields["muc"].choices = [("", _("Tất cả các mục")), *sections]  # type: ignore[attr-defined]
        self.fields["tinh_trang"].choices = [  # type: ignore[attr-defined]
            ("", _("Mọi tình trạng")),
            *FILTER_LABELS.items(),
        ]
        self.fields["ke_hoach"].label_from_instance = lambda p: (  # type: ignore[attr-defined]
            gettext("Kế hoạch %(label)s") % {"label": p.label}
        )
        bootstrap_style(self)


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Plan) -> str:
        return gettext("Kế hoạch %(reference)s — %(unit)s") % {
            "reference": obj.reference,
            "unit": obj.org_unit.name,
        }


class AssignForm(forms.Form):
    assigned_on = date_field(_("Ngày giao"))

    def __init__(
        self, *args: Any, previews: list[DutyPreview], units: QuerySet[OrgUnit], **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {"assigned_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.previews = previews
        for p in previews:
            prefix = f"d{p.duty.pk}"
            self.fields[f"{prefix}_include"] = forms.BooleanField(
                label=_("Giao"), required=False, initial=True
            )
            self.fields[f"{prefix}_recurrence"] = forms.ChoiceField(
                label=_("Thời hạn"), choices=Recurrence.choices, initial=p.schedule.recurrence
            )
            self.fields[f"{prefix}_due"] = date_field(
                _("Hạn"), required=False, initial=p.schedule.due
            )
            self.fields[f"{prefix}_deliverable"] = forms.ChoiceField(
                label=_("Sản phẩm"), choices=Deliverable.choices, initial=p.schedule.deliverable
            )
            if not p.units:
                self.fields[f"{prefix}_unit"] = UnitChoiceField(
                    label=_("Đơn vị thực hiện"), queryset=units, required=False
                )
        bootstrap_style(self)
        small = {
            "form-control": "form-control form-control-sm",
            "form-select": "form-select form-select-sm",
        }
        for name, field in self.fields.items():
            if name != "assigned_on":
                attrs = field.widget.attrs
                attrs["class"] = small.get(attrs["class"], attrs["class"])
                attrs["aria-label"] = str(field.label)

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for p in self.previews:
            prefix = f"d{p.duty.pk}"
            out.append(
                {
                    "preview": p,
                    "include": self[f"{prefix}_include"],
                    "recurrence": self[f"{prefix}_recurrence"],
                    "due": self[f"{prefix}_due"],
                    "deliverable": self[f"{prefix}_deliverable"],
                    "unit": self[f"{prefix}_unit"] if not p.units else None,
                }
            )
        return out

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for p in self.previews:
            prefix = f"d{p.duty.pk}"
            if not data.get(f"{prefix}_include"):
                continue
            recurrence = data.get(f"{prefix}_recurrence")
            if recurrence == Recurrence.ONCE and not data.get(f"{prefix}_due"):
                self.add_error(f"{prefix}_due", _("Nhiệm vụ một lần cần có hạn."))
        return data

    def choices(self) -> dict[int, Any]:
        from trienkhai.tasks.services import DutyChoice

        data = self.cleaned_data
        out: dict[int, DutyChoice] = {}
        for p in self.previews:
            prefix = f"d{p.duty.pk}"
            recurrence = data[f"{prefix}_recurrence"]
            out[p.duty.pk] = DutyChoice(
                include=bool(data.get(f"{prefix}_include")),
                recurrence=recurrence,
                due=data.get(f"{prefix}_due") if recurrence == Recurrence.ONCE else None,
                deliverable=data[f"{prefix}_deliverable"],
                unit=data.get(f"{prefix}_unit"),
            )
        return out


class TaskForm(ConfirmNoteMixin, forms.Form):
    plan = PlanChoiceField(label=_("Kế hoạch"), queryset=None)
    section = forms.CharField(label=_("Mục"), max_length=20, required=False)
    text = forms.CharField(label=_("Nội dung nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 3}))
    assignee = UnitChoiceField(label=_("Đơn vị chủ trì"), queryset=None)
    helpers: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    recurrence = forms.ChoiceField(label=_("Thời hạn"), choices=Recurrence.choices)
    due = date_field(_("Hạn hoàn thành (nhiệm vụ một lần)"), required=False)
    deliverable = forms.ChoiceField(label=_("Sản phẩm"), choices=Deliverable.choices)

    def __init__(
        self,
        *args: Any,
        plans: QuerySet[Plan] | None,
        units: QuerySet[OrgUnit],
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]
        self.fields["assignee"].queryset = units  # type: ignore[attr-defined]
        self.fields["helpers"].queryset = units  # type: ignore[attr-defined]
        self.fields["helpers"].label_from_instance = tree_label  # type: ignore[attr-defined]
        if editing:
            del self.fields["plan"]
        bootstrap_style(self)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("recurrence") == Recurrence.ONCE and not data.get("due"):
            self.add_error("due", _("Nhiệm vụ thực hiện một lần cần có hạn hoàn thành."))
        if data.get("recurrence") != Recurrence.ONCE:
            data["due"] = None
        return data


def _not_future(value: date) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("Ngày này chưa tới."))


class _ReportForm(forms.Form):
    """What a unit reports: its date field (`dated`) starts on today. The task page shows
    several of these forms at once: each has its own ids (`ids`), so no label points into
    another form."""

    dated: ClassVar[str]
    ids: ClassVar[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {self.dated: timezone.localdate()})
        kwargs.setdefault("auto_id", self.ids)
        super().__init__(*args, **kwargs)
        bootstrap_style(self)


class ProgressForm(HoldsFilesMixin, _ReportForm):
    dated = "day"
    held_fields = ("evidence",)
    ids = "progress-%s"
    day = date_field(_("Ngày"), validators=[_not_future])
    progress = VietnameseNumberField(label=_("Tiến độ (%)"), required=False)
    note = forms.CharField(
        label=_("Nội dung đã làm"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = MultipleFileField(label=_("Minh chứng"), required=False)

    def clean_progress(self) -> int | None:
        value = self.cleaned_data.get("progress")
        if value is None:
            return None
        if value != int(value) or not 0 <= value <= 100:
            raise ValidationError(_("Tiến độ là số nguyên từ 0 đến 100."))
        return int(value)


class CompleteForm(HoldsFilesMixin, _ReportForm):
    dated = "completed_on"
    held_fields = ("evidence",)
    ids = "complete-%s"
    completed_on = date_field(_("Ngày hoàn thành"), validators=[_not_future])
    note = forms.CharField(
        label=_("Kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = MultipleFileField(label=_("Sản phẩm, minh chứng"), required=False)


class UnitPlanForm(_ReportForm):
    dated = "completed_on"
    ids = "unit-plan-%s"
    completed_on = date_field(
        _("Ngày ký kế hoạch (ngày hoàn thành)"),
        validators=[_not_future],
        help_text=_("Ngày ghi trên kế hoạch đã ký; ngày này được dùng để tính đúng hạn."),
    )
    file = forms.FileField(
        label=_("Kế hoạch đã ký"),
        help_text=_("PDF, Word (.docx) hoặc ảnh chụp JPG, PNG."),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class NotApplicableForm(_ReportForm):
    dated = "day"
    ids = "na-%s"
    day = date_field(_("Ngày báo cáo"), validators=[_not_future])
    note = forms.CharField(label=_("Lý do không phát sinh"), max_length=500)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap_style(self)


class ReturnForm(NoteForm):
    """Trả lại: the unit must be told what to add."""

    note = forms.CharField(
        label=_("Lý do trả lại"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Hãy ghi rõ lý do trả lại.")},
    )


def assignee_units(plan_unit: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.valid_on().in_subtree(plan_unit).order_by("path")
