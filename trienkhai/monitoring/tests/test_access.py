"""Who enters and who sees: reference targets are entered by the city only; cells see only
their own values; another unit's objects are 404, visible but not theirs is 403."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.monitoring import services
from trienkhai.monitoring.models import Observation
from trienkhai.monitoring.tests.conftest import Targets

pytestmark = pytest.mark.django_db


def entry_post(client: Any, target_pk: int, value: str = "12,1") -> Any:
    return client.post(
        reverse("monitoring:entry", args=[target_pk]),
        {"period": "2026", "value": value, "source": "Cục Thống kê"},
    )


def test_cell_reporter_cannot_enter_a_city_target(
    client: Any, world: World, targets: Targets
) -> None:
    client.force_login(world.reporter_a)
    # The city's target is visible (read-only below the city)…
    page = client.get(reverse("monitoring:target", args=[targets.grdp.pk]))
    assert page.status_code == 200
    assert reverse("monitoring:entry", args=[targets.grdp.pk]) not in page.content.decode()
    # …but entering its value is refused.
    assert client.get(reverse("monitoring:entry", args=[targets.grdp.pk])).status_code == 403
    assert entry_post(client, targets.grdp.pk).status_code == 403
    assert not Observation.objects.exists()


def test_the_commune_office_cannot_enter_a_city_target_either(
    client: Any, world: World, targets: Targets
) -> None:
    client.force_login(world.office)
    assert entry_post(client, targets.grdp.pk).status_code == 403
    assert entry_post(client, targets.own.pk, "9,5").status_code == 302
    assert Observation.objects.get().value == Decimal("9.5")


def test_the_city_enters_its_own_target(client: Any, targets: Targets) -> None:
    client.force_login(targets.city_office)
    response = entry_post(client, targets.grdp.pk)
    assert response.status_code == 302
    obs = Observation.objects.get()
    assert (obs.value, obs.source, obs.status) == (Decimal("12.1"), "Cục Thống kê", "official")
    page = client.get(reverse("monitoring:target", args=[targets.grdp.pk]))
    assert "12,1" in page.content.decode()


def test_a_provisional_value_from_the_form(client: Any, targets: Targets) -> None:
    client.force_login(targets.city_office)
    client.post(
        reverse("monitoring:entry", args=[targets.housing.pk]),
        {"period": "2026-H1", "value": "2.500", "provisional": "on"},
    )
    obs = Observation.objects.get()
    assert (obs.period, obs.value, obs.status) == ("2026-H1", 2500, "provisional")


def test_form_errors_are_shown_in_vietnamese(client: Any, targets: Targets) -> None:
    client.force_login(targets.city_office)
    response = entry_post(client, targets.grdp.pk, value="12.34")
    assert response.status_code == 200
    assert "không đúng định dạng" in response.content.decode()
    response = client.post(
        reverse("monitoring:entry", args=[targets.grdp.pk]), {"period": "2099", "value": "1"}
    )
    assert "chưa bắt đầu" in response.content.decode()
    assert not Observation.objects.exists()


def test_a_cell_cannot_see_another_cells_values(
    client: Any, world: World, targets: Targets
) -> None:
    obs = services.observation_record(
        actor=world.reporter_b, target=targets.cell_target, period="2026", value=Decimal(96)
    )
    client.force_login(world.reporter_a)
    pk = targets.cell_target.pk
    for name in ("monitoring:target", "monitoring:entry", "monitoring:chart_svg"):
        assert client.get(reverse(name, args=[pk])).status_code == 404, name
    assert client.get(reverse("monitoring:chart_png", args=[pk])).status_code == 404
    assert client.get(reverse("monitoring:grid", args=["tk-cb-b", 2026])).status_code == 404
    assert client.get(reverse("monitoring:template", args=["tk-cb-b", 2026])).status_code == 404
    assert entry_post(client, pk).status_code == 404
    assert client.post(reverse("monitoring:delete", args=[obs.pk])).status_code == 404
    assert Observation.objects.get().value == 96
    # Chi bộ B itself sees and enters its own value.
    client.force_login(world.reporter_b)
    assert client.get(reverse("monitoring:target", args=[pk])).status_code == 200
    assert client.get(reverse("monitoring:grid", args=["tk-cb-b", 2026])).status_code == 200


def test_another_commune_sees_nothing_of_this_one(
    client: Any, world: World, targets: Targets
) -> None:
    client.force_login(world.outsider)
    assert client.get(reverse("monitoring:target", args=[targets.own.pk])).status_code == 404
    assert client.get(reverse("monitoring:grid", args=["tk", 2026])).status_code == 404
    assert client.get(reverse("monitoring:upload", args=["tk", 2026])).status_code == 404
    # The city's programme is addressed to every commune: readable.
    assert client.get(reverse("monitoring:target", args=[targets.grdp.pk])).status_code == 200


def test_delete_needs_the_right_to_enter(client: Any, world: World, targets: Targets) -> None:
    obs = services.observation_record(
        actor=world.office, target=targets.own, period="2026", value=Decimal(9)
    )
    client.force_login(world.viewer)
    assert client.post(reverse("monitoring:delete", args=[obs.pk])).status_code == 403
    client.force_login(world.office)
    assert client.post(reverse("monitoring:delete", args=[obs.pk])).status_code == 302
    assert not Observation.objects.exists()


def test_grid_post_needs_the_right_to_enter(client: Any, world: World, targets: Targets) -> None:
    client.force_login(world.viewer)
    url = reverse("monitoring:grid", args=["tk", 2026])
    page = client.get(url)
    assert page.status_code == 200
    assert f'name="v{targets.own.pk}"' not in page.content.decode()
    assert client.post(url, {f"v{targets.own.pk}": "9,5"}).status_code == 403
    assert not Observation.objects.exists()


def test_index_lists_units_with_targets(client: Any, world: World, targets: Targets) -> None:
    client.force_login(world.reporter_a)
    html = client.get(reverse("monitoring:index")).content.decode()
    assert world.city.name in html and world.commune.name in html
    assert world.cell_b.name not in html
    client.force_login(world.reporter_b)
    assert world.cell_b.name in client.get(reverse("monitoring:index")).content.decode()


def test_years_outside_the_range_are_404(client: Any, world: World, targets: Targets) -> None:
    client.force_login(world.office)
    assert client.get(reverse("monitoring:grid", args=["tk", 2099])).status_code == 404
    assert client.get(reverse("monitoring:grid", args=["tk", 1990])).status_code == 404
