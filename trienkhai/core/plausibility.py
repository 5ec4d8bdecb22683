"""Figures that can be true but seldom are: the user confirms them with a note.

A hard rule (a negative count, more attendees than members) is a `DomainError`: the figure
is refused. A soft rule (a growth rate far outside its band, a headcount far from the
members the system knows) is a `Doubt`: the service raises `NeedsConfirmation` unless the
user gave a note saying why the figure is right, and then keeps that note with the record.
Pages get this for free through `core.submit` and a form with `ConfirmNoteMixin`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from trienkhai.core.errors import DomainError

CONFIRM_FIELD = "confirm_note"


@dataclass(frozen=True)
class Doubt:
    """A figure that needs a word of confirmation; `field` is the form field it is about."""

    message: str
    field: str | None = None


class NeedsConfirmation(DomainError):
    """Raised by a service when a figure is doubtful and no note confirms it."""

    def __init__(self, doubts: Iterable[Doubt]) -> None:
        self.doubts = list(doubts)
        super().__init__(
            " ".join(d.message for d in self.doubts), code="needs_confirmation", field=None
        )


def confirm(doubts: Iterable[Doubt | None], note: str) -> str:
    """Pass when there is no doubt or the user confirmed it; returns the note to keep.

    A note is kept only when it confirmed something, so an empty one never hides a doubt."""
    found = [d for d in doubts if d is not None]
    if not found:
        return ""
    if not note.strip():
        raise NeedsConfirmation(found)
    return note.strip()


class ConfirmNoteMixin(forms.Form):
    """The note with which a user confirms a doubtful figure; shown only when asked for."""

    confirm_note = forms.CharField(
        label=_("Ghi chú xác nhận số liệu"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Số liệu bất thường: ghi rõ vì sao số liệu này đúng để lưu."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.asks_confirmation = bool(self.data.get(CONFIRM_FIELD)) if self.is_bound else False
        if not self.asks_confirmation:
            self.fields[CONFIRM_FIELD].widget = forms.HiddenInput()

    def ask_confirmation(self, error: NeedsConfirmation) -> None:
        """Show the doubts under their fields and the note field that confirms them."""
        self.asks_confirmation = True
        self.fields[CONFIRM_FIELD].widget = forms.Textarea(attrs={"rows": 2, "autofocus": True})
        for doubt in error.doubts:
            field = doubt.field if doubt.field in self.fields else None
            self.add_error(field, doubt.message)
        if CONFIRM_FIELD in self.fields:
            self.add_error(CONFIRM_FIELD, _("Nhập ghi chú xác nhận rồi bấm Lưu lại."))
