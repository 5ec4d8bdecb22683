"""The target page and its chart: Vietnamese labels kept as text, a strict CSP, a PNG twin."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.monitoring import chart, selectors, services
from trienkhai.monitoring.tests.conftest import Targets
from trienkhai.plans.tests.factories import TargetFactory

pytestmark = pytest.mark.django_db


def fill(targets: Targets) -> None:
    actor = targets.city_office
    for target, period, value, status in [
        (targets.grdp, "2025", "8,2", "official"),
        (targets.grdp, "2026", "12,1", "provisional"),
        (targets.housing, "2026", "6.100", "provisional"),
        (targets.housing, "2026-H1", "2.500", "official"),
    ]:
        services.observation_record(
            actor=actor,
            target=target,
            period=period,
            value=Decimal(value.replace(".", "").replace(",", ".")),
            status=status,
        )


def svg_texts(svg: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    ]


def test_chart_svg_keeps_the_vietnamese_labels_as_text(client: Any, targets: Targets) -> None:
    fill(targets)
    client.force_login(targets.city_office)
    response = client.get(reverse("monitoring:chart_svg", args=[targets.grdp.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    texts = svg_texts(svg)
    assert "(1.1) Tăng trưởng GRDP" in texts
    assert "Mục tiêu: từ 13 %/năm (phấn đấu 14) (năm 2030)" in texts
    assert "Phấn đấu: 14" in texts
    assert "Tạm tính (chưa chính thức)" in texts
    assert "12,1 (tạm tính)" in texts  # the provisional point, numbers written the Vietnamese way
    assert "Năm gốc" in texts
    assert "DejaVu Sans" in svg
    assert "<script" not in svg
    # Opened on its own the SVG may style itself but never run a script.
    policy = response["Content-Security-Policy"]
    assert "script-src 'none'" in policy and "default-src 'none'" in policy
    # No glyph outlines in place of text.
    assert '<path id="DejaVuSans' not in svg


def test_png_is_drawn_by_the_same_function(client: Any, targets: Targets) -> None:
    fill(targets)
    client.force_login(targets.city_office)
    response = client.get(reverse("monitoring:chart_png", args=[targets.housing.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_flow_chart_draws_running_totals_and_the_year_bars(targets: Targets) -> None:
    fill(targets)
    series = selectors.target_series(target=targets.housing)
    data = chart.chart_data(targets.housing, series, figure_text="khoảng 32.900 căn")
    assert [(p.x, p.value, p.provisional) for p in data.points] == [
        (2025.0, 0.0, False),  # the running total starts at the base year
        (2025.5, 2500.0, False),  # end of June 2026
        (2026.0, 6100.0, True),
    ]
    assert data.bars == ((2026.0, 6100.0, True),)
    assert (data.target, data.x_min, data.x_max) == (32900.0, 2025, 2030)
    svg = chart.draw(data).decode()
    assert "Lũy kế" in svg_texts(svg)
    assert "Thực hiện trong năm" in svg_texts(svg)


def test_range_and_rank_targets(targets: Targets, world: World) -> None:
    rank = TargetFactory.create(
        programme=targets.programme,
        org_unit=world.city,
        scope="reference",
        ref="21.2",
        label="PCI",
        kind="rank",
        comparator="rank<=",
        value=Decimal(5),
        stretch=Decimal(3),
    )
    data = chart.chart_data(rank, selectors.target_series(target=rank), figure_text="top 5")
    assert data.invert_y and data.stretch_label == "Phấn đấu: top 3"
    band = TargetFactory.create(
        programme=targets.programme,
        org_unit=world.city,
        scope="reference",
        ref="4.1",
        label="IIP",
        comparator="range",
        low=Decimal("15.5"),
        high=Decimal("16.5"),
    )
    data = chart.chart_data(band, selectors.target_series(target=band), figure_text="15,5–16,5")
    assert data.target_band == (15.5, 16.5) and data.target is None
    assert "Chưa có số liệu" in svg_texts(chart.draw(data).decode())


def test_target_page_keeps_a_strict_csp(client: Any, world: World, targets: Targets) -> None:
    fill(targets)
    client.force_login(world.reporter_a)
    response = client.get(reverse("monitoring:target", args=[targets.grdp.pk]))
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert re.search(r"script-src 'self'(;|$)", policy)
    assert re.search(r"style-src 'self'(;|$)", policy)
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert "style=" not in html and "<style" not in html
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    chart_url = reverse("monitoring:chart_svg", args=[targets.grdp.pk])
    assert f'<img class="img-fluid chart-img" src="{chart_url}"' in html
    # The series table: base, provisional marked, numbers the Vietnamese way.
    assert "năm gốc" in html and "tạm tính" in html and "12,1" in html
    assert "Năm 2025" in html


def test_flow_page_shows_running_totals(client: Any, targets: Targets) -> None:
    fill(targets)
    client.force_login(targets.city_office)
    html = client.get(reverse("monitoring:target", args=[targets.housing.pk])).content.decode()
    assert "Lũy kế" in html and "6.100" in html and "2.500" in html
    assert "6 tháng đầu năm 2026" in html
