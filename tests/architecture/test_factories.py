"""The test factories build valid rows from their defaults alone, so a test names only what
it is about."""

from __future__ import annotations

from typing import Any

import pytest

from trienkhai.accounts.models import Role
from trienkhai.accounts.tests.factories import PASSWORD, MembershipFactory, UserFactory
from trienkhai.dissemination.tests.factories import (
    HeadcountFactory,
    SessionAttendanceFactory,
    StudySessionFactory,
)
from trienkhai.documents.tests.factories import DocumentFactory
from trienkhai.media.tests.factories import ChannelFactory, MediaItemFactory, MediaTallyFactory
from trienkhai.monitoring.tests.factories import ObservationFactory
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.tests.factories import (
    CoverageThresholdFactory,
    MediaRuleFactory,
    PlanDeadlineFactory,
    PlanFactory,
    ProgrammeFactory,
    SolutionFactory,
    TargetFactory,
)
from trienkhai.tasks.models import Recurrence
from trienkhai.tasks.tests.factories import AssignedTaskFactory, TaskFactory

pytestmark = pytest.mark.django_db

PLAIN: list[Any] = [
    OrgUnitFactory,
    UserFactory,
    MembershipFactory,
    ProgrammeFactory,
    PlanFactory,
    TargetFactory,
    SolutionFactory,
    PlanDeadlineFactory,
    CoverageThresholdFactory,
    MediaRuleFactory,
    TaskFactory,
    ObservationFactory,
    HeadcountFactory,
    StudySessionFactory,
    SessionAttendanceFactory,
    ChannelFactory,
    MediaItemFactory,
    MediaTallyFactory,
]


@pytest.mark.parametrize("factory", PLAIN, ids=lambda f: f.__name__)
def test_each_factory_saves_a_row_from_its_defaults(factory: Any) -> None:
    row = factory.create()
    assert row.pk is not None
    assert type(row).objects.filter(pk=row.pk).exists()


def test_units_hang_in_the_tree_and_users_sign_in_as_members() -> None:
    city = OrgUnitFactory.create(kind=OrgUnit.Kind.CITY_COMMITTEE)
    cell = OrgUnitFactory.create(parent=city)
    assert city.contains(cell) and cell.depth == city.depth + 1
    user = UserFactory.create(unit=cell, role=Role.OFFICE)
    assert user.check_password(PASSWORD)
    assert list(user.memberships.values_list("org_unit", "role")) == [(cell.pk, Role.OFFICE)]
    assert not UserFactory.create().memberships.exists()


def test_owned_rows_follow_their_owner() -> None:
    programme = ProgrammeFactory.create()
    reference = TargetFactory.create(programme=programme)
    assert reference.plan is None and reference.org_unit == programme.org_unit
    session = StudySessionFactory.create(attended=12)
    (row,) = session.attendance.all()
    assert (row.count, row.org_unit, row.plan) == (12, session.org_unit, session.plan)
    assert not StudySessionFactory.create().attendance.exists()


def test_service_factories_write_through_the_services() -> None:
    plan = PlanFactory.create(seeded=True)
    office = UserFactory.create(unit=plan.org_unit, role=Role.OFFICE)
    cell = OrgUnitFactory.create(parent=plan.org_unit)
    task = AssignedTaskFactory.create(actor=office, plan=plan, assignee=cell)
    assert task.occurrences.count() == 1
    quarterly = AssignedTaskFactory.create(
        actor=office, plan=plan, assignee=cell, recurrence=Recurrence.QUARTERLY
    )
    assert quarterly.due is None and quarterly.occurrences.count() > 1
    draft = DocumentFactory.create(actor=office, issuer=plan.org_unit)
    assert draft.number is None
    issued = DocumentFactory.create(actor=office, issuer=plan.org_unit, issued_on=plan.date)
    assert issued.number == 1
