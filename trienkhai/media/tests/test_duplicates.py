"""The same news item entered twice is refused, by hand and by Excel, with a link to it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.core.text import link_key
from trienkhai.media import services
from trienkhai.media.imports import ImportErrors, media_import
from trienkhai.media.models import MediaItem
from trienkhai.media.tests.conftest import Media
from trienkhai.media.tests.test_import import good_row, workbook

pytestmark = pytest.mark.django_db

LINK = "https://www.tanky.vn/tin/hoi-nghi-quan-triet/?utm_source=zalo"


def _create(world: World, media: Media, **fields: Any) -> MediaItem:
    values: dict[str, Any] = {"channel": media.radio, "day": timezone.localdate(), "title": "Tin A"}
    values.update(fields)
    return services.media_item_create(actor=world.reporter_a, unit=world.cell_a, **values)


def test_link_key_folds_what_does_not_name_another_article() -> None:
    assert link_key(LINK) == link_key("http://tanky.vn/tin/hoi-nghi-quan-triet")
    assert link_key("https://a.vn/x?id=1") != link_key("https://a.vn/x?id=2")


def test_same_channel_and_link_is_refused_under_the_link(world: World, media: Media) -> None:
    first = _create(world, media, link=LINK, day=timezone.localdate() - timedelta(days=3))
    with pytest.raises(DomainError) as caught:
        _create(world, media, title="Tiêu đề khác", link="http://tanky.vn/tin/hoi-nghi-quan-triet")
    assert caught.value.field == "link"
    assert f"/tuyen-truyen/tin-bai/{first.pk}/" in caught.value.message
    # Another channel with the same link is another entry (the radio read the website's news).
    _create(world, media, channel=media.website, title="Tiêu đề khác", link=LINK)


def test_same_title_on_the_same_day_is_refused_under_the_title(world: World, media: Media) -> None:
    _create(world, media, title="Hội nghị quán triệt Nghị quyết")
    with pytest.raises(DomainError) as caught:
        _create(world, media, channel=media.website, title="  hội nghị QUÁN TRIỆT nghị quyết ")
    assert caught.value.field == "title"
    assert MediaItem.objects.count() == 1
    # The same title on another day is a new item (a weekly column).
    _create(world, media, title="Hội nghị quán triệt Nghị quyết", day=date(2026, 6, 1))


def test_editing_an_item_is_not_a_duplicate_of_itself(world: World, media: Media) -> None:
    item = _create(world, media, link=LINK)
    services.media_item_update(
        actor=world.reporter_a,
        item=item,
        channel=media.radio,
        day=item.date,
        title="Tin A",
        link=LINK,
    )


def test_the_page_refuses_with_a_link_and_keeps_the_input(
    client: Any, world: World, media: Media
) -> None:
    first = _create(world, media, link=LINK)
    client.force_login(world.reporter_a)
    data = {
        "unit": world.cell_a.pk,
        "date": timezone.localdate().strftime("%d/%m/%Y"),
        "kind": MediaItem.Kind.TIN,
        "channel": media.radio.pk,
        "title": "Một tiêu đề mới",
        "link": LINK,
    }
    response = client.post("/tuyen-truyen/tin-bai/them/", data)
    assert response.status_code == 200
    html = response.content.decode()
    # A link to the entry already there, under the link field.
    assert f'<a href="/tuyen-truyen/tin-bai/{first.pk}/">xem tin đã nhập</a>' in html
    assert "xem tin đã nhập" in str(response.context["form"].errors["link"])
    assert "Một tiêu đề mới" in html
    assert MediaItem.objects.count() == 1
    # Another commune's user cannot open the existing entry the message points to.
    client.force_login(world.outsider)
    assert client.get(f"/tuyen-truyen/tin-bai/{first.pk}/").status_code == 404


def test_excel_refuses_items_already_entered_or_twice_in_the_file(
    world: World, media: Media
) -> None:
    first = media_import(actor=world.office, data=workbook([good_row(1)]), name="a.xlsx")
    assert first.items == 1
    rows = [good_row(2), good_row(1), good_row(3), good_row(3)]
    with pytest.raises(ImportErrors) as caught:
        media_import(actor=world.office, data=workbook(rows), name="b.xlsx")
    text = " ".join(str(e) for e in caught.value.errors)
    assert "dòng 3" in text and "đã được nhập" in text
    assert "dòng 5" in text and "trùng với tin, bài ở dòng 4" in text
    assert MediaItem.objects.count() == 1


def test_the_refusal_links_to_the_entry_and_escapes_its_title(world: World, media: Media) -> None:
    first = _create(world, media, title="<b>Tin</b> & ảnh", link=LINK)
    with pytest.raises(DomainError) as refused:
        _create(world, media, title="Khác", link=LINK)
    message = str(refused.value.message)
    assert "&lt;b&gt;Tin&lt;/b&gt; &amp; ảnh" in message and "<b>" not in message
    assert f'href="/tuyen-truyen/tin-bai/{first.pk}/"' in message
