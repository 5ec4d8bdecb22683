"""The citizens' public target page: anonymous, committees only, nothing private, cached."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from html import unescape
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from trienkhai.accounts.models import User
from trienkhai.conftest import World
from trienkhai.monitoring.models import Observation
from trienkhai.monitoring.tests.factories import ObservationFactory
from trienkhai.plans.models import Plan, Programme, Target
from trienkhai.plans.tests.factories import PlanFactory, ProgrammeFactory, TargetFactory

pytestmark = pytest.mark.django_db


@dataclass
class Published:
    programme: Programme
    plan: Plan
    own: Target
    measured: Target
    city: Target
    cell_target: Target


def observe(
    t: Target, period: str, value: str, user: User | None = None, provisional: bool = True
) -> Observation:
    return ObservationFactory.create(
        target=t,
        period=period,
        value=Decimal(value),
        # The year running has only an estimate (số ước thực hiện), as in November.
        status=Observation.Status.PROVISIONAL if provisional else Observation.Status.OFFICIAL,
        entered_by=user,
    )


def publish(world: World) -> Published:
    """The city's programme, the commune's plan with a measured target, a cell's own plan."""
    target = TargetFactory.create
    programme = ProgrammeFactory.create(org_unit=world.city)
    plan = PlanFactory.create(
        org_unit=world.commune,
        programme=programme,
        title="Kế hoạch thực hiện Nghị quyết Đại hội Đảng bộ xã",
        created_by=world.office,
    )
    city = target(
        programme=programme,
        org_unit=world.city,
        scope=Target.Scope.REFERENCE,
        ref="1.1",
        label="Tăng trưởng GRDP",
        kind=Target.Kind.GROWTH_AVG,
        value=Decimal(13),
        stretch=Decimal(14),
        measure_unit="%/năm",
        target_year=2030,
    )
    own = target(
        plan=plan,
        org_unit=world.commune,
        ref="1",
        label="Thu nhập bình quân đầu người",
        value=Decimal(95),
        measure_unit="triệu đồng",
        target_year=2030,
        base_year=2025,
        base_value=Decimal(70),
        order=1,
    )
    measured = target(
        plan=plan,
        org_unit=world.commune,
        ref="2",
        label="Tỷ lệ hộ nghèo",
        comparator="<",
        value=Decimal("1.5"),
        measure_unit="%",
        direction=Target.Direction.DECREASE,
        target_year=2030,
        order=2,
    )
    observe(measured, "2025", "1.8", user=world.office, provisional=False)
    observe(measured, str(date.today().year), "1.2", user=world.office)
    cell_plan = PlanFactory.create(
        org_unit=world.cell_a, title="Kế hoạch của chi bộ A", number=None
    )
    cell_target = target(
        plan=cell_plan,
        org_unit=world.cell_a,
        ref="1",
        label="Đảng viên sinh hoạt đầy đủ riêng chi bộ",
        value=Decimal(97),
        measure_unit="%",
    )
    return Published(programme, plan, own, measured, city, cell_target)


def plain_text(html: str) -> str:
    """What a reader sees: the page's words without the markup and the extra spaces."""
    body = re.sub(r"<(head|script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", body))
    return re.sub(r" ([.;,])", r"\1", re.sub(r"\s+", " ", text)).strip()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # The pages are cached for five minutes; each test starts from an empty cache.
    cache.clear()


