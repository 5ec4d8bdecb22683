from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trienkhai.core.errors import DomainError
from trienkhai.core.forms import DATE_ATTRS, UnitChoiceField, bootstrap_style
from trienkhai.core.held_files import HoldsFilesMixin
from trienkhai.core.periods import PeriodKind, parse_period
from trienkhai.media.models import Banner, Channel, ChannelKind, MediaItem, RuleSetting
from trienkhai.media.weeks import WeekKey, week_of
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import ancestor_paths
from trienkhai.plans.models import Plan, Solution, Target
from trienkhai.plans.selectors import plan_targets


class UnitField(UnitChoiceField):
    """Units indented below the commune level (city → commune → unit is depth 3)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, base_depth=3, **kwargs)


class ChannelField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display().lower()})"


class TargetField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        label = obj.label if len(obj.label) <= 70 else obj.label[:68] + "…"
        return f"({obj.ref}) {label}"


class SolutionField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.ref}. {obj.title[:70]}"


def entry_channels(units: Any) -> Any:
    """Channels any of these units may post on: their own and their ancestors'."""
    paths = {p for u in units for p in (*ancestor_paths(u.path), u.path)}
    return (
        Channel.objects.filter(active=True, org_unit__path__in=paths)
        .select_related("org_unit")
        .order_by("org_unit__path", "kind", "name")
    )


def _check_channel(cleaned: dict[str, Any], form: forms.Form, unit: OrgUnit | None) -> None:
    channel = cleaned.get("channel")
    if unit is not None and channel is not None and not unit.path.startswith(channel.org_unit.path):
        form.add_error(
            "channel",
            _("Đơn vị “%(unit)s” không đăng tin trên kênh này.") % {"unit": unit.name},
        )


class ItemForm(HoldsFilesMixin, forms.Form):
    """The quick entry on a phone: date (today), channel, title; the rest is optional."""

    held_fields = ("file",)

    unit = UnitField(label=_("Đơn vị"), queryset=OrgUnit.objects.none())
    date = forms.DateField(label=_("Ngày đăng, phát"), widget=forms.DateInput(attrs=DATE_ATTRS))
    channel = ChannelField(label=_("Kênh"), queryset=Channel.objects.none())
    kind = forms.ChoiceField(label=_("Thể loại"), choices=MediaItem.Kind.choices)
    title = forms.CharField(label=_("Tiêu đề"), max_length=500)
    link = forms.URLField(
        label=_("Đường dẫn (nếu có)"), required=False, max_length=500, assume_scheme="https"
    )
    file = forms.FileField(label=_("Ảnh chụp hoặc tệp (nếu có)"), required=False)
    targets = TargetField(
        label=_("Chỉ tiêu liên quan"), queryset=Target.objects.none(), required=False
    )
    solutions = SolutionField(
        label=_("Nhóm giải pháp"), queryset=Solution.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        units: Any,
        plan: Plan | None,
        item: MediaItem | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        units = list(units)
        unit_field: Any = self.fields["unit"]
        unit_field.queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
        self.fields["channel"].queryset = entry_channels(units)  # type: ignore[attr-defined]
        if plan is not None:
            self.fields["targets"].queryset = plan_targets(plan=plan)  # type: ignore[attr-defined]
            self.fields["solutions"].queryset = plan.solutions.all()  # type: ignore[attr-defined]
        self.fields["date"].initial = timezone.localdate()
        if units:
            self.fields["unit"].initial = item.org_unit if item else units[0]
        if len(units) == 1 or item is not None:
            self.fields["unit"].widget = forms.HiddenInput()
        self.fields["title"].widget = forms.Textarea(attrs={"rows": 2})
        self.fields["file"].widget.attrs["accept"] = "image/jpeg,image/png,application/pdf"
        for name in ("targets", "solutions"):
            self.fields[name].widget.attrs["size"] = "6"
        bootstrap_style(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_channel(cleaned, self, cleaned.get("unit"))
        day = cleaned.get("date")
        if day and day > timezone.localdate():
            self.add_error("date", _("Ngày đăng, phát không được sau hôm nay."))
        return cleaned


class ItemFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tiêu đề"), required=False)
    kind = forms.ChoiceField(
        label=_("Thể loại"),
        choices=[("", _("Mọi thể loại")), *MediaItem.Kind.choices],
        required=False,
    )
    channel_kind = forms.ChoiceField(
        label=_("Loại kênh"), choices=[("", _("Mọi kênh")), *ChannelKind.choices], required=False
    )
    date_from = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs=DATE_ATTRS)
    )
    date_to = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs=DATE_ATTRS)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap_style(self)


