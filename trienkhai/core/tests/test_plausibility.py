"""The soft rules' mechanism: a doubt stops a save until a note confirms it."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.test import RequestFactory

from trienkhai.core.errors import DomainError
from trienkhai.core.plausibility import ConfirmNoteMixin, Doubt, NeedsConfirmation, confirm
from trienkhai.core.submit import Submitted, submit


class CountForm(ConfirmNoteMixin, forms.Form):
    count = forms.IntegerField()


def _save(data: dict[str, Any]) -> int:
    if data["count"] < 0:
        raise DomainError("Số người không được âm.", field="count")
    confirm(
        [Doubt("Số người lớn bất thường.", field="count")] if data["count"] > 100 else [],
        data["confirm_note"],
    )
    return int(data["count"])


def _post(data: dict[str, str]) -> tuple[CountForm, Submitted[int] | None]:
    request = RequestFactory().post("/", data)
    form = CountForm(request.POST)
    return form, submit(request, form, _save)


def test_no_doubt_needs_no_note() -> None:
    assert confirm([None], "") == ""
    _, done = _post({"count": "5"})
    assert done is not None and done.result == 5


def test_a_doubt_without_a_note_asks_for_one_and_keeps_the_value() -> None:
    form, done = _post({"count": "500"})
    assert done is None
    assert form.asks_confirmation
    assert "Số người lớn bất thường." in form.errors["count"]
    assert "confirm_note" in form.errors
    assert not isinstance(form.fields["confirm_note"].widget, forms.HiddenInput)
    assert form["count"].value() == "500"


def test_a_note_confirms_the_doubt() -> None:
    _, done = _post({"count": "500", "confirm_note": "Gộp hai thôn sau sáp nhập"})
    assert done is not None and done.result == 500
    with pytest.raises(NeedsConfirmation):
        confirm([Doubt("x")], "   ")


def test_a_hard_error_goes_under_its_field() -> None:
    form, done = _post({"count": "-1"})
    assert done is None
    assert form.errors["count"] == ["Số người không được âm."]
    assert not form.asks_confirmation
