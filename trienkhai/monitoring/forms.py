from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trienkhai.core.forms import VietnameseNumberField
from trienkhai.core.plausibility import ConfirmNoteMixin
from trienkhai.monitoring.bands import Band, points_unit
from trienkhai.monitoring.models import Observation
from trienkhai.monitoring.selectors import GridRow
from trienkhai.monitoring.services import ValueInput


class ObservationForm(ConfirmNoteMixin, forms.Form):
    period = forms.CharField(
        label=_("Kỳ"),
        max_length=16,
        help_text=_("Năm (2026) hoặc kỳ ngắn hơn: 2026-H1 (6 tháng), 2026-9M, 2026-Q3, 2026-06."),
    )
    value = VietnameseNumberField(label=_("Giá trị"), help_text=_("Viết kiểu Việt Nam: 1.234,5"))
    provisional = forms.BooleanField(
        label=_("Số tạm tính (ước tính, chưa chính thức)"), required=False
    )
    source = forms.CharField(
        label=_("Nguồn số liệu"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Cục Thống kê thành phố")}),
    )

    def __init__(self, *args: Any, periods: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].widget.attrs.update({"list": "ky-goi-y", "autocomplete": "off"})
        self.periods = list(periods)

    @property
    def status(self) -> str:
        if self.cleaned_data.get("provisional"):
            return Observation.Status.PROVISIONAL
        return Observation.Status.OFFICIAL


class GridForm(ConfirmNoteMixin, forms.Form):
    """One value, one "tạm tính" box and one source per target of the unit's year; one note
    confirms the doubtful values of a save."""

    def __init__(self, *args: Any, rows: Sequence[GridRow], year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        self.year = year
        for row in self.rows:
            pk = row.target.pk
            current = row.current
            # f"v{pk}" is services.grid_field: a refused or doubtful value shows under it.
            self.fields[f"v{pk}"] = VietnameseNumberField(
                label=row.target.label,
                required=False,
                initial=current.value if current else None,
            )
            self.fields[f"v{pk}"].widget.attrs.update(
                {"class": "form-control form-control-sm num", "aria-label": row.target.label}
            )
            self.fields[f"p{pk}"] = forms.BooleanField(
                label=_("Tạm tính"),
                required=False,
                initial=bool(current and current.status == Observation.Status.PROVISIONAL),
            )
            self.fields[f"p{pk}"].widget.attrs.update({"class": "form-check-input"})
            self.fields[f"s{pk}"] = forms.CharField(
                label=_("Nguồn"),
                required=False,
                max_length=500,
                initial=current.source if current else "",
            )
            self.fields[f"s{pk}"].widget.attrs.update({"class": "form-control form-control-sm"})

    def bound_rows(self) -> list[tuple[GridRow, Any, Any, Any]]:
        return [
            (r, self[f"v{r.target.pk}"], self[f"p{r.target.pk}"], self[f"s{r.target.pk}"])
            for r in self.rows
        ]

    def items(self) -> list[ValueInput]:
        """Rows with a value; an empty value leaves what is stored as it is."""
        items = []
        for row in self.rows:
            pk = row.target.pk
            value: Decimal | None = self.cleaned_data.get(f"v{pk}")
            if value is None:
                continue
            status = (
                Observation.Status.PROVISIONAL
                if self.cleaned_data.get(f"p{pk}")
                else Observation.Status.OFFICIAL
            )
            items.append(
                ValueInput(row.target, str(self.year), value, status, self.cleaned_data[f"s{pk}"])
            )
        return items


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel đã điền (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


class TargetBandForm(forms.Form):
    """A target's own plausible band; an empty bound means none that side."""

    low = VietnameseNumberField(label=_("Giá trị thấp nhất thường gặp"), required=False)
    high = VietnameseNumberField(label=_("Giá trị cao nhất thường gặp"), required=False)
    max_jump = VietnameseNumberField(label=_("Mức chênh tối đa so với kỳ trước"), required=False)
    reason = forms.CharField(
        label=_("Lý do đặt khoảng riêng"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: năm đầu có nhà máy mới")}),
    )

    def __init__(self, *args: Any, band: Band, kind: str, measure_unit: str, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"low": band.low, "high": band.high, "max_jump": band.jump})
        super().__init__(*args, **kwargs)
        self.fields["max_jump"].help_text = (
            _("Tính bằng %(unit)s (chênh lệch tuyệt đối).")
            % {"unit": points_unit(kind, measure_unit) or _("đơn vị của chỉ tiêu")}
            if band.jump_in_points
            else _("Tính bằng % so với giá trị kỳ trước.")
        )
