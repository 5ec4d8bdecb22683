"""Page weight of each dashboard on a cold cache, measured in Chromium (issue 23: ≤ 150 KB).

The server gets its own database beside the bench's (`<name>_weight`) holding the demo
only: the city bench fills the bench database with 114 communes, and the limit is set
for the demo.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import weight

NEEDS_DB = False  # nothing in this process: the server and its commands are subprocesses


def _database_url() -> str | None:
    from bench.__main__ import DEFAULT_URL, _ensure_database

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        return None  # the server's own SQLite file in its data folder
    url += "_weight"
    _ensure_database(url)
    return url


def run() -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    password = "Bench-" + secrets.token_urlsafe(12)
    with tempfile.TemporaryDirectory(prefix="trienkhai-weight-") as data:
        env = weight.server_env(Path(data), password=password, database_url=_database_url())
        print("page weight: migrate, load_demo, collectstatic…", file=sys.stderr)
        weight.prepare(env)
        with weight.serve(env) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=weight.CHROMIUM, args=weight.CHROMIUM_ARGS
            )
            try:
                weights = weight.measure_all(browser, base, password)
            finally:
                browser.close()
    for measured in weights:
        kinds: dict[str, int] = {}
        for transfer in measured.transfers:
            kinds[transfer.kind] = kinds.get(transfer.kind, 0) + transfer.size
        parts = ", ".join(f"{kind} {size / 1024:.1f}" for kind, size in sorted(kinds.items()))
        print(f"{measured.page} {measured.path}: {measured.kb} KB ({parts})", file=sys.stderr)
    return [measured.figure() for measured in weights]
