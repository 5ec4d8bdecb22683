"""The rebuttal pages as their users meet them: a cell records what it did against a false
post, corrects or removes it; the commune reads the list with its totals, prints it and takes
the file; a viewer only reads; another commune gets 404 everywhere."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from io import BytesIO
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from trienkhai.accounts.models import User
from trienkhai.conftest import World
from trienkhai.media.models import Channel, ChannelKind, MediaItem
from trienkhai.media.tests.factories import ChannelFactory, MediaItemFactory
from trienkhai.opinion import services
from trienkhai.opinion.models import Rebuttal
from trienkhai.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db

LIST = reverse("opinion:rebuttals")
CREATE = reverse("opinion:rebuttal_create")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _today() -> date:
    return timezone.localdate()


def _zalo(unit: OrgUnit) -> Channel:
    return ChannelFactory.create(org_unit=unit, kind=ChannelKind.ZALO, name=f"Zalo {unit.code}")


def _item(unit: OrgUnit, title: str = "Sự thật về việc sáp nhập xã", **kw: Any) -> MediaItem:
    kw.setdefault("date", _today() - timedelta(days=2))
    return MediaItemFactory.create(org_unit=unit, channel=_zalo(unit), title=title, **kw)


def _record(world: World, unit: OrgUnit, n: int = 1, **changes: Any) -> Rebuttal:
    values: dict[str, Any] = {
        "noted_on": _today() - timedelta(days=n % 20),
        "platform": Rebuttal.Platform.FACEBOOK,
        "post_summary": f"Bài viết xuyên tạc số {n}",
        "post_link": f"https://facebook.com/gia-mao/posts/{n}",
        "comments": n,
    }
    values.update(changes)
    return services.rebuttal_record(
        actor=world.office, unit=unit, data=services.RebuttalInput(**values)
    )


def _form(unit: OrgUnit, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit": str(unit.pk),
        "noted_on": _today().strftime("%d/%m/%Y"),
        "platform": "tiktok",
        "post_link": "https://www.tiktok.com/@gia-mao/video/77",
        "post_summary": "Clip cắt ghép sai sự thật về bồi thường giải phóng mặt bằng",
        "media_item": "",
        "rebuttal_link": "",
        "comments": "0",
        "note": "",
        "entry_token": str(uuid.uuid4()),
    }
    data.update(changes)
    return data


# --- recording --------------------------------------------------------------------------------


def test_a_refused_record_keeps_the_input_and_saves_nothing(world: World) -> None:
    client = _client(world.reporter_a)
    page = client.get(CREATE)
    assert page.status_code == 200
    assert 'name="entry_token"' in page.content.decode()
    assert f'name="unit" value="{world.cell_a.pk}"' in page.content.decode()  # its only unit
    refused = client.post(CREATE, _form(world.cell_a))
    text = refused.content.decode()
    assert refused.status_code == 200
    assert "đã phản bác thế nào" in text
    assert "Clip cắt ghép sai sự thật" in text  # what was typed is still there
    assert not Rebuttal.objects.exists()


def test_a_cell_records_a_rebuttal_once_however_often_it_presses_save(world: World) -> None:
    item = _item(world.cell_a)
    client = _client(world.reporter_a)
    assert item.title in client.get(CREATE).content.decode()  # its recent items are offered
    data = _form(world.cell_a, media_item=str(item.pk), comments="12", reported="on")
    done = client.post(CREATE, data)
    assert done.status_code == 302
    assert done["Location"] == f"{LIST}?don_vi={world.cell_a.code}"
    again = client.post(CREATE, data)
    assert again.status_code == 302
    row = Rebuttal.objects.get()
    assert (row.org_unit, row.media_item, row.comments, row.reported) == (
        world.cell_a,
        item,
        12,
        True,
    )
    assert row.plan is None and row.created_by == world.reporter_a
    listed = client.get(done["Location"]).content.decode()
    assert "Đã ghi kết quả đấu tranh phản bác." in listed
    assert reverse("media:item", args=[item.pk]) in listed


def test_the_same_post_twice_is_refused_under_its_link(world: World) -> None:
    _record(world, world.cell_a, post_link="https://tiktok.com/@gia-mao/video/77?utm_source=fb")
    refused = _client(world.reporter_a).post(CREATE, _form(world.cell_a, comments="3"))
    text = refused.content.decode()
    assert refused.status_code == 200
    link_at = text.index('name="post_link"')
    error_at = text.index("đã được Chi bộ thôn A ghi phản bác")
    assert link_at < error_at < text.index('name="post_summary"')  # under the link
    assert "https://www.tiktok.com/@gia-mao/video/77" in text
    assert Rebuttal.objects.count() == 1


def test_the_commune_office_records_for_the_cell_it_picks(world: World) -> None:
    client = _client(world.office)
    page = client.get(CREATE).content.decode()
    assert "Chi bộ thôn B" in page  # the unit is a choice
    item = _item(world.cell_b)
    done = client.post(CREATE, _form(world.cell_b, media_item=str(item.pk)))
    assert done.status_code == 302
    assert Rebuttal.objects.get().org_unit == world.cell_b


def test_a_viewer_reads_but_does_not_record(world: World) -> None:
    _record(world, world.cell_a)
    client = _client(world.viewer)
    page = client.get(LIST)
    assert page.status_code == 200 and "Bài viết xuyên tạc số 1" in page.content.decode()
    assert CREATE not in page.content.decode()
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, _form(world.commune, comments="2")).status_code == 403
    row = Rebuttal.objects.get()
    assert client.get(reverse("opinion:rebuttal_edit", args=[row.pk])).status_code == 403
    removed = client.post(reverse("opinion:rebuttal_remove", args=[row.pk]), {"version": 1})
    assert removed.status_code == 403
    assert Rebuttal.objects.count() == 1


# --- correcting and removing ------------------------------------------------------------------


def test_the_cell_corrects_its_record_and_a_stale_page_is_refused(world: World) -> None:
    row = _record(world, world.cell_a)
    url = reverse("opinion:rebuttal_edit", args=[row.pk])
    client = _client(world.reporter_a)
    page = client.get(url).content.decode()
    assert "Bài viết xuyên tạc số 1" in page and 'name="version" value="1"' in page
    data = _form(
        world.cell_a, post_link=row.post_link, post_summary="Đã sửa", comments="30", version="1"
    )
    del data["entry_token"]
    assert client.post(url, data).status_code == 302
    row.refresh_from_db()
    assert (row.comments, row.post_summary, row.version) == (30, "Đã sửa", 2)
    stale = client.post(url, {**data, "comments": "1", "post_summary": "Bản cũ"})
    text = stale.content.decode()
    assert stale.status_code == 200 and "vừa được người khác thay đổi" in text
    assert "Bản cũ" in text
    row.refresh_from_db()
    assert row.comments == 30


def test_another_cell_does_not_see_the_record(world: World) -> None:
    row = _record(world, world.cell_a)
    client = _client(world.reporter_b)
    assert client.get(reverse("opinion:rebuttal_edit", args=[row.pk])).status_code == 404
    removed = client.post(reverse("opinion:rebuttal_remove", args=[row.pk]), {"version": 1})
    assert removed.status_code == 404
    assert "Bài viết xuyên tạc số 1" not in client.get(LIST).content.decode()


def test_removing_a_record_leaves_it_in_the_log(world: World) -> None:
    row = _record(world, world.cell_a)
    url = reverse("opinion:rebuttal_remove", args=[row.pk])
    client = _client(world.reporter_a)
    assert client.get(url).status_code == 405
    stale = client.post(url, {"version": 5})
    assert stale.status_code == 302 and Rebuttal.objects.filter(pk=row.pk).exists()
    done = client.post(url, {"version": 1})
    assert done.status_code == 302 and done["Location"].startswith(LIST)
    assert not Rebuttal.objects.filter(pk=row.pk).exists()
    entry = LogEntry.objects.get(additional_data__action="opinion.rebuttal.removed")
    assert entry.actor == world.reporter_a
    assert entry.additional_data["org_unit_path"] == world.cell_a.path


def test_another_commune_gets_404_everywhere(world: World) -> None:
    row = _record(world, world.cell_a)
    client = _client(world.outsider)
    assert client.get(LIST, {"don_vi": "tk"}).status_code == 404
    assert client.get(reverse("opinion:rebuttals_print"), {"don_vi": "tk"}).status_code == 404
    assert client.get(reverse("opinion:rebuttals_xlsx"), {"don_vi": "tk"}).status_code == 404
    assert client.get(reverse("opinion:rebuttal_edit", args=[row.pk])).status_code == 404
    removed = client.post(reverse("opinion:rebuttal_remove", args=[row.pk]), {"version": 1})
    assert removed.status_code == 404
    assert Rebuttal.objects.filter(pk=row.pk).exists()
    # Its own list is empty of the commune's rows.
    assert "Bài viết xuyên tạc" not in client.get(LIST).content.decode()


# --- the list, its print view and its file ----------------------------------------------------


def test_the_list_filters_and_totals_the_rows_selected(world: World) -> None:
    _record(world, world.cell_a, 1, comments=5, reported=True)
    _record(world, world.cell_b, 2, comments=7, platform=Rebuttal.Platform.ZALO)
    _record(world, world.cell_b, 25, comments=9, noted_on=_today() - timedelta(days=40))
    client = _client(world.office)
    page = client.get(LIST).context
    assert page["totals"] == {"posts": 3, "comments": 21, "reported": 1}
    zalo = client.get(LIST, {"nen_tang": "zalo"}).context
    assert [r.comments for r in zalo["page"].object_list] == [7]
    since = (_today() - timedelta(days=10)).strftime("%d/%m/%Y")
    recent = client.get(LIST, {"tu_ngay": since})
    assert recent.context["totals"] == {"posts": 2, "comments": 12, "reported": 1}
    assert f'value="{since}"' in recent.content.decode()
    cell = client.get(LIST, {"don_vi": world.cell_a.code}).context
    assert cell["totals"]["posts"] == 1


def test_edit_links_only_where_the_user_enters_data(world: World) -> None:
    mine = _record(world, world.cell_a, 1)
    theirs = _record(world, world.cell_b, 2)
    # Reporter of cell A and viewer of the commune: reads both, edits A's only.
    page = _client(world.mixed).get(LIST, {"don_vi": "tk"}).content.decode()
    assert reverse("opinion:rebuttal_edit", args=[mine.pk]) in page
    assert reverse("opinion:rebuttal_edit", args=[theirs.pk]) not in page
    assert 'rel="noopener noreferrer nofollow"' in page


def test_print_view_and_workbook_hold_the_rows(world: World) -> None:
    item = _item(world.cell_a, title="Tin phản bác luận điệu sai trái")
    _record(world, world.cell_a, 1, media_item=item, comments=0)
    _record(world, world.cell_b, 2)
    client = _client(world.office)
    printed = client.get(reverse("opinion:rebuttals_print"))
    text = printed.content.decode()
    assert printed.status_code == 200
    assert "Bài viết xuyên tạc số 1" in text and "Tin phản bác luận điệu sai trái" in text
    xlsx = client.get(reverse("opinion:rebuttals_xlsx"), {"nen_tang": "facebook"})
    assert xlsx.status_code == 200
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet is not None
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Bài viết xuyên tạc số 1" in cells and "Bài viết xuyên tạc số 2" in cells
    assert "Tin phản bác luận điệu sai trái" in cells and "Chi bộ thôn B" in cells


def test_list_queries_do_not_grow_with_rows(world: World) -> None:
    units = [world.cell_a, world.cell_b]
    items = [_item(world.cell_a, title="Tin A"), _item(world.cell_b, title="Tin B")]

    def count_queries() -> int:
        client = _client(world.mixed)
        client.get(LIST, {"don_vi": "tk"})  # warm the session
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST, {"don_vi": "tk"}).status_code == 200
        return len(ctx.captured_queries)

    def add(start: int, stop: int) -> None:
        for n in range(start, stop):
            _record(
                world, units[n % 2], n, media_item=items[n % 2], rebuttal_link=f"https://x.vn/{n}"
            )

    add(0, 3)
    few = count_queries()
    add(3, 30)
    assert count_queries() == few
