"""Outreach to the audiences without a headcount: the phone form, its rules under their
fields, the list, another unit's 404, the totals on the board and in the summary report."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.core.periods import parse_period
from trienkhai.dissemination import selectors
from trienkhai.dissemination.models import Outreach
from trienkhai.dissemination.outreach import OutreachData, outreach_create
from trienkhai.dissemination.summary import study_summary
from trienkhai.dissemination.tests.test_summary import texts
from trienkhai.documents.summary import SummaryScope
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan

A, M, R = Outreach.Audience, Outreach.Method, Outreach.ReachUnit


def reach(
    world: World,
    plan: Plan,
    unit: OrgUnit,
    number: int,
    *,
    audience: str = A.PUBLIC,
    method: str = M.VILLAGE_MEETING,
    reach_unit: str = R.PEOPLE,
    day: date = date(2026, 6, 10),
) -> Outreach:
    data = OutreachData(
        audience=audience, method=method, date=day, reached=number, reach_unit=reach_unit
    )
    return outreach_create(actor=world.office, plan=plan, unit=unit, data=data)


def form_url(plan: Plan) -> str:
    return reverse("dissemination:outreach_create") + f"?ke_hoach={plan.pk}"


def list_url(plan: Plan, code: str = "") -> str:
    url = reverse("dissemination:outreach_list") + f"?ke_hoach={plan.pk}"
    return url + (f"&don_vi={code}" if code else "")


TYPED = {
    "audience": A.COMMUNITY_LEADERS,
    "method": M.ZALO,
    "date": "2026-06-12",
    "reached": "14",
    "reach_unit": R.PEOPLE,
    "note": "Nhóm Zalo người có uy tín thôn A",
}


def test_cell_records_outreach_on_the_phone_form(client: Any, world: World, plan: Plan) -> None:
    from auditlog.models import LogEntry

    client.force_login(world.reporter_a)
    page = client.get(form_url(plan))
    assert page.status_code == 200
    form = page.context["form"]
    assert len(form.fields) <= 8
    # One unit to record for: nothing to choose, its name is shown.
    html = page.content.decode()
    assert 'type="hidden" name="unit" value="tk-cb-a"' in html
    assert "Chi bộ thôn A" in html and 'inputmode="numeric"' in html
    response = client.post(form_url(plan), {"unit": "tk-cb-a", **TYPED})
    assert response.status_code == 302
    saved = Outreach.objects.get()
    assert (saved.org_unit, saved.reached, saved.created_by) == (world.cell_a, 14, world.reporter_a)
    entry = LogEntry.objects.get(additional_data__action="dissemination.outreach.created")
    assert entry.additional_data["org_unit_path"] == world.cell_a.path
    assert entry.changes_text.endswith("(nhóm Zalo): 14 người")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("reached", "-3", "Số được tuyên truyền không được là số âm."),
        ("reached", "0", "Cần ít nhất 1 người hoặc 1 hộ được tuyên truyền."),
        ("date", "2026-04-01", "Ngày 01/04/2026 nằm ngoài thời gian thực hiện kế hoạch "
         "(từ ngày 12/05/2026 đến ngày 31/12/2030)."),
    ],
)  # fmt: skip
def test_refused_input_is_shown_under_its_field_and_kept(
    client: Any, world: World, plan: Plan, field: str, value: str, message: str
) -> None:
    client.force_login(world.reporter_a)
    response = client.post(form_url(plan), {"unit": "tk-cb-a", **TYPED, field: value})
    assert response.status_code == 200
    form = response.context["form"]
    assert [str(e) for e in form.errors[field]] == [message]
    assert form["note"].value() == TYPED["note"] and form[field].value() == value
    assert not Outreach.objects.exists()


def test_rules_and_rights_in_the_service(world: World, plan: Plan) -> None:
    from django.utils import timezone

    with pytest.raises(DomainError) as exc:
        reach(world, plan, world.cell_a, -1)
    assert exc.value.field == "reached"
    tomorrow = timezone.localdate().replace(year=timezone.localdate().year + 1)
    if tomorrow.year <= 2030:
        with pytest.raises(DomainError) as exc:
            reach(world, plan, world.cell_a, 5, day=tomorrow)
        assert exc.value.field == "date"
    with pytest.raises(PermissionDenied):  # another commune
        reach(world, plan, world.other_cell, 5)
    data = OutreachData(audience=A.PUBLIC, method=M.LEAFLET, date=date(2026, 6, 1), reached=5)
    with pytest.raises(PermissionDenied):
        outreach_create(actor=world.reporter_a, plan=plan, unit=world.cell_b, data=data)
    with pytest.raises(PermissionDenied):
        outreach_create(actor=world.viewer, plan=plan, unit=world.cell_a, data=data)


def test_office_chooses_the_unit(client: Any, world: World, plan: Plan) -> None:
    client.force_login(world.office)
    page = client.get(form_url(plan))
    choices = [code for code, _label in page.context["form"].fields["unit"].choices]
    assert {"tk", "tk-ubnd", "tk-cb-a", "tk-cb-b"} <= set(choices)
    assert "lm-cb-1" not in choices
    # Another commune's unit is not a choice: refused under the field, nothing saved.
    response = client.post(form_url(plan), {"unit": "lm-cb-1", **TYPED})
    assert "unit" in response.context["form"].errors
    response = client.post(form_url(plan), {"unit": "tk", **TYPED})
    assert Outreach.objects.get().org_unit == world.commune
    # Readers without the right to enter get no form.
    client.force_login(world.viewer)
    assert client.get(form_url(plan)).status_code == 403


def test_another_units_user_gets_404(client: Any, world: World, plan: Plan) -> None:
    mine = reach(world, plan, world.cell_a, 20)
    client.force_login(world.reporter_b)
    assert client.get(list_url(plan, "tk-cb-a")).status_code == 404
    listed = client.get(list_url(plan)).content.decode()
    assert "Chi bộ thôn A" not in listed
    delete = reverse("dissemination:outreach_delete", args=[mine.pk])
    assert client.post(delete).status_code == 404
    client.force_login(world.outsider)
    assert client.get(list_url(plan)).status_code == 404
    assert Outreach.objects.filter(pk=mine.pk).exists()
    # Its own unit deletes it.
    client.force_login(world.reporter_a)
    assert client.post(delete).status_code == 302
    assert not Outreach.objects.exists()


def fill(world: World, plan: Plan, n: int) -> None:
    units = [world.commune, world.cell_a, world.cell_b, world.ubnd]
    Outreach.objects.bulk_create(
        Outreach(
            plan=plan,
            org_unit=units[i % 4],
            audience=A.values[i % 3],
            method=M.values[i % 5],
            date=date(2026, 6, 1 + i % 20),
            reached=10 + i,
            reach_unit=R.values[i % 2],
        )
        for i in range(n)
    )


@pytest.mark.parametrize("name", ["dissemination:board", "dissemination:outreach_list"])
def test_pages_take_the_same_queries_for_3_and_30_records(
    client: Any, world: World, plan: Plan, name: str
) -> None:
    client.force_login(world.office)
    url = reverse(name) + f"?ke_hoach={plan.pk}"
    counts = []
    for n in (3, 27):  # 3, then 30 in all
        fill(world, plan, n)
        client.get(url)  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 40


def test_board_and_summary_show_the_totals(client: Any, world: World, plan: Plan) -> None:
    reach(world, plan, world.cell_a, 180)
    reach(world, plan, world.cell_b, 210, method=M.ZALO, reach_unit=R.HOUSEHOLDS)
    reach(world, plan, world.commune, 1500, method=M.LOUDSPEAKER, reach_unit=R.HOUSEHOLDS)
    reach(world, plan, world.commune, 96, audience=A.COMMUNITY_LEADERS, day=date(2026, 7, 2))
    [leaders, public] = selectors.outreach_totals(plan=plan, root=world.commune)
    assert (public.people, public.households, public.records, public.units) == (180, 1710, 3, 3)
    assert public.reach == "180 người, 1.710 hộ"
    assert public.method_text == "hội nghị ở thôn, loa truyền thanh, nhóm Zalo"
    assert leaders.reach == "96 người"
    client.force_login(world.office)
    board = client.get(reverse("dissemination:board") + f"?ke_hoach={plan.pk}")
    html = board.content.decode()
    assert "Tuyên truyền đến các đối tượng khác" in html
    assert "180 người, 1.710 hộ" in html and "Bí thư chi bộ, trưởng thôn, người có uy tín" in html
    printed = client.get(reverse("dissemination:board_print") + f"?ke_hoach={plan.pk}")
    assert "180 người, 1.710 hộ" in printed.content.decode()
    # A chi bộ's board shows its own outreach only.
    client.force_login(world.reporter_a)
    own = client.get(reverse("dissemination:board") + f"?ke_hoach={plan.pk}").content.decode()
    assert "180 người" in own and "1.710 hộ" not in own
    # The summary report: the quarter holds what was done in it (not July's conference).
    lines = texts(study_summary(SummaryScope.of(world.commune, parse_period("2026-Q2"))))
    assert "Tuyên truyền, quán triệt đến các đối tượng khác trong kỳ:" in lines
    assert (
        "Toàn thể Nhân dân: 180 người, 1.710 hộ (3 lượt; hội nghị ở thôn, loa truyền thanh, "
        "nhóm Zalo)." in lines
    )
    assert not any(line.startswith("Bí thư chi bộ") for line in lines)
    year = texts(study_summary(SummaryScope.of(world.commune, parse_period("2026"))))
    assert (
        "Bí thư chi bộ, trưởng thôn, người có uy tín: 96 người (1 lượt; hội nghị ở thôn);" in year
    )
