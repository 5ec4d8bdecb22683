from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trienkhai.core.forms import VietnameseNumberField
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import CoverageThreshold, Plan, PlanDeadline, Target

DUTY_KINDS = [
    ("standing_committee", _("Ban Thường vụ")),
    ("party_building_board", _("Ban Xây dựng Đảng")),
    ("party_office", _("Văn phòng Đảng ủy")),
    ("inspection_committee", _("Ủy ban Kiểm tra")),
    ("peoples_council", _("HĐND")),
    ("peoples_committee", _("UBND")),
    ("front", _("Ủy ban MTTQ")),
    ("front_and_mass_orgs", _("MTTQ và các tổ chức chính trị - xã hội")),
    ("mass_org", _("Tổ chức chính trị - xã hội")),
    ("party_orgs", _("Các tổ chức đảng trực thuộc")),
    ("party_cells", _("Các chi bộ")),
    ("commune_committee", _("Đảng ủy xã")),
    ("city_committee", _("Thành ủy")),
    ("other", _("Khác")),
]


class CompactRowForm(forms.Form):
    """Rows of a review table: small Bootstrap inputs without labels."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select form-select-sm"
            else:
                widget.attrs["class"] = "form-control form-control-sm"
            widget.attrs["aria-label"] = str(field.label or name)
            if name in ("due",):
                widget.attrs["placeholder"] = "dd/mm/yyyy"


class UploadForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị ban hành"), queryset=OrgUnit.objects.none())
    file = forms.FileField(
        label=_("Tệp kế hoạch"),
        help_text=_("Word (.docx), PDF có lớp chữ, hoặc văn bản (.txt); tối đa 20 MB."),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        if units.count() == 1:
            self.fields["unit"].initial = units.first()
        self.fields["file"].widget.attrs["accept"] = ".docx,.pdf,.txt"


class PlanHeaderForm(forms.Form):
    superior = forms.CharField(label=_("Cơ quan cấp trên"), max_length=200, required=False)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200, required=False)
    number = forms.IntegerField(label=_("Số"), min_value=1, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=20)
    place = forms.CharField(label=_("Địa danh"), max_length=80, required=False)
    date = forms.DateField(label=_("Ngày ban hành"), required=False)
    title = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 3}))


class PlanEditForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["superior", "issuer", "number", "symbol", "place", "date", "title"]
        widgets = {"title": forms.Textarea(attrs={"rows": 3})}


class TargetRowForm(CompactRowForm):
    keep = forms.BooleanField(label=_("Giữ"), required=False, initial=True)
    ref = forms.CharField(max_length=20, widget=forms.HiddenInput)
    label = forms.CharField(label=_("Tên chỉ tiêu"), max_length=300)
    comparator = forms.ChoiceField(
        label=_("So sánh"), choices=[("", "—"), *Target.Comparator.choices], required=False
    )
    value = VietnameseNumberField(label=_("Giá trị"), required=False)
    low = VietnameseNumberField(label=_("Từ"), required=False)
    high = VietnameseNumberField(label=_("Đến"), required=False)
    stretch = VietnameseNumberField(label=_("Phấn đấu"), required=False)
    unit = forms.CharField(label=_("Đơn vị tính"), max_length=60, required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100, required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=Target.Kind.choices)
    scope = forms.ChoiceField(label=_("Phạm vi"), choices=Target.Scope.choices)
    # Carried through unchanged from the parser.
    text = forms.CharField(widget=forms.HiddenInput, required=False)
    base_year = forms.IntegerField(widget=forms.HiddenInput, required=False)
    direction = forms.CharField(widget=forms.HiddenInput, required=False)
    confidence = forms.CharField(widget=forms.HiddenInput, required=False)
    bounds = forms.CharField(widget=forms.HiddenInput, required=False)
    source_line = forms.IntegerField(widget=forms.HiddenInput, required=False)
    source_text = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        wants_range = data.get("keep") and data.get("comparator") == "range"
        if wants_range and (data.get("low") is None or data.get("high") is None):
            raise forms.ValidationError(_("Khoảng giá trị cần đủ cả “từ” và “đến”."))
        return data


class DutyRowForm(CompactRowForm):
    keep = forms.BooleanField(label=_("Giữ"), required=False, initial=True)
    assignee = forms.CharField(label=_("Cơ quan thực hiện"), max_length=200)
    assignee_kind = forms.ChoiceField(label=_("Loại cơ quan"), choices=DUTY_KINDS)
    section = forms.CharField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 2}))
    due = forms.DateField(label=_("Thời hạn"), required=False)


class DeadlineRowForm(CompactRowForm):
    keep = forms.BooleanField(label=_("Giữ"), required=False, initial=True)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))
    due = forms.DateField(label=_("Thời hạn"))
    recurrence = forms.ChoiceField(
        label=_("Lặp lại"),
        choices=[("", _("một lần")), *PlanDeadline.Recurrence.choices],
        required=False,
    )


class CoverageRowForm(CompactRowForm):
    keep = forms.BooleanField(label=_("Giữ"), required=False, initial=True)
    audience = forms.CharField(label=_("Đối tượng"), max_length=200)
    group = forms.ChoiceField(label=_("Nhóm"), choices=CoverageThreshold.Group.choices)
    comparator = forms.ChoiceField(
        label=_("So sánh"),
        choices=[(">", _("trên")), (">=", _("từ … trở lên")), ("=", _("đạt"))],
    )
    value = VietnameseNumberField(label=_("Tỷ lệ (%)"))


TargetFormSet = forms.formset_factory(TargetRowForm, extra=0)
DutyFormSet = forms.formset_factory(DutyRowForm, extra=0)
DeadlineFormSet = forms.formset_factory(DeadlineRowForm, extra=0)
CoverageFormSet = forms.formset_factory(CoverageRowForm, extra=0)


class TargetEditForm(forms.ModelForm):
    value = VietnameseNumberField(label=_("Giá trị"), required=False)
    low = VietnameseNumberField(label=_("Từ"), required=False)
    high = VietnameseNumberField(label=_("Đến"), required=False)
    stretch = VietnameseNumberField(label=_("Phấn đấu"), required=False)
    base_value = VietnameseNumberField(label=_("Giá trị năm gốc"), required=False)

    class Meta:
        model = Target
        fields = [
            "label",
            "text",
            "kind",
            "comparator",
            "value",
            "low",
            "high",
            "stretch",
            "measure_unit",
            "target_year",
            "base_year",
            "base_value",
            "direction",
            "measure",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class SplitRowForm(CompactRowForm):
    unit_id = forms.IntegerField(widget=forms.HiddenInput)
    value = VietnameseNumberField(label=_("Chỉ tiêu giao"), required=False)
    weight = VietnameseNumberField(label=_("Trọng số"), required=False)


SplitFormSet = forms.formset_factory(SplitRowForm, extra=0)


class TargetFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại"), choices=[("", _("Tất cả loại")), *Target.Kind.choices], required=False
    )
    scope = forms.ChoiceField(
        label=_("Phạm vi"),
        choices=[("", _("Tất cả")), *Target.Scope.choices],
        required=False,
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do rút"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: tải nhầm tệp của đơn vị khác; nhập nhầm bản dự thảo."),
    )


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class SupersedeForm(forms.Form):
    by = PlanChoiceField(
        label=_("Kế hoạch thay thế"), queryset=Plan.objects.none(), empty_label=None
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["by"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = choices
