from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

DEMO_PASSWORD = "Demo-trinh-duyet-2026"

# Screenshots for a person to look at (git-ignored with var/).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
SIZES: dict[str, dict[str, Any]] = {
    "desk": {"viewport": {"width": 1366, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}
# What sticks out of the window (the page's width, elements wider than it outside a
# scrolling table or a visually hidden one) and the images that failed to load.
LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .filter(el => !el.closest('.table-responsive, .visually-hidden'))
    .map(el => el.tagName + '.' + el.className);
  const broken = [...document.images]
    .filter(i => i.complete && i.naturalWidth === 0).map(i => i.src);
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5), broken};
}"""


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
