"""Section IV of the summary report and the task figures of the report form, as of the end of
the data window, of the plan reported on when there is one."""

from __future__ import annotations

from datetime import date

import pytest

from trienkhai.conftest import World
from trienkhai.core.demo import DemoContext
from trienkhai.core.periods import parse_period
from trienkhai.documents.data import Block, Paragraph
from trienkhai.documents.figures import FIGURE_PROVIDERS, Figure, report_figures
from trienkhai.documents.summary import SUMMARY_SECTIONS, SummaryScope, build_summary
from trienkhai.plans.models import Plan
from trienkhai.tasks.models import Recurrence, TaskOccurrence
from trienkhai.tasks.selectors import unit_counts
from trienkhai.tasks.summary import task_figures, task_limitations, task_totals
from trienkhai.tasks.tests.factories import AssignedTaskFactory, SeedPlanFactory

pytestmark = pytest.mark.django_db

Q2 = parse_period("2026-Q2")  # data window 15/3/2026 – 14/6/2026
END = date(2026, 6, 14)


def texts(blocks: list[Block] | None) -> list[str]:
    assert blocks is not None
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def test_providers_are_registered() -> None:
    assert task_totals in SUMMARY_SECTIONS["programmes"]
    assert task_limitations in SUMMARY_SECTIONS["limitations"]
    assert task_figures in FIGURE_PROVIDERS


def test_q2_summary_of_the_commune(seed: DemoContext) -> None:
    # Reference date = the window's end, 14/6/2026: the 21 plans sent by 9/6 count, on time;
    # those sent from 19/6 on are not done yet, so 10 of 31 are overdue.
    scope = SummaryScope.of(seed.commune, Q2)
    assert scope.end == END
    found = texts(task_totals(scope))
    assert found[0].startswith("Thực hiện nhiệm vụ được giao (tính đến ngày 14/06/2026): Tổng số")
    assert any(
        t.startswith(
            "Số tổ chức đảng trực thuộc đã xây dựng kế hoạch thực hiện: 21/31 tổ chức đảng, "
            "đạt 67,74% (đúng hạn 21, quá hạn 0). Chưa xây dựng kế hoạch: "
        )
        for t in found
    )
    data = build_summary(seed.commune, Q2, day=date(2026, 6, 20), number=3)
    assert found[0] in [b.text for b in data.body if isinstance(b, Paragraph)]
    # A chi bộ's own summary counts its own tasks only: its plan (due 10/6, not sent) is
    # overdue; the dissemination (due 30/6) is not due yet.
    cell = texts(task_totals(SummaryScope.of(seed.units["chibo30"], Q2)))
    assert cell[0].endswith(
        "Tổng số 1 nhiệm vụ đến hạn: đã hoàn thành 0 (đúng hạn 0, quá hạn 0); chưa hoàn thành 1 "
        "(trong hạn 0, quá hạn 1)."
    )


def test_no_tasks_no_paragraph(seed: DemoContext) -> None:
    assert task_totals(SummaryScope.of(seed.units["an-hoa"], Q2)) is None


@pytest.fixture
def plan(world: World) -> Plan:
    """Seven tasks of the commune's plan and one of another plan, in every status on 14/6."""
    plan = SeedPlanFactory.create(org_unit=world.commune)
    other = SeedPlanFactory.create(org_unit=world.commune)

    def task(
        due: date | None,
        done: date | None = None,
        *,
        of: Plan = plan,
        unit_plan: bool = False,
        assignee: object = world.cell_a,
        assigned: date = date(2026, 5, 20),
    ) -> None:
        created = AssignedTaskFactory.create(
            actor=world.office,
            plan=of,
            assignee=assignee,
            text=f"Việc hạn {due}",
            due=due,
            recurrence=Recurrence.ONCE if due else Recurrence.CONTINUOUS,
            is_unit_plan=unit_plan,
            assigned_on=assigned,
        )
        if done:
            TaskOccurrence.objects.filter(task=created).update(completed_on=done)

    task(date(2026, 6, 10), date(2026, 6, 9))  # done on time
    task(date(2026, 6, 10), date(2026, 6, 12))  # done late
    task(date(2026, 6, 10), date(2026, 6, 20))  # done after the window's end: overdue on 14/6
    task(END)  # due on the reference date: still in time
    task(date(2026, 6, 30))  # not due
    task(date(2026, 6, 30), assigned=date(2026, 6, 20))  # assigned after the end: not counted
    task(date(2026, 6, 10), date(2026, 6, 8), unit_plan=True)  # cell A's plan, on time
    task(date(2026, 6, 10), unit_plan=True, assignee=world.cell_b)  # cell B's, overdue
    task(date(2026, 6, 10), of=other)  # the other plan's: overdue
    return plan


