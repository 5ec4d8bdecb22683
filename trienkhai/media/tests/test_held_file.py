"""A refused news item keeps the photo chosen for it: the reporter does not pick it again."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from trienkhai.conftest import World
from trienkhai.core.held_files import HELD_FIELD
from trienkhai.media.models import MediaItem
from trienkhai.media.tests.conftest import Media
from trienkhai.media.tests.test_duplicates import LINK, _create

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    return out.getvalue()


def test_the_photo_of_a_refused_item_is_kept_for_the_next_try(
    client: Any, world: World, media: Media
) -> None:
    _create(world, media, link=LINK)
    client.force_login(world.reporter_a)
    data = {
        "unit": world.cell_a.pk,
        "date": timezone.localdate().strftime("%d/%m/%Y"),
        "kind": MediaItem.Kind.TIN,
        "channel": media.radio.pk,
        "title": "Hội nghị quán triệt ở thôn Đông Tân",
        "link": LINK,
    }
    photo = SimpleUploadedFile("hoi-nghi.png", _png(), "image/png")
    response = client.post("/tuyen-truyen/tin-bai/them/", {**data, "file": photo})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đã giữ tệp đã chọn: hoi-nghi.png" in html
    token = response.context["form"].data[HELD_FIELD]
    assert f'value="{token}"' in html
    # The link corrected, the photo not chosen again: the item has it.
    fixed = {**data, "link": "https://www.tanky.vn/tin/thon-dong-tan/", HELD_FIELD: token}
    response = client.post("/tuyen-truyen/tin-bai/them/", fixed)
    assert response.status_code == 302
    item = MediaItem.objects.get(title="Hội nghị quán triệt ở thôn Đông Tân")
    assert item.file is not None and item.file.original_name == "hoi-nghi.png"
    # The other commune's office cannot use the token on its own entry page.
    client.force_login(world.outsider)
    assert client.get(f"/tuyen-truyen/tin-bai/{item.pk}/").status_code == 404
