"""Factories for dissemination (quán triệt): headcounts, study sessions and their attendance.

These write rows directly (bulk data, corner cases the form refuses); a session that must
obey the form's rules goes through `services.session_create` (see `conftest.record`).
"""

from __future__ import annotations

from datetime import date

import factory
from factory.django import DjangoModelFactory

from trienkhai.dissemination.models import Headcount, SessionAttendance, StudySession
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.models import CoverageThreshold
from trienkhai.plans.tests.factories import PlanFactory

PARTY = CoverageThreshold.Group.PARTY_MEMBERS


class HeadcountFactory(DjangoModelFactory[Headcount]):
    """Sĩ số: 40 party members of a unit from 1/5/2026."""

    class Meta:
        model = Headcount

    org_unit = factory.SubFactory(OrgUnitFactory)
    group = PARTY
    as_of = date(2026, 5, 1)
    count = 40


class SessionAttendanceFactory(DjangoModelFactory[SessionAttendance]):
    """Who attended a session: plan, unit and kind are copied from the session."""

    class Meta:
        model = SessionAttendance

    session = factory.SubFactory("trienkhai.dissemination.tests.factories.StudySessionFactory")
    plan = factory.SelfAttribute("session.plan")
    org_unit = factory.SelfAttribute("session.org_unit")
    kind = factory.SelfAttribute("session.kind")
    group = PARTY
    count = 30


class StudySessionFactory(DjangoModelFactory[StudySession]):
    """A main session of the plan's unit on 5/6/2026, as a conference.

    `attended=n` also writes its attendance row (`n` people of `group`, party members by
    default); without it the session has no attendance yet.
    """

    class Meta:
        model = StudySession
        skip_postgeneration_save = True

    class Params:
        attended = None
        group = PARTY

    plan = factory.SubFactory(PlanFactory)
    org_unit = factory.SelfAttribute("plan.org_unit")
    date = date(2026, 6, 5)
    kind = StudySession.Kind.MAIN
    form = StudySession.Form.CONFERENCE
    attendance = factory.Maybe(
        "attended",
        factory.RelatedFactory(
            SessionAttendanceFactory,
            factory_related_name="session",
            count=factory.SelfAttribute("..attended"),
            group=factory.SelfAttribute("..group"),
        ),
    )
