"""The demo's shared context, handed to each app's `demo.load(ctx)` in turn.

Each app adds its own living data, so no issue rewrites another's demo; the
order they run in is kept at the top layer (`trienkhai.demo.loaders`).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings


@dataclass
class DemoContext:
    password: str
    reset_passwords: bool
    password_hash: str = ""
    units: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)

    @property
    def city(self) -> Any:
        return self.units["hai-phong"]

    @property
    def commune(self) -> Any:
        return self.units["tan-ky"]


def demo_password_file() -> Path:
    return Path(settings.BASE_DIR) / ".demo-password"


def demo_password() -> tuple[str, bool]:
    """The demo password and whether every demo user's password is reset to it.

    `TRIENKHAI_DEMO_PASSWORD` wins and is applied on every run; otherwise one
    password is generated once, kept in `.demo-password` (mode 600) and set on
    users when they are created.
    """
    forced = os.environ.get("TRIENKHAI_DEMO_PASSWORD")
    if forced:
        return forced, True
    path = demo_password_file()
    if path.exists():
        return path.read_text(encoding="utf-8").strip(), False
    password = "tk-" + secrets.token_urlsafe(9)
    path.write_text(password + "\n", encoding="utf-8")
    path.chmod(0o600)
    return password, False
