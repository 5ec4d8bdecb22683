"""Must show 1: status at the boundaries, a quarterly task with "không phát sinh", and totals
equal to the official two-axis counts — the pure function and the database agree."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import product

import pytest

from trienkhai.conftest import World
from trienkhai.tasks import selectors
from trienkhai.tasks.models import Recurrence, TaskOccurrence, TaskUpdate
from trienkhai.tasks.status import Status, StatusCounts, classify
from trienkhai.tasks.tests.factories import AssignedTaskFactory, SeedPlanFactory

DUE = date(2026, 6, 10)
DAY = timedelta(days=1)


# --- the pure function -----------------------------------------------------------------------


def test_done_on_the_due_date_is_on_time_and_a_day_later_is_late() -> None:
    ref = date(2026, 7, 1)
    assert classify(ref=ref, due=DUE, completed_on=DUE).status == Status.DONE_ON_TIME
    assert classify(ref=ref, due=DUE, completed_on=DUE + DAY).status == Status.DONE_LATE
    assert classify(ref=ref, due=DUE, completed_on=DUE - DAY).status == Status.DONE_ON_TIME


def test_not_done_is_in_time_on_the_due_day_and_overdue_the_day_after() -> None:
    assert classify(ref=DUE, due=DUE).status == Status.IN_TIME
    assert classify(ref=DUE + DAY, due=DUE).status == Status.OVERDUE
    assert classify(ref=DUE - DAY, due=DUE).status == Status.NOT_DUE


def test_completion_after_the_reference_date_does_not_count_yet() -> None:
    # A closed report (cut-off 14/6) never changes when the unit finishes on 20/6.
    cutoff = date(2026, 6, 14)
    assert classify(ref=cutoff, due=DUE, completed_on=date(2026, 6, 20)).status == Status.OVERDUE
    later = classify(ref=date(2026, 6, 30), due=DUE, completed_on=date(2026, 6, 20))
    assert later.status == Status.DONE_LATE


def test_sub_flags() -> None:
    ref = date(2026, 6, 3)
    soon = classify(ref=ref, due=ref + timedelta(days=7))
    assert soon.status == Status.NOT_DUE and soon.due_soon and soon.not_started
    assert not classify(ref=ref, due=ref + timedelta(days=8)).due_soon
    assert classify(ref=ref, due=ref).due_soon  # due today: still in time, and due soon
    started = classify(ref=ref, due=ref - DAY, has_progress=True)
    assert started.status == Status.OVERDUE and not started.not_started and not started.due_soon
    assert not classify(ref=ref, due=ref - DAY, completed_on=ref - DAY).not_started


def test_no_due_date_is_continuous_and_not_applicable_wins() -> None:
    assert classify(ref=DUE, due=None).status == Status.CONTINUOUS
    assert classify(ref=DUE, due=DUE, not_applicable_on=DUE).status == Status.NOT_APPLICABLE
    # Declared after the reference date: not yet.
    late_declaration = classify(ref=DUE, due=DUE, not_applicable_on=DUE + DAY)
    assert late_declaration.status == Status.IN_TIME


# --- the database agrees ---------------------------------------------------------------------

pytestmark = pytest.mark.django_db

REF = date(2026, 6, 10)
DUES: list[date | None] = [REF - DAY, REF, REF + DAY, REF + 7 * DAY, REF + 8 * DAY, None]
COMPLETIONS: list[date | None] = [None, REF - 2 * DAY, REF - DAY, REF, REF + DAY]


def test_database_status_matches_the_pure_function(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    expected: dict[int, tuple[Status, bool, bool]] = {}
    for i, (due, completed, progress) in enumerate(product(DUES, COMPLETIONS, (False, True))):
        recurrence = Recurrence.ONCE if due else Recurrence.CONTINUOUS
        task = AssignedTaskFactory.create(
            actor=world.office,
            plan=plan,
            assignee=world.cell_a,
            due=due,
            recurrence=recurrence,
            text=f"Việc {i}",
        )
        occurrence = task.occurrences.get()
        if completed and due:
            occurrence.completed_on = completed
            occurrence.save()
        if progress:
            TaskUpdate.objects.create(
                task=task, occurrence=occurrence, kind="progress", date=REF - DAY, progress=30
            )
        info = classify(
            ref=REF,
            due=due,
            completed_on=occurrence.completed_on,
            has_progress=progress,
        )
        expected[occurrence.pk] = (info.status, info.not_started, info.due_soon)
    soon = set(
        selectors.occurrences(
            user=world.office, ref=REF, filters=selectors.TaskFilters(status="due_soon")
        ).values_list("pk", flat=True)
    )
    started = set(
        selectors.occurrences(
            user=world.office, ref=REF, filters=selectors.TaskFilters(status="not_started")
        ).values_list("pk", flat=True)
    )
    got = {
        row.pk: (row.status, row.pk in started, row.pk in soon)
        for row in selectors.occurrences(user=world.office, ref=REF)
    }
    assert got == expected


def test_totals_equal_the_official_two_axis_counts_and_the_lists(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    cases = [
        (DUE, DUE),  # done on the due date: on time
        (DUE, DUE + DAY),  # a day later: late
        (DUE, None),  # not done, due before ref: overdue
        (REF_2, None),  # due on ref: in time
        (REF_2 + DAY, None),  # not due yet
        (None, None),  # continuous
    ]
    for i, (due, done) in enumerate(cases):
        rec = Recurrence.ONCE if due else Recurrence.CONTINUOUS
        task = AssignedTaskFactory.create(
            actor=world.office,
            plan=plan,
            assignee=world.cell_a,
            due=due,
            recurrence=rec,
            text=f"Việc {i}",
        )
        if done:
            TaskOccurrence.objects.filter(task=task).update(completed_on=done)
    qs = selectors.occurrences(user=world.office, ref=REF_2)
    totals = selectors.counts(qs, REF_2)
    assert totals == StatusCounts(
        done_on_time=1,
        done_late=1,
        in_time=1,
        overdue=1,
        not_due=1,
        continuous=1,
        not_applicable=0,
        not_started=4,
        due_soon=2,
    )
    # The official axes: done (on time / late) + not done (in time / overdue), due by ref.
    assert (totals.done, totals.not_done, totals.due_total) == (2, 2, 4)
    assert totals.sentence() == (
        "Tổng số 4 nhiệm vụ đến hạn: đã hoàn thành 2 (đúng hạn 1, quá hạn 1); "
        "chưa hoàn thành 2 (trong hạn 1, quá hạn 1)"
    )
    for key in ("done_on_time", "done_late", "in_time", "overdue", "due_total", "due_soon"):
        listed = selectors.occurrences(
            user=world.office, ref=REF_2, filters=selectors.TaskFilters(status=key)
        )
        assert listed.count() == totals.get(key), key


REF_2 = date(2026, 6, 20)


def test_quarterly_task_across_three_quarters_with_one_not_applicable(world: World) -> None:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    task = AssignedTaskFactory.create(
        actor=world.office,
        plan=plan,
        assignee=world.ubnd,
        recurrence=Recurrence.QUARTERLY,
        text="Báo cáo kết quả thực hiện hằng quý",
        assigned_on=date(2026, 4, 1),
    )
    occurrences = {o.period: o for o in task.occurrences.all()}
    assert list(occurrences)[:3] == ["2026-Q2", "2026-Q3", "2026-Q4"]
    assert occurrences["2026-Q2"].due == date(2026, 6, 30)
    assert len(occurrences) == 19  # Q2 2026 to Q4 2030, the plan's end
    TaskOccurrence.objects.filter(pk=occurrences["2026-Q2"].pk).update(
        completed_on=date(2026, 6, 28)
    )
    TaskOccurrence.objects.filter(pk=occurrences["2026-Q3"].pk).update(
        not_applicable_on=date(2026, 9, 30)
    )

    def statuses(ref: date) -> dict[str, str]:
        qs = selectors.occurrences(user=world.office, ref=ref)
        return {o.period: o.status for o in qs}

    # On 31/12 the fourth quarter is due today: in time; Q1 2027 does not exist yet.
    assert statuses(date(2026, 12, 31)) == {
        "2026-Q2": Status.DONE_ON_TIME,
        "2026-Q3": Status.NOT_APPLICABLE,
        "2026-Q4": Status.IN_TIME,
    }
    ref = date(2027, 1, 5)
    assert statuses(ref) == {
        "2026-Q2": Status.DONE_ON_TIME,
        "2026-Q3": Status.NOT_APPLICABLE,
        "2026-Q4": Status.OVERDUE,
        "2027-Q1": Status.NOT_DUE,
    }
    totals = selectors.counts(selectors.occurrences(user=world.office, ref=ref), ref)
    # "Không phát sinh" is outside both axes: 2 due, 1 done on time, 1 overdue.
    assert (totals.due_total, totals.done_on_time, totals.overdue) == (2, 1, 1)
    assert totals.not_applicable == 1
