"""City-scale reads on a city of 114 communes × 40 chi bộ (≈ 4.700 units).

The data come from `make_city_demo` (idempotent), written once into the bench database.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

NEEDS_DB = True


def _median_ms(action: Callable[[], object], runs: int = 15) -> float:
    action()  # warm the connection and caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def run() -> list[dict[str, Any]]:
    from django.core.management import call_command
    from django.utils import timezone

    from trienkhai.accounts.models import User
    from trienkhai.dissemination.coverage import rollup
    from trienkhai.orgs.models import OrgUnit
    from trienkhai.plans.models import Plan

    call_command("make_city_demo", committees=114, cells=40, years=1, verbosity=0)
    leader = User.objects.get(username="thanhuy")
    units = OrgUnit.objects.count()
    commune = OrgUnit.objects.get(code="hp-xa-057")
    plan = Plan.objects.get(org_unit=commune)
    day = timezone.localdate()

    def scope() -> object:
        leader.__dict__.pop("_trienkhai_scope", None)
        return OrgUnit.objects.visible_to(leader).count()

    def coverage() -> object:
        return rollup(plan=plan, root=commune, groups=["key_cadres", "party_members"], day=day)

    return [
        {"name": "city_units", "value": units, "unit": "units"},
        {"name": "city_scope_count_ms", "value": _median_ms(scope), "unit": "ms"},
        {"name": "commune_coverage_rollup_ms", "value": _median_ms(coverage), "unit": "ms"},
    ]
