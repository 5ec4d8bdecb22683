"""The demo's tallies: the city's programme counted by hand, the commune's own targets only."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from trienkhai.monitoring import progress
from trienkhai.monitoring.assessment import Status
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Target

pytestmark = pytest.mark.django_db

# Late 2026, as the demo's figures are written: 2025 is due, 2026 is an estimate.
AS_OF = date(2026, 12, 1)
WORST_FIRST = [
    Status.REGRESSING,
    Status.OFF_TRACK,
    Status.NEEDS_ACCELERATION,
    Status.NO_DATA,
    Status.ON_TRACK,
    Status.NOT_DUE,
    Status.ACHIEVED,
]


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch) -> None:
    # A fixed password: the demo then writes no .demo-password file.
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "demo-thu-2026")
    call_command("load_demo", stdout=io.StringIO())


def _hand_count(rows: list[progress.TargetProgress]) -> tuple[int, Counter[Status]]:
    """Group rows by the number before the first dot; all achieved, else the worst."""
    items: dict[str, list[Status]] = {}
    for row in rows:
        items.setdefault(row.target.ref.split(".")[0], []).append(row.status)
    counted: Counter[Status] = Counter()
    for statuses in items.values():
        if all(s == Status.ACHIEVED for s in statuses):
            counted[Status.ACHIEVED] += 1
        else:
            counted[min(statuses, key=WORST_FIRST.index)] += 1
    return len(items), counted


def test_city_programme_tally_matches_a_count_by_hand(demo: None) -> None:
    city = OrgUnit.objects.get(code="hai-phong")
    result = progress.unit_progress(unit=city, year=2026, as_of=AS_OF)
    [doc] = [d for d in result.documents if d.title == "Chương trình 20-CTr/TU"]
    total, counted = _hand_count(doc.rows)
    assert total == doc.tally.total == 35
    assert doc.tally.counts == {status: counted[status] for status in WORST_FIRST}
    # Every status shows in the demo's rows.
    assert {row.status for row in doc.rows} == set(Status)
    words = doc.tally.sentence
    assert words.startswith(f"Đạt và vượt {counted[Status.ACHIEVED]}/35 chỉ tiêu")
    for status, word in [
        (Status.ON_TRACK, "đúng tiến độ"),
        (Status.NEEDS_ACCELERATION, "cần tăng tốc"),
        (Status.OFF_TRACK, "chậm tiến độ"),
        (Status.REGRESSING, "giảm, đi ngược mục tiêu"),
        (Status.NO_DATA, "chưa có số liệu"),
        (Status.NOT_DUE, "chưa đến kỳ đánh giá"),
    ]:
        if counted[status]:
            assert f"{word} {counted[status]} chỉ tiêu" in words
    # Item (21) has four rows: it is achieved only if all four are.
    item21 = next(i for i in doc.items if i.item == "21")
    assert len(item21.rows) == 4
    assert (item21.status == Status.ACHIEVED) == all(
        r.status == Status.ACHIEVED for r in item21.rows
    )


def test_commune_tally_counts_only_its_own_targets(demo: None) -> None:
    commune = OrgUnit.objects.get(code="tan-ky")
    result = progress.unit_progress(unit=commune, year=2026, as_of=AS_OF)
    counted_ids = {row.target.pk for row in result.rows}
    own = Target.objects.filter(org_unit=commune).exclude(kind=Target.Kind.QUALITATIVE)
    assert counted_ids == set(own.values_list("pk", flat=True))
    assert all(row.target.org_unit_id == commune.pk for row in result.rows)
    # None of the city's programme targets, which the commune only propagates.
    reference = Target.objects.filter(scope=Target.Scope.REFERENCE, org_unit__code="hai-phong")
    assert counted_ids.isdisjoint(reference.values_list("pk", flat=True))
    # Each document's tally counts its own items, by hand.
    for doc in result.documents:
        total, counted = _hand_count(doc.rows)
        assert doc.tally.total == total
        assert doc.tally.counts == {status: counted[status] for status in WORST_FIRST}
    plan_doc = next(d for d in result.documents if d.title.startswith("Kế hoạch"))
    assert sorted(i.item for i in plan_doc.items) == ["I.1-a", "III.3-a"]
    assert [t.ref for t in plan_doc.qualitative] == ["II.2.3-a"]


def test_demo_pages(demo: None, client: Client) -> None:
    from trienkhai.accounts.models import User

    client.force_login(User.objects.get(username="thanhuy"))
    response = client.get(reverse("progress:unit", args=["hai-phong"]))
    assert response.status_code == 200
    today_result = progress.unit_progress(unit=OrgUnit.objects.get(code="hai-phong"))
    for doc in today_result.documents:
        assert doc.tally.sentence in response.content.decode()
    client.force_login(User.objects.get(username="chibo01"))
    response = client.get(reverse("progress:unit", args=["tan-ky"]))
    assert response.status_code == 200
    assert "Chương trình 20-CTr/TU" in response.content.decode()  # the split part (22.1)
