"""Factories for media (tuyên truyền): channels, news items and weekly tallies."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory
from factory.django import DjangoModelFactory

from trienkhai.media.models import Channel, ChannelKind, MediaItem, MediaTally
from trienkhai.media.weeks import week_of
from trienkhai.orgs.tests.factories import OrgUnitFactory


class ChannelFactory(DjangoModelFactory[Channel]):
    class Meta:
        model = Channel

    org_unit = factory.SubFactory(OrgUnitFactory)
    kind = ChannelKind.RADIO
    name = factory.Sequence(lambda n: f"Đài truyền thanh {n + 1}")


class MediaItemFactory(DjangoModelFactory[MediaItem]):
    """A news item (tin) on a channel; its ISO week is set from `date` when saved."""

    class Meta:
        model = MediaItem

    org_unit = factory.SubFactory(OrgUnitFactory)
    channel = factory.SubFactory(ChannelFactory, org_unit=factory.SelfAttribute("..org_unit"))
    date = date(2026, 6, 4)
    title = "Tin tuyên truyền"


class MediaTallyFactory(DjangoModelFactory[MediaTally]):
    """`MediaTallyFactory.create(org_unit=…, channel=…, day=…, count=3)`: the items of the
    ISO week holding `day`."""

    class Meta:
        model = MediaTally

    org_unit = factory.SubFactory(OrgUnitFactory)
    channel = factory.SubFactory(
        ChannelFactory, org_unit=factory.SelfAttribute("..org_unit"), kind=ChannelKind.ZALO
    )
    count = 1
    day: Any = date(2026, 6, 4)

    @classmethod
    def _build(cls, model_class: type[MediaTally], *args: Any, **kwargs: Any) -> MediaTally:
        day = kwargs.pop("day")
        row = model_class(**kwargs)
        row.set_week(*week_of(day))
        return row

    @classmethod
    def _create(cls, model_class: type[MediaTally], *args: Any, **kwargs: Any) -> MediaTally:
        row = cls._build(model_class, *args, **kwargs)
        row.save()
        return row
