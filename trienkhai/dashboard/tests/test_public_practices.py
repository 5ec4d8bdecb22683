"""The good practices on the public page: only what the office published, in its public
words, with the unit and the day; nothing internal, on the page and in its static copy."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trienkhai.accounts.models import User
from trienkhai.conftest import World
from trienkhai.core.dates import format_date_long
from trienkhai.opinion import services
from trienkhai.opinion.models import GoodPractice

pytestmark = pytest.mark.django_db

INTERNAL = "Tổ trưởng ghi sổ theo mã TK-MH-07 và báo cáo qua nhóm Zalo nội bộ."
REVIEW_NOTE = "Đồng ý công nhận; cần đối chiếu số hộ với UBND xã."


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def _proposed(world: World, unit_title: str = "Tổ tự quản thu gom rác thải nhựa") -> GoodPractice:
    return services.practice_propose(
        actor=world.reporter_a,
        unit=world.cell_a,
        data=services.PracticeInput(
            title=unit_title,
            field=GoodPractice.Field.ENVIRONMENT,
            description=INTERNAL,
            results="45/52 hộ tham gia; thu gom 1,2 tấn rác nhựa mỗi tháng.",
            commendation=True,
            commendation_reason="Đề nghị Đảng ủy xã tặng giấy khen.",
        ),
    )


def _recognised(world: World, title: str = "Tổ tự quản thu gom rác thải nhựa") -> GoodPractice:
    practice = _proposed(world, title)
    return services.practice_review(
        actor=world.office,
        practice=practice,
        version=practice.version,
        recognised=True,
        note=REVIEW_NOTE,
    )


def _published(world: World, n: int = 1) -> GoodPractice:
    practice = _recognised(world, f"Mô hình nội bộ số {n}")
    return services.practice_publish(
        actor=world.office,
        practice=practice,
        version=practice.version,
        public_title=f"Thôn A chung tay thu gom rác nhựa ({n})",
        public_summary=(
            "Mỗi sáng Chủ nhật, bà con thôn A cùng thu gom rác nhựa.\nĐã có 45 hộ tham gia."
        ),
    )


def _html(client: Client, code: str = "tk") -> str:
    cache.clear()
    response = client.get(f"/cong-khai/{code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_published_practice_in_public_words(
    client: Client, world: World
) -> None:
    practice = _published(world)
    html = _html(client)
    assert "Mô hình hay, cách làm hiệu quả" in html
    assert practice.public_title in html
    assert (
        "Mỗi sáng Chủ nhật, bà con thôn A cùng thu gom rác nhựa.<br>Đã có 45 hộ tham gia." in html
    )
    assert "Chi bộ thôn A" in html
    day = format_date_long(timezone.localtime(practice.published_at).date())
    assert day in html
    # The city's page shows the models of its whole tree.
    assert practice.public_title in _html(client, "hp")
    # Another commune's page does not.
    assert practice.public_title not in _html(client, "lm")


def test_nothing_internal_on_the_page(client: Client, world: World) -> None:
    practice = _published(world)
    html = _html(client)
    for text in (
        practice.title,
        INTERNAL,
        REVIEW_NOTE,
        practice.results,
        practice.commendation_reason,
        f"/mo-hinh-hay/{practice.pk}/",
    ):
        assert text not in html
    for user in User.objects.all():
        assert user.username not in html
        assert user.full_name not in html


def test_a_practice_not_published_is_not_shown(client: Client, world: World) -> None:
    recognised = _recognised(world, "Mô hình đã công nhận, chưa công khai")
    _proposed(world, "Mô hình mới đề xuất")
    html = _html(client)
    assert "Mô hình hay, cách làm hiệu quả" not in html
    assert recognised.title not in html and "Mô hình mới đề xuất" not in html


def test_a_practice_taken_down_leaves_the_page(client: Client, world: World) -> None:
    practice = _published(world)
    assert practice.public_title in _html(client)
    services.practice_unpublish(actor=world.office, practice=practice, version=practice.version)
    assert practice.public_title not in _html(client)


def _count(client: Client) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/cong-khai/tk/").status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_practices(client: Client, world: World) -> None:
    _published(world, 1)
    one = _count(client)
    for n in range(2, 12):
        _published(world, n)
    assert _count(client) == one


def test_the_static_copy_shows_them_too(tmp_path: Path, world: World) -> None:
    practice = _published(world)
    call_command("export_public", "--unit", "tk", "--out", str(tmp_path), stdout=io.StringIO())
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert practice.public_title in html and "Chi bộ thôn A" in html
    assert INTERNAL not in html and REVIEW_NOTE not in html
