"""A plan's identity in the database, and its end: withdrawn by mistake, or superseded."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.plans import lifecycle, services
from trienkhai.plans.in_force import plans_in_force
from trienkhai.plans.models import Plan
from trienkhai.plans.tests.factories import PlanFactory
from trienkhai.tasks.services import task_create

pytestmark = pytest.mark.django_db

DUE = timezone.localdate() + timedelta(days=30)


def test_the_database_refuses_a_second_plan_with_the_same_identity(world: World) -> None:
    PlanFactory.create(org_unit=world.commune, number=7, date=date(2026, 5, 12))
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory.create(org_unit=world.commune, number=7, date=date(2026, 8, 1))
    # The number restarts with the year, and another unit has its own numbers.
    PlanFactory.create(org_unit=world.commune, number=7, date=date(2027, 1, 5))
    PlanFactory.create(org_unit=world.other_commune, number=7, date=date(2026, 5, 12))
    assert Plan.objects.filter(number=7).count() == 3


def test_a_withdrawn_plan_does_not_block_entering_it_properly(world: World) -> None:
    wrong = PlanFactory.create(org_unit=world.commune, number=9, date=date(2026, 5, 12))
    lifecycle.plan_withdraw(actor=world.office, plan=wrong, reason="Tải nhầm bản dự thảo")
    again = PlanFactory.create(org_unit=world.commune, number=9, date=date(2026, 5, 12))
    assert again.pk != wrong.pk and again.issued_year == 2026


def test_withdrawing_takes_the_plan_out_of_every_list_and_is_audited(
    client: Any, world: World
) -> None:
    today = timezone.localdate()
    plan = PlanFactory.create(org_unit=world.commune, number=3, date=today - timedelta(days=5))
    assert plan in plans_in_force(unit=world.cell_a, today=today)
    client.force_login(world.office)
    url = reverse("plans:withdraw", args=[plan.pk])
    # A reason is required: the refusal keeps the page, nothing changes.
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    plan.refresh_from_db()
    assert plan.state == Plan.State.IN_FORCE
    response = client.post(url, {"reason": "Tải nhầm tệp của xã khác"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == Plan.State.WITHDRAWN and plan.state_note == "Tải nhầm tệp của xã khác"
    assert plan not in plans_in_force(unit=world.cell_a, today=today)
    listing = client.get(reverse("plans:list")).content.decode()
    assert reverse("plans:detail", args=[plan.pk]) not in listing
    entry = LogEntry.objects.get(additional_data__action="plans.plan.withdrawn")
    assert entry.object_pk == str(plan.pk) and "Tải nhầm tệp" in entry.changes_text
    # Its own page still says what happened.
    detail = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Đã rút" in detail and "Tải nhầm tệp của xã khác" in detail


def test_a_plan_with_work_under_it_cannot_be_withdrawn(client: Any, world: World) -> None:
    plan = PlanFactory.create(org_unit=world.commune, number=4, date=date(2026, 5, 12))
    task_create(actor=world.office, plan=plan, text="Họp chi bộ", assignee=world.cell_a, due=DUE)
    with pytest.raises(DomainError) as refused:
        lifecycle.plan_withdraw(actor=world.office, plan=plan, reason="Nhầm")
    assert refused.value.code == "plan_has_dependents"
    assert "1 nhiệm vụ" in refused.value.message and "đã được thay thế" in refused.value.message
    client.force_login(world.office)
    page = client.get(reverse("plans:withdraw", args=[plan.pk])).content.decode()
    assert "Không rút được" in page and reverse("plans:supersede", args=[plan.pk]) in page
    plan.refresh_from_db()
    assert plan.state == Plan.State.IN_FORCE


def test_a_superseded_plan_is_read_only_and_stays_in_the_records(client: Any, world: World) -> None:
    today = timezone.localdate()
    old = PlanFactory.create(org_unit=world.commune, number=5, date=date(2026, 1, 10))
    task = task_create(
        actor=world.office, plan=old, text="Họp chi bộ", assignee=world.cell_a, due=DUE
    )
    new = PlanFactory.create(org_unit=world.commune, number=6, date=date(2026, 5, 12))
    other = PlanFactory.create(org_unit=world.other_commune, number=6, date=date(2026, 6, 1))
    client.force_login(world.office)
    url = reverse("plans:supersede", args=[old.pk])
    form = client.get(url).context["form"]
    assert list(form.fields["by"].queryset) == [new]  # not another commune's, not itself
    response = client.post(url, {"by": other.pk, "note": ""})
    assert response.status_code == 200 and response.context["form"].errors["by"]
    response = client.post(url, {"by": new.pk, "note": "Theo Kế hoạch mới của Đảng ủy"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.state == Plan.State.SUPERSEDED and old.superseded_by == new
    assert plans_in_force(unit=world.cell_a, today=today) == [new]
    with pytest.raises(DomainError):
        services.plan_update(actor=world.office, plan=old, title="Sửa lại")
    with pytest.raises(DomainError):
        task_create(actor=world.office, plan=old, text="Việc mới", assignee=world.cell_b, due=DUE)
    # The work done under it is kept, and its page names the plan that replaced it.
    assert old.tasks.filter(pk=task.pk).exists()
    detail = client.get(reverse("plans:detail", args=[old.pk])).content.decode()
    assert reverse("plans:detail", args=[new.pk]) in detail and "Đã được thay thế" in detail
    assert reverse("plans:edit", args=[old.pk]) not in detail
    assert LogEntry.objects.filter(additional_data__action="plans.plan.superseded").exists()


def test_a_plan_is_not_superseded_by_an_older_one(world: World) -> None:
    plan = PlanFactory.create(org_unit=world.commune, number=5, date=date(2026, 5, 12))
    older = PlanFactory.create(org_unit=world.commune, number=2, date=date(2026, 1, 3))
    with pytest.raises(DomainError) as refused:
        lifecycle.plan_supersede(actor=world.office, plan=plan, by=older)
    assert refused.value.field == "by"


def test_only_the_office_of_the_unit_ends_a_plan(client: Any, world: World) -> None:
    plan = PlanFactory.create(org_unit=world.commune, number=8, date=date(2026, 5, 12))
    for name in ("plans:withdraw", "plans:supersede"):
        url = reverse(name, args=[plan.pk])
        client.force_login(world.outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "x"}).status_code == 404
        client.force_login(world.reporter_a)
        assert client.post(url, {"reason": "x"}).status_code == 403
    plan.refresh_from_db()
    assert plan.state == Plan.State.IN_FORCE


def test_what_hangs_on_a_plan_is_counted_once_in_words(world: World) -> None:
    from trienkhai.dissemination.tests.factories import StudySessionFactory
    from trienkhai.media.models import ChannelKind
    from trienkhai.media.services import media_item_create
    from trienkhai.media.tests.factories import ChannelFactory
    from trienkhai.plans.tests.factories import TargetFactory

    plan = PlanFactory.create(org_unit=world.commune, number=11, date=date(2026, 5, 12))
    assert lifecycle.dependents(plan) == []
    StudySessionFactory.create(plan=plan, attended=30)
    target = TargetFactory.create(plan=plan)
    radio = ChannelFactory.create(org_unit=world.commune, kind=ChannelKind.RADIO, name="Đài xã")
    media_item_create(
        actor=world.office,
        unit=world.commune,
        channel=radio,
        day=date(2026, 6, 1),
        title="Tin về chỉ tiêu",
        targets=[target],
    )
    found = dict(lifecycle.dependents(plan))
    # The session once (its attendance is part of it), the item once (not its link table).
    assert found == {"buổi học tập, quán triệt": 1, "tin, bài": 1}


def test_nothing_new_is_recorded_under_a_superseded_plan(world: World) -> None:
    from decimal import Decimal

    from trienkhai.dissemination.services import SessionData, session_create
    from trienkhai.media.models import ChannelKind
    from trienkhai.media.services import media_item_create
    from trienkhai.media.tests.factories import ChannelFactory
    from trienkhai.monitoring.services import observation_record
    from trienkhai.plans.tests.factories import TargetFactory

    old = PlanFactory.create(org_unit=world.commune, number=12, date=date(2026, 1, 5))
    target = TargetFactory.create(plan=old, kind="share", measure_unit="%", value=Decimal(90))
    new = PlanFactory.create(org_unit=world.commune, number=13, date=date(2026, 5, 12))
    lifecycle.plan_supersede(actor=world.office, plan=old, by=new)
    old.refresh_from_db()
    session = SessionData(
        date=date(2026, 6, 5), kind="main", form="conference", attendees={"key_cadres": 10}
    )
    with pytest.raises(DomainError):
        session_create(actor=world.office, plan=old, unit=world.commune, data=session)
    with pytest.raises(DomainError):
        observation_record(actor=world.office, target=target, period="2026", value=Decimal(80))
    radio = ChannelFactory.create(org_unit=world.commune, kind=ChannelKind.RADIO, name="Đài xã")
    with pytest.raises(DomainError) as refused:
        media_item_create(
            actor=world.office,
            unit=world.commune,
            channel=radio,
            day=date(2026, 6, 1),
            title="Tin gắn chỉ tiêu cũ",
            targets=[target],
        )
    assert refused.value.field == "targets"
    assert lifecycle.dependents(old) == []
