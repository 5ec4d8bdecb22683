"""The media pages: who sees what (another unit's item is a 404), who may enter (403)."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from trienkhai.conftest import World
from trienkhai.media.models import Banner, Channel, ExemptWeek, MediaItem, MediaTally, RuleSetting
from trienkhai.media.tests.conftest import Media, item, tally
from trienkhai.media.tests.factories import ChannelFactory
from trienkhai.media.weeks import week_of

pytestmark = pytest.mark.django_db

# A 1×1 PNG whose checksums hold: uploads are opened as images (core.files).
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\xdac\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xf7\x03AC\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def as_user(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client


def test_overview_for_office_reporter_and_outsider(client: Any, world: World, media: Media) -> None:
    item(world.commune, media.radio, timezone.localdate() - timedelta(days=7))
    html = as_user(client, world.office).get("/tuyen-truyen/").content.decode()
    assert "tối thiểu 02 tin, bài/tuần" in html and "Chuỗi đạt" in html
    assert "Đảng bộ xã Tân Kỳ" in html and "Chi bộ thôn A" in html
    # A reporter opens on its own chi bộ, and may not look at the commune's or chi bộ B's.
    response = as_user(client, world.reporter_a).get("/tuyen-truyen/")
    assert response.status_code == 200 and response.context["unit"] == world.cell_a
    assert client.get("/tuyen-truyen/", {"don_vi": "tk"}).status_code == 404
    assert client.get("/tuyen-truyen/", {"don_vi": "tk-cb-b"}).status_code == 404
    assert (
        as_user(client, world.outsider).get("/tuyen-truyen/", {"don_vi": "tk"}).status_code == 404
    )
    assert client.get("/tuyen-truyen/").status_code == 200  # the outsider's own commune
    # Another commune's plan is a 404 too.
    assert client.get("/tuyen-truyen/", {"ke_hoach": media.plan.pk}).status_code == 404


def test_item_detail_is_404_for_another_unit(client: Any, world: World, media: Media) -> None:
    mine = item(world.cell_a, media.radio, date(2026, 6, 2))
    url = f"/tuyen-truyen/tin-bai/{mine.pk}/"
    assert as_user(client, world.reporter_a).get(url).status_code == 200
    assert as_user(client, world.office).get(url).status_code == 200
    assert as_user(client, world.reporter_b).get(url).status_code == 404
    assert as_user(client, world.outsider).get(url).status_code == 404
    assert as_user(client, world.city_leader).get(url).status_code == 200
    # Visible, but the viewer may not change it.
    assert as_user(client, world.viewer).get(url + "sua/").status_code == 403
    assert client.post(url + "xoa/").status_code == 403
    assert as_user(client, world.reporter_b).post(url + "xoa/").status_code == 404
    assert as_user(client, world.reporter_a).post(url + "xoa/").status_code == 302
    assert not MediaItem.objects.filter(pk=mine.pk).exists()


def test_quick_entry_for_a_reporter(client: Any, world: World, media: Media) -> None:
    as_user(client, world.reporter_a)
    page = client.get("/tuyen-truyen/tin-bai/them/")
    assert page.status_code == 200
    form = page.context["form"]
    assert form["date"].value() == timezone.localdate()
    assert list(form.fields["unit"].queryset) == [world.cell_a]
    # Its own Zalo group and the commune's channels; never chi bộ B's group.
    channels = set(form.fields["channel"].queryset)
    assert media.zalo_a in channels and media.radio in channels and media.zalo_b not in channels
    response = client.post(
        "/tuyen-truyen/tin-bai/them/",
        {
            "unit": world.cell_a.pk,
            "date": timezone.localdate().strftime("%d/%m/%Y"),
            "channel": media.zalo_a.pk,
            "kind": "tin",
            "title": "Chi bộ học tập Chương trình 20",
            "file": SimpleUploadedFile("anh.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    saved = MediaItem.objects.get()
    assert saved.org_unit == world.cell_a and saved.created_by == world.reporter_a
    assert saved.file is not None and saved.file_readable_by(world.reporter_a)
    assert not saved.file_readable_by(world.reporter_b)
    assert client.get(f"/tep/{saved.file.pk}/").status_code == 200
    assert as_user(client, world.reporter_b).get(f"/tep/{saved.file.pk}/").status_code == 404
    # The next entry starts from the same unit and channel.
    page = as_user(client, world.reporter_a).get("/tuyen-truyen/tin-bai/them/")
    assert page.context["form"].initial["channel"] == media.zalo_a.pk
    # Chi bộ B is not a choice, nor is a future date.
    response = client.post(
        "/tuyen-truyen/tin-bai/them/",
        {
            "unit": world.cell_b.pk,
            "date": (timezone.localdate() + timedelta(days=2)).strftime("%d/%m/%Y"),
            "channel": media.radio.pk,
            "kind": "tin",
            "title": "Tin",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"unit", "date"}
    assert as_user(client, world.viewer).get("/tuyen-truyen/tin-bai/them/").status_code == 403


def test_item_list_filters_export_and_print(client: Any, world: World, media: Media) -> None:
    item(world.cell_a, media.radio, date(2026, 6, 2), "Chuyển đổi số ở thôn A")
    item(world.cell_b, media.website, date(2026, 6, 3), "Nông thôn mới thôn B")
    item(
        world.other_cell,
        ChannelFactory.create(org_unit=world.other_commune, kind="radio", name="Đài LM"),
        date(2026, 6, 3),
        "Lạc Môn",
    )
    as_user(client, world.office)
    html = client.get("/tuyen-truyen/tin-bai/").content.decode()
    assert "Chuyển đổi số ở thôn A" in html and "Nông thôn mới thôn B" in html
    assert "Lạc Môn" not in html
    html = client.get("/tuyen-truyen/tin-bai/", {"q": "chuyen doi so"}).content.decode()
    assert "Chuyển đổi số ở thôn A" in html and "Nông thôn mới thôn B" not in html
    html = client.get("/tuyen-truyen/tin-bai/", {"channel_kind": "website"}).content.decode()
    assert "Chuyển đổi số ở thôn A" not in html and "Nông thôn mới thôn B" in html
    response = client.get("/tuyen-truyen/tin-bai.xlsx", {"don_vi": "tk-cb-a"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    titles = [row[6] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert titles == ["Chuyển đổi số ở thôn A"]
    printed = client.get("/tuyen-truyen/tin-bai/in/").content.decode()
    assert "Nông thôn mới thôn B" in printed and "print-page" in printed
    assert (
        as_user(client, world.reporter_b)
        .get("/tuyen-truyen/tin-bai/", {"don_vi": "tk-cb-a"})
        .status_code
        == 404
    )


def test_overview_export_and_print(client: Any, world: World, media: Media) -> None:
    item(world.commune, media.radio, timezone.localdate() - timedelta(days=7))
    as_user(client, world.office)
    response = client.get("/tuyen-truyen/tong-hop.xlsx", {"tuan": 4})
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Kết quả", "Từng kỳ", "Theo tuần"]
    printed = client.get("/tuyen-truyen/in/", {"tuan": 4})
    html = printed.content.decode()
    assert "Tình hình thực hiện quy định tuyên truyền" in html and "Các kỳ chưa đạt" in html
    assert (
        as_user(client, world.outsider).get("/tuyen-truyen/in/", {"don_vi": "tk"}).status_code
        == 404
    )


def test_tallies_grid(client: Any, world: World, media: Media) -> None:
    this_week = week_of(timezone.localdate())
    last_week = week_of(timezone.localdate() - timedelta(days=7))
    tally(world.cell_a, media.zalo_a, timezone.localdate() - timedelta(days=7), 3)
    url = "/tuyen-truyen/so-luong/?don_vi=tk-cb-a"
    as_user(client, world.reporter_a)
    page = client.get(url)
    assert page.status_code == 200
    zalo = f"t-{media.zalo_a.pk}-{this_week[0]}-{this_week[1]}"
    old = f"t-{media.zalo_a.pk}-{last_week[0]}-{last_week[1]}"
    radio = f"t-{media.radio.pk}-{this_week[0]}-{this_week[1]}"
    assert f'name="{zalo}"' in page.content.decode()
    assert client.post(url, {zalo: "7", old: "", radio: "1"}).status_code == 302
    counts = {(t.channel_id, t.iso_week): t.count for t in MediaTally.objects.all()}
    assert counts == {(media.zalo_a.pk, this_week[1]): 7, (media.radio.pk, this_week[1]): 1}
    response = client.post(url, {zalo: "-2"})
    assert response.status_code == 200 and response.context["errors"]
    assert as_user(client, world.reporter_b).get(url).status_code == 404
    as_user(client, world.viewer)
    assert client.get(url).status_code == 200
    assert client.post(url, {zalo: "1"}).status_code == 403


def test_banners(client: Any, world: World, media: Media) -> None:
    as_user(client, world.reporter_a)
    response = client.post(
        "/tuyen-truyen/bang-ron/them/",
        {
            "unit": world.cell_a.pk,
            "kind": "bang_ron",
            "place": "Nhà văn hóa thôn A",
            "content": "Quyết tâm thực hiện thắng lợi",
            "count": "2",
            "date_from": "01/06/2026",
            "date_to": "30/06/2026",
            "photo_file": SimpleUploadedFile("anh.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    banner = Banner.objects.get()
    assert banner.count == 2 and banner.photo is not None
    assert "Nhà văn hóa thôn A" in client.get("/tuyen-truyen/bang-ron/").content.decode()
    response = client.post(
        f"/tuyen-truyen/bang-ron/{banner.pk}/sua/",
        {
            "kind": "pa_no",
            "place": "Ngã ba",
            "count": "1",
            "date_from": "01/06/2026",
            "date_to": "01/05/2026",
        },
    )
    assert (
        response.status_code == 200
        and "Ngày kết thúc phải sau ngày bắt đầu" in response.content.decode()
    )
    assert (
        as_user(client, world.reporter_b)
        .get(f"/tuyen-truyen/bang-ron/{banner.pk}/sua/")
        .status_code
        == 404
    )
    assert (
        as_user(client, world.viewer).get(f"/tuyen-truyen/bang-ron/{banner.pk}/sua/").status_code
        == 403
    )
    assert (
        as_user(client, world.office).post(f"/tuyen-truyen/bang-ron/{banner.pk}/xoa/").status_code
        == 302
    )
    assert not Banner.objects.exists()


def test_channels(client: Any, world: World, media: Media) -> None:
    as_user(client, world.reporter_a)
    html = client.get("/tuyen-truyen/kenh/").content.decode()
    assert "Nhóm Zalo chi bộ A" in html and "Đài truyền thanh xã" in html
    assert "Nhóm Zalo chi bộ B" not in html
    response = client.post(
        "/tuyen-truyen/kenh/", {"unit": world.cell_a.pk, "kind": "social", "name": "Fanpage thôn A"}
    )
    assert response.status_code == 302
    assert Channel.objects.filter(org_unit=world.cell_a, name="Fanpage thôn A").exists()
    # The commune's radio is seen but not switched off by a chi bộ.
    assert client.post(f"/tuyen-truyen/kenh/{media.radio.pk}/bat-tat/").status_code == 403
    assert client.post(f"/tuyen-truyen/kenh/{media.zalo_b.pk}/bat-tat/").status_code == 404
    assert client.post(f"/tuyen-truyen/kenh/{media.zalo_a.pk}/bat-tat/").status_code == 302
    assert not Channel.objects.get(pk=media.zalo_a.pk).active


def test_rule_settings_and_exempt_weeks(client: Any, world: World, media: Media) -> None:
    url = f"/tuyen-truyen/quy-dinh/{media.plan.pk}/"
    as_user(client, world.office)
    assert client.get(url).status_code == 200
    prefix = f"r{media.rule.pk}"
    response = client.post(
        url,
        {
            "rule": media.rule.pk,
            f"{prefix}-count_mode": "each",
            f"{prefix}-applies_to": "party_orgs",
            f"{prefix}-start": "01/06/2026",
        },
    )
    assert response.status_code == 302
    setting = RuleSetting.objects.get(rule=media.rule)
    assert (setting.count_mode, setting.applies_to, setting.start) == (
        "each",
        "party_orgs",
        date(2026, 6, 1),
    )
    assert (
        client.post(url, {"add_week": "1", "week": "2027-W06", "reason": "Tết"}).status_code == 302
    )
    exempt = ExemptWeek.objects.get()
    assert (exempt.iso_year, exempt.iso_week, exempt.week_start) == (2027, 6, date(2027, 2, 8))
    response = client.post(url, {"add_week": "1", "week": "10/2/2027", "reason": "Tết"})
    assert "đã có trong danh sách" in response.content.decode()
    assert (
        as_user(client, world.leader)
        .post(url, {"add_week": "1", "week": "2027-W07", "reason": "x"})
        .status_code
        == 403
    )
    assert client.post(f"/tuyen-truyen/tuan-khong-tinh/{exempt.pk}/xoa/").status_code == 403
    assert as_user(client, world.outsider).get(url).status_code == 404
    assert client.post(f"/tuyen-truyen/tuan-khong-tinh/{exempt.pk}/xoa/").status_code == 404
    assert (
        as_user(client, world.office)
        .post(f"/tuyen-truyen/tuan-khong-tinh/{exempt.pk}/xoa/")
        .status_code
        == 302
    )
    assert not ExemptWeek.objects.exists()


def test_an_edit_with_a_new_photo_is_one_change_in_the_log(
    client: Any, world: World, media: Media
) -> None:
    from auditlog.models import LogEntry

    banner = Banner.objects.create(
        org_unit=world.cell_a,
        kind="bang_ron",
        place="Nhà văn hóa",
        count=1,
        date_from=date(2026, 6, 1),
    )
    before = LogEntry.objects.get_for_object(banner).count()
    response = as_user(client, world.reporter_a).post(
        f"/tuyen-truyen/bang-ron/{banner.pk}/sua/",
        {
            "unit": world.cell_a.pk,
            "kind": "pa_no",
            "place": "Ngã ba thôn A",
            "count": "1",
            "date_from": "01/06/2026",
            "photo_file": SimpleUploadedFile("anh.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    banner.refresh_from_db()
    assert banner.photo is not None and banner.place == "Ngã ba thôn A"
    assert LogEntry.objects.get_for_object(banner).count() == before + 1
    # Another chi bộ cannot even find it.
    other = as_user(client, world.reporter_b).post(f"/tuyen-truyen/bang-ron/{banner.pk}/sua/", {})
    assert other.status_code == 404