def values(figures: list[Figure]) -> dict[str, object]:
    return {f.key: f.value for f in figures}


def test_figures_count_the_plan_as_of_the_window_end(world: World, plan: Plan) -> None:
    scope = SummaryScope.of(world.commune, Q2, plan=plan)
    figures = task_figures(scope)
    assert values(figures) == {
        "tasks.due_total": 6,
        "tasks.done_on_time": 2,
        "tasks.done_late": 1,
        "tasks.in_time": 1,
        "tasks.overdue": 2,
        "tasks.not_due": 1,
        "tasks.unit_plans.total": 2,
        "tasks.unit_plans.done": 1,
    }
    parts = [f for f in figures if f.key in ("tasks.done_on_time", "tasks.overdue")]
    assert {f.at_most for f in parts} == {"tasks.due_total"}
    assert all(f.section == "programmes" and f.integer and f.additive for f in figures)
    assert {(f.group, f.unit) for f in figures if not f.key.startswith("tasks.unit_plans")} == {
        ("Nhiệm vụ", "nhiệm vụ")
    }
    done = next(f for f in figures if f.key == "tasks.unit_plans.done")
    assert done.at_most == "tasks.unit_plans.total"
    # The same figures as the module's own selector on that date; through the registry too.
    totals = unit_counts(unit=world.commune, ref=END, plan=plan)
    assert values(figures)["tasks.overdue"] == totals.overdue
    assert {f.key: f.value for f in report_figures(scope) if f.key.startswith("tasks.")} == (
        values(figures)
    )


def test_without_a_plan_every_plan_counts(world: World, plan: Plan) -> None:
    found = values(task_figures(SummaryScope.of(world.commune, Q2)))
    assert (found["tasks.due_total"], found["tasks.overdue"]) == (7, 3)
    # A chi bộ asks no one for a plan: no such figures.
    cell = values(task_figures(SummaryScope.of(world.cell_b, Q2, plan=plan)))
    assert cell == {
        "tasks.due_total": 1,
        "tasks.done_on_time": 0,
        "tasks.done_late": 0,
        "tasks.in_time": 0,
        "tasks.overdue": 1,
        "tasks.not_due": 0,
    }


def test_sentences_of_the_plan(world: World, plan: Plan) -> None:
    scope = SummaryScope.of(world.commune, Q2, plan=plan)
    assert texts(task_totals(scope)) == [
        "Thực hiện nhiệm vụ được giao (tính đến ngày 14/06/2026): Tổng số 6 nhiệm vụ đến hạn: "
        "đã hoàn thành 3 (đúng hạn 2, quá hạn 1); chưa hoàn thành 3 (trong hạn 1, quá hạn 2).",
        "Ngoài ra: 4 nhiệm vụ chưa thực hiện; 1 nhiệm vụ chưa đến hạn.",
        "Số tổ chức đảng trực thuộc đã xây dựng kế hoạch thực hiện: 1/2 tổ chức đảng, đạt 50,00% "
        "(đúng hạn 1, quá hạn 0). Chưa xây dựng kế hoạch: Chi bộ thôn B.",
    ]
    assert texts(task_limitations(scope)) == [
        "Còn 2 nhiệm vụ quá hạn chưa hoàn thành và 1 nhiệm vụ hoàn thành chậm so với thời hạn."
    ]
    # Chi bộ A's late work is its own; the UBND was given nothing.
    assert texts(task_limitations(SummaryScope.of(world.cell_a, Q2, plan=plan))) == [
        "Còn 1 nhiệm vụ quá hạn chưa hoàn thành và 1 nhiệm vụ hoàn thành chậm so với thời hạn."
    ]
    assert task_limitations(SummaryScope.of(world.ubnd, Q2, plan=plan)) is None
