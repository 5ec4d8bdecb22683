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
from trienkhai.media.tests.factories import ChannelFactory, MediaItemFactory, MediaTallyFactory
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import MediaRule, Plan
from trienkhai.plans.tests.factories import SEED_DAY, MediaRuleFactory, PlanFactory

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
    plan = PlanFactory.create(
        org_unit=world.commune, title="Kế hoạch thực hiện Chương trình 20-CTr/TU", date=SEED_DAY
    )
    channel = ChannelFactory.create
    return Media(
        plan=plan,
        rule=MediaRuleFactory.create(plan=plan, channels=DIGITAL),
        radio=channel(org_unit=world.commune, kind=ChannelKind.RADIO, name="Đài truyền thanh xã"),
        website=channel(
            org_unit=world.commune, kind=ChannelKind.WEBSITE, name="Trang thông tin điện tử xã"
        ),
        press=channel(org_unit=world.commune, kind=ChannelKind.PRESS, name="Báo Hải Phòng"),
        zalo_a=channel(org_unit=world.cell_a, kind=ChannelKind.ZALO, name="Nhóm Zalo chi bộ A"),
        zalo_b=channel(org_unit=world.cell_b, kind=ChannelKind.ZALO, name="Nhóm Zalo chi bộ B"),
    )


def item(unit: OrgUnit, channel: Channel, day: date, title: str = "Tin tuyên truyền") -> MediaItem:
    return MediaItemFactory.create(org_unit=unit, channel=channel, date=day, title=title)


def tally(unit: OrgUnit, channel: Channel, day: date, count: int) -> MediaTally:
    return MediaTallyFactory.create(org_unit=unit, channel=channel, day=day, count=count)


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch, transactional_db: Any) -> str:
    """The demo data, with a known password; returns the password."""
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "Demo-trinh-duyet-2026")
    call_command("load_demo", verbosity=0)
    return "Demo-trinh-duyet-2026"
