"""One way to run a posted form through a service, the same on every page.

A page builds its form, hands `submit` the service call to make with the cleaned data and
the message to show, and redirects when it gets a result back. A refused input
(`DomainError` from the service) becomes the form's own error, under the field it names, so
the page is shown again with everything the user typed still in it; nothing is saved, as
services are atomic. A doubtful figure (`NeedsConfirmation`) asks the form for a note. The
files a refused form had chosen are kept for the next try (`core.held_files`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from trienkhai.core.errors import DomainError
from trienkhai.core.files import read_upload
from trienkhai.core.held_files import HoldsFilesMixin
from trienkhai.core.plausibility import ConfirmNoteMixin, NeedsConfirmation

T = TypeVar("T")


@dataclass(frozen=True)
class Submitted(Generic[T]):
    """A saved submission and what the service returned (None for many updates)."""

    result: T


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    action: Callable[[dict[str, Any]], T],
    *,
    success: str | Callable[[T], str] | None = None,
) -> Submitted[T] | None:
    """Run `action(form.cleaned_data)` for a valid POST; None when there is nothing saved.

    `success` is the message shown on the next page (None: the page says it itself)."""
    if request.method != "POST":
        return None
    if not form.is_valid():
        _keep_files(form)
        return None
    try:
        result = action(form.cleaned_data)
    except NeedsConfirmation as exc:
        if isinstance(form, ConfirmNoteMixin):
            form.ask_confirmation(exc)
        else:
            form.add_error(None, exc.message)
        _keep_files(form)
        return None
    except DomainError as exc:
        # Under the field it is about when the form has it, else at the top of the form.
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        _keep_files(form)
        return None
    if isinstance(form, HoldsFilesMixin):
        form.release_files()
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)
    return Submitted(result)


def _keep_files(form: forms.BaseForm) -> None:
    # The files chosen are kept for the next try: a browser never refills a file input.
    if isinstance(form, HoldsFilesMixin):
        form.keep_files()


def attach_posted_file(
    request: HttpRequest,
    form_class: type[forms.Form],
    attach: Callable[[bytes, str], object],
    *,
    success: str,
    missing: str,
) -> None:
    """Hand the form's ``file`` to ``attach(data, name)`` and say how it went.

    For pages that redirect whatever happens (an "attach a file" button on a detail page): a
    refused or missing file becomes a message on the next page, not a form error."""
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, missing)
        return
    upload = form.cleaned_data["file"]
    try:
        attach(read_upload(upload), upload.name)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
