"""The forms of the summary report's pages: draft one (unit, plan, period), edit it (the
trích yếu, each section's text, a stated figure and its note), and the version-only and
commented steps (trình ký, return, approve, issue)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trienkhai.core.forms import PeriodField, UnitChoiceField, version_field
from trienkhai.core.numbers import format_number
from trienkhai.documents.figures import FigureValue, parse_value
from trienkhai.documents.summary import SECTIONS
from trienkhai.reporting.forms import StyledForm
from trienkhai.reporting.models import SummaryReport
from trienkhai.reporting.summary_services import sections_from_json
from trienkhai.reporting.summary_text import blocks_to_text

PERIOD_LIST = "ky-tong-hop"  # the id of the <datalist> of suggested periods
HEADINGS = {s.key: s.heading for s in SECTIONS}


class _Styled(StyledForm):
    auto_id_prefix = "tong-hop"


class _Text(forms.CharField):
    """Text typed in a box: the browser's line ends read as the stored ones, so an untouched
    section is not taken for an edited one."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).replace("\r\n", "\n")


class _PlanChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label} ({obj.org_unit.name})"


class CreateForm(_Styled):
    auto_id_prefix = "lap"

    unit = UnitChoiceField(queryset=None, label=gettext_lazy("Đơn vị báo cáo"))
    plan = _PlanChoice(queryset=None, label=gettext_lazy("Báo cáo kết quả thực hiện kế hoạch"))
    period = PeriodField(
        label=gettext_lazy("Kỳ báo cáo"),
        help_text=gettext_lazy(
            "Chọn trong danh sách hoặc gõ, ví dụ: Quý II/2026, 6 tháng đầu năm 2026."
        ),
    )

    def __init__(
        self, *args: Any, units: Any, plans: Any, base_depth: int = 1, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # The widest unit flush left, the units below it indented under it.
        unit = self.fields["unit"]
        assert isinstance(unit, UnitChoiceField)
        unit.base_depth = base_depth
        for name, choices in (("unit", units), ("plan", plans)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = choices
        self.fields["period"].widget.attrs.update({"list": PERIOD_LIST, "autocomplete": "off"})


def _shown(raw: Any, integer: bool) -> str:
    """A stored figure as it is typed back: "11.247", "15,5", "" for none."""
    value = figure_value(raw, integer)
    return "" if value is None else format_number(value)


def figure_value(raw: Any, integer: bool) -> FigureValue:
    try:
        return parse_value(raw, integer=integer)
    except ValueError:
        return None


class EditForm(_Styled):
    """The office's edits: the trích yếu, one box per section, each stated figure and its
    note. Only what differs from the summary as it is now is handed to the service."""

    auto_id_prefix = "sua"

    title = _Text(
        label=gettext_lazy("Trích yếu"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = version_field()

    def __init__(self, *args: Any, summary: SummaryReport, **kwargs: Any) -> None:
        initial: dict[str, Any] = {"title": summary.title, "version": summary.version}
        self.section_keys = [s["key"] for s in summary.sections]
        self.figure_keys = [row["key"] for row in summary.figures]
        for section in sections_from_json(summary.sections):
            initial[f"text_{section.key}"] = blocks_to_text(section.blocks)
        for row in summary.figures:
            initial[f"value_{row['key']}"] = _shown(row.get("value"), row.get("integer", True))
            initial[f"note_{row['key']}"] = row.get("note", "")
        super().__init__(*args, initial=initial, **kwargs)
        for section in summary.sections:
            text = initial[f"text_{section['key']}"]
            # About as many rows as the text takes at the width of a desk screen.
            lines = sum(len(line) // 100 + 1 for line in text.split("\n")) if text else 1
            rows = min(lines + 1, 18)
            self.fields[f"text_{section['key']}"] = _Text(
                label=section["heading"],
                required=False,
                max_length=50000,
                widget=forms.Textarea(attrs={"rows": rows, "class": "form-control sum-text"}),
            )
        for row in summary.figures:
            self.fields[f"value_{row['key']}"] = forms.CharField(
                label=row["label"],
                required=False,
                max_length=30,
                widget=forms.TextInput(
                    attrs={
                        "class": "form-control form-control-sm sum-value",
                        "inputmode": "decimal",
                    }
                ),
            )
            self.fields[f"note_{row['key']}"] = forms.CharField(
                label=_("Ghi chú: %(label)s") % {"label": row["label"]},
                required=False,
                max_length=500,
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )

    def edits(self) -> dict[str, Any]:
        """The changed parts, as `summary_save` takes them (empty: nothing to save)."""
        changed = set(self.changed_data)
        data = self.cleaned_data

        def picked(prefix: str, keys: list[str]) -> dict[str, str] | None:
            found = {k: data[f"{prefix}{k}"] for k in keys if f"{prefix}{k}" in changed}
            return found or None

        edits = {
            "title": data["title"] if "title" in changed else None,
            "texts": picked("text_", self.section_keys),
            "values": picked("value_", self.figure_keys),
            "notes": picked("note_", self.figure_keys),
        }
        return {k: v for k, v in edits.items() if v is not None}


class VersionForm(_Styled):
    """A step that only needs the version read: refresh, issue."""

    version = version_field()


class ReturnForm(_Styled):
    auto_id_prefix = "tra-lai"

    # The browser asks for it; an empty one still reaches the service, which says why.
    comment = forms.CharField(
        label=gettext_lazy("Ý kiến của lãnh đạo (Văn phòng sửa theo)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "required": True}),
    )
    version = version_field()


class ApproveForm(_Styled):
    auto_id_prefix = "duyet"

    comment = forms.CharField(
        label=gettext_lazy("Ý kiến (nếu có)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = version_field()


# --- the list and the form that drafts one ---------------------------------------------------
