"""Observations: official wins over provisional; periods, base values, flows; service rules."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.monitoring import selectors, services
from trienkhai.monitoring.models import Observation
from trienkhai.monitoring.services import ValueInput
from trienkhai.monitoring.tests.conftest import Targets
from trienkhai.monitoring.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db

OFFICIAL = Observation.Status.OFFICIAL
PROVISIONAL = Observation.Status.PROVISIONAL


def record(t: Targets, target, period, value, status=OFFICIAL, actor=None):  # type: ignore[no-untyped-def]
    return services.observation_record(
        actor=actor or t.city_office,
        target=target,
        period=period,
        value=Decimal(value),
        status=status,
    )


def test_official_wins_over_provisional_and_both_are_kept(targets: Targets) -> None:
    record(targets, targets.grdp, "2026", "11.9", PROVISIONAL)
    series = selectors.target_series(target=targets.grdp)
    assert [(p.period, p.value, p.provisional) for p in series.points] == [
        ("2026", Decimal("11.9"), True)
    ]
    record(targets, targets.grdp, "2026", "12.1", OFFICIAL)
    series = selectors.target_series(target=targets.grdp)
    assert [(p.period, p.value, p.provisional) for p in series.points] == [
        ("2026", Decimal("12.1"), False)
    ]
    assert Observation.objects.filter(target=targets.grdp).count() == 2
    assert Observation.objects.effective().filter(target=targets.grdp).get().status == OFFICIAL


def test_recording_again_replaces_the_same_period_and_status(targets: Targets) -> None:
    record(targets, targets.grdp, "2026", "12")
    record(targets, targets.grdp, "2026", "12.5")
    obs = Observation.objects.get(target=targets.grdp)
    assert obs.value == Decimal("12.5")
    assert obs.measure == "stock"
    assert obs.entered_by == targets.city_office


def test_measure_is_copied_from_the_target(targets: Targets) -> None:
    obs = record(targets, targets.housing, "2026", "6100")
    assert obs.measure == "flow"


def test_a_shorter_period_is_stored_with_its_dates(targets: Targets) -> None:
    obs = record(targets, targets.housing, "2026-H1", "2500", PROVISIONAL)
    assert (obs.period_kind, obs.year) == ("half", 2026)
    assert (obs.period_start, obs.period_end) == (date(2026, 1, 1), date(2026, 6, 30))
    series = selectors.target_series(target=targets.housing)
    assert series.periodic[0].label == "6 tháng đầu năm 2026"
    assert series.yearly == ()


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2026-W10", "chỉ nhập số liệu theo năm"),
        ("2026-2030", "chỉ nhập số liệu theo năm"),
        ("2099", "chưa bắt đầu"),
        ("1999", "quá xa"),
        ("26", "không đúng định dạng"),
    ],
)
def test_periods_a_value_cannot_have(targets: Targets, period: str, message: str) -> None:
    with pytest.raises(DomainError, match=message):
        record(targets, targets.grdp, period, "1")
    assert not Observation.objects.exists()


def test_a_qualitative_target_has_no_values(world: World, targets: Targets) -> None:
    with pytest.raises(DomainError, match="định tính"):
        record(targets, targets.qualitative, "2026", "1", actor=world.office)


def test_too_many_decimals_are_refused(targets: Targets) -> None:
    with pytest.raises(DomainError, match="chữ số sau dấu phẩy"):
        record(targets, targets.grdp, "2026", "1.1234567")


def test_base_is_the_observation_of_the_base_year(targets: Targets) -> None:
    record(targets, targets.grdp, "2025", "10.2")
    record(targets, targets.grdp, "2026", "12.1")
    series = selectors.target_series(target=targets.grdp)
    assert (series.base_year, series.base_value, series.base_from_plan) == (
        2025,
        Decimal("10.2"),
        False,
    )
    assert [p.year for p in series.after_base] == [2026]
    assert series.pairs() == [(2026, Decimal("12.1"), False)]
    assert series.year_value(2025) is not None and series.year_value(2025).is_base  # type: ignore[union-attr]


def test_target_base_year_and_plan_base_value(targets: Targets) -> None:
    emissions = targets.emissions
    emissions.base_value = Decimal(0)
    emissions.save()
    series = selectors.target_series(target=emissions)
    # No observation of 2020 yet: the base written in the plan stands in, marked as such.
    assert (series.base_year, series.base_value, series.base_from_plan) == (2020, 0, True)
    record(targets, emissions, "2020", "0.5")
    record(targets, emissions, "2025", "31")
    series = selectors.target_series(target=emissions)
    assert (series.base_value, series.base_from_plan) == (Decimal("0.5"), False)
    assert [p.year for p in series.after_base] == [2025]


def test_flow_values_add_up_after_the_base_year(targets: Targets) -> None:
    for period, value in [("2025", "5000"), ("2026", "6100"), ("2026-H1", "2500")]:
        record(targets, targets.housing, period, value)
    series = selectors.target_series(target=targets.housing)
    by_period = {p.period: p for p in series.points}
    assert series.cumulative(by_period["2025"]) == 0
    assert series.cumulative(by_period["2026"]) == 6100
    assert series.cumulative(by_period["2026-H1"]) == 2500


def test_series_of_many_targets_in_one_query(
    targets: Targets, django_assert_num_queries: object
) -> None:
    record(targets, targets.grdp, "2026", "12.1")
    record(targets, targets.housing, "2026", "6100")
    chosen = [targets.grdp, targets.housing, targets.emissions]
    with django_assert_num_queries(1):  # type: ignore[operator]
        result = selectors.series_for_targets(targets=chosen)
    assert result[targets.emissions.pk].points == ()
    assert result[targets.housing.pk].points[0].value == 6100


def test_only_the_owning_unit_enters_values(world: World, targets: Targets) -> None:
    for user in (world.office, world.reporter_a, world.city_leader):
        with pytest.raises(PermissionDenied):
            record(targets, targets.grdp, "2026", "12", actor=user)
    record(targets, targets.own, "2026", "9.5", actor=world.office)
    with pytest.raises(PermissionDenied):
        record(targets, targets.own, "2026", "9.5", actor=world.reporter_a)


def test_save_many_is_all_or_nothing_with_one_audit_entry(world: World, targets: Targets) -> None:
    good = ValueInput(targets.own, "2026", Decimal("9.5"))
    wrong_unit = ValueInput(targets.grdp, "2026", Decimal("12"))
    with pytest.raises(DomainError, match=r"\(1.1\)"):
        services.observations_save_many(
            actor=world.office, unit=world.commune, items=[good, wrong_unit]
        )
    assert not Observation.objects.exists()
    before = LogEntry.objects.count()
    result = services.observations_save_many(actor=world.office, unit=world.commune, items=[good])
    assert (result.created, result.updated, result.unchanged) == (1, 0, 0)
    entries = LogEntry.objects.order_by("-pk")[: LogEntry.objects.count() - before]
    assert len(entries) == 1
    assert entries[0].additional_data["action"] == "monitoring.observation.grid_saved"
    assert entries[0].additional_data["changes"][0]["new"] == "9,5"
    again = services.observations_save_many(actor=world.office, unit=world.commune, items=[good])
    assert (again.changed, again.unchanged) == (0, 1)


def test_observations_are_scoped_to_the_readers_units(world: World, targets: Targets) -> None:
    ObservationFactory.create(
        target=targets.cell_target,
        period="2026",
        value=Decimal(96),
        entered_at=datetime(2026, 6, 1, tzinfo=UTC),
    )
    record(targets, targets.grdp, "2026", "12.1")
    assert Observation.objects.visible_to(world.reporter_a).count() == 1  # the city's only
    assert Observation.objects.visible_to(world.reporter_b).count() == 2
    assert Observation.objects.visible_to(world.outsider).count() == 1