def test_anonymous_reads_the_commune_page(client: Client, world: World) -> None:
    published = publish(world)
    response = client.get("/cong-khai/tk/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đảng bộ xã Tân Kỳ" in html
    assert "Kế hoạch thực hiện Nghị quyết Đại hội Đảng bộ xã" in html
    # The figures as offices write them.
    assert "Thu nhập bình quân đầu người" in html and "từ 95 triệu đồng" in html
    assert "Tỷ lệ hộ nghèo" in html and "dưới 1,5%" in html
    # Each target's progress as one sentence a citizen reads, the status in its words.
    year = date.today().year
    text = plain_text(html)
    assert f"Năm {year} còn 1,2% (số sơ bộ); mục tiêu năm 2030: dưới 1,5%; đã đạt mục tiêu." in text
    assert "Chưa có số liệu; mục tiêu năm 2030: từ 95 triệu đồng." in text
    assert "Đạt và vượt 1/2 chỉ tiêu" in text
    # The city's targets the plan propagates: the aim only, the city monitors them.
    assert "Chỉ tiêu của thành phố" in html
    assert f"{published.city.label} Mục tiêu năm 2030: từ 13%/năm (phấn đấu 14%/năm)." in text


def test_no_internal_codes_on_the_page(client: Client, world: World) -> None:
    publish(world)
    text = plain_text(client.get("/cong-khai/tk/").content.decode())
    # Neither the plan's numbering, nor a unit's code, nor a status key, nor "15 %".
    assert "1.1" not in text and " tk " not in f" {text} " and "tk-cb-a" not in text
    for key in ("achieved", "on_track", "no_data", "not_due", "growth_avg"):
        assert key not in text
    assert not re.search(r"\d %", text)


def test_city_page_shows_its_programme_targets(client: Client, world: World) -> None:
    publish(world)
    html = client.get("/cong-khai/hp/").content.decode()
    assert "Đảng bộ thành phố Hải Phòng" in html
    assert "Chương trình 20-CTr/TU" in html
    assert "từ 13%/năm (phấn đấu 14%/năm)" in html
    # Its own targets are listed once, not again as "the city's targets".
    assert "Chỉ tiêu của thành phố" not in html
    assert "Thu nhập bình quân đầu người" not in html


@pytest.mark.parametrize("code", ["tk-cb-a", "tk-ubnd", "lm-cb-1", "khong-co-don-vi"])
def test_other_kinds_and_unknown_codes_are_404(client: Client, world: World, code: str) -> None:
    publish(world)
    assert client.get(f"/cong-khai/{code}/").status_code == 404
    assert client.get(f"/cong-khai/{code}/ap-phich/").status_code == 404
    assert client.get(f"/cong-khai/{code}/qr.svg").status_code == 404


def test_closed_unit_is_404(client: Client, world: World) -> None:
    world.other_commune.valid_to = date.today() - timedelta(days=30)
    world.other_commune.save(update_fields=["valid_to"])
    assert client.get("/cong-khai/lm/").status_code == 404
    assert client.get("/cong-khai/tk/").status_code == 200


def test_public_page_is_not_at_the_root(client: Client, world: World) -> None:
    # The root stays the logged-in home page.
    assert client.get("/").status_code == 302


def test_nothing_private_on_the_page(client: Client, world: World) -> None:
    published = publish(world)
    html = client.get("/cong-khai/tk/").content.decode()
    for user in User.objects.all():
        assert user.username not in html
        assert user.full_name not in html
    # No per-cell figures, no tasks, no link into the app.
    assert published.cell_target.label not in html
    assert "Chi bộ thôn A" not in html
    assert "/nhiem-vu/" not in html and "/tai-khoan/" not in html and "/so-lieu/" not in html


def _assert_strict(response: Any) -> None:
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    html = response.content.decode()
    assert "<style" not in html
    assert not re.search(r"\sstyle\s*=", html)
    assert not re.search(r"\son[a-z]+\s*=", html)
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag
    assert not re.search(r"<script[^>]*>[^<\s]", html)


def test_csp_is_strict_and_html_has_no_inline_code(client: Client, world: World) -> None:
    publish(world)
    _assert_strict(client.get("/cong-khai/tk/"))
    _assert_strict(client.get("/cong-khai/tk/ap-phich/"))


def test_page_is_cached(client: Client, world: World) -> None:
    publish(world)
    assert client.get("/cong-khai/tk/").status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/cong-khai/tk/")
    assert response.status_code == 200
    assert len(ctx.captured_queries) == 0
    assert "max-age=300" in response["Cache-Control"]


def test_only_reads(client: Client, world: World) -> None:
    assert client.post("/cong-khai/tk/").status_code == 405


def _many(world: World, n: int) -> None:
    plan = PlanFactory.create(org_unit=world.commune, title=f"Kế hoạch {n}", number=None)
    targets = Target.objects.bulk_create(
        TargetFactory.build(
            plan=plan,
            ref=str(i + 1),
            label=f"Chỉ tiêu số {i + 1}",
            value=Decimal(100 + i),
            measure_unit="%",
            order=i,
        )
        for i in range(n)
    )
    for t in targets:
        observe(t, str(date.today().year), str(90 + t.order % 20))


def _count(client: Client) -> tuple[int, str]:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/cong-khai/tk/")
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_query_count_is_the_same_for_10_and_200_targets(client: Client, world: World) -> None:
    _many(world, 10)
    small, html = _count(client)
    assert html.count('class="pub-row"') == 10
    Plan.objects.filter(org_unit=world.commune).delete()
    _many(world, 200)
    large, html = _count(client)
    assert html.count('class="pub-row"') == 200
    assert small == large
    assert large <= 8


def test_a_withdrawn_plan_and_its_targets_are_not_shown(client: Client, world: World) -> None:
    published = publish(world)
    mistake = PlanFactory.create(
        org_unit=world.commune, title="Kế hoạch nhập nhầm", state=Plan.State.WITHDRAWN
    )
    TargetFactory.create(plan=mistake, org_unit=world.commune, label="Chỉ tiêu nhập nhầm")
    text = plain_text(client.get("/cong-khai/tk/").content.decode())
    assert published.own.label in text
    assert "Kế hoạch nhập nhầm" not in text and "Chỉ tiêu nhập nhầm" not in text
