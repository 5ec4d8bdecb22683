from __future__ import annotations

from typing import Any

import pytest

from trienkhai.accounts.models import Role
from trienkhai.accounts.tests.factories import UserFactory
from trienkhai.conftest import World
from trienkhai.dissemination.tests.conftest import headcount, make_plan, record
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

BLOCKS = ("Nhiệm vụ", "Học tập, quán triệt", "Chỉ tiêu", "Tuyên truyền")


def test_home_names_own_unit_and_module_blocks(client: Any, world: World) -> None:
    plan = make_plan(world.commune)
    client.force_login(world.office)
    html = client.get("/").content.decode()
    assert "Tình hình triển khai — Đảng bộ xã Tân Kỳ" in html
    assert plan.label in html
    for title in BLOCKS:
        assert title in html


def test_home_without_a_plan_says_so(client: Any, world: World) -> None:
    client.force_login(world.office)
    html = client.get("/").content.decode()
    assert "Chưa có kế hoạch nào đang thực hiện cho đơn vị." in html


def test_chi_bo_home_shows_its_coverage_under_the_plan(client: Any, world: World) -> None:
    plan = make_plan(world.commune)
    headcount(world.cell_a, 20)
    record(world.office, plan, world.cell_a, 20)
    client.force_login(world.reporter_a)
    html = client.get("/").content.decode()
    assert "Tình hình triển khai — Chi bộ thôn A" in html
    assert "20/20 đảng viên, đạt 100,00%" in html
    assert "Việc cần làm — Chi bộ thôn A" in html


def test_mttq_home_shows_its_figures_and_its_list(client: Any, world: World) -> None:
    plan = make_plan(world.commune)
    front = OrgUnitFactory.create(
        parent=world.commune, code="tk-mttq", kind=OrgUnit.Kind.FRONT, name="Ủy ban MTTQ xã"
    )
    user = UserFactory.create(username="mttq_xa", unit=front, role=Role.REPORTER)
    client.force_login(user)
    html = client.get("/").content.decode()
    assert "Tình hình triển khai — Ủy ban MTTQ xã" in html
    assert plan.label in html
    for title in BLOCKS:
        assert title in html
    # The front owns no threshold group: nothing to record, nothing of the cells.
    assert "Không có việc nào đến hạn hay còn thiếu." in html
    assert "Chi bộ thôn A" not in html


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
