"""Files of a refused form are kept for their owner only, and not for ever."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict

from trienkhai.core import held_files
from trienkhai.core.held_files import HELD_FIELD, HoldsFilesMixin, claim, hold, release


class _Form(HoldsFilesMixin, forms.Form):
    held_fields = ("file",)
    title = forms.CharField()
    file = forms.FileField()


def _upload(name: str = "bien-ban.pdf", data: bytes = b"%PDF-1.4 x") -> MultiValueDict[str, Any]:
    return MultiValueDict({"file": [SimpleUploadedFile(name, data)]})


def test_kept_files_are_their_owners_only(settings: Any) -> None:
    token = hold(7, {"file": [("a.pdf", b"one"), ("b.jpg", b"two")]})
    assert claim(token, 7) == {"file": [("a.pdf", b"one"), ("b.jpg", b"two")]}
    assert claim(token, 8) == {}
    # A token is a name in one folder, never a path.
    assert claim("../" + token, 7) == {}
    release(token)
    assert claim(token, 7) == {}


def test_a_refused_form_keeps_its_file_and_the_next_one_uses_it() -> None:
    refused = _Form({"title": ""}, _upload(), owner=3)
    assert not refused.is_valid()
    refused.keep_files()
    token = refused.data[HELD_FIELD]
    assert "bien-ban.pdf" in str(refused.fields["file"].help_text)
    # The required file is not asked again: the kept one fills the field.
    again = _Form({"title": "Họp chi bộ", HELD_FIELD: token}, MultiValueDict(), owner=3)
    assert again.is_valid(), again.errors
    assert again.cleaned_data["file"].name == "bien-ban.pdf"
    assert again.cleaned_data["file"].read() == b"%PDF-1.4 x"
    # A new file chosen replaces the kept one.
    chosen = _Form({"title": "x", HELD_FIELD: token}, _upload("moi.pdf"), owner=3)
    assert chosen.is_valid() and chosen.cleaned_data["file"].name == "moi.pdf"
    # Someone else's form with the token gets nothing: the file is required again.
    stranger = _Form({"title": "x", HELD_FIELD: token}, MultiValueDict(), owner=4)
    assert not stranger.is_valid() and "file" in stranger.errors


def test_kept_files_go_after_a_day(settings: Any) -> None:
    old = hold(1, {"file": [("a.pdf", b"x")]})
    folder = Path(settings.HELD_FILES_DIR) / old
    past = time.time() - held_files.MAX_AGE_SECONDS - 60
    os.utime(folder, (past, past))
    hold(1, {"file": [("b.pdf", b"y")]})  # keeping new files clears the old ones
    assert not folder.exists()
