"""Page weight: the bytes a cold browser transfers to show each dashboard.

Measured against a production-like server (DEBUG off, collected static files with the
manifest storage, whitenoise, gunicorn) with the demo loaded, in Chromium: one fresh
browser context per page, so nothing is cached. Shared by `bench/bench_page_weight.py`
and `tests/browser/test_page_weight.py`, so the bench prints what the test asserts.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.request import HTTPCookieProcessor, Request, build_opener

ROOT = Path(__file__).resolve().parent.parent
LIMIT_KB = 150  # issue 23: each dashboard, cold cache, compressed
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
# Folders no page links to: collecting and compressing their ~5,000 files would take
# minutes and change no byte a page transfers.
COLLECT_IGNORE = ("bootstrap-icons", "admin", "scss")


@dataclass(frozen=True)
class Dashboard:
    name: str
    username: str | None  # None: an anonymous visitor
    path: str
    # Measured instead while `path` answers 404 (a dashboard not built yet).
    until_built: str = ""


DASHBOARDS: tuple[Dashboard, ...] = (
    Dashboard("leader", "bithu", "/tong-quan/", until_built="/"),
    Dashboard("city", "thanhuy", "/tong-quan/", until_built="/"),
    Dashboard("office", "vanphong", "/viec-hom-nay/", until_built="/"),
    Dashboard("unit", "chibo01", "/"),
    Dashboard("public", None, "/cong-khai/tan-ky/"),
)


@dataclass(frozen=True)
class Transfer:
    url: str
    kind: str  # Playwright's resource type: document, stylesheet, font, image, script…
    status: int
    size: int  # response headers + encoded body
    headers: dict[str, str]


@dataclass
class Weight:
    page: str
    path: str
    status: int
    transfers: list[Transfer] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    blank_icons: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(t.size for t in self.transfers)

    @property
    def html(self) -> int:
        return sum(t.size for t in self.transfers if t.kind == "document")

    @property
    def kb(self) -> float:
        return round(self.total / 1024, 1)

    def figure(self) -> dict[str, Any]:
        return {
            "name": "page_weight_kb",
            "value": self.kb,
            "unit": "KB",
            "page": self.page,
            "path": self.path,
            "html_kb": round(self.html / 1024, 1),
            "requests": len(self.transfers),
        }


def server_env(data_dir: Path, *, password: str, database_url: str | None) -> dict[str, str]:
    """The environment of a production install: DEBUG off, its own data folder."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG"} and not k.startswith("PYTEST_")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        TRIENKHAI_TESTING="0",
        TRIENKHAI_DATA_DIR=str(data_dir),
        TRIENKHAI_DEMO_PASSWORD=password,
        SECRET_KEY=secrets.token_urlsafe(50),
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)}: {done.stderr[-2000:]}")


def prepare(env: dict[str, str]) -> None:
    """Migrate, load the demo, collect the static files as `make run` does."""
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "load_demo", "-v0")
    ignore = [arg for pattern in COLLECT_IGNORE for arg in ("-i", pattern)]
    _manage(env, "collectstatic", "--noinput", "-v0", *ignore)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(env: dict[str, str]) -> Iterator[str]:
    """gunicorn on a free local port; yields its base URL."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "2", "--threads", "4", "--log-level", "warning"]
    # Its log goes to stderr (the bench keeps stdout for its figures); no pipe to fill up.
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)  # noqa: S603 - fixed command
    try:
        for _ in range(120):
            try:
                build_opener().open(base + "/healthz", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError("gunicorn stopped; its log is above") from None
                time.sleep(0.5)
        else:
            raise RuntimeError(f"{base}/healthz did not answer")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def login_cookies(base: str, username: str, password: str) -> list[dict[str, Any]]:
    """Logs in over plain HTTP, so the browser context loads nothing before the page."""
    jar = CookieJar()
    opener = build_opener(HTTPCookieProcessor(jar))
    login = base + "/tai-khoan/dang-nhap/"
    page = opener.open(login).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        raise RuntimeError("the login page has no CSRF token")
    form = {"csrfmiddlewaretoken": token[1], "username": username, "password": password}
    data = urllib.parse.urlencode(form).encode()
    opener.open(Request(login, data, {"Referer": login}))  # noqa: S310 - our own 127.0.0.1 server
    cookies = [{"name": c.name, "value": c.value or "", "url": base} for c in jar]
    if not any(c.name == "sessionid" for c in jar):
        raise RuntimeError(f"{username} could not log in")
    return cookies


# Icons whose ::before has no content: a name the subset left out shows a blank.
_BLANK_ICONS = """() => [...document.querySelectorAll('.bi')]
  .filter(el => ['none', 'normal', '""'].includes(getComputedStyle(el, '::before').content))
  .map(el => el.className)"""


def measure(browser: Any, base: str, dashboard: Dashboard, password: str) -> Weight:
    weight = _measure_path(browser, base, dashboard, dashboard.path, password)
    if weight.status == 404 and dashboard.until_built:
        weight = _measure_path(browser, base, dashboard, dashboard.until_built, password)
    return weight


def _measure_path(
    browser: Any, base: str, dashboard: Dashboard, path: str, password: str
) -> Weight:
    # A fresh context has an empty cache: the page is loaded cold.
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    try:
        if dashboard.username:
            context.add_cookies(login_cookies(base, dashboard.username, password))
        return _load(context, base, dashboard.name, path)
    finally:
        context.close()


def _load(context: Any, base: str, name: str, path: str) -> Weight:
    page = context.new_page()
    finished: list[Any] = []
    failed: list[str] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("requestfailed", lambda request: failed.append(request.url))
    response = page.goto(base + path, wait_until="networkidle")
    weight = Weight(page=name, path=path, status=response.status if response else 0)
    for request in finished:
        sizes = request.sizes()
        reply = request.response()
        weight.transfers.append(
            Transfer(
                url=request.url,
                kind=request.resource_type,
                status=reply.status if reply else 0,
                size=sizes["responseHeadersSize"] + sizes["responseBodySize"],
                headers=reply.headers if reply else {},
            )
        )
    weight.failed = failed
    weight.blank_icons = page.evaluate(_BLANK_ICONS)
    return weight


def measure_all(
    browser: Any, base: str, password: str, dashboards: Sequence[Dashboard] = DASHBOARDS
) -> list[Weight]:
    return [measure(browser, base, dashboard, password) for dashboard in dashboards]
