"""Project-wide test set-up: hypothesis profiles and the Playwright browser."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=20, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# calls from the same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("TRIENKHAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which(CHROMIUM) is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if chromium_available():
        return
    browser_items = [item for item in items if "browser" in item.keywords]
    if not browser_items:
        return
    if os.environ.get("TRIENKHAI_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            f"Chromium không có ở {CHROMIUM}: CI bắt buộc chạy kiểm thử trình duyệt."
        )
    sys.stderr.write(
        f"\n!!! CHROMIUM NOT FOUND at {CHROMIUM}: skipping {len(browser_items)} browser tests. "
        "Install Debian's chromium (see README) to run them. !!!\n"
    )
    skip = pytest.mark.skip(reason=f"Chromium không có ở {CHROMIUM}")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture(autouse=True)
def _tmp_media(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Uploaded files of a test, and those a refused form keeps, go to throw-away folders."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("files")
    settings.HELD_FILES_DIR = tmp_path_factory.mktemp("held")
    yield
