"""API fixtures: one object of each resource in the `world` commune, cell A, cell B and the
other commune, and a helper that fetches a token the way a client does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from trienkhai.conftest import PASSWORD, World
from trienkhai.dissemination.models import SessionAttendance, StudySession
from trienkhai.media.models import Channel, ChannelKind, MediaItem
from trienkhai.monitoring.models import Observation
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, Target
from trienkhai.tasks.models import Task

TOKEN_URL = "/api/v1/auth/token"


@dataclass
class Data:
    plan: Plan
    other_plan: Plan
    target: Target
    observation: Observation
    task_a: Task
    task_b: Task
    session_a: StudySession
    session_b: StudySession
    item_a: MediaItem
    item_b: MediaItem


def make_plan(unit: OrgUnit, number: int) -> Plan:
    return Plan.objects.create(
        org_unit=unit,
        title="tuyên truyền, quán triệt và triển khai thực hiện Chương trình hành động",
        number=number,
        date=date(2026, 5, 12),
        start_year=2026,
        end_year=2030,
    )


def make_observation(target: Target, period: str, value: str = "12.5") -> Observation:
    return Observation.objects.create(
        target=target,
        org_unit=target.org_unit,
        period=period,
        period_kind="year",
        year=2026,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        value=Decimal(value),
        measure=Target.Measure.STOCK,
        entered_at=timezone.make_aware(datetime(2026, 6, 1, 9, 0)),
    )


def make_task(plan: Plan, unit: OrgUnit, text: str) -> Task:
    return Task.objects.create(
        plan=plan,
        text=text,
        section="IV.6",
        assignee=unit,
        due=date(2026, 6, 10),
        assigned_on=date(2026, 5, 20),
    )


def make_session(plan: Plan, unit: OrgUnit, count: int) -> StudySession:
    session = StudySession.objects.create(
        plan=plan,
        org_unit=unit,
        date=date(2026, 6, 5),
        kind=StudySession.Kind.MAIN,
        form=StudySession.Form.CELL_MEETING,
    )
    SessionAttendance.objects.create(
        session=session,
        plan=plan,
        org_unit=unit,
        kind=session.kind,
        group="party_members",
        count=count,
    )
    return session


def make_item(unit: OrgUnit, channel: Channel, title: str) -> MediaItem:
    return MediaItem.objects.create(
        org_unit=unit, date=date(2026, 6, 4), channel=channel, title=title
    )


@pytest.fixture
def data(world: World) -> Data:
    plan = make_plan(world.commune, 15)
    other_plan = make_plan(world.other_commune, 7)
    target = Target.objects.create(
        plan=plan,
        org_unit=world.commune,
        ref="1",
        label="Tăng trưởng kinh tế",
        text="Tốc độ tăng trưởng kinh tế bình quân đạt 10%/năm",
        kind=Target.Kind.GROWTH_AVG,
        comparator=Target.Comparator.EQ,
        value=Decimal("10"),
        stretch=Decimal("10.5"),
        measure_unit="%/năm",
        scope=Target.Scope.OWN,
    )
    radio = Channel.objects.create(
        org_unit=world.commune, kind=ChannelKind.RADIO, name="Đài truyền thanh xã"
    )
    return Data(
        plan=plan,
        other_plan=other_plan,
        target=target,
        observation=make_observation(target, "2026"),
        task_a=make_task(plan, world.cell_a, "Nhiệm vụ của chi bộ A"),
        task_b=make_task(plan, world.cell_b, "Nhiệm vụ của chi bộ B"),
        session_a=make_session(plan, world.cell_a, 20),
        session_b=make_session(plan, world.cell_b, 30),
        item_a=make_item(world.cell_a, radio, "Tin của chi bộ A"),
        item_b=make_item(world.cell_b, radio, "Tin của chi bộ B"),
    )


def token_for(client: Client, username: str, password: str = PASSWORD) -> str:
    response = client.post(
        TOKEN_URL, {"username": username, "password": password}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    token: str = response.json()["token"]
    return token


class ApiClient:
    """A test client that sends a bearer token on every GET."""

    def __init__(self, client: Client, token: str) -> None:
        self.client = client
        self.token = token

    def get(self, url: str, **params: Any) -> Any:
        return self.client.get(url, params, headers={"authorization": f"Bearer {self.token}"})


@pytest.fixture
def as_user(client: Client) -> Any:
    def make(user: Any) -> ApiClient:
        return ApiClient(client, token_for(client, user.username))

    return make
