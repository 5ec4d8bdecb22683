from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from trienkhai.core.audit import audit_off
from trienkhai.core.demo import DemoContext

DEMO_PASSWORD = "Demo-trinh-duyet-2026"


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch, transactional_db: Any) -> str:
    """The whole demo, with a known password (browser tests); returns the password."""
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", DEMO_PASSWORD)
    call_command("load_demo", verbosity=0)
    return DEMO_PASSWORD


@pytest.fixture
def seed(db: Any) -> DemoContext:
    """The demo tree, users, the seed plan and its tasks: the loaders this app builds on,
    run the way `load_demo` runs them (audit off), without the other modules' demos."""
    from trienkhai.accounts import demo as accounts_demo
    from trienkhai.orgs import demo as orgs_demo
    from trienkhai.plans import demo as plans_demo
    from trienkhai.tasks import demo as tasks_demo

    ctx = DemoContext(password=DEMO_PASSWORD, reset_passwords=False)
    with audit_off():
        for module in (orgs_demo, accounts_demo, plans_demo, tasks_demo):
            module.load(ctx)
    return ctx
