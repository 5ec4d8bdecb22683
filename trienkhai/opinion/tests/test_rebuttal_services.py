"""The rules a rebuttal is recorded under: a past day, a way it was rebutted, the unit's own
news item, and one record per post and unit (links compared as `core.text.link_key` does)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.core.steps import StaleEdit
from trienkhai.media.models import ChannelKind
from trienkhai.media.tests.factories import ChannelFactory, MediaItemFactory
from trienkhai.opinion import services
from trienkhai.opinion.models import Rebuttal

pytestmark = pytest.mark.django_db

POST = "https://www.facebook.com/trang-gia-mao/posts/123"


def _data(**changes: Any) -> services.RebuttalInput:
    values: dict[str, Any] = {
        "noted_on": timezone.localdate(),
        "platform": Rebuttal.Platform.FACEBOOK,
        "post_summary": "Bài viết xuyên tạc chủ trương sáp nhập đơn vị hành chính.",
        "post_link": POST,
        "comments": 4,
    }
    values.update(changes)
    return services.RebuttalInput(**values)


def _refusal(world: World, data: services.RebuttalInput, unit: Any = None) -> DomainError:
    with pytest.raises(DomainError) as refused:
        services.rebuttal_record(actor=world.office, unit=unit or world.cell_a, data=data)
    return refused.value


def test_a_future_day_is_refused(world: World) -> None:
    error = _refusal(world, _data(noted_on=timezone.localdate() + timedelta(days=1)))
    assert error.field == "noted_on" and "không được sau hôm nay" in error.message
    assert not Rebuttal.objects.exists()


def test_a_blank_summary_is_refused(world: World) -> None:
    assert _refusal(world, _data(post_summary="   ")).field == "post_summary"


def test_a_rebuttal_needs_a_way_it_was_made(world: World) -> None:
    error = _refusal(world, _data(comments=0))
    assert error.field == "rebuttal_link" and "đã phản bác thế nào" in error.message
    # Any one way is enough: a link of the comment, or a news item of the unit.
    by_link = services.rebuttal_record(
        actor=world.office,
        unit=world.cell_a,
        data=_data(comments=0, rebuttal_link="https://facebook.com/binh-luan/9"),
    )
    assert by_link.comments == 0 and by_link.rebuttal_link == "https://facebook.com/binh-luan/9"


def test_the_news_item_must_be_of_the_unit_or_below(world: World) -> None:
    today = timezone.localdate()
    channel_b = ChannelFactory.create(org_unit=world.cell_b, kind=ChannelKind.ZALO)
    item_b = MediaItemFactory.create(org_unit=world.cell_b, channel=channel_b, date=today)
    error = _refusal(world, _data(comments=0, media_item=item_b))
    assert error.field == "media_item" and "Chi bộ thôn A" in error.message
    # The commune may cite the item one of its cells posted.
    done = services.rebuttal_record(
        actor=world.office, unit=world.commune, data=_data(comments=0, media_item=item_b)
    )
    assert done.media_item == item_b


def test_one_post_is_recorded_once_per_unit(world: World) -> None:
    first = services.rebuttal_record(actor=world.office, unit=world.cell_a, data=_data())
    error = _refusal(world, _data(comments=10))
    assert error.field == "post_link" and first.noted_on.strftime("%d/%m/%Y") in error.message
    # Another unit that rebutted the same post records it too.
    other = services.rebuttal_record(actor=world.reporter_b, unit=world.cell_b, data=_data())
    assert other.post_key == first.post_key
    assert Rebuttal.objects.count() == 2


def test_links_compare_without_www_scheme_and_tracking(world: World) -> None:
    services.rebuttal_record(
        actor=world.office,
        unit=world.cell_a,
        data=_data(post_link="https://www.facebook.com/trang-gia-mao/posts/123/?utm_source=zalo"),
    )
    error = _refusal(world, _data(post_link="http://facebook.com/trang-gia-mao/posts/123"))
    assert error.field == "post_link"
    # A post without a link is never a duplicate.
    services.rebuttal_record(actor=world.office, unit=world.cell_a, data=_data(post_link=""))
    services.rebuttal_record(actor=world.office, unit=world.cell_a, data=_data(post_link=""))
    assert Rebuttal.objects.filter(org_unit=world.cell_a).count() == 3


def test_an_update_is_not_its_own_duplicate(world: World) -> None:
    first = services.rebuttal_record(actor=world.office, unit=world.cell_a, data=_data())
    second = services.rebuttal_record(
        actor=world.office, unit=world.cell_a, data=_data(post_link="https://tiktok.com/@x/1")
    )
    updated = services.rebuttal_update(
        actor=world.reporter_a, rebuttal=first, version=first.version, data=_data(comments=25)
    )
    assert updated.comments == 25 and updated.version == first.version + 1
    with pytest.raises(DomainError) as refused:
        services.rebuttal_update(
            actor=world.reporter_a, rebuttal=second, version=second.version, data=_data()
        )
    assert refused.value.field == "post_link"
    second.refresh_from_db()
    assert second.post_link == "https://tiktok.com/@x/1"


def test_a_stale_update_is_refused(world: World) -> None:
    row = services.rebuttal_record(actor=world.office, unit=world.cell_a, data=_data())
    services.rebuttal_update(actor=world.office, rebuttal=row, version=1, data=_data(comments=7))
    with pytest.raises(StaleEdit):
        services.rebuttal_update(
            actor=world.reporter_a, rebuttal=row, version=1, data=_data(comments=99)
        )
    row.refresh_from_db()
    assert row.comments == 7


def test_recording_writes_the_audit_log_and_keeps_the_token(world: World) -> None:
    token = uuid.uuid4()
    row = services.rebuttal_record(
        actor=world.reporter_a, unit=world.cell_a, data=_data(), token=token
    )
    again = services.rebuttal_record(
        actor=world.reporter_a, unit=world.cell_a, data=_data(), token=token
    )
    assert again.pk == row.pk and Rebuttal.objects.count() == 1
    entry = LogEntry.objects.get(additional_data__action="opinion.rebuttal.recorded")
    assert entry.actor == world.reporter_a
    assert entry.additional_data["org_unit_path"] == world.cell_a.path
    assert "Facebook" in entry.changes_text


def test_only_those_who_enter_data_for_the_unit_record(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.rebuttal_record(actor=world.reporter_b, unit=world.cell_a, data=_data())
    with pytest.raises(PermissionDenied):
        services.rebuttal_record(actor=world.leader, unit=world.commune, data=_data())
    assert not Rebuttal.objects.exists()
