"""The office's forms: the schedule editor and the holiday calendar."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trienkhai.core.forms import UnitChoiceField, bootstrap_style, date_field
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan
from trienkhai.reporting.models import ScheduleKind


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Plan) -> str:
        return gettext("Kế hoạch %(label)s — %(unit)s") % {
            "label": obj.short_label,
            "unit": obj.org_unit.name,
        }


def _year(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Để trống: theo thời gian của kế hoạch."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class ScheduleForm(forms.Form):
    title = forms.CharField(label=_("Tên báo cáo"), max_length=200)
    plan = PlanChoiceField(label=_("Kế hoạch"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=ScheduleKind.choices)
    period = forms.CharField(
        label=_("Kỳ báo cáo (báo cáo một lần)"),
        required=False,
        max_length=16,
        help_text=_('Ví dụ "2026-Q2" (quý II năm 2026), "2026-H1", "2026".'),
    )
    due_date = date_field(_("Hạn nộp (báo cáo một lần)"), required=False)
    first_year = _year(_("Từ năm"))
    last_year = _year(_("Đến năm"))
    cutoff_day = forms.IntegerField(
        label=_("Ngày chốt số liệu"),
        min_value=1,
        max_value=28,
        initial=15,
        help_text=_("Số liệu tính từ ngày này của tháng trước kỳ đến hết ngày liền trước nó."),
    )
    due_working_days = forms.IntegerField(
        label=_("Số ngày làm việc để nộp"),
        min_value=1,
        max_value=60,
        initial=1,
        help_text=_("Tính từ ngày chốt số liệu, bỏ qua thứ Bảy, Chủ nhật và ngày nghỉ."),
    )
    unit_kinds = forms.MultipleChoiceField(
        label=_("Loại đơn vị phải báo cáo"),
        choices=OrgUnit.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    reviewer = UnitChoiceField(
        label=_("Cơ quan tiếp nhận"),
        queryset=None,
        required=False,
        empty_label=_("Ban Xây dựng Đảng của đơn vị ban hành kế hoạch"),
    )

    def __init__(
        self,
        *args: Any,
        plans: QuerySet[Plan],
        reviewers: QuerySet[OrgUnit],
        base_depth: int = 1,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]
        reviewer = self.fields["reviewer"]
        reviewer.queryset = reviewers  # type: ignore[attr-defined]
        reviewer.base_depth = base_depth  # type: ignore[attr-defined]
        bootstrap_style(self)
        # Checkboxes are styled one by one by the template, not as a select.
        self.fields["unit_kinds"].widget.attrs.pop("class", None)


class HolidayForm(forms.Form):
    day = date_field(_("Ngày nghỉ"))
    name = forms.CharField(
        label=_("Tên ngày nghỉ"),
        max_length=120,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Tết Nguyên đán")}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap_style(self)
