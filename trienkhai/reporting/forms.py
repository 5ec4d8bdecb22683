"""The forms of a report's page: the unit's content (its figures, built from the report's
rows, and its narrative; saved as a draft or sent), the refresh of the system's figures, an
attachment, and the reviewer's return, accept, reopen and extension. Each step that checks
the version carries the one the editor read, hidden, so a second editor gets a conflict
instead of overwriting."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from trienkhai.core.forms import DATE_ATTRS, bootstrap_style, version_field
from trienkhai.core.numbers import NumberFormatError, format_number, parse_number
from trienkhai.documents.figures import Figure, FigureValue, parse_value
from trienkhai.reporting.content import FigureRow
from trienkhai.reporting.models import NARRATIVE_SECTIONS

SAVE, SUBMIT = "save", "submit"


def _reason(label: Any) -> forms.CharField:
    # The browser asks for it; an empty one still reaches the service, which says why a
    # reason is needed (under this field).
    return forms.CharField(
        label=label,
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
    )


class StyledForm(forms.Form):
    """A reporting form: Bootstrap classes, and ids prefixed since several forms share one
    page (and field names)."""

    auto_id_prefix = "bc"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.auto_id_prefix}-%s")
        super().__init__(*args, **kwargs)
        bootstrap_style(self)


class ContentForm(StyledForm):
    """What the unit writes: its figures (one input and one note per figure, named by the
    figure's key so that what was typed follows its figure even when the list changes),
    kết quả (`narrative`), the other narrative parts; `action` says which button was pressed
    ("Lưu nháp" or "Gửi báo cáo").

    A part missing from the post is left as it is (`cleaned_data["content"]` holds None for
    it), so a post that carries only the narrative does not wipe the figures."""

    auto_id_prefix = "noi-dung"

    narrative = forms.CharField(
        label=_("Kết quả thực hiện"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Có thể để trống khi đã đính kèm bản báo cáo đã ký."),
    )
    version = version_field()
    action = forms.ChoiceField(
        choices=[(SAVE, _("Lưu nháp")), (SUBMIT, _("Gửi báo cáo"))],
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, rows: Sequence[FigureRow] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for key, label in NARRATIVE_SECTIONS:
            self.fields[key] = forms.CharField(
                label=str(label),
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        for row in self.rows:
            integer = row.figure.integer
            self.fields[value_name(row.key)] = forms.CharField(
                label=row.figure.label,
                required=False,
                max_length=40,
                widget=forms.TextInput(
                    attrs={
                        # A phone's number pad; a decimal figure needs its comma too.
                        "inputmode": "numeric" if integer else "decimal",
                        "autocomplete": "off",
                        "class": "form-control req-fig-value",
                        "aria-describedby": f"{self.auto_id_prefix}-{value_name(row.key)}-he-thong",
                    }
                ),
            )
            self.fields[note_name(row.key)] = forms.CharField(
                label=_("Lý do điều chỉnh, ghi chú"),
                required=False,
                max_length=500,
                widget=forms.TextInput(attrs={"class": "form-control req-fig-note-input"}),
            )
            self.initial.setdefault(value_name(row.key), _typed_text(row.value))
            self.initial.setdefault(note_name(row.key), row.note)
        bootstrap_style(self)

    def clean_action(self) -> str:
        return self.cleaned_data.get("action") or SUBMIT

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        posted = self.data.__contains__
        figures = {
            r.key: _for_service(data.get(value_name(r.key), ""), r.figure.integer)
            for r in self.rows
            if posted(value_name(r.key))
        }
        notes = {
            r.key: data.get(note_name(r.key), "") for r in self.rows if posted(note_name(r.key))
        }
        sections = {k: data.get(k, "") for k, _label in NARRATIVE_SECTIONS if posted(k)}
        data["content"] = {
            "fields": figures or None,
            "notes": notes or None,
            "narrative": data.get("narrative", "") if posted("narrative") else None,
            "sections": sections or None,
        }
        return data

    def section_fields(self) -> list[BoundField]:
        """Hạn chế, nguyên nhân, đề xuất, kiến nghị, in the report's order."""
        return [self[key] for key, _label in NARRATIVE_SECTIONS]

    def add_figure_errors(self, errors: Mapping[str, str]) -> None:
        """Each refused figure's message under its input (at the top for a figure the page
        does not show)."""
        for key, message in errors.items():
            name = value_name(key)
            self.add_error(name if name in self.fields else None, message)

    def figure_sections(self) -> list[FigureSection]:
        """The figures' inputs, grouped as the form shows them."""
        return grouped([self._item(row) for row in self.rows])

    def _item(self, row: FigureRow) -> FigureItem:
        value, note = self[value_name(row.key)], self[note_name(row.key)]
        typed = row.value
        if self.is_bound:
            try:
                typed = parse_value(
                    _for_service(str(value.value() or ""), row.figure.integer),
                    integer=row.figure.integer,
                )
            except ValueError:
                typed = None
        # Asked for when the figure is not the system's or moves more than half from the
        # last period (the checks of reporting.content); kept open once a note is written.
        seen = FigureRow(row.figure, typed, str(note.value() or ""), row.previous)
        ask = bool(seen.note or note.errors or value.errors) or (
            typed is not None and (seen.corrected or seen.swing)
        )
        for bound in (value, note):
            if bound.errors:
                bound.field.widget.attrs["class"] += " is-invalid"
        if ask:
            note.field.widget.attrs["required"] = True
        hint = ""
        if typed is not None and not value.errors:
            if seen.corrected:
                hint = str(_("Số này khác số hệ thống: ghi rõ lý do điều chỉnh."))
            elif seen.swing:
                hint = str(_("Chênh lệch hơn %(share)s so với kỳ trước: ghi chú lý do.")) % {
                    "share": "50%"
                }
        return FigureItem(row=row, value=value, note=note, ask_note=ask, hint=hint)


def value_name(key: str) -> str:
    return f"so_{key}"


def note_name(key: str) -> str:
    return f"ghi_chu_{key}"


def _typed_text(value: FigureValue) -> str:
    return "" if value is None else format_number(value)


def _for_service(text: str, integer: bool) -> Any:
    """A typed figure for the service. Read first the strict Vietnamese way ("1.250" is
    1250 for every figure, the dot being a thousands separator as `format_number` writes
    it); anything else goes as typed, for the service to read or to refuse quoting it."""
    text = text.strip()
    try:
        number = parse_number(text)
    except NumberFormatError:
        return text
    if number == number.to_integral():
        return int(number)
    return text if integer else str(number)


@dataclass(frozen=True)
class FigureItem:
    """One figure on the form: the row and its two inputs."""

    row: FigureRow
    value: BoundField
    note: BoundField
    ask_note: bool
    hint: str = ""  # why the note is asked for, when it is

    @property
    def figure(self) -> Figure:
        return self.row.figure


@dataclass
class FigureGroup:
    name: str
    items: list[Any] = field(default_factory=list)


@dataclass
class FigureSection:
    key: str
    heading: str
    groups: list[FigureGroup] = field(default_factory=list)


# The form's headings of the summary sections figures belong to, in the report's order.
SECTION_HEADINGS: dict[str, Promise] = {
    "study": _("Học tập, quán triệt"),
    "propaganda": _("Tuyên truyền"),
    "programmes": _("Nhiệm vụ"),
    "targets": _("Chỉ tiêu"),
}


def grouped(items: Sequence[Any]) -> list[FigureSection]:
    """Figure rows (or form items: anything with `.figure`) by section, in the report's
    order, then by group in the order the modules gave them."""
    sections: dict[str, FigureSection] = {}
    groups: dict[tuple[str, str], FigureGroup] = {}
    for item in items:
        figure = item.figure
        if figure.section not in sections:
            heading = SECTION_HEADINGS.get(figure.section, _("Số liệu khác"))
            sections[figure.section] = FigureSection(figure.section, str(heading))
        where = (figure.section, figure.group)
        if where not in groups:
            # A group named as its section ("Chỉ tiêu" under "Chỉ tiêu") needs no sub-heading.
            same = figure.group.casefold() == sections[figure.section].heading.casefold()
            groups[where] = FigureGroup("" if same else figure.group)
            sections[figure.section].groups.append(groups[where])
        groups[where].items.append(item)
    order = list(SECTION_HEADINGS)
    return sorted(
        sections.values(), key=lambda s: order.index(s.key) if s.key in order else len(order)
    )


class RefreshForm(StyledForm):
    """ "Cập nhật số liệu từ hệ thống": the version the editor read."""

    auto_id_prefix = "cap-nhat"

    version = version_field()


class AttachForm(StyledForm):
    """The signed report (Word or PDF) or an annex."""

    auto_id_prefix = "tep"

    file = forms.FileField(
        label=_("Chọn tệp"),
        error_messages={"required": _("Chọn tệp để tải lên.")},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png,application/pdf"}
        ),
    )
    signed = forms.BooleanField(
        label=_("Đây là bản báo cáo đã ký (Word hoặc PDF)"),
        required=False,
    )


class ReturnForm(StyledForm):
    auto_id_prefix = "tra-lai"

    reason = _reason(_("Lý do trả lại"))
    version = version_field()


class AcceptForm(StyledForm):
    auto_id_prefix = "duyet"

    version = version_field()


class ReopenForm(StyledForm):
    auto_id_prefix = "mo-lai"

    reason = _reason(_("Lý do mở lại"))
    version = version_field()


class ExtendForm(StyledForm):
    auto_id_prefix = "gia-han"

    until = forms.DateField(
        label=_("Gia hạn đến ngày"),
        input_formats=["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs=dict(DATE_ATTRS)),
        help_text=_("Ví dụ: 25/07/2026"),
        error_messages={
            "required": _("Cần nhập ngày gia hạn."),
            "invalid": _("Ngày không đúng định dạng dd/mm/yyyy, ví dụ 25/07/2026."),
        },
    )
    reason = _reason(_("Lý do gia hạn"))
