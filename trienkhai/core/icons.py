"""Bootstrap Icons cut down to the icons the project uses.

The package ships one font of ~2,000 glyphs (130 KB) and a CSS rule for each: more than
half of a cold page. `IconFinder` serves `icons/bi.css` and `icons/bi.woff2` instead,
built from the package by scanning the project's templates and code for icon names, so
`runserver`, `live_server` and `collectstatic` all see the same two small files.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import js_lib_bootstrap_icons
from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage
from django.core.files.storage import FileSystemStorage

CSS_PATH = "icons/bi.css"
FONT_PATH = "icons/bi.woff2"
# Bump when the generated files change shape, so caches of the old shape are not reused.
GENERATOR = "1"

PACKAGE_DIR = Path(js_lib_bootstrap_icons.__file__).parent / "static/bootstrap-icons/font"
PROJECT_DIR = Path(__file__).resolve().parent.parent

_TOKEN = re.compile(r"\bbi-([a-z0-9]+(?:-[a-z0-9]+)*)")
# `bi-bell{% if unread %}-fill{% endif %}`: a name completed by a template condition.
_SUFFIXED = re.compile(r"\bbi-([a-z0-9-]+)\{%[^%]*%\}(-[a-z0-9-]+)\{%")
# Tags taking a bare name: `{% menu_item "accounts:user_list" "person-gear" … %}`.
_TAG = re.compile(r"\{%.*?%\}", re.DOTALL)
_QUOTED = re.compile(r"""["']([a-z0-9-]+)["']""")


def _codepoints() -> dict[str, int]:
    return json.loads((PACKAGE_DIR / "bootstrap-icons.json").read_text(encoding="utf-8"))


def _template_names(text: str) -> set[str]:
    names = set(_TOKEN.findall(text))
    names.update(stem + suffix for stem, suffix in _SUFFIXED.findall(text))
    for tag in _TAG.findall(text):
        names.update(_QUOTED.findall(tag))
    return names


def _python_names(text: str) -> set[str]:
    # The menu names its icons bare ("house"): every short quoted string counts. The few
    # that are icon names by chance ("key", "file") cost a glyph each; a miss, a blank.
    return set(_TOKEN.findall(text)) | set(_QUOTED.findall(text))


def scan_icons(root: Path = PROJECT_DIR) -> frozenset[str]:
    """Icon names (without `bi-`) the code under `root` can show; tests excluded."""
    known = _codepoints()
    found: set[str] = set()
    for path in root.rglob("*"):
        if "tests" in path.parts or "migrations" in path.parts or not path.is_file():
            continue
        if path.suffix == ".py":
            found |= _python_names(path.read_text(encoding="utf-8"))
        elif path.suffix in {".html", ".txt", ".js", ".css"}:
            found |= _template_names(path.read_text(encoding="utf-8"))
    return frozenset(found & known.keys())


def _base_css() -> str:
    """The package's licence banner and its `.bi::before` rule, as the package has them."""
    source = (PACKAGE_DIR / "bootstrap-icons.css").read_text(encoding="utf-8")
    banner = re.search(r"/\*!.*?\*/", source, re.DOTALL)
    base = re.search(r"\.bi::before,.*?\}", source, re.DOTALL)
    if banner is None or base is None:
        raise RuntimeError("bootstrap-icons.css has changed shape: cannot find .bi::before")
    return f"{banner.group(0)}\n{base.group(0)}\n"


def subset_css(names: frozenset[str]) -> str:
    points = _codepoints()
    rules = "".join(
        f'.bi-{name}::before{{content:"\\{points[name]:x}"}}\n' for name in sorted(names)
    )
    face = (
        '@font-face{font-display:block;font-family:"bootstrap-icons";'
        'src:url("bi.woff2") format("woff2")}\n'
    )
    return face + _base_css() + rules


def subset_font(names: frozenset[str]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # The subsetter reports every step at INFO, and warns of the package font's two
    # spare bytes in its `post` table, harmless: the root logger would print them all.
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    points = _codepoints()
    font = TTFont(PACKAGE_DIR / "fonts/bootstrap-icons.woff2")
    options = subset.Options()
    options.flavor = "woff2"
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[points[name] for name in names])
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _write(path: Path, data: bytes) -> None:
    # Another process may build the same files: each write lands whole or not at all.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def _cache_root() -> Path:
    root = Path(settings.DATA_DIR) / "icons"
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError:
        root = Path(tempfile.gettempdir()) / "trienkhai-icons"
    return root


@functools.cache
def build() -> Path:
    """The folder holding `icons/bi.css` and `icons/bi.woff2`, built once per icon set."""
    names = scan_icons()
    version = metadata.version("django-js-lib-bootstrap-icons")
    key = hashlib.sha256(f"{GENERATOR}|{version}|{','.join(sorted(names))}".encode()).hexdigest()
    folder = _cache_root() / key[:16]
    css, font = folder / CSS_PATH, folder / FONT_PATH
    if not (css.exists() and font.exists()):
        css.parent.mkdir(parents=True, exist_ok=True)
        _write(font, subset_font(names))
        _write(css, subset_css(names).encode())
    return folder


class IconFinder(BaseFinder):
    """Finds the two subset files; builds them on first use, not at import."""

    paths = (CSS_PATH, FONT_PATH)

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        if path not in self.paths:
            return [] if find_all or kwargs.get("all") else None
        found = str(build() / path)
        return [found] if find_all or kwargs.get("all") else found

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        storage = FileSystemStorage(location=build())
        for path in self.paths:
            yield path, storage
