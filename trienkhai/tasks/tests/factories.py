"""Factories for tasks: the commune's seed plan, a stored task, and a task given through the
service (with its occurrences, as the assignment form makes them)."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory
from factory.django import DjangoModelFactory

from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.tests.factories import SEED_DAY, PlanFactory
from trienkhai.tasks import services
from trienkhai.tasks.models import Recurrence, Task

ASSIGNED = date(2026, 5, 20)
DUE = date(2026, 6, 10)


class SeedPlanFactory(PlanFactory):
    """Kế hoạch số 15 of 12/5/2026 of the Đảng ủy xã Tân Kỳ, for 2026–2030."""

    issuer = "ĐẢNG ỦY XÃ TÂN KỲ"
    date = SEED_DAY
    start_year = 2026
    end_year = 2030


class TaskFactory(DjangoModelFactory[Task]):
    """A task row as stored: no occurrences, no audit entry (API and bulk data).

    A one-off task is due 10/6/2026; a recurring one has no single due date.
    """

    class Meta:
        model = Task

    plan = factory.SubFactory(SeedPlanFactory)
    text = "Xây dựng kế hoạch thực hiện"
    section = "IV.6"
    assignee = factory.SubFactory(OrgUnitFactory, parent=factory.SelfAttribute("..plan.org_unit"))
    recurrence = Recurrence.ONCE
    due = factory.LazyAttribute(lambda task: DUE if task.recurrence == Recurrence.ONCE else None)
    assigned_on = ASSIGNED


class AssignedTaskFactory(TaskFactory):
    """`AssignedTaskFactory.create(actor=world.office, plan=plan, assignee=world.cell_a)`:
    the task goes through `services.task_create`, so test data obeys the form's rules."""

    actor: Any = None

    @classmethod
    def _create(cls, model_class: type[Task], *args: Any, **kwargs: Any) -> Task:
        return services.task_create(**kwargs)
