"""The target page shows the assessment (issue 11) beside the data (issue 10)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.monitoring.tests.conftest import Targets
from trienkhai.monitoring.tests.test_chart import fill, svg_texts


def test_target_page_shows_status_steps_and_required_path(client: Any, targets: Targets) -> None:
    fill(targets)
    client.force_login(targets.city_office)
    page = client.get(reverse("monitoring:target", args=[targets.grdp.pk])).content.decode()
    assert "Đánh giá tiến độ" in page and "Cách tính từng bước" in page
    assert "còn lại cần" in page  # the rate the remaining years need
    svg = client.get(reverse("monitoring:chart_svg", args=[targets.grdp.pk])).content.decode()
    assert "Lộ trình cần đạt" in svg_texts(svg)


def test_other_commune_gets_404_on_the_assessed_page(
    client: Any, world: World, targets: Targets
) -> None:
    client.force_login(world.reporter_a)
    assert (
        client.get(reverse("monitoring:target", args=[targets.cell_target.pk])).status_code == 404
    )
