"""`make bench`: run every `bench/bench_*.py` and print its figures as JSON lines.

Only JSON lines go to stdout; progress and errors go to stderr. Benchmarks that
need a database get `BENCH_DATABASE_URL` (default: the local PostgreSQL,
database `trienkhai_bench`, created if missing).
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import sys
from typing import Any

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/trienkhai_bench"


def _ensure_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _setup_django() -> None:
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    _ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def main() -> int:
    names = sorted(
        m.name
        for m in pkgutil.iter_modules([os.path.dirname(__file__)])
        if m.name.startswith("bench_")
    )
    django_ready = False
    status = 0
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        if getattr(module, "NEEDS_DB", False) and not django_ready:
            _setup_django()
            django_ready = True
        try:
            figures: list[dict[str, Any]] = module.run()
        except Exception as exc:  # noqa: BLE001 - one failing bench must not hide the others
            print(f"{name}: {exc!r}", file=sys.stderr)
            status = 1
            continue
        for figure in figures:
            print(json.dumps(figure, ensure_ascii=False), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
