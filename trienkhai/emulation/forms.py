"""The forms of the emulation pages; each step carries the version it was read at."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from trienkhai.core.forms import UnitChoiceField, bootstrap_style, version_field
from trienkhai.emulation.models import Band, Commendation, ScoreRound
from trienkhai.emulation.rules import CRITERIA
from trienkhai.orgs.models import OrgUnit

# The criteria as the office reads them.
CRITERION_LABELS = {
    "coverage": _("Học tập, quán triệt đạt tỉ lệ"),
    "reports_done": _("Báo cáo đầy đủ (được duyệt)"),
    "reports_on_time": _("Báo cáo đúng hạn"),
    "tasks": _("Nhiệm vụ hoàn thành đúng hạn"),
    "media": _("Tuyên truyền đạt quy định"),
    "actions": _("Khắc phục sau kiểm tra"),
}
# The same, short enough for a table's column heads.
CRITERION_SHORT = {
    "coverage": _("Quán triệt"),
    "reports_done": _("Báo cáo đủ"),
    "reports_on_time": _("Báo cáo đúng hạn"),
    "tasks": _("Nhiệm vụ đúng hạn"),
    "media": _("Tuyên truyền"),
    "actions": _("Khắc phục"),
}
assert tuple(CRITERION_LABELS) == CRITERIA == tuple(CRITERION_SHORT)


class _Styled(forms.Form):
    prefix_id = "td"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.prefix_id}-%s")
        super().__init__(*args, **kwargs)
        bootstrap_style(self)


def _points(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, min_value=Decimal(0), max_value=Decimal(20), decimal_places=2, max_digits=4
    )


class SettingsForm(_Styled):
    """The weights (summing to 100), the bonus and penalty points, the cap on xuất sắc."""

    bonus_per_practice = _points(_("Điểm cộng mỗi mô hình hay được công nhận"))
    bonus_max = _points(_("Điểm cộng tối đa"))
    penalty_per_violation = _points(_("Điểm trừ mỗi vi phạm qua kiểm tra"))
    cap_percent = forms.IntegerField(
        label=_("Xuất sắc tối đa (% số hoàn thành tốt trở lên)"), min_value=0, max_value=100
    )
    version = version_field()

    def __init__(self, *args: Any, round_: ScoreRound, **kwargs: Any) -> None:
        initial = {
            **{f"w_{k}": round_.weights.get(k, 0) for k in CRITERIA},
            "bonus_per_practice": round_.bonus_per_practice,
            "bonus_max": round_.bonus_max,
            "penalty_per_violation": round_.penalty_per_violation,
            "cap_percent": round_.cap_percent,
            "version": round_.version,
        }
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for key in CRITERIA:
            self.fields[f"w_{key}"] = forms.IntegerField(
                label=CRITERION_LABELS[key], min_value=0, max_value=100
            )
            self.fields[f"w_{key}"].widget.attrs.update(
                {"class": "form-control", "inputmode": "numeric"}
            )

    def weight_fields(self) -> list[forms.BoundField]:
        return [self[f"w_{k}"] for k in CRITERIA]

    def weights(self) -> dict[str, int]:
        return {k: int(self.cleaned_data[f"w_{k}"]) for k in CRITERIA}


class OverrideForm(_Styled):
    prefix_id = "dc"
    band = forms.ChoiceField(label=_("Mức xếp loại đề xuất"), choices=Band.choices)
    reason = forms.CharField(
        label=_("Lý do điều chỉnh"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = version_field()


class StepForm(_Styled):
    prefix_id = "bc"
    version = version_field()


class YearForm(_Styled):
    prefix_id = "nam"
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)


class CommendationForm(_Styled):
    prefix_id = "kt"
    kind = forms.ChoiceField(
        label=_("Đối tượng"), choices=Commendation.Kind.choices, widget=forms.RadioSelect
    )
    unit = UnitChoiceField(label=_("Tập thể, đơn vị công tác"), queryset=OrgUnit.objects.none())
    person = forms.CharField(
        label=_("Họ và tên, chức vụ (cá nhân)"), max_length=200, required=False
    )
    # Not required here: the service says what is missing, under the field.
    reason = forms.CharField(
        label=_("Thành tích"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    level = forms.ChoiceField(label=_("Hình thức khen thưởng"), choices=Commendation.Level.choices)
    scorecard = forms.IntegerField(required=False, widget=forms.HiddenInput)
    practice = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, UnitChoiceField)
        field.queryset = units
        first = units.first()
        field.base_depth = first.depth if first is not None else 1
