from __future__ import annotations

from typing import Any

import pytest

from trienkhai.conftest import World

pytestmark = pytest.mark.django_db


def test_home_names_own_unit_and_module_blocks(client: Any, world: World) -> None:
    client.force_login(world.office)
    html = client.get("/").content.decode()
    assert "Tình hình triển khai — Đảng bộ xã Tân Kỳ" in html
    for title in ("Nhiệm vụ", "Học tập, quán triệt", "Chỉ tiêu", "Tuyên truyền"):
        assert title in html


def test_home_of_another_commune_shows_nothing_of_this_one(client: Any, world: World) -> None:
    client.force_login(world.outsider)
    html = client.get("/").content.decode()
    assert "Lạc Môn" in html
    assert "Tân Kỳ" not in html and "Chi bộ thôn A" not in html


def test_home_query_count_is_bounded(
    client: Any, world: World, django_assert_max_num_queries: Any
) -> None:
    client.force_login(world.office)
    with django_assert_max_num_queries(30):
        assert client.get("/").status_code == 200
