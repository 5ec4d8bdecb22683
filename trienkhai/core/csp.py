"""The Content-Security-Policy of an SVG drawn by matplotlib and served on its own.

Shown through `<img>` an SVG runs nothing; opened directly it needs its inline styles and
gets no script, no fetch and no form at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from csp.constants import NONE, UNSAFE_INLINE
from csp.decorators import csp_replace

F = TypeVar("F", bound=Callable[..., Any])

SVG_POLICY: dict[str, Any] = {
    "default-src": [NONE],
    "script-src": [NONE],
    "style-src": [UNSAFE_INLINE],
    "img-src": None,
    "font-src": None,
    "connect-src": None,
    "form-action": [NONE],
}


def svg_image(view: F) -> F:
    """Serve `view`'s SVG under `SVG_POLICY`."""
    return cast(F, csp_replace(SVG_POLICY)(view))
