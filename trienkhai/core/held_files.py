"""Files chosen on a refused form are kept, so the user does not choose them again.

A browser never refills a file input, so a chi bộ secretary whose report was refused for a
wrong date would lose the photos of the meeting she had picked on her phone. A form that
holds files (`HoldsFilesMixin`) writes them, when refused, to a folder of its own under
``HELD_FILES_DIR``, named by a random token that the page carries back in a hidden field and
that only the same user can claim; the next submission uses them unless new files are
chosen. They are removed once the form is saved, and any left behind after a day.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy

HELD_FIELD = "tep_giu"
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
MAX_AGE_SECONDS = 24 * 3600


def _root() -> Path:
    return Path(settings.HELD_FILES_DIR)


def _folder(token: str) -> Path | None:
    return _root() / token if TOKEN_RE.match(token) else None


def _purge_old() -> None:
    root = _root()
    if not root.is_dir():
        return
    limit = time.time() - MAX_AGE_SECONDS
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)


def hold(owner_id: int, files: dict[str, list[tuple[str, bytes]]]) -> str:
    """Keep `files` (field → [(name, content)]) for `owner_id`; returns the token."""
    _purge_old()
    token = secrets.token_urlsafe(24)
    folder = _root() / token
    folder.mkdir(parents=True)
    manifest: dict[str, Any] = {"owner": owner_id, "files": []}
    for field, items in files.items():
        for index, (name, content) in enumerate(items):
            stored = f"{field}-{index}"
            (folder / stored).write_bytes(content)
            manifest["files"].append({"field": field, "name": name, "stored": stored})
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return token


def claim(token: str, owner_id: int) -> dict[str, list[tuple[str, bytes]]]:
    """The files kept under `token`, if they are `owner_id`'s (else none)."""
    folder = _folder(token)
    if folder is None or not (folder / "manifest.json").is_file():
        return {}
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("owner") != owner_id:
        return {}
    found: dict[str, list[tuple[str, bytes]]] = {}
    for entry in manifest["files"]:
        path = folder / entry["stored"]
        if path.is_file():
            found.setdefault(entry["field"], []).append((entry["name"], path.read_bytes()))
    return found


def release(token: str) -> None:
    folder = _folder(token)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _read(upload: Any) -> tuple[str, bytes]:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return str(upload.name), data


class HoldsFilesMixin(forms.Form):
    """A form whose file fields (`held_fields`) survive a refusal. Built with ``owner=`` (the
    signed-in user's id); `core.submit.submit` calls `keep_files` when it refuses the form
    and `release_files` once it is saved."""

    held_fields: ClassVar[tuple[str, ...]]
    _bound_fields_cache: dict[str, Any]  # Django's own, not in the stubs

    def __init__(self, *args: Any, owner: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields[HELD_FIELD] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.held: dict[str, list[tuple[str, bytes]]] = {}
        token = str(self.data.get(HELD_FIELD, "")) if self.is_bound else ""
        # Only the owner's own token is ever used, and so released, by this form.
        self.held = claim(token, owner) if token and owner is not None else {}
        self._token = token if self.held else ""
        self._show_held()

    def _chosen(self, field: str) -> list[Any]:
        if not self.is_bound:
            return []
        return [f for f in self.files.getlist(field) if f]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # The token is the form's own business: views hand cleaned data to services as is.
        cleaned.pop(HELD_FIELD, None)
        # A field left empty this time takes the files kept from the refused submission.
        for field in self.held_fields:
            if self._chosen(field) or field not in self.held:
                continue
            kept = [SimpleUploadedFile(name, data) for name, data in self.held[field]]
            multiple = getattr(self.fields[field].widget, "allow_multiple_selected", False)
            cleaned[field] = kept if multiple else kept[0]
            self.errors.pop(field, None)  # a required file is there: the kept one
        return cleaned

    def keep_files(self) -> None:
        """Hold what this submission chose (or what it kept) for the next one."""
        if self.owner is None:
            return
        files = {}
        for field in self.held_fields:
            chosen = self._chosen(field)
            if chosen:
                files[field] = [_read(f) for f in chosen]
            elif field in self.held:
                files[field] = self.held[field]
        if self._token:
            release(self._token)
            self._token = ""
        if not files:
            return
        token = hold(self.owner, files)
        # The page carries the token back in the hidden field.
        data: Any = self.data.copy()  # type: ignore[attr-defined]
        data[HELD_FIELD] = token
        self.data = data
        self._token, self.held = token, files
        self._show_held()

    def release_files(self) -> None:
        if self._token:
            release(self._token)

    def _show_held(self) -> None:
        for field, items in self.held.items():
            names = ", ".join(name for name, _data in items)
            self.fields[field].help_text = HELD_NOTE % {"names": names}
            # A bound field copies its help text when made (cleaning makes them): remake it.
            self._bound_fields_cache.pop(field, None)


HELD_NOTE = gettext_lazy(
    "Đã giữ tệp đã chọn: %(names)s (không cần chọn lại; chọn tệp khác để thay)."
)
