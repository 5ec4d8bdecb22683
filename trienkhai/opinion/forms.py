"""The forms of the opinion pages: short on a phone (the unit, the day and what was heard),
with the version the editor read and the blank form's entry token hidden."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trienkhai.core.forms import (
    MultipleFileField,
    UnitChoiceField,
    bootstrap_style,
    date_field,
    entry_token_field,
    version_field,
)
from trienkhai.core.held_files import HoldsFilesMixin
from trienkhai.opinion.models import GoodPractice, OpinionReport, Rebuttal, Sensitivity
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, Solution, Target


class _Styled(forms.Form):
    prefix_id = "dl"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.prefix_id}-%s")
        super().__init__(*args, **kwargs)
        bootstrap_style(self)


class _SolutionField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.ref}. {obj.title}"[:120]


class _TargetField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"({obj.ref}) {obj.label or obj.text}"[:120]


class _PlanTopicForm(_Styled):
    """A record's unit and the plan's solution group or target it is about; the plan is the
    one they belong to."""

    unit = UnitChoiceField(label=_("Đơn vị"), queryset=OrgUnit.objects.none())

    def __init__(
        self, *args: Any, units: QuerySet[OrgUnit], plans: QuerySet[Plan], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.queryset = units
        first = units.first()
        unit_field.base_depth = first.depth if first is not None else 1
        if units.count() == 1:
            unit_field.initial = first
            unit_field.widget = forms.HiddenInput()
        if "solution" in self.fields:
            field = self.fields["solution"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Solution.objects.filter(plan__in=plans).order_by("plan", "order")
        if "target" in self.fields:
            field = self.fields["target"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Target.objects.filter(plan__in=plans).order_by("plan", "order", "pk")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        solution, target = data.get("solution"), data.get("target")
        plans = {x.plan_id for x in (solution, target) if x is not None}
        if len(plans) > 1:
            self.add_error("target", _("Chỉ tiêu và nhóm giải pháp phải của cùng một kế hoạch."))
        linked = solution or target
        data["plan"] = linked.plan if linked is not None else None
        return data


class OpinionForm(_PlanTopicForm):
    noted_on = date_field(_("Ngày ghi nhận"))
    kind = forms.ChoiceField(
        label=_("Loại"), choices=OpinionReport.Kind.choices, widget=forms.RadioSelect
    )
    topic = forms.CharField(
        label=_("Chủ đề"),
        max_length=300,
        help_text=_("Ngắn gọn, ví dụ: giá đền bù giải phóng mặt bằng tuyến đường ĐT 353."),
    )
    content = forms.CharField(
        label=_("Nội dung ý kiến, phản ánh"), widget=forms.Textarea(attrs={"rows": 4})
    )
    source = forms.ChoiceField(label=_("Nguồn"), choices=OpinionReport.Source.choices)
    source_detail = forms.CharField(
        label=_("Nơi, người phản ánh"),
        max_length=300,
        required=False,
        help_text=_("Ví dụ: hội nghị tổ dân phố số 3; không bắt buộc."),
    )
    people = forms.IntegerField(
        label=_("Số người phản ánh"), min_value=1, max_value=100000, required=False
    )
    sensitivity = forms.ChoiceField(
        label=_("Mức độ"),
        choices=Sensitivity.choices,
        initial=Sensitivity.NORMAL,
        widget=forms.RadioSelect,
    )
    solution = _SolutionField(
        label=_("Nhóm giải pháp liên quan"),
        queryset=Solution.objects.none(),
        required=False,
        empty_label=_("— Không gắn —"),
    )
    target = _TargetField(
        label=_("Chỉ tiêu liên quan"),
        queryset=Target.objects.none(),
        required=False,
        empty_label=_("— Không gắn —"),
    )
    version = version_field()
    entry_token = entry_token_field()

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["noted_on"].initial = timezone.localdate()
        self.fields["kind"].initial = OpinionReport.Kind.OPINION
        if not editing:
            self.fields["version"].required = False
        else:
            del self.fields["entry_token"]
            self.fields["unit"].disabled = True


class TakeUpForm(_Styled):
    prefix_id = "xl"
    note = forms.CharField(
        label=_("Hướng xử lý"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Chuyển cơ quan nào xem xét, làm gì, khi nào trả lời."),
    )
    version = version_field()


class AnswerForm(_Styled):
    prefix_id = "tl"
    response = forms.CharField(
        label=_("Nội dung trả lời"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    responder = forms.CharField(
        label=_("Cơ quan, người trả lời"),
        required=False,
        max_length=300,
        help_text=_("Ví dụ: đồng chí Chủ tịch UBND xã tại hội nghị tiếp xúc cử tri."),
    )
    answered_on = date_field(_("Ngày trả lời"))
    version = version_field()


class ReopenForm(_Styled):
    prefix_id = "mo"
    reason = forms.CharField(
        label=_("Lý do mở lại"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = version_field()


class StepForm(_Styled):
    prefix_id = "bc"
    version = version_field()


class RebuttalForm(_PlanTopicForm):
    prefix_id = "pb"
    noted_on = date_field(_("Ngày thực hiện"))
    platform = forms.ChoiceField(label=_("Nền tảng"), choices=Rebuttal.Platform.choices)
    post_link = forms.URLField(
        label=_("Đường dẫn bài viết sai trái"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    post_summary = forms.CharField(
        label=_("Nội dung sai trái, thù địch"), widget=forms.Textarea(attrs={"rows": 3})
    )
    media_item: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Tin, bài phản bác đã đăng"),
        queryset=None,
        required=False,
        help_text=_("Tin, bài đã ghi trong sổ tuyên truyền."),
    )
    rebuttal_link = forms.URLField(
        label=_("Đường dẫn bài, bình luận phản bác"), required=False, assume_scheme="https"
    )
    comments = forms.IntegerField(
        label=_("Số bình luận, chia sẻ phản bác"), min_value=0, max_value=100000, initial=0
    )
    reported = forms.BooleanField(label=_("Đã báo cáo vi phạm với nền tảng"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = version_field()
    entry_token = entry_token_field()

    def __init__(
        self, *args: Any, media_items: QuerySet[Any], editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["media_item"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = media_items
        field.label_from_instance = _item_label  # type: ignore[method-assign,assignment]
        self.fields["noted_on"].initial = timezone.localdate()
        if not editing:
            self.fields["version"].required = False
        else:
            del self.fields["entry_token"]
            self.fields["unit"].disabled = True


def _item_label(item: Any) -> str:
    return f"{item.date:%d/%m/%Y} · {item.title}"[:120]


class PracticeForm(HoldsFilesMixin, _PlanTopicForm):
    prefix_id = "mh"
    held_fields = ("evidence",)
    title = forms.CharField(label=_("Tên mô hình, cách làm"), max_length=300)
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=GoodPractice.Field.choices)
    solution = _SolutionField(
        label=_("Nhóm giải pháp liên quan"),
        queryset=Solution.objects.none(),
        required=False,
        empty_label=_("— Không gắn —"),
    )
    target = _TargetField(
        label=_("Chỉ tiêu liên quan"),
        queryset=Target.objects.none(),
        required=False,
        empty_label=_("— Không gắn —"),
    )
    started_on = date_field(_("Thực hiện từ ngày"), required=False)
    description = forms.CharField(label=_("Cách làm"), widget=forms.Textarea(attrs={"rows": 4}))
    results = forms.CharField(
        label=_("Kết quả (có số liệu)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: 45/52 hộ tham gia; thu gom 1,2 tấn rác thải nhựa mỗi tháng."),
    )
    commendation = forms.BooleanField(label=_("Đề nghị khen thưởng"), required=False)
    commendation_reason = forms.CharField(
        label=_("Lý do đề nghị khen thưởng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = MultipleFileField(
        label=_("Minh chứng"),
        required=False,
        help_text=_("Ảnh, báo cáo, nghị quyết: PDF, Word, Excel, JPG, PNG."),
    )
    version = version_field()
    entry_token = entry_token_field()

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            self.fields["version"].required = False
        else:
            del self.fields["entry_token"]
            self.fields["unit"].disabled = True


class PracticeReviewForm(_Styled):
    prefix_id = "cn"
    decision = forms.ChoiceField(
        label=_("Ý kiến"),
        choices=(("recognised", _("Công nhận")), ("declined", _("Chưa công nhận, cần bổ sung"))),
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Nhận xét"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = version_field()


class PublishForm(_Styled):
    prefix_id = "ck"
    public_title = forms.CharField(label=_("Tên công khai"), max_length=300, required=False)
    public_summary = forms.CharField(
        label=_("Nội dung công khai"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Viết cho người dân đọc: cách làm và kết quả, không ghi mã, số hiệu nội bộ."),
    )
    version = version_field()
