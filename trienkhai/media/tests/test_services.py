"""The write services: rights per unit, channel use, dates, tallies, settings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.media import services
from trienkhai.media.models import Channel, MediaTally
from trienkhai.media.tests.conftest import Media
from trienkhai.media.weeks import week_of

pytestmark = pytest.mark.django_db


def test_item_rights_channels_and_dates(world: World, media: Media) -> None:
    day = timezone.localdate()
    made = services.media_item_create(
        actor=world.reporter_a, unit=world.cell_a, channel=media.radio, day=day, title="  Tin  A "
    )
    assert made.title == "Tin A" and (made.iso_year, made.iso_week) == week_of(day)
    assert made.week_start == day - timedelta(days=day.weekday())
    with pytest.raises(PermissionDenied):
        services.media_item_create(
            actor=world.reporter_a, unit=world.cell_b, channel=media.radio, day=day, title="x"
        )
    with pytest.raises(DomainError, match="không đăng tin trên kênh"):
        services.media_item_create(
            actor=world.reporter_a, unit=world.cell_a, channel=media.zalo_b, day=day, title="x"
        )
    with pytest.raises(DomainError, match="sau hôm nay"):
        services.media_item_create(
            actor=world.office,
            unit=world.cell_a,
            channel=media.radio,
            day=day + timedelta(days=1),
            title="x",
        )
    with pytest.raises(DomainError, match="http"):
        services.media_item_create(
            actor=world.office,
            unit=world.commune,
            channel=media.radio,
            day=day,
            title="x",
            link="javascript:alert(1)",
        )
    # Moving the date moves the week key with it.
    services.media_item_update(
        actor=world.office,
        item=made,
        channel=media.website,
        day=date(2021, 1, 1),
        title="Tin A",
        kind="bai",
    )
    made.refresh_from_db()
    assert (made.iso_year, made.iso_week, made.channel) == (2020, 53, media.website)


def test_tallies_save_sets_updates_and_clears(world: World, media: Media) -> None:
    week = week_of(timezone.localdate() - timedelta(days=7))
    changed = services.media_tallies_save(
        actor=world.reporter_a, unit=world.cell_a, counts={(media.zalo_a, week): 4}
    )
    assert changed == 1 and MediaTally.objects.get().count == 4
    services.media_tallies_save(
        actor=world.reporter_a, unit=world.cell_a, counts={(media.zalo_a, week): 6}
    )
    assert MediaTally.objects.get().count == 6
    services.media_tallies_save(
        actor=world.reporter_a, unit=world.cell_a, counts={(media.zalo_a, week): None}
    )
    assert not MediaTally.objects.exists()
    assert LogEntry.objects.filter(additional_data__action="media.tallies.saved").count() == 3
    future = week_of(timezone.localdate() + timedelta(days=8))
    with pytest.raises(DomainError, match="chưa bắt đầu"):
        services.media_tallies_save(
            actor=world.reporter_a, unit=world.cell_a, counts={(media.zalo_a, future): 1}
        )
    with pytest.raises(PermissionDenied):
        services.media_tallies_save(
            actor=world.reporter_b, unit=world.cell_a, counts={(media.zalo_a, week): 1}
        )


def test_channels_and_settings(world: World, media: Media) -> None:
    with pytest.raises(DomainError, match="đã có kênh"):
        services.channel_create(
            actor=world.office, unit=world.commune, kind="radio", name="đài truyền thanh xã"
        )
    with pytest.raises(PermissionDenied):
        services.channel_create(actor=world.viewer, unit=world.commune, kind="radio", name="Đài")
    services.channel_set_active(actor=world.reporter_a, channel=media.zalo_a, active=False)
    assert set(Channel.objects.usable_by(world.cell_a)) == {media.radio, media.website, media.press}
    with pytest.raises(DomainError, match="thứ Hai"):
        services.rule_setting_save(
            actor=world.office,
            rule=media.rule,
            count_mode="total",
            applies_to="issuer",
            start=date(2026, 6, 2),
        )
    with pytest.raises(PermissionDenied):
        services.rule_setting_save(
            actor=world.reporter_a,
            rule=media.rule,
            count_mode="each",
            applies_to="issuer",
            start=None,
        )
    services.exempt_week_add(actor=world.office, plan=media.plan, week=(2027, 6), reason="Tết")
    with pytest.raises(DomainError, match="đã có"):
        services.exempt_week_add(actor=world.office, plan=media.plan, week=(2027, 6), reason="Tết")


def test_writes_are_audited_with_the_unit_path(world: World, media: Media) -> None:
    from trienkhai.core.audit import acting_as

    with acting_as(world.reporter_a):
        made = services.media_item_create(
            actor=world.reporter_a,
            unit=world.cell_a,
            channel=media.radio,
            day=timezone.localdate(),
            title="Tin",
        )
    entry = LogEntry.objects.get_for_object(made).get()
    assert entry.actor == world.reporter_a
    assert entry.additional_data["org_unit_path"] == world.cell_a.path
