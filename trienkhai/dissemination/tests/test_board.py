"""The board, the below-threshold list, print view and XLSX export; scoping of each."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook

from trienkhai.conftest import World
from trienkhai.dissemination.models import StudySession
from trienkhai.dissemination.tests.conftest import KEY, PARTY, UNION, headcount, raw_session
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.models import Plan

Kind = StudySession.Kind


def setup_data(world: World, plan: Plan, mass_org: OrgUnit) -> None:
    headcount(world.commune, 20, group=KEY)
    raw_session(plan, world.commune, 20, day=date(2026, 5, 20), kind=Kind.MAIN, group=KEY)
    headcount(world.cell_a, 100)
    raw_session(plan, world.cell_a, 95, day=date(2026, 6, 1), kind=Kind.MAIN)  # 95,0%: amber
    headcount(world.cell_b, 50)
    raw_session(plan, world.cell_b, 50, day=date(2026, 6, 2), kind=Kind.MAIN)
    raw_session(plan, world.cell_b, 12, day=date(2026, 6, 9), kind=Kind.OTHER)
    headcount(mass_org, 200, group=UNION)
    raw_session(plan, mass_org, 150, day=date(2026, 6, 3), kind=Kind.MAIN, group=UNION)


def get(client: Any, user: Any, name: str, **query: Any) -> Any:
    client.force_login(user)
    return client.get(reverse(f"dissemination:{name}"), query)


def test_board_shows_totals_units_and_verdicts(
    client: Any, world: World, plan: Plan, mass_org: OrgUnit
) -> None:
    setup_data(world, plan, mass_org)
    response = get(client, world.office, "board")
    assert response.status_code == 200
    html = response.content.decode()
    assert "20/20 cán bộ chủ chốt, đạt 100,00%" in html
    assert "145/150 đảng viên, đạt 96,67%" in html
    assert "150/200 đoàn viên, hội viên, đạt 75,00%" in html
    assert "Tính đến ngày 30/06/2026" in html
    totals = {t.threshold.group: t for t in response.context["totals"]}
    assert totals[KEY].met is True and totals[PARTY].met is True and totals[UNION].met is False
    rows = {r.unit.code: r for r in response.context["rows"]}
    assert set(rows) == {"tk", "tk-cb-a", "tk-cb-b", "tk-doan"}
    assert rows["tk-cb-a"].owned_cells[0].status.css == "status-amber"
    assert rows["tk-cb-b"].owned_cells[0].status.css == "status-green"
    assert rows["tk-cb-b"].other_sessions == 1
    assert 'class="num dsm-cell status-amber"' in html
    # MTTQ holds the mass organisation: it shows as a part of the commune.
    parts = {unit.code: totals for unit, totals in response.context["parts"]}
    assert "tk-mttq" in parts


def test_board_sorts_on_the_server(
    client: Any, world: World, plan: Plan, mass_org: OrgUnit
) -> None:
    setup_data(world, plan, mass_org)
    lowest_first = get(client, world.office, "board", sort=PARTY).context["rows"]
    assert [r.unit.code for r in lowest_first][:2] == ["tk-cb-a", "tk-cb-b"]
    highest_first = get(client, world.office, "board", sort=f"-{PARTY}").context["rows"]
    assert [r.unit.code for r in highest_first][:2] == ["tk-cb-b", "tk-cb-a"]
    by_name = get(client, world.office, "board", sort="-ten").context["rows"]
    names = [r.unit.name for r in by_name]
    assert names == sorted(names, reverse=True)
    html = get(client, world.office, "board", sort=PARTY).content.decode()
    assert f"sort=-{PARTY}" in html  # the header link toggles


def test_subtree_filter_and_scoping(
    client: Any, world: World, plan: Plan, mass_org: OrgUnit
) -> None:
    setup_data(world, plan, mass_org)
    response = get(client, world.office, "board", don_vi="tk-cb-a")
    assert [r.unit.code for r in response.context["rows"]] == ["tk-cb-a"]
    # A cell reporter sees its own cell, not its sibling's, and no other group.
    response = get(client, world.reporter_a, "board")
    assert [r.unit.code for r in response.context["rows"]] == ["tk-cb-a"]
    assert [t.group for t in response.context["thresholds"]] == [PARTY]
    assert "Chi bộ thôn B" not in response.content.decode()
    assert get(client, world.reporter_a, "board", don_vi="tk-cb-b").status_code == 404
    assert get(client, world.reporter_a, "board", don_vi="tk").status_code == 404
    # An outsider: the plan is a 404; without one, a page saying there is none.
    assert get(client, world.outsider, "board", ke_hoach=plan.pk).status_code == 404
    response = get(client, world.outsider, "board")
    assert response.status_code == 200 and "Chưa có kế hoạch nào" in response.content.decode()
    assert get(client, world.office, "board", ke_hoach="abc").status_code == 404
    # The city sees the commune's board read-only.
    response = get(client, world.city_leader, "board")
    assert response.status_code == 200 and not response.context["can_enter"]


def test_below_threshold_list_with_days_left(
    client: Any, world: World, plan: Plan, mass_org: OrgUnit
) -> None:
    setup_data(world, plan, mass_org)
    response = get(client, world.office, "below")
    sections = {t.group: rows for t, rows in response.context["sections"]}
    assert [row.unit.code for row, _cell in sections[PARTY]] == ["tk-cb-a"]
    assert [row.unit.code for row, _cell in sections[UNION]] == ["tk-doan"]
    assert sections[KEY] == []
    (_row, cell) = sections[PARTY][0]
    assert cell.shortfall == 1  # 96 of 100 needed for "trên 95%"
    html = response.content.decode()
    assert "Mọi đơn vị đều đã đạt chỉ tiêu này." in html
    days = response.context["days_left"]
    assert days == (date(2026, 6, 30) - response.context["view"].today).days
    assert ("còn" in html) if days >= 0 else ("quá hạn" in html)


def test_print_view_and_xlsx_export(
    client: Any, world: World, plan: Plan, mass_org: OrgUnit
) -> None:
    setup_data(world, plan, mass_org)
    response = get(client, world.office, "board_print")
    html = response.content.decode()
    assert response.status_code == 200
    assert "print-page" in html and "145/150 đảng viên, đạt 96,67%" in html
    response = get(client, world.office, "board_xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    summary = workbook["Tổng hợp"]
    values = [[c.value for c in row] for row in summary.iter_rows(min_row=4, max_row=6)]
    assert values[1][:5] == ["Đảng viên", "trên 95%", 145, 150, 0.9667]
    assert values[1][5] == "Đạt" and values[2][5] == "Chưa đạt"
    units = workbook["Theo đơn vị"]
    codes = [row[0].value for row in units.iter_rows(min_row=4)]
    assert codes == ["tk", "tk-cb-a", "tk-cb-b", "tk-doan"]
    assert get(client, world.outsider, "board_xlsx", ke_hoach=plan.pk).status_code == 404
    assert get(client, world.outsider, "board_print", ke_hoach=plan.pk).status_code == 404


def test_session_pages_are_scoped(client: Any, world: World, plan: Plan) -> None:
    a = raw_session(plan, world.cell_a, 5, day=date(2026, 6, 1), kind=Kind.MAIN)
    b = raw_session(plan, world.cell_b, 7, day=date(2026, 6, 1), kind=Kind.MAIN)
    response = get(client, world.reporter_a, "session_list")
    listed = [s.pk for s in response.context["page"].object_list]
    assert listed == [a.pk]
    client.force_login(world.reporter_a)
    assert client.get(reverse("dissemination:session_detail", args=[a.pk])).status_code == 200
    assert client.get(reverse("dissemination:session_detail", args=[b.pk])).status_code == 404
    create_b = reverse("dissemination:session_create", args=["tk-cb-b"])
    assert client.get(create_b).status_code == 404
    client.force_login(world.viewer)
    assert client.get(reverse("dissemination:session_detail", args=[b.pk])).status_code == 200
    assert client.get(create_b).status_code == 403
    client.force_login(world.outsider)
    assert client.get(reverse("dissemination:session_detail", args=[a.pk])).status_code == 404
    assert client.get(create_b).status_code == 404
    # Choosing a unit: a reporter goes straight to its form; the office picks.
    response = get(client, world.reporter_a, "session_choose")
    assert response.status_code == 302 and "/buoi-hoc/ghi/tk-cb-a/" in response["Location"]
    response = get(client, world.office, "session_choose")
    assert [u.code for u in response.context["units"]] == ["tk", "tk-cb-a", "tk-cb-b"]
    assert get(client, world.viewer, "session_choose").status_code == 403


def test_headcount_entry(client: Any, world: World, plan: Plan) -> None:
    headcount(world.cell_a, 40)
    client.force_login(world.reporter_a)
    url = reverse("dissemination:headcount_edit", args=["tk-cb-a"])
    response = client.post(url, {"group": PARTY, "as_of": "2026-06-01", "count": "43", "note": ""})
    assert response.status_code == 302
    assert list(world.cell_a.headcounts.order_by("as_of").values_list("count", flat=True)) == [
        40,
        43,
    ]
    response = client.post(url, {"group": PARTY, "as_of": "2026-06-02", "count": "-1"})
    assert response.context["form"].errors["count"] == ["Sĩ số không được là số âm."]
    response = client.post(url, {"group": KEY, "as_of": "2026-06-02", "count": "5"})
    assert "group" in response.context["form"].errors  # a cell has no key-cadre headcount
    other = reverse("dissemination:headcount_edit", args=["tk-cb-b"])
    assert client.get(other).status_code == 404
    client.force_login(world.viewer)
    assert client.get(other).status_code == 200
    assert (
        client.post(other, {"group": PARTY, "as_of": "2026-06-01", "count": "3"}).status_code == 403
    )
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    response = get(client, world.office, "headcounts")
    assert response.status_code == 200
    assert "43" in response.content.decode()


def test_unit_tree_three_levels_on_the_board(client: Any, world: World, plan: Plan) -> None:
    dbbp = OrgUnitFactory.create(
        parent=world.commune,
        code="tk-dbbp",
        kind=OrgUnit.Kind.PARTY_SUBCOMMITTEE,
        name="Đảng bộ bộ phận",
    )
    cell = OrgUnitFactory.create(parent=dbbp, code="tk-dbbp-1", name="Chi bộ phân xưởng 1")
    headcount(cell, 10)
    raw_session(plan, cell, 9, day=date(2026, 6, 1), kind=Kind.MAIN)
    headcount(world.cell_a, 10)
    raw_session(plan, world.cell_a, 10, day=date(2026, 6, 1), kind=Kind.MAIN)
    response = get(client, world.office, "board")
    parts = {unit.code: totals for unit, totals in response.context["parts"]}
    party = next(t for t in parts["tk-dbbp"] if t.threshold.group == PARTY)
    assert (party.coverage.numerator, party.coverage.denominator) == (9, 10)
    total = next(t for t in response.context["totals"] if t.threshold.group == PARTY)
    assert total.text == "19/20 đảng viên, đạt 95,00%"
    assert total.met is False  # 95,0% is not "trên 95%"
    response = get(client, world.office, "board", don_vi="tk-dbbp")
    assert [r.unit.code for r in response.context["rows"]] == ["tk-dbbp-1"]


def test_a_main_session_after_the_evaluation_day_is_not_shown_as_held(
    client: Any, world: World, plan: Plan
) -> None:
    # Held after the deadline (30/06): not counted, so the board must not show it as done.
    headcount(world.cell_a, 40)
    raw_session(plan, world.cell_a, 38, day=date(2026, 7, 10), kind=Kind.MAIN)
    response = get(client, world.office, "board", ke_hoach=plan.pk)
    [row] = [r for r in response.context["rows"] if r.unit == world.cell_a]
    assert not row.held and row.late_main_date == date(2026, 7, 10)
    assert row.owned_cells[0].coverage.numerator == 0
    assert "10/07/2026, sau ngày đánh giá: chưa tính" in response.content.decode()
