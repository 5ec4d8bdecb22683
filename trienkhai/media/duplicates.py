"""The same news item entered twice: same channel and link, or same title on the same day.

Units enter items by hand and by Excel, often both, and a second copy would count twice in
the weekly compliance. Titles are compared by their search key (case, spacing and
diacritics folded); links by `core.text.link_key` (no scheme, "www.", trailing slash or
tracking parameters).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.text import link_key, search_key
from trienkhai.media.models import Channel, MediaItem
from trienkhai.orgs.models import OrgUnit


def duplicate_of(
    *, unit: OrgUnit, channel: Channel, day: date, title: str, link: str, exclude: int | None
) -> MediaItem | None:
    """An item of the unit already entered for the same article, if any."""
    title_key = search_key(title)[:500]
    wanted = link_key(link)
    same_title = Q(date=day, search_text=title_key)
    # The stored link keeps what the user typed: the database narrows to links holding the
    # same host and path, and the keys (scheme, "www.", tracking parameters) decide here.
    same_place = Q(channel=channel, link__icontains=wanted.split("?", 1)[0])
    candidates = MediaItem.objects.filter(org_unit=unit).filter(
        same_title | same_place if wanted else same_title
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude)
    for item in candidates.order_by("pk").only("pk", "date", "search_text", "link", "channel_id"):
        if item.date == day and item.search_text == title_key:
            return item
        if wanted and item.channel_id == channel.pk and link_key(item.link) == wanted:
            return item
    return None


def duplicate_text(existing: MediaItem) -> str:
    """Where the entry already is, in words (an import's error list, a file)."""
    url = reverse("media:item", args=[existing.pk])
    return _("Tin, bài này đã được nhập ngày %(day)s: “%(title)s” (xem tại %(url)s).") % {
        "day": format_date_short(existing.date),
        "title": existing.title,
        "url": url,
    }


def refuse_duplicate(existing: MediaItem, *, field: str) -> DomainError:
    """The error that points the user to the entry already there, with a link to it (the
    title is escaped; the message is shown under the field it is about)."""
    message = format_html(
        _("Tin, bài này đã được nhập ngày {day}: “{title}” — {link}."),
        day=format_date_short(existing.date),
        title=existing.title,
        link=format_html(
            '<a href="{}">{}</a>', reverse("media:item", args=[existing.pk]), _("xem tin đã nhập")
        ),
    )
    return DomainError(message, code="duplicate", field=field)


class ItemIndex:
    """The items already entered by some units, read in two queries, for an import that
    checks thousands of rows: the same rule as `duplicate_of`, without a query per row."""

    def __init__(self, *, units: set[int], days: set[date]) -> None:
        fields = ("pk", "org_unit_id", "channel_id", "date", "title", "link", "search_text")
        items = MediaItem.objects.filter(org_unit_id__in=units).only(*fields)
        self.by_title = {
            (i.org_unit_id, i.date, i.search_text): i for i in items.filter(date__in=days)
        }
        self.by_link = {
            (i.org_unit_id, i.channel_id, link_key(i.link)): i for i in items.filter(link__gt="")
        }

    def find(
        self, *, unit: OrgUnit, channel: Channel, day: date, title: str, link: str
    ) -> tuple[MediaItem, str] | None:
        """The item already there and the field it repeats (`title` or `link`), if any."""
        found = self.by_title.get((unit.pk, day, search_key(title)[:500]))
        if found is not None:
            return found, "title"
        if link and (found := self.by_link.get((unit.pk, channel.pk, link_key(link)))):
            return found, "link"
        return None
