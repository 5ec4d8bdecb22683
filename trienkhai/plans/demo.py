"""Demo: the seed plan of Tân Kỳ, imported through the same path the office uses."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from trienkhai.core.audit import acting_as
from trienkhai.core.demo import DemoContext
from trienkhai.plans import services
from trienkhai.plans.models import Plan, Target
from trienkhai.plans.parser import ParsedPlan

SEED = Path(__file__).parent / "demo_data" / "ke_hoach_tan_ky.txt"

# What the office completes on the review screen: the number and day left blank in the text.
COMPLETED: dict[str, Any] = {"number": 15, "date": date(2026, 5, 12)}

# Communes' parts of one city target, to show the split and its check.
SPLIT_TARGET_REF = "22.1"


def load(ctx: DemoContext) -> None:
    commune = ctx.commune
    if Plan.objects.filter(org_unit=commune, source_name=SEED.name).exists():
        return
    office = ctx.users["vanphong"]
    with acting_as(office):
        draft = services.plan_draft_create(
            actor=office, unit=commune, data=SEED.read_bytes(), name=SEED.name
        )
        parsed = replace(ParsedPlan.from_dict(draft.data), **COMPLETED)
        services.plan_save_from_draft(actor=office, draft=draft, parsed=parsed)
    _split_demo(ctx)


def _split_demo(ctx: DemoContext) -> None:
    target = Target.objects.filter(
        org_unit=ctx.city, ref=SPLIT_TARGET_REF, parent__isnull=True
    ).first()
    if target is None:
        return
    admin = ctx.users["admin"]
    communes = [ctx.units["tan-ky"], ctx.units["an-hoa"], ctx.units["hong-bang"]]
    # Three communes that, together, stay below the city's 80%: the page flags it.
    shares = [
        (communes[0], Decimal(100), Decimal(1)),
        (communes[1], Decimal(75), Decimal(1)),
        (communes[2], Decimal(60), Decimal(1)),
    ]
    services.target_split(actor=admin, target=target, shares=shares)
