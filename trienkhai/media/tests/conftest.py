"""Media fixtures on top of the shared personas: the commune's plan with the seed's rule
("tối thiểu 02 tin, bài/tuần trên hệ thống truyền thanh và các nền tảng số") and channels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command

from trienkhai.conftest import World
from trienkhai.media.models import Channel, ChannelKind, MediaItem, MediaTally
from trienkhai.media.weeks import week_of
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import MediaRule, Plan

DIGITAL = ["radio", "website", "social", "zalo"]


@dataclass
class Media:
    plan: Plan
    rule: MediaRule
    radio: Channel
    website: Channel
    press: Channel
    zalo_a: Channel
    zalo_b: Channel


@pytest.fixture
def media(world: World) -> Media:
    plan = Plan.objects.create(
        org_unit=world.commune,
        title="Kế hoạch thực hiện Chương trình 20-CTr/TU",
        number=15,
        date=date(2026, 5, 12),
    )
    rule = MediaRule.objects.create(plan=plan, min_items=2, per="week", channels=DIGITAL)
    return Media(
        plan=plan,
        rule=rule,
        radio=Channel.objects.create(
            org_unit=world.commune, kind=ChannelKind.RADIO, name="Đài truyền thanh xã"
        ),
        website=Channel.objects.create(
            org_unit=world.commune, kind=ChannelKind.WEBSITE, name="Trang thông tin điện tử xã"
        ),
        press=Channel.objects.create(
            org_unit=world.commune, kind=ChannelKind.PRESS, name="Báo Hải Phòng"
        ),
        zalo_a=Channel.objects.create(
            org_unit=world.cell_a, kind=ChannelKind.ZALO, name="Nhóm Zalo chi bộ A"
        ),
        zalo_b=Channel.objects.create(
            org_unit=world.cell_b, kind=ChannelKind.ZALO, name="Nhóm Zalo chi bộ B"
        ),
    )


def item(unit: OrgUnit, channel: Channel, day: date, title: str = "Tin tuyên truyền") -> MediaItem:
    return MediaItem.objects.create(org_unit=unit, channel=channel, date=day, title=title)


def tally(unit: OrgUnit, channel: Channel, day: date, count: int) -> MediaTally:
    row = MediaTally(org_unit=unit, channel=channel, count=count)
    row.set_week(*week_of(day))
    row.save()
    return row


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch, transactional_db: Any) -> str:
    """The demo data, with a known password; returns the password."""
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "Demo-trinh-duyet-2026")
    call_command("load_demo", verbosity=0)
    return "Demo-trinh-duyet-2026"
