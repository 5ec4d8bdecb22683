"""Slow tier, faults: on SQLite (the embedded default of `make run`) the background worker
and the web server write at the same moment without "database is locked".

A private data folder with its own SQLite file and the demo; the worker sends queued
reminder jobs (each writes rows) while a chi bộ saves its report draft again and again.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.request import HTTPCookieProcessor, Request, build_opener

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Demo-sqlite-2026"
SAVES = 25
JOBS = 25


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        TRIENKHAI_DATA_DIR=str(data),
        TRIENKHAI_DEMO_PASSWORD=PASSWORD,
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    # The app outside the test run: the database queue, not the immediate backend.
    env["TRIENKHAI_TESTING"] = "0"
    env.pop("PYTEST_VERSION", None)
    env.pop("PYTEST_XDIST_WORKER", None)
    env.pop("PYTEST_CURRENT_TEST", None)
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _wait(url: str) -> None:
    for _ in range(120):
        try:
            build_opener().open(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer")


def test_worker_and_web_server_write_at_once_on_sqlite(tmp_path: Path) -> None:
    env = _env(tmp_path)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "load_demo", "-v0")
    # The report chibo01 will keep saving, and jobs that each write reminder rows.
    pk = _manage(
        env,
        "shell",
        "-c",
        "from trienkhai.reporting.models import ReportRequest as R;"
        "print(R.objects.get(org_unit__code='chibo01', period='2026-Q4').pk)",
    ).split()[-1]
    enqueue = (
        "from datetime import date, timedelta\n"
        "from trienkhai.reminders.jobs import send_due_reminders\n"
        f"for n in range({JOBS}):\n"
        "    send_due_reminders.enqueue((date(2026, 12, 1) + timedelta(days=n)).isoformat())\n"
    )
    _manage(env, "shell", "-c", enqueue)

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        _wait(base + "/healthz")
        opener = build_opener(HTTPCookieProcessor(CookieJar()))
        page = opener.open(base + "/tai-khoan/dang-nhap/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token
        form = {"csrfmiddlewaretoken": token[1], "username": "chibo01", "password": PASSWORD}
        opener.open(Request(base + "/tai-khoan/dang-nhap/", urllib.parse.urlencode(form).encode()))
        statuses = []
        for n in range(SAVES):
            page = opener.open(f"{base}/bao-cao/{pk}/").read().decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            version = re.search(r'name="version" value="(\d+)"', page)
            assert token and version, page[:500]
            data = {
                "csrfmiddlewaretoken": token[1],
                "version": version[1],
                "narrative": f"Bản nháp lần {n}",
                "action": "save",
            }
            reply = opener.open(
                Request(f"{base}/bao-cao/{pk}/gui/", urllib.parse.urlencode(data).encode())
            )
            statuses.append(reply.status)
        # Let the worker finish the queue.
        check = (
            "from django_tasks_db.models import DBTaskResult as T;"
            "print(T.objects.filter(status='SUCCESSFUL').count(),"
            " T.objects.exclude(status='SUCCESSFUL').count())"
        )
        for _ in range(120):
            done, left = map(int, _manage(env, "shell", "-c", check).split()[-2:])
            if done >= JOBS:
                break
            time.sleep(0.5)
        assert done == JOBS and left == 0
        assert statuses == [200] * SAVES  # each save came back to the report page
        saved = _manage(
            env,
            "shell",
            "-c",
            f"from trienkhai.reporting.models import ReportRequest as R;"
            f"print(R.objects.get(pk={pk}).narrative)",
        )
        assert f"Bản nháp lần {SAVES - 1}" in saved
    finally:
        for process in (web, worker):
            process.terminate()
        logs = "".join((p.communicate(timeout=20)[0] or "") for p in (web, worker))
    assert "database is locked" not in logs, logs[-3000:]
    assert "Traceback" not in logs, logs[-3000:]
