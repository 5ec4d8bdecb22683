"""The dashboard's small target charts: tiny gzipped SVGs, cached, scoped, with a table twin."""

from __future__ import annotations

import dataclasses
import gzip
from decimal import Decimal
from typing import Any

import pytest
from defusedxml import ElementTree
from django.core.cache import cache
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.core.numbers import format_number
from trienkhai.dashboard import charts
from trienkhai.monitoring import chart, services
from trienkhai.monitoring.tests.conftest import Targets, targets  # noqa: F401
from trienkhai.plans.models import Target
from trienkhai.plans.tests.factories import TargetFactory

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def fill(world: World, targets: Targets) -> None:  # noqa: F811
    for period, value, status in [
        ("2025", "6", "official"),
        ("2026", "7.5", "provisional"),
        ("2026-H1", "3.1", "official"),
    ]:
        services.observation_record(
            actor=world.office,
            target=targets.own,
            period=period,
            value=Decimal(value),
            status=status,
        )


def url(targets: Targets) -> str:  # noqa: F811
    return reverse("charts:target", args=[targets.own.pk])


def get(client: Any, path: str, **headers: str) -> Any:
    return client.get(path, headers={"accept-encoding": "gzip, deflate", **headers})


def test_the_url(targets: Targets) -> None:  # noqa: F811
    assert url(targets) == f"/tong-quan/bieu-do/chi-tieu/{targets.own.pk}.svg"


def test_small_svg_is_gzipped_xml_with_its_three_lines(
    client: Any,
    world: World,
    targets: Targets,  # noqa: F811
) -> None:
    fill(world, targets)
    client.force_login(world.leader)
    response = get(client, url(targets))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "max-age=300" in cache_control
    assert "script-src 'none'" in response["Content-Security-Policy"]
    assert len(response.content) <= 3 * 1024  # on the wire
    svg = gzip.decompress(response.content)
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    for line in ("values", "target", "path"):
        assert groups[line].find(f"{SVG}path") is not None, line
    # The values and their dots: the two yearly values, the half year apart.
    assert len(groups["values"].findall(f".//{SVG}use")) == 2
    assert len(groups["periods"].findall(f".//{SVG}use")) == 1
    # The last value is the only text, the Vietnamese way; no metadata, no glyph outlines.
    assert [t.text for t in root.iter(f"{SVG}text")] == ["7,5"]
    assert b"<metadata" not in svg and b"DejaVuSans-" not in svg


def test_plain_svg_when_the_browser_takes_no_gzip(
    client: Any,
    world: World,
    targets: Targets,  # noqa: F811
) -> None:
    fill(world, targets)
    client.force_login(world.leader)
    response = client.get(url(targets), headers={"accept-encoding": "identity"})
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert response.content.startswith(b"<?xml")


def test_target_line_is_red_when_behind_green_when_on_track(world: World) -> None:
    data = chart.ChartData(
        title="",
        y_label="",
        points=(chart.ChartPoint(2025, 1.0, False, False, True),),
        x_min=2025,
        x_max=2030,
        target=5.0,
    )
    assert chart.GREEN in chart.draw(data, size="small").decode()
    behind = chart.draw(dataclasses.replace(data, behind=True), size="small")
    assert chart.RED in behind.decode() and chart.GREEN not in behind.decode()


def test_another_units_user_gets_404_and_anonymous_the_login(
    client: Any,
    world: World,
    targets: Targets,  # noqa: F811
) -> None:
    client.force_login(world.outsider)
    assert get(client, url(targets)).status_code == 404
    # A chi bộ reads what its ancestors address down, never a sibling's own target.
    client.force_login(world.reporter_a)
    assert get(client, url(targets)).status_code == 200
    sibling = reverse("charts:target", args=[targets.cell_target.pk])
    assert get(client, sibling).status_code == 404
    client.logout()
    response = get(client, url(targets))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_second_request_is_served_from_cache_and_revalidates(
    client: Any,
    world: World,
    targets: Targets,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(world, targets)
    drawn: list[chart.ChartData] = []
    real_draw = chart.draw

    def counting_draw(data: chart.ChartData, *args: Any, **kwargs: Any) -> bytes:
        drawn.append(data)
        return real_draw(data, *args, **kwargs)

    monkeypatch.setattr(chart, "draw", counting_draw)
    client.force_login(world.leader)
    first = get(client, url(targets))
    second = get(client, url(targets))
    assert len(drawn) == 1
    assert first.content == second.content and first["ETag"] == second["ETag"]
    etag = first["ETag"]
    assert etag.startswith(f'"{targets.own.pk}-')
    again = get(client, url(targets), if_none_match=etag)
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    assert len(drawn) == 1
    # A new value: another key, another picture, and the old ETag no longer matches.
    services.observation_record(
        actor=world.office, target=targets.own, period="2026-Q3", value=Decimal("5.2")
    )
    changed = get(client, url(targets), if_none_match=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert gzip.decompress(changed.content) != gzip.decompress(first.content)
    assert len(drawn) == 2


def test_chart_rows_give_the_same_figures_as_text(
    world: World,
    targets: Targets,  # noqa: F811
) -> None:
    fill(world, targets)
    rows = charts.chart_rows(targets.own)
    assert rows[:3] == [
        ("Năm 2025 (năm gốc)", "6 %/năm"),
        ("6 tháng đầu năm 2026", "3,1 %/năm"),
        ("Năm 2026", "7,5 %/năm (tạm tính)"),
    ]
    assert rows[3] == ("Mục tiêu", "từ 10 %/năm (năm 2030)")
    small = charts.small_chart(target=targets.own)
    path = small.assessment.required_path
    assert [r for r, _v in rows[4:]] == [f"Lộ trình cần đạt năm {y}" for y, _v in path if y > 2026]
    # What the remaining years need, rounded as a person would write it.
    assert rows[4][1] == f"{format_number(round(path[1][1], 2))} %/năm"


def test_flow_rows_are_running_totals(
    world: World,
    targets: Targets,  # noqa: F811
) -> None:
    housing = TargetFactory.create(
        programme=targets.programme,
        ref="28",
        label="Nhà ở xã hội",
        kind=Target.Kind.CUMULATIVE,
        value=Decimal(30000),
        measure_unit="căn",
        measure=Target.Measure.FLOW,
        base_year=2024,
        target_year=2030,
    )
    for period, value in [("2024", "5500"), ("2025", "6100"), ("2026", "5000")]:
        services.observation_record(
            actor=targets.city_office, target=housing, period=period, value=Decimal(value)
        )
    rows = charts.chart_rows(housing)
    # The base year starts the running total and is not a figure of its own.
    assert rows[:2] == [("Năm 2025", "lũy kế 6.100 căn"), ("Năm 2026", "lũy kế 11.100 căn")]
    assert rows[2][0] == "Mục tiêu"
    assert all(v.startswith("lũy kế ") for _r, v in rows[3:])


def test_a_target_without_values_still_draws(
    client: Any,
    world: World,
    targets: Targets,  # noqa: F811
) -> None:
    client.force_login(world.leader)
    response = get(client, url(targets))
    assert response.status_code == 200
    ElementTree.fromstring(gzip.decompress(response.content))
    assert charts.chart_rows(targets.own)[0] == ("Số liệu", "Chưa có số liệu")
