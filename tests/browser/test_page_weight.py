"""Slow tier: each dashboard weighs at most 150 KB on a cold cache, compressed (issue 23).

The same measurement as `make bench` (`bench/weight.py`): a production-like server (DEBUG
off, manifest static files served by whitenoise, gunicorn) with its own data folder and
the demo, one fresh browser context per page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from bench import weight

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PASSWORD = "Demo-trong-luong-2026"
YEAR = 365 * 24 * 3600
# Already compressed: whitenoise sends them as they are.
PACKED = (".woff2", ".png", ".jpg", ".jpeg", ".webp")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    env = weight.server_env(
        Path(tmp_path_factory.mktemp("weight")), password=PASSWORD, database_url=None
    )
    weight.prepare(env)
    with weight.serve(env) as base:
        yield base


def _max_age(cache_control: str) -> int:
    found = re.search(r"max-age=(\d+)", cache_control)
    return int(found[1]) if found else 0


def test_dashboards_are_light_and_static_files_compressed_and_cached(
    server: str, browser: Any
) -> None:
    weights = weight.measure_all(browser, server, PASSWORD)
    report = "\n".join(
        f"{w.page} {w.path}: {w.kb} KB, HTML {w.html / 1024:.1f} KB" for w in weights
    )

    assert [w.status for w in weights] == [200] * len(weights), report
    assert [w.failed for w in weights] == [[]] * len(weights)
    # Every icon on the pages is in the subset font's CSS.
    assert {w.page: w.blank_icons for w in weights if w.blank_icons} == {}
    signed_in = [w for d, w in zip(weight.DASHBOARDS, weights, strict=True) if d.username]
    assert [w.page for w in signed_in if not any(t.kind == "font" for t in w.transfers)] == []

    static = [t for w in weights for t in w.transfers if "/static/" in t.url]
    assert static
    for transfer in static:
        assert transfer.status == 200, transfer.url
        assert _max_age(transfer.headers.get("cache-control", "")) >= YEAR, transfer
        if not transfer.url.endswith(PACKED):
            assert transfer.headers.get("content-encoding") in ("br", "gzip"), transfer

    heavy = [w.page for w in weights if w.total > weight.LIMIT_KB * 1024]
    assert heavy == [], report
