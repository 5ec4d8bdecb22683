"""API fixtures: one object of each resource in the `world` commune, cell A, cell B and the
other commune, and a helper that fetches a token the way a client does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from trienkhai.conftest import PASSWORD, World
from trienkhai.dissemination.models import StudySession
from trienkhai.dissemination.tests.factories import StudySessionFactory
from trienkhai.media.models import ChannelKind, MediaItem
from trienkhai.media.tests.factories import ChannelFactory, MediaItemFactory
from trienkhai.monitoring.models import Observation
from trienkhai.monitoring.tests.factories import ObservationFactory
from trienkhai.plans.models import Plan, Target
from trienkhai.plans.tests.factories import PlanFactory, TargetFactory
from trienkhai.tasks.models import Task
from trienkhai.tasks.tests.factories import TaskFactory

TOKEN_URL = "/api/v1/auth/token"
CELL_MEETING = StudySession.Form.CELL_MEETING


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


def entered_at() -> datetime:
    return timezone.make_aware(datetime(2026, 6, 1, 9, 0))


@pytest.fixture
def data(world: World) -> Data:
    plan = PlanFactory.create(org_unit=world.commune, seeded=True)
    target = TargetFactory.create(
        plan=plan,
        ref="1",
        label="Tăng trưởng kinh tế",
        text="Tốc độ tăng trưởng kinh tế bình quân đạt 10%/năm",
        kind=Target.Kind.GROWTH_AVG,
        comparator=Target.Comparator.EQ,
        value=Decimal("10"),
        stretch=Decimal("10.5"),
        measure_unit="%/năm",
    )
    radio = ChannelFactory.create(
        org_unit=world.commune, kind=ChannelKind.RADIO, name="Đài truyền thanh xã"
    )
    task = TaskFactory.create
    session = StudySessionFactory.create
    item = MediaItemFactory.create
    return Data(
        plan=plan,
        other_plan=PlanFactory.create(org_unit=world.other_commune, number=7, seeded=True),
        target=target,
        observation=ObservationFactory.create(target=target, entered_at=entered_at()),
        task_a=task(plan=plan, assignee=world.cell_a, text="Nhiệm vụ của chi bộ A"),
        task_b=task(plan=plan, assignee=world.cell_b, text="Nhiệm vụ của chi bộ B"),
        session_a=session(plan=plan, org_unit=world.cell_a, form=CELL_MEETING, attended=20),
        session_b=session(plan=plan, org_unit=world.cell_b, form=CELL_MEETING, attended=30),
        item_a=item(org_unit=world.cell_a, channel=radio, title="Tin của chi bộ A"),
        item_b=item(org_unit=world.cell_b, channel=radio, title="Tin của chi bộ B"),
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
