"""A round from counting to sign-off on a small commune: hand-computed scores from tasks, the
bands only for party organisations, the override with its reason, a signed round frozen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.core.steps import StaleEdit, StepRefused
from trienkhai.emulation import services
from trienkhai.emulation.models import Band, Scorecard, ScoreRound
from trienkhai.emulation.rules import DEFAULT_WEIGHTS
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.tasks.models import Task, TaskOccurrence
from trienkhai.tasks.tests.factories import SeedPlanFactory, TaskFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)


def _task(plan: object, unit: OrgUnit, due: date, done: date | None) -> None:
    task: Task = TaskFactory.create(plan=plan, assignee=unit, due=due)
    TaskOccurrence.objects.create(task=task, starts_on=date(2026, 1, 5), due=due, completed_on=done)


@pytest.fixture
def plan(world: World) -> object:
    return SeedPlanFactory.create(org_unit=world.commune)


def _round(world: World) -> ScoreRound:
    return services.round_open(actor=world.office, committee=world.commune, year=2026)


def _card(round_: ScoreRound, unit: OrgUnit) -> Scorecard:
    return round_.cards.get(org_unit=unit)


def test_scores_from_tasks_alone_and_bands_for_party_organisations(
    world: World, plan: object
) -> None:
    # Cell A: 4 tasks, 3 on time → only the tasks criterion applies: 75,00 → hoàn thành
    # (25 % late is more than 20 %: not even hoàn thành? 1/4 = 25 % > 20 % → không hoàn thành).
    for day, done in ((3, 2), (4, 4), (5, 1), (6, 20)):
        _task(
            plan, world.cell_a, date(2026, day, 10), date(2026, day if done < 20 else day + 1, done)
        )
    # Cell B: 2 tasks, both on time → 100,00, all on time → xuất sắc by points, but one of two
    # rated tốt or better: 20 % of 1 rounds down to 0 → kept at tốt, with the reason.
    _task(plan, world.cell_b, date(2026, 3, 10), date(2026, 3, 9))
    _task(plan, world.cell_b, date(2026, 4, 10), date(2026, 4, 10))
    # UBND: 1 task of 1 on time → 100, but no band (not a party organisation).
    _task(plan, world.ubnd, date(2026, 5, 10), date(2026, 5, 1))
    round_ = services.round_compute(actor=world.office, round_=_round(world), today=TODAY)
    a, b, ubnd = (_card(round_, u) for u in (world.cell_a, world.cell_b, world.ubnd))
    assert a.criteria["tasks"] == [3, 4] and a.score == Decimal("75.00")
    assert a.band_suggested == Band.UNFULFILLED  # 25 % of tasks late
    assert b.score == Decimal("100.00") and b.band_suggested == Band.EXCELLENT
    assert b.band_capped == Band.GOOD and "tối đa 0 đơn vị xuất sắc" in b.cap_note
    assert (b.rank_in_group, a.rank_in_group) == (1, 2)
    assert ubnd.score == Decimal("100.00")
    assert ubnd.band_suggested is None and ubnd.band_final is None and ubnd.conditions == []
    assert a.has_data and ubnd.has_data
    # MTTQ-less world: a cell with nothing counted says so rather than "failed".
    empty = OrgUnitFactory.create(parent=world.commune, code="tk-cb-e", name="Chi bộ thôn E")
    round_ = services.round_compute(actor=world.office, round_=round_, today=TODAY)
    card = _card(round_, empty)
    assert card.score == 0 and not card.has_data
    # The commune's own bodies are not scored.
    assert not round_.cards.filter(org_unit=world.commune).exists()


def test_the_office_sets_the_weights_and_the_cap(world: World, plan: object) -> None:
    round_ = _round(world)
    settings = services.Settings(
        weights={**DEFAULT_WEIGHTS, "tasks": 30},
        bonus_per_practice=Decimal(2),
        bonus_max=Decimal(5),
        penalty_per_violation=Decimal(5),
        cap_percent=100,
    )
    with pytest.raises(DomainError) as wrong:
        services.round_settings(actor=world.office, round_=round_, version=1, settings=settings)
    assert "phải bằng 100 (hiện là 105)" in wrong.value.message
    fixed = services.Settings(
        **{**settings.__dict__, "weights": {**DEFAULT_WEIGHTS, "tasks": 20, "media": 20}}
    )
    round_ = services.round_settings(actor=world.office, round_=round_, version=1, settings=fixed)
    assert round_.weights["media"] == 20 and round_.cap_percent == 100
    with pytest.raises(StaleEdit):
        services.round_settings(actor=world.office, round_=round_, version=1, settings=fixed)
    with pytest.raises(PermissionDenied):
        services.round_settings(
            actor=world.reporter_a, round_=round_, version=round_.version, settings=fixed
        )
    _task(plan, world.cell_b, date(2026, 3, 10), date(2026, 3, 9))
    round_ = services.round_compute(actor=world.office, round_=round_, today=TODAY)
    # With the cap at 100 % the one candidate keeps xuất sắc.
    assert _card(round_, world.cell_b).band_final == Band.EXCELLENT


def test_an_override_needs_a_reason_and_only_a_party_organisation_has_one(
    world: World, plan: object
) -> None:
    _task(plan, world.cell_a, date(2026, 3, 10), date(2026, 3, 9))
    _task(plan, world.ubnd, date(2026, 3, 10), date(2026, 3, 9))
    round_ = services.round_compute(actor=world.office, round_=_round(world), today=TODAY)
    card = _card(round_, world.cell_a)
    with pytest.raises(DomainError) as no_reason:
        services.card_override(
            actor=world.office, card=card, version=card.version, band=Band.FULFILLED, reason=" "
        )
    assert no_reason.value.field == "reason"
    card = services.card_override(
        actor=world.office,
        card=card,
        version=card.version,
        band=Band.FULFILLED,
        reason="Chi bộ chưa tổ chức sinh hoạt chuyên đề quý III.",
    )
    assert card.band_final == Band.FULFILLED and card.overridden_by == world.office
    ubnd = _card(round_, world.ubnd)
    with pytest.raises(StepRefused):
        services.card_override(
            actor=world.office, card=ubnd, version=ubnd.version, band=Band.GOOD, reason="x"
        )
    # Counting again keeps the office's word.
    round_ = services.round_compute(actor=world.office, round_=round_, today=TODAY)
    card = _card(round_, world.cell_a)
    assert card.band_final == Band.FULFILLED and card.override_reason
    actions = {
        e.additional_data.get("action")
        for e in LogEntry.objects.get_for_object(card)
        if e.additional_data
    }
    assert "emulation.card.overridden" in actions


def test_a_signed_round_is_frozen_against_later_data(world: World, plan: object) -> None:
    _task(plan, world.cell_a, date(2026, 3, 10), date(2026, 3, 9))
    round_ = services.round_compute(actor=world.office, round_=_round(world), today=TODAY)
    round_ = services.round_sign_off(actor=world.office, round_=round_, version=round_.version)
    before = list(round_.cards.values_list("org_unit", "score", "criteria", "band_capped"))
    # Later data: a late task of cell A; a new chi bộ opened.
    _task(plan, world.cell_a, date(2026, 11, 10), None)
    OrgUnitFactory.create(parent=world.commune, code="tk-cb-c", name="Chi bộ thôn C")
    with pytest.raises(StepRefused):
        services.round_compute(actor=world.office, round_=round_, today=TODAY)
    card = _card(round_, world.cell_a)
    with pytest.raises(StepRefused):
        services.card_override(
            actor=world.office, card=card, version=card.version, band=Band.GOOD, reason="x"
        )
    assert list(round_.cards.values_list("org_unit", "score", "criteria", "band_capped")) == before
    assert round_.signed and round_.signed_by == world.office


def test_sign_off_needs_a_computed_round(world: World) -> None:
    round_ = _round(world)
    with pytest.raises(StepRefused):
        services.round_sign_off(actor=world.office, round_=round_, version=round_.version)
    with pytest.raises(DomainError):
        services.round_open(actor=world.office, committee=world.cell_a, year=2026)
    with pytest.raises(DomainError):
        services.round_open(actor=world.office, committee=world.commune, year=2099)
