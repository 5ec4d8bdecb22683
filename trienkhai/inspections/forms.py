"""The forms of the inspection pages. Steps that check the version carry the one the editor
read, hidden, so a second editor is refused instead of overwriting."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from trienkhai.core.forms import (
    MultipleFileField,
    bootstrap_style,
    date_field,
    tree_label,
    version_field,
)
from trienkhai.core.held_files import HoldsFilesMixin
from trienkhai.inspections.models import Finding, Inspection
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan


class _Styled(forms.Form):
    prefix_id = "kt"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.prefix_id}-%s")
        super().__init__(*args, **kwargs)
        bootstrap_style(self)


class _UnitsField(forms.ModelMultipleChoiceField):
    # The units directly under the committee flush left, those of a đảng bộ bộ phận indented.
    def label_from_instance(self, obj: Any) -> str:
        return tree_label(obj, obj.depth if obj.depth <= 3 else 3)


class _NamedUnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class _PlanField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class InspectionForm(_Styled):
    body = _NamedUnitField(label=_("Cơ quan tiến hành"), queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(label=_("Hình thức"), choices=Inspection.Kind.choices)
    title = forms.CharField(
        label=_("Nội dung kiểm tra, giám sát"),
        max_length=400,
        help_text=_("Ví dụ: việc lãnh đạo, chỉ đạo triển khai thực hiện Kế hoạch số …"),
    )
    plan = _PlanField(
        label=_("Kế hoạch được kiểm tra"),
        queryset=Plan.objects.none(),
        required=False,
        empty_label=_("(không gắn với kế hoạch)"),
    )
    units = _UnitsField(
        label=_("Đơn vị được kiểm tra"),
        queryset=OrgUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    start = date_field(_("Từ ngày"))
    end = date_field(_("Đến ngày"))
    team = forms.CharField(
        label=_("Thành phần đoàn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi đồng chí một dòng: họ tên, chức vụ — nhiệm vụ trong đoàn."),
    )
    content = forms.CharField(
        label=_("Nội dung, phương pháp"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        bodies: QuerySet[OrgUnit],
        units: QuerySet[OrgUnit],
        plans: QuerySet[Plan],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]
        self.fields["units"].widget.attrs["class"] = "form-check-input"


class FindingForm(_Styled):
    prefix_id = "ph"
    unit = _NamedUnitField(label=_("Đơn vị"), queryset=OrgUnit.objects.none())
    severity = forms.ChoiceField(label=_("Mức độ"), choices=Finding.Severity.choices)
    text = forms.CharField(label=_("Nội dung phát hiện"), widget=forms.Textarea(attrs={"rows": 3}))
    action_text = forms.CharField(
        label=_("Yêu cầu khắc phục"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    due = date_field(_("Hạn khắc phục"), required=False)

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class ActionForm(_Styled):
    prefix_id = "yc"
    text = forms.CharField(label=_("Yêu cầu khắc phục"), widget=forms.Textarea(attrs={"rows": 2}))
    due = date_field(_("Hạn khắc phục"))


class StepForm(_Styled):
    """A step that only needs the version (ban hành quyết định)."""

    version = version_field()


class ConcludeForm(_Styled):
    prefix_id = "kl"
    conclusion = forms.CharField(
        label=_("Nội dung kết luận"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Ưu điểm, hạn chế và nguyên nhân, yêu cầu chung; các phát hiện và yêu cầu khắc "
            "phục của từng đơn vị được đưa vào thông báo tự động."
        ),
    )
    version = version_field()


class ReportForm(HoldsFilesMixin, _Styled):
    prefix_id = "bc"
    held_fields = ("evidence",)
    done_on = date_field(_("Ngày hoàn thành khắc phục"))
    # Not required here: the service says what is missing, under the field.
    report = forms.CharField(
        label=_("Đã khắc phục thế nào"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "required": True}),
    )
    evidence = MultipleFileField(
        label=_("Minh chứng"),
        required=False,
        help_text=_("Biên bản, nghị quyết chi bộ, ảnh chụp: PDF, Word, Excel, JPG, PNG."),
    )
    version = version_field()


class ReviewForm(_Styled):
    prefix_id = "xn"
    note = forms.CharField(
        label=_("Ý kiến của đoàn"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = version_field()
