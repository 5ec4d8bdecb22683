"""Progress pages: tallies by numbered item for the owning level, the calculation, XLSX."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from trienkhai.conftest import World
from trienkhai.monitoring import progress, selectors
from trienkhai.monitoring.assessment import Status
from trienkhai.monitoring.models import Observation
from trienkhai.monitoring.tests.conftest import Targets
from trienkhai.monitoring.tests.factories import ObservationFactory
from trienkhai.plans.models import Target
from trienkhai.plans.tests.factories import TargetFactory

pytestmark = pytest.mark.django_db

AS_OF = date(2027, 2, 1)


def obs(target: Target, period: str, value: str, provisional: bool = False) -> Observation:
    return ObservationFactory.create(
        target=target,
        period=period,
        value=Decimal(value),
        status=Observation.Status.PROVISIONAL if provisional else Observation.Status.OFFICIAL,
    )


def test_spec_from_a_target(targets: Targets) -> None:
    spec = progress.target_spec(targets.emissions)
    assert (spec.kind, spec.comparator, spec.value, spec.base_year) == (
        "reduction",
        ">=",
        Decimal("43.5"),
        2020,
    )
    assert spec.reduction_values == "percent"
    assert (spec.start_year, spec.end_year) == (2026, 2030)
    rank = TargetFactory.create(
        programme=targets.programme,
        org_unit=targets.grdp.org_unit,
        ref="21.1",
        label="DTI",
        text="Chỉ số DTI hằng năm trong nhóm 5 địa phương dẫn đầu",
        kind=Target.Kind.RANK,
        comparator="rank<=",
        value=Decimal(5),
    )
    assert progress.target_spec(rank).yearly


def test_assessment_reads_official_over_provisional(targets: Targets) -> None:
    obs(targets.grdp, "2026", "14", provisional=True)
    obs(targets.grdp, "2026", "12.1")
    obs(targets.grdp, "2027", "12.1")
    row = progress.target_progress(target=targets.grdp, as_of=date(2028, 2, 1))
    assert row.assessment.status == Status.NEEDS_ACCELERATION
    assert row.assessment.sentence.startswith(
        "Bình quân 2026–2027 đạt 12,1%/năm; để đạt 13%/năm cả giai đoạn, "
        "3 năm còn lại cần 13,6%/năm"
    )


def test_city_tally_by_numbered_item(targets: Targets, world: World) -> None:
    city = world.city
    # Item 21 with four rows: achieved only if all are; here one is off.
    ranks = [
        TargetFactory.create(
            programme=targets.programme,
            org_unit=city,
            scope=Target.Scope.REFERENCE,
            ref=f"21.{i}",
            label=name,
            kind=Target.Kind.RANK,
            comparator="rank<=",
            value=Decimal(5),
            order=21,
        )
        for i, name in enumerate(["DTI", "PCI", "PAR Index", "PGI"], start=1)
    ]
    for target, rank in zip(ranks, ["3", "4", "5", "9"], strict=True):
        obs(target, "2026", rank)
    obs(targets.grdp, "2026", "13.5")  # (1.1) achieved
    obs(targets.housing, "2026", "6100")  # (27) 6.100/6.580 = 0,927 → cần tăng tốc
    # (20) emissions: nothing yet → chưa có số liệu (2026 is over).
    result = progress.unit_progress(unit=city, year=2026, as_of=AS_OF)
    [doc] = result.documents
    assert doc.title == "Chương trình 20-CTr/TU"
    assert doc.tally.items == {
        "1": Status.ACHIEVED,
        "27": Status.NEEDS_ACCELERATION,
        "20": Status.NO_DATA,
        "21": Status.OFF_TRACK,
    }
    assert doc.tally.sentence == (
        "Đạt và vượt 1/4 chỉ tiêu; cần tăng tốc 1 chỉ tiêu; chậm tiến độ 1 chỉ tiêu; "
        "chưa có số liệu 1 chỉ tiêu."
    )
    groups = {status: [i.item for i in items] for status, items in doc.groups}
    assert groups[Status.OFF_TRACK] == ["21"]
    item21 = next(i for i in doc.items if i.item == "21")
    assert [r.status for r in item21.rows] == [Status.ACHIEVED] * 3 + [Status.OFF_TRACK]


def test_commune_tally_counts_only_its_own_targets(targets: Targets, world: World) -> None:
    obs(targets.own, "2026", "10.8")
    obs(targets.grdp, "2026", "13.5")  # the city's: not in the commune's tally
    result = progress.unit_progress(unit=world.commune, year=2026, as_of=AS_OF)
    [doc] = result.documents
    assert doc.title == "Kế hoạch số 15-KH/ĐU"
    assert doc.tally.items == {"I.1-a": Status.ACHIEVED}
    assert [t.ref for t in doc.qualitative] == ["II.2.3-a"]
    assert doc.tally.sentence == "Đạt và vượt 1/1 chỉ tiêu."
    refs = {row.target.ref for row in result.rows}
    assert refs == {"I.1-a"}


def test_unit_page_lists_items_under_each_status(
    client: Client, targets: Targets, world: World
) -> None:
    obs(targets.grdp, "2026", "13.5")
    client.force_login(world.city_leader)
    url = reverse("progress:unit", args=[world.city.code])
    response = client.get(url, {"nam": "2026"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chương trình 20-CTr/TU" in html
    assert "Đạt và vượt" in html
    assert "(1.1) Tăng trưởng GRDP" in html
    assert reverse("progress:target", args=[targets.grdp.pk]) in html
    assert "style=" not in html and "<script>" not in html


def test_pages_are_scoped(client: Client, targets: Targets, world: World) -> None:
    # A commune's page is a 404 for another commune's office; the city is their ancestor.
    client.force_login(world.outsider)
    assert client.get(reverse("progress:unit", args=[world.commune.code])).status_code == 404
    assert client.get(reverse("progress:export", args=[world.commune.code])).status_code == 404
    assert client.get(reverse("progress:target", args=[targets.own.pk])).status_code == 404
    assert client.get(reverse("progress:target", args=[targets.cell_target.pk])).status_code == 404
    assert client.get(reverse("progress:unit", args=[world.city.code])).status_code == 200
    # A reporter of cell A reads the commune and the city, not cell B.
    client.force_login(world.reporter_a)
    assert client.get(reverse("progress:unit", args=[world.commune.code])).status_code == 200
    assert client.get(reverse("progress:unit", args=[world.cell_b.code])).status_code == 404
    assert client.get(reverse("progress:target", args=[targets.cell_target.pk])).status_code == 404
    assert client.get(reverse("progress:target", args=[targets.grdp.pk])).status_code == 200


def test_anonymous_is_sent_to_login(client: Client, world: World) -> None:
    response = client.get(reverse("progress:unit", args=[world.city.code]))
    assert response.status_code == 302


def test_bad_year_is_404(client: Client, world: World) -> None:
    client.force_login(world.city_leader)
    url = reverse("progress:unit", args=[world.city.code])
    assert client.get(url, {"nam": "abc"}).status_code == 404
    assert client.get(url, {"nam": "99999"}).status_code == 404


def test_index_lists_units_with_targets(client: Client, targets: Targets, world: World) -> None:
    client.force_login(world.reporter_a)
    html = client.get(reverse("progress:index")).content.decode()
    assert reverse("progress:unit", args=[world.city.code]) in html
    assert reverse("progress:unit", args=[world.commune.code]) in html
    assert reverse("progress:unit", args=[world.cell_b.code]) not in html
    entries = {
        e.unit.code: (e.items, e.rows) for e in selectors.units_with_targets(user=world.reporter_a)
    }
    # The city: items 1 (row 1.1), 20 and 27; the commune: I.1-a (the qualitative one apart).
    assert entries == {world.city.code: (3, 3), world.commune.code: (1, 1)}


def test_calculation_page_and_partial(client: Client, targets: Targets, world: World) -> None:
    obs(targets.housing, "2026", "5200")
    obs(targets.housing, "2027", "6100")
    client.force_login(world.viewer)
    url = reverse("progress:target", args=[targets.housing.pk])
    page = client.get(url, {"nam": "2027"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Cách tính từng bước" in html
    assert "Lũy kế 2026–2027 = 5.200 + 6.100 = 11.300 căn." in html
    assert "<html" in html
    partial = client.get(url, {"nam": "2027"}, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "<html" not in body
    assert "Cách tính từng bước" in body
    assert "32.900" in body


def test_xlsx_export_of_the_tally(client: Client, targets: Targets, world: World) -> None:
    obs(targets.grdp, "2026", "13.5")
    obs(targets.housing, "2026", "6100")
    client.force_login(world.city_leader)
    response = client.get(reverse("progress:export", args=[world.city.code]), {"nam": "2026"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    summary = book["Tổng hợp"]
    rows = [[c.value for c in r] for r in summary.iter_rows(min_row=4, max_col=5)]
    by_status = {r[1]: r for r in rows if r[0] == "Chương trình 20-CTr/TU"}
    assert by_status["Đạt và vượt"][2:5] == [1, 3, "1"]
    assert by_status["Cần tăng tốc"][2:5] == [1, 3, "27"]
    notes = [c.value for c in summary["A"] if isinstance(c.value, str)]
    assert any("Đạt và vượt 1/3 chỉ tiêu" in n for n in notes)
    detail = book["Chi tiết"]
    refs = [r[1].value for r in detail.iter_rows(min_row=4)]
    assert refs == ["1.1", "20", "27"]
