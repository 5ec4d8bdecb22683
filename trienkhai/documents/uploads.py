"""Attach one posted file to a row, the same way on every page that offers it.

The page redirects whatever happens, so a refused file (`DomainError` from the service) and
a missing one become messages on the next page, not form errors.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from trienkhai.core.errors import DomainError
from trienkhai.core.files import read_upload


def attach_posted_file(
    request: HttpRequest,
    form_class: type[forms.Form],
    attach: Callable[[bytes, str], object],
    *,
    success: str,
    missing: str,
) -> None:
    """Hand the form's ``file`` to ``attach(data, name)`` and say how it went."""
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
