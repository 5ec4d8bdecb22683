"""Slow tier, faults: the database goes away and comes back under a running app server.

Uses a private PostgreSQL cluster on its own port, never the shared one on 5432.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(args: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root: CI runs as root, so step down.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


class Cluster:
    def __init__(self, base: Path) -> None:
        self.data = base / "data"
        self.port = _free_port()
        self.pg_ctl = os.path.join(BIN[-1], "pg_ctl")

    def init(self) -> None:
        self.data.parent.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.data.parent, "postgres", "postgres")
        subprocess.run(
            _as_postgres(
                [
                    os.path.join(BIN[-1], "initdb"),
                    "-D",
                    str(self.data),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                ]
            ),
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data.parent} -c listen_addresses=127.0.0.1"
        subprocess.run(
            _as_postgres(
                [
                    self.pg_ctl,
                    "-D",
                    str(self.data),
                    "-o",
                    options,
                    "-w",
                    "start",
                    "-l",
                    str(self.data.parent / "log"),
                ]
            ),
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        subprocess.run(
            _as_postgres([self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop"]),
            check=False,
            capture_output=True,
        )


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def _wait_for(url: str, status: int, seconds: float = 30) -> int:
    deadline = time.monotonic() + seconds
    last = 0
    while time.monotonic() < deadline:
        try:
            last = _get(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            last = 0
        if last == status:
            return last
        time.sleep(0.3)
    return last


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    if not BIN or (os.geteuid() == 0 and not shutil.which("runuser")):
        pytest.skip("PostgreSQL server binaries not installed")
    # Not pytest's tmp_path: the postgres user cannot enter root's private folder.
    base = Path(tempfile.mkdtemp(prefix="trienkhai-pg-"))
    cluster = Cluster(base)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)


def test_readyz_follows_the_database_and_healthz_stays_up(cluster: Cluster, tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "TRIENKHAI_TESTING": "0",
        "SECRET_KEY": "fault-test-" + "k" * 40,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{cluster.port}/postgres",
        "TRIENKHAI_DATA_DIR": str(tmp_path),
    }
    env.pop("PYTEST_VERSION", None)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "20",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert _wait_for(base + "/readyz", 200) == 200
        cluster.stop()
        assert _wait_for(base + "/readyz", 503) == 503
        assert _get(base + "/healthz") == 200  # the process is up, only the database is not
        cluster.start()
        assert _wait_for(base + "/readyz", 200) == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
