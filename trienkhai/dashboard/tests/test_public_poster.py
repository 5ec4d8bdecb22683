"""The printable poster of the public page and its QR code, served as an SVG file."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from trienkhai.conftest import World
from trienkhai.dashboard.public import POSTER_SIZE, qr_svg
from trienkhai.dashboard.tests.test_public import publish
from trienkhai.plans.models import Target
from trienkhai.plans.tests.factories import TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def test_poster_shows_the_top_targets_and_the_qr_image(client: Client, world: World) -> None:
    published = publish(world)
    response = client.get("/cong-khai/tk/ap-phich/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đảng bộ xã Tân Kỳ" in html
    assert published.plan.title in html
    assert "từ 95 triệu đồng" in html and "dưới 1,5%" in html
    assert "1.1" not in html
    assert '<img src="/cong-khai/tk/qr.svg"' in html
    assert "http://testserver/cong-khai/tk/" in html
    assert "pub-poster-a4" in html
    assert "<svg" not in html
    # Two targets of its own: the city's fill the rest of the poster.
    assert "Cùng thành phố phấn đấu" in html and "từ 13%/năm (phấn đấu 14%/năm)" in html


def test_poster_a3_and_a_bad_size(client: Client, world: World) -> None:
    publish(world)
    assert "pub-poster-a3" in client.get("/cong-khai/tk/ap-phich/?kho=a3").content.decode()
    assert "pub-poster-a4" in client.get("/cong-khai/tk/ap-phich/?kho=x").content.decode()


def test_poster_keeps_to_a_handful_of_targets(client: Client, world: World) -> None:
    published = publish(world)
    for i in range(POSTER_SIZE + 4):
        TargetFactory.create(
            plan=published.plan,
            org_unit=world.commune,
            ref=str(10 + i),
            label=f"Chỉ tiêu áp phích {i}",
            value=i + 1,
            order=10 + i,
            kind=Target.Kind.COUNT,
        )
    html = client.get("/cong-khai/tk/ap-phich/").content.decode()
    assert html.count('class="pub-sheet-figure"') == POSTER_SIZE
    assert "Cùng thành phố phấn đấu" not in html


def test_qr_is_an_svg_of_the_public_address(client: Client, world: World) -> None:
    response = client.get("/cong-khai/tk/qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    body = response.content
    assert b"<svg" in body and b"<script" not in body
    assert body == qr_svg("http://testserver/cong-khai/tk/")
    assert qr_svg("http://testserver/cong-khai/lm/") != body
