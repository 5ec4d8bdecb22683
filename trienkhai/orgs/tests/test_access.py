"""Persona tests of the read scope and per-object rights (PRODUCT.md "Access")."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from trienkhai.accounts.permissions import Cap, has_cap
from trienkhai.conftest import World
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db


def get(client: Any, user: Any, url: str) -> Any:
    client.force_login(user)
    return client.get(url)


def detail(unit: OrgUnit) -> str:
    return reverse("orgs:detail", args=[unit.code])


def test_reporter_reads_own_cell_and_commune_but_not_other_cell(client: Any, world: World) -> None:
    assert get(client, world.reporter_a, detail(world.cell_a)).status_code == 200
    assert get(client, world.reporter_a, detail(world.commune)).status_code == 200
    assert get(client, world.reporter_a, detail(world.city)).status_code == 200
    assert get(client, world.reporter_a, detail(world.cell_b)).status_code == 404
    assert get(client, world.reporter_a, detail(world.ubnd)).status_code == 404
    assert get(client, world.reporter_a, detail(world.other_commune)).status_code == 404


def test_missing_unit_and_foreign_unit_look_the_same(client: Any, world: World) -> None:
    missing = get(client, world.reporter_a, "/don-vi/khong-co/")
    foreign = get(client, world.reporter_a, detail(world.cell_b))
    assert missing.status_code == foreign.status_code == 404


def test_office_sees_whole_commune_and_nothing_of_another(client: Any, world: World) -> None:
    visible = set(OrgUnit.objects.visible_to(world.office).values_list("code", flat=True))
    assert visible == {"hp", "tk", "tk-ubnd", "tk-cb-a", "tk-cb-b"}
    for unit in (world.commune, world.ubnd, world.cell_a, world.cell_b):
        assert get(client, world.office, detail(unit)).status_code == 200
    assert get(client, world.office, detail(world.other_cell)).status_code == 404


def test_tree_page_lists_exactly_the_scope(client: Any, world: World) -> None:
    html = get(client, world.reporter_a, reverse("orgs:tree")).content.decode()
    assert "Chi bộ thôn A" in html and "Đảng bộ xã Tân Kỳ" in html
    assert "Chi bộ thôn B" not in html and "Lạc Môn" not in html


def test_leader_sees_everything_but_cannot_change_units_or_memberships(
    client: Any, world: World
) -> None:
    for unit in (world.commune, world.cell_a, world.cell_b, world.ubnd):
        assert get(client, world.leader, detail(unit)).status_code == 200
    assert not has_cap(world.leader, Cap.ACCOUNTS_MANAGE, world.cell_a)
    assert not has_cap(world.leader, Cap.ORGS_MANAGE, world.commune)
    assert get(client, world.leader, reverse("orgs:create", args=["tk"])).status_code == 403
    response = client.post(reverse("orgs:update", args=["tk-cb-a"]), {"name": "Đổi tên"})
    assert response.status_code == 403
    assert OrgUnit.objects.get(code="tk-cb-a").name == "Chi bộ thôn A"


def test_roles_never_combine_across_memberships(world: World) -> None:
    # Reporter of A and viewer of the commune: may report for A only.
    assert has_cap(world.mixed, Cap.REPORTING_SUBMIT, world.cell_a)
    assert not has_cap(world.mixed, Cap.REPORTING_SUBMIT, world.cell_b)
    assert not has_cap(world.mixed, Cap.REPORTING_SUBMIT, world.commune)
    # ... yet reads B through the viewer membership on the commune.
    assert OrgUnit.objects.visible_to(world.mixed).filter(pk=world.cell_b.pk).exists()


def test_mixed_user_cannot_act_on_other_cell_through_ui(client: Any, world: World) -> None:
    client.force_login(world.mixed)
    assert client.get(detail(world.cell_b)).status_code == 200
    assert client.get(reverse("orgs:update", args=["tk-cb-b"])).status_code == 403


def test_city_leader_reads_all_communes(world: World) -> None:
    codes = set(OrgUnit.objects.visible_to(world.city_leader).values_list("code", flat=True))
    assert {"tk-cb-a", "tk-cb-b", "lm-cb-1"} <= codes


def test_deactivated_membership_and_user_lose_access(client: Any, world: World) -> None:
    world.reporter_a.memberships.update(is_active=False)
    assert get(client, world.reporter_a, detail(world.cell_a)).status_code == 404


def test_anonymous_is_sent_to_login(client: Any, world: World) -> None:
    response = client.get(detail(world.commune))
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")


def test_member_list_of_own_unit_not_of_ancestor(client: Any, world: World) -> None:
    own = get(client, world.reporter_a, reverse("orgs:members", args=["tk-cb-a"]))
    assert "bao_cao_a" in own.content.decode()
    commune = get(client, world.reporter_a, reverse("orgs:members", args=["tk"]))
    assert commune.status_code == 200
    assert "van_phong" not in commune.content.decode()
    assert get(client, world.outsider, reverse("orgs:members", args=["tk"])).status_code == 404


def test_unit_page_query_count_is_bounded(
    client: Any, world: World, django_assert_max_num_queries: Any
) -> None:
    for n in range(20):
        OrgUnitFactory.create(parent=world.commune, code=f"tk-x{n}", name=f"Chi bộ {n}")
    client.force_login(world.office)
    with django_assert_max_num_queries(12):
        assert client.get(detail(world.commune)).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("orgs:tree")).status_code == 200
