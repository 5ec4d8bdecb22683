"""The city leader's tables of communes: each row is what the commune's own page says, and a
table of 30 communes runs the queries of a table of 3."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trienkhai.accounts.models import Role, User
from trienkhai.accounts.tests.factories import UserFactory
from trienkhai.conftest import World
from trienkhai.demo.city import CITY_CODE, make_city
from trienkhai.monitoring.assessment import Status
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

MODULES = ("nhiem-vu", "quan-triet", "tuyen-truyen", "chi-tieu")


@pytest.fixture
def city() -> tuple[OrgUnit, User]:
    unit = OrgUnitFactory.create(
        code=CITY_CODE, kind=OrgUnit.Kind.CITY_COMMITTEE, name="Đảng bộ thành phố Hải Phòng"
    )
    return unit, UserFactory.create(username="thanh_uy_hp", unit=unit, role=Role.LEADER)


def _table(client: Any, module: str, **params: str) -> Any:
    response = client.get(reverse("dashboard:communes", args=[module]), params)
    assert response.status_code == 200
    return response


def _rows(response: Any) -> dict[str, Any]:
    return {row.commune.code: row for row, _cells in response.context["rows"]}


def test_each_row_is_what_the_communes_own_page_says(client: Any, city: Any) -> None:
    _root, leader = city
    make_city(committees=4, cells=3, years=1)
    client.force_login(leader)
    tasks = _rows(_table(client, "nhiem-vu"))
    coverage = _rows(_table(client, "quan-triet"))
    media = _rows(_table(client, "tuyen-truyen"))
    targets = _rows(_table(client, "chi-tieu"))
    assert len(tasks) == 4
    for code, row in tasks.items():
        # The row's link is the commune's own page: the matrix of its plan, its subtree.
        assert row.url.startswith("/nhiem-vu/ma-tran/?") and f"don_vi={code}" in row.url
        totals = client.get(row.url).context["matrix"].totals
        assert row.cells["tong"].value == totals.total > 0
        assert row.cells["hoan_thanh"].value == totals.done
        assert row.cells["qua_han"].value == totals.overdue
        assert row.cells["den_han"].value == totals.due_total
    for code, row in coverage.items():
        board = client.get(row.url).context
        assert board["root"].code == code
        for total in board["totals"]:
            group = total.threshold.group
            assert row.cells[group].value == total.coverage.percent is not None
    for code, row in media.items():
        rules = client.get(row.url).context["rules"]
        evaluation = next(r for r in rules[0].rows if r.is_root).evaluation
        assert row.cells["dat"].value == evaluation.met
        assert row.cells["dat"].text.endswith(f"/{len(evaluation.judged)}")
        assert f"don_vi={code}" in row.url
    for code, row in targets.items():
        progress = client.get(row.url).context["progress"]
        assert progress.unit.code == code
        counts = {s: sum(d.tally.counts[s] for d in progress.documents) for s in Status}
        assert row.cells["tong"].value == sum(counts.values()) == 1
        assert row.cells["dat"].value == counts[Status.ACHIEVED]
        assert row.cells["chua_co_so_lieu"].value == counts[Status.NO_DATA]


def _queries(client: Any, module: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        _table(client, module)
    return len(queries.captured_queries)


def test_thirty_communes_run_the_queries_of_three(client: Any, city: Any) -> None:
    _root, leader = city
    client.force_login(leader)
    make_city(committees=3, cells=2, years=1)
    few = {m: _queries(client, m) for m in MODULES}
    make_city(committees=30, cells=2, years=1)
    many = {m: _queries(client, m) for m in MODULES}
    assert len(_rows(_table(client, "nhiem-vu"))) == 30
    assert few == many


def test_rows_sort_by_a_figure_and_a_commune_without_a_plan_says_so(client: Any, city: Any) -> None:
    root, leader = city
    make_city(committees=3, cells=2, years=1)
    OrgUnitFactory.create(
        parent=root, code="xa-moi", kind=OrgUnit.Kind.COMMUNE_COMMITTEE, name="Đảng bộ xã Mới"
    )
    client.force_login(leader)
    response = _table(client, "nhiem-vu", sort="-ti_le")
    rows = [row for row, _cells in response.context["rows"]]
    shares = [r.cells["ti_le"].value for r in rows if r.plan is not None]
    assert shares == sorted(shares, reverse=True)
    # A commune with no plan in force is listed last, and said to have none.
    assert rows[-1].commune.code == "xa-moi" and rows[-1].plan is None
    assert "Chưa có kế hoạch" in response.content.decode()


def test_a_commune_user_has_no_such_table(client: Any, world: World) -> None:
    client.force_login(world.office)
    for module in MODULES:
        assert client.get(reverse("dashboard:communes", args=[module])).status_code == 404
    # Another level named in the query is outside the user's subtrees: 404 too.
    client.force_login(world.outsider)
    url = reverse("dashboard:communes", args=["nhiem-vu"])
    assert client.get(url, {"don_vi": world.city.code}).status_code == 404
    client.force_login(world.city_leader)
    assert client.get(url).status_code == 200
    assert client.get(reverse("dashboard:communes", args=["khac"])).status_code == 404


def test_the_city_home_shows_each_communes_figures(client: Any, city: Any) -> None:
    _root, leader = city
    client.force_login(leader)
    make_city(committees=3, cells=2, years=1)
    with CaptureQueriesContext(connection) as few:
        home = client.get(reverse("home"))
    rows = {row.commune.code: row for row in home.context["communes"]}
    tasks = _rows(_table(client, "nhiem-vu"))
    assert set(rows) == set(tasks)
    for code, row in rows.items():
        share, _url = row.cells[0]
        assert share is not None and share.value == tasks[code].cells["ti_le"].value
        assert f'data-commune="{code}"' in home.content.decode()
    make_city(committees=30, cells=2, years=1)
    with CaptureQueriesContext(connection) as many:
        home = client.get(reverse("home"))
    assert len(home.context["communes"]) == 30
    assert len(few.captured_queries) == len(many.captured_queries)


def test_a_commune_home_has_no_table_of_communes(client: Any, world: World) -> None:
    client.force_login(world.leader)
    assert client.get(reverse("home")).context["communes"] == []