class BannerForm(forms.ModelForm):
    unit = UnitField(label=_("Đơn vị"), queryset=OrgUnit.objects.none())
    photo_file = forms.FileField(label=_("Ảnh (nếu có)"), required=False)

    class Meta:
        model = Banner
        fields = ["kind", "place", "content", "count", "date_from", "date_to"]
        widgets = {
            "date_from": forms.DateInput(attrs=DATE_ATTRS),
            "date_to": forms.DateInput(attrs=DATE_ATTRS),
        }

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = list(units)
        unit_field: Any = self.fields["unit"]
        unit_field.queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
        if self.instance.pk:
            self.fields["unit"].initial = self.instance.org_unit
            self.fields["unit"].widget = forms.HiddenInput()
        elif len(units) == 1:
            self.fields["unit"].initial = units[0]
            self.fields["unit"].widget = forms.HiddenInput()
        else:
            self.fields["date_from"].initial = timezone.localdate()
        self.fields["photo_file"].widget.attrs["accept"] = "image/jpeg,image/png"
        self.fields["count"].widget.attrs["inputmode"] = "numeric"
        self.order_fields(["unit", "kind", "place", "content", "count", "date_from", "date_to"])
        bootstrap_style(self)


class ChannelForm(forms.Form):
    unit = UnitField(label=_("Đơn vị quản lý"), queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(label=_("Loại kênh"), choices=ChannelKind.choices)
    name = forms.CharField(label=_("Tên kênh"), max_length=200)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        bootstrap_style(self)


class RuleSettingForm(forms.Form):
    count_mode = forms.ChoiceField(label=_("Cách đếm"), choices=RuleSetting.CountMode.choices)
    applies_to = forms.ChoiceField(label=_("Áp dụng cho"), choices=RuleSetting.AppliesTo.choices)
    start = forms.DateField(
        label=_("Bắt đầu tính từ thứ Hai"),
        required=False,
        help_text=_("Để trống: tuần đầy đủ đầu tiên sau ngày ban hành kế hoạch."),
        widget=forms.DateInput(attrs=DATE_ATTRS),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap_style(self)


def parse_week(text: str) -> WeekKey:
    """ "2027-W06" or any day of the week ("8/2/2027")."""
    from trienkhai.core.dates import parse_date

    text = (text or "").strip()
    if "w" in text.lower():
        period = parse_period(text)
        if period.kind is not PeriodKind.WEEK or period.index is None:
            raise DomainError(str(_("Cần tuần dạng 2027-W06 hoặc một ngày trong tuần.")))
        return period.year, period.index
    return week_of(parse_date(text))


class ExemptWeekForm(forms.Form):
    week = forms.CharField(
        label=_("Tuần"),
        max_length=20,
        help_text=_("Dạng 2027-W06, hoặc một ngày bất kỳ trong tuần."),
    )
    reason = forms.CharField(label=_("Lý do"), max_length=200, initial=_("Nghỉ Tết Nguyên đán"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap_style(self)

    def clean_week(self) -> WeekKey:
        try:
            return parse_week(self.cleaned_data["week"])
        except DomainError as exc:
            raise forms.ValidationError(str(exc)) from exc


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))
    plan = forms.ModelChoiceField(
        label=_("Kế hoạch (để đọc cột Chỉ tiêu, Nhóm giải pháp)"),
        queryset=Plan.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]
        self.fields["plan"].initial = plans.first()
        self.fields["file"].widget.attrs["accept"] = ".xlsx"
        bootstrap_style(self)
