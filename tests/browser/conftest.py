from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

DEMO_PASSWORD = "Demo-trinh-duyet-2026"


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch, transactional_db: Any) -> str:
    """The demo data, with a known password; returns the password."""
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", DEMO_PASSWORD)
    call_command("load_demo", verbosity=0)
    return DEMO_PASSWORD


def login(page: Any, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
