"""Must show 2: each IV.6 duty paragraph becomes 31 tasks, one per party organisation directly
under `tan-ky`; assigning twice adds nothing; the matrix counts match the task list."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from trienkhai.core.demo import DemoContext
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.models import Plan
from trienkhai.tasks import selectors, services
from trienkhai.tasks.exports import COUNT_COLUMNS
from trienkhai.tasks.models import Recurrence, Task
from trienkhai.tasks.status import StatusCounts

pytestmark = pytest.mark.django_db

AXES = ("done_on_time", "done_late", "in_time", "overdue", "not_due", "continuous")


def seed_plan(ctx: DemoContext) -> Plan:
    return Plan.objects.get(org_unit=ctx.commune, source_name="ke_hoach_tan_ky.txt")


def test_each_iv6_paragraph_fans_out_to_the_31_party_organisations(seed: DemoContext) -> None:
    plan = seed_plan(seed)
    commune = seed.commune
    direct = set(
        OrgUnit.objects.filter(
            path__startswith=commune.path,
            depth=commune.depth + 1,
            kind__in=OrgUnit.PARTY_ORG_KINDS,
        ).values_list("code", flat=True)
    )
    assert len(direct) == 31 and "dbbp01" in direct and "dbbp01-cb01" not in direct
    duties = list(plan.duties.filter(section="IV.6"))
    assert len(duties) == 6
    for duty in duties:
        codes = list(Task.objects.filter(duty=duty).values_list("assignee__code", flat=True))
        assert len(codes) == 31, duty.text
        assert set(codes) == direct


def test_deadlines_of_section_v_go_to_the_duties_they_name(seed: DemoContext) -> None:
    plan = seed_plan(seed)
    cell = seed.units["chibo05"]
    own_plan = Task.objects.get(plan=plan, assignee=cell, text__startswith="Xây dựng kế hoạch")
    assert (own_plan.recurrence, own_plan.due) == (Recurrence.ONCE, date(2026, 6, 10))
    assert own_plan.is_unit_plan and own_plan.deliverable == "document"
    dissemination = Task.objects.get(plan=plan, assignee=cell, text__startswith="Tổ chức quán")
    assert dissemination.due == date(2026, 6, 30)
    integration = Task.objects.get(plan=plan, assignee=cell, text__startswith="Lồng ghép")
    assert integration.recurrence == Recurrence.CONTINUOUS and integration.due is None
    # "… bình xét thi đua, khen thưởng hằng năm": yearly, one occurrence a year to 2030.
    yearly = Task.objects.get(plan=plan, assignee=cell, text__startswith="Đưa nội dung")
    assert yearly.recurrence == Recurrence.YEARLY
    assert list(yearly.occurrences.values_list("period", flat=True)) == [
        "2026",
        "2027",
        "2028",
        "2029",
        "2030",
    ]
    # Not a party organisation: the UBND's own plan has the date, not the chi bộ draft.
    ubnd_plan = Task.objects.get(
        plan=plan,
        assignee=seed.units["tan-ky-ubnd"],
        due__isnull=False,
        duty__isnull=False,
        recurrence="once",
    )
    assert ubnd_plan.due == date(2026, 6, 10) and not ubnd_plan.is_unit_plan
    # The front and its five mass organisations each get the IV.5 duties.
    front = Task.objects.filter(plan=plan, section="IV.5", duty__isnull=False)
    assert front.values("assignee").distinct().count() == 6


def test_assigning_twice_creates_nothing_and_a_reassigned_task_is_not_recreated(
    seed: DemoContext,
) -> None:
    plan = seed_plan(seed)
    office = seed.users["vanphong"]
    before = Task.objects.filter(plan=plan).count()
    again = services.plan_assign(actor=office, plan=plan, assigned_on=date(2026, 5, 20))
    assert again.created == 0 and again.skipped == before - 4  # 4 tasks added by hand
    task = Task.objects.get(plan=plan, assignee=seed.units["chibo07"], text__startswith="Lồng")
    services.task_update(actor=office, task=task, assignee=seed.units["chibo08"])
    third = services.plan_assign(actor=office, plan=plan, assigned_on=date(2026, 5, 20))
    assert third.created == 0
    assert Task.objects.filter(plan=plan).count() == before


def test_a_new_cell_gets_its_tasks_when_the_plan_is_assigned_again(seed: DemoContext) -> None:
    plan = seed_plan(seed)
    new = OrgUnitFactory.create(parent=seed.commune, code="chibo31", name="Chi bộ thôn Mới")
    result = services.plan_assign(
        actor=seed.users["vanphong"], plan=plan, assigned_on=date(2026, 7, 1)
    )
    assert result.created == 6
    assert Task.objects.filter(assignee=new).count() == 6


def _list_count(client: Any, params: dict[str, str]) -> int:
    response = client.get(reverse("tasks:list"), params)
    assert response.status_code == 200
    return int(response.context["page"].paginator.count)


def test_matrix_counts_match_the_task_list(client: Any, seed: DemoContext) -> None:
    plan = seed_plan(seed)
    office = seed.users["vanphong"]
    client.force_login(office)
    ref = timezone.localdate()
    response = client.get(reverse("tasks:matrix"), {"ke_hoach": plan.pk})
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert [c.key for c in matrix.columns] == ["IV.1", "IV.2", "IV.3", "IV.4", "IV.5", "IV.6"]
    iv6 = next(c for c in matrix.columns if c.key == "IV.6")
    # 6 duties × 31 organisations, each one-off or continuous or yearly.
    assert Task.objects.filter(plan=plan, section="IV.6").count() == 186
    assert (
        iv6.counts.total
        == selectors.counts(
            selectors.occurrences(
                user=office, ref=ref, filters=selectors.TaskFilters(plan=plan, section="IV.6")
            ),
            ref,
        ).total
    )
    base = {"ke_hoach": str(plan.pk)}

    def listed(**params: Any) -> int:
        # What the list page shows for these filters (the view calls the same selector).
        f = selectors.TaskFilters(plan=plan, **params)
        return selectors.occurrences(user=office, ref=ref, filters=f).count()

    # Every cell and row total is the length of the list it links to.
    rows = response.context["rows"]
    for row in rows:
        unit = row["unit"]
        for column, cell in zip(matrix.columns, row["cells"], strict=True):
            counts: StatusCounts | None = cell["counts"]
            if counts is not None:
                assert listed(unit=unit, section=column.key) == counts.total
                assert listed(unit=unit, section=column.key, status="overdue") == counts.overdue
        for key in AXES:
            assert listed(unit=unit, status=key) == row["totals"].get(key), (unit.code, key)
    # And through the page itself, following the links the matrix prints.
    sample = [r for r in rows if r["unit"].code in ("chibo30", "tan-ky-ubnd", "tan-ky-doan")]
    assert len(sample) == 3
    for row in sample:
        for key in ("overdue", "done_on_time", "due_total", "continuous"):
            assert _list_count(client, {**base, "don_vi": row["unit"].code, "tinh_trang": key}) == (
                row["totals"].get(key)
            )
    for key, _label in COUNT_COLUMNS:
        assert _list_count(client, {**base, "tinh_trang": key}) == matrix.totals.get(key)
    assert matrix.totals.overdue > 0 and matrix.totals.done_late > 0
    assert matrix.totals.due_total == matrix.totals.done + matrix.totals.not_done
