"""The plan page, its filters, exports, and the city's split of a target."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from trienkhai.accounts.models import Role
from trienkhai.accounts.tests.factories import UserFactory
from trienkhai.conftest import World
from trienkhai.plans import selectors
from trienkhai.plans.models import Plan, Target
from trienkhai.plans.tests.factories import PlanFactory, ProgrammeFactory, TargetFactory

pytestmark = pytest.mark.django_db


def make_plan(world: World, own: int, reference: int) -> Plan:
    programme = ProgrammeFactory.create(org_unit=world.city)
    plan = PlanFactory.create(
        org_unit=world.commune, programme=programme, title="Kế hoạch thử", number=3
    )
    rows = [
        TargetFactory.build(
            plan=plan,
            ref=f"I.{n}-a",
            label=f"Chỉ tiêu riêng {n}",
            text="x",
            kind="share",
            value=Decimal(90),
            measure_unit="%",
            order=n,
        )
        for n in range(own)
    ] + [
        TargetFactory.build(
            programme=programme,
            ref=str(n + 1),
            label=f"Chỉ tiêu thành phố {n}",
            text="y",
            kind="level",
            comparator="=",
            value=Decimal(11247),
            measure_unit="USD/người",
            order=n,
        )
        for n in range(reference)
    ]
    for row in rows:
        row.refresh_search_text()
    Target.objects.bulk_create(rows)
    return plan


def page_queries(client: Any, plan: Plan) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("plans:detail", args=[plan.pk]))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_plan_page_query_count_does_not_grow_with_targets(client: Any, world: World) -> None:
    client.force_login(world.office)
    small = make_plan(world, own=10, reference=40)
    small_count = page_queries(client, small)
    big_programme = ProgrammeFactory.create(org_unit=world.city, number="21-CTr/TU")
    big = PlanFactory.create(
        org_unit=world.commune, programme=big_programme, title="Lớn", number=None
    )
    Target.objects.bulk_create(
        TargetFactory.build(
            plan=big if n % 2 else None,
            programme=None if n % 2 else big_programme,
            ref=str(n),
            label=f"CT {n}",
            text="z",
            kind="count",
            value=Decimal(n),
            order=n,
        )
        for n in range(500)
    )
    assert page_queries(client, big) == small_count


def test_targets_show_vietnamese_numbers_and_filter(client: Any, world: World) -> None:
    plan = make_plan(world, own=2, reference=3)
    client.force_login(world.reporter_a)
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "đạt 11.247 USD/người" in html and "từ 90 %" in html
    only_own = client.get(
        reverse("plans:detail", args=[plan.pk]), {"scope": "own"}
    ).content.decode()
    assert "Chỉ tiêu riêng 0" in only_own and "Chỉ tiêu thành phố" not in only_own


def test_search_ignores_diacritics_and_tone_placement(world: World) -> None:
    plan = make_plan(world, own=0, reference=0)
    target = TargetFactory.create(
        plan=plan,
        ref="1",
        label="Tỷ lệ hộ dân được hoà mạng",
        text="Tỷ lệ hộ dân được hoà mạng internet",
        kind="share",
        comparator="",
    )
    for query in ("hòa mạng", "hoa mang", "HOÀ MẠNG", "ty le"):
        assert list(selectors.plan_targets(plan=plan, q=query)) == [target]
    assert list(selectors.plan_targets(plan=plan, q="giao thông")) == []


def test_xlsx_export_and_print_view(client: Any, world: World) -> None:
    plan = make_plan(world, own=1, reference=2)
    client.force_login(world.reporter_a)
    response = client.get(reverse("plans:targets_xlsx", args=[plan.pk]))
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A3"].value == "Số TT" and ws.freeze_panes == "A4"
    values = [row[3] for row in ws.iter_rows(min_row=4, values_only=True)]
    assert 11247 in values
    page = client.get(reverse("plans:print", args=[plan.pk]))
    assert page.status_code == 200 and "print.css" in page.content.decode()
    client.force_login(world.outsider)
    assert client.get(reverse("plans:targets_xlsx", args=[plan.pk])).status_code == 404
    assert client.get(reverse("plans:print", args=[plan.pk])).status_code == 404


def test_city_splits_target_and_page_flags_inconsistency(client: Any, world: World) -> None:
    plan = make_plan(world, own=0, reference=1)
    target = Target.objects.get(programme=plan.programme)
    target.kind, target.measure_unit, target.value = "share", "%", Decimal(80)
    target.save()
    city_office = UserFactory.create(username="vp_thanh_uy", unit=world.city, role=Role.OFFICE)
    client.force_login(world.office)
    assert client.get(reverse("plans:target_split", args=[target.pk])).status_code == 403
    client.force_login(city_office)
    form = client.get(reverse("plans:target_split", args=[target.pk]))
    assert "Đảng bộ xã Lạc Môn" in form.content.decode()
    response = client.post(
        reverse("plans:target_split", args=[target.pk]),
        {
            "s-TOTAL_FORMS": "2",
            "s-INITIAL_FORMS": "2",
            "s-0-unit_id": world.commune.pk,
            "s-0-value": "90",
            "s-0-weight": "1",
            "s-1-unit_id": world.other_commune.pk,
            "s-1-value": "60,5",
            "s-1-weight": "1",
        },
    )
    assert response.status_code == 302
    assert sorted(c.value for c in target.children.all() if c.value is not None) == [
        Decimal("60.5"),
        Decimal(90),
    ]
    page = client.get(reverse("plans:target", args=[target.pk])).content.decode()
    assert "Bình quân gia quyền các đơn vị: 75,25" in page and "không đạt" in page
    # The commune reads its own part; another commune's office does not.
    own_part = target.children.get(org_unit=world.commune)
    client.force_login(world.reporter_a)
    assert client.get(reverse("plans:target", args=[own_part.pk])).status_code == 200
    client.force_login(world.outsider)
    assert client.get(reverse("plans:target", args=[own_part.pk])).status_code == 404


def test_split_check_sum_and_weighted_mean(world: World) -> None:
    parent = Target(
        kind="count", value=Decimal(100), measure_unit="doanh nghiệp", direction="increase"
    )
    kids = [
        Target(value=Decimal(60), weight=Decimal(1)),
        Target(value=Decimal(30), weight=Decimal(1)),
    ]
    check = selectors.split_check(target=parent, children=kids)
    assert check is not None and check.method == "sum" and check.aggregate == 90
    assert not check.consistent and "Tổng các đơn vị: 90" in check.message
    share = Target(kind="share", value=Decimal(80), measure_unit="%", direction="increase")
    kids = [
        Target(value=Decimal(90), weight=Decimal(3)),
        Target(value=Decimal(60), weight=Decimal(1)),
    ]
    check = selectors.split_check(target=share, children=kids)
    assert check is not None and check.method == "mean"
    assert check.aggregate == Decimal("82.5") and check.consistent
