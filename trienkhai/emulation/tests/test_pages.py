"""The round's pages as the office and a unit meet them: open, set the weights (a refused sum
keeps what was typed), compute, override with a reason, sign off; another commune gets 404."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from trienkhai.accounts.models import User
from trienkhai.conftest import World
from trienkhai.emulation import services
from trienkhai.emulation.models import Band, ScoreRound
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.tasks.models import TaskOccurrence
from trienkhai.tasks.tests.factories import SeedPlanFactory, TaskFactory

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def round_(world: World) -> ScoreRound:
    plan = SeedPlanFactory.create(org_unit=world.commune)
    for unit in (world.cell_a, world.cell_b):
        task = TaskFactory.create(plan=plan, assignee=unit, due=date(2026, 3, 10))
        TaskOccurrence.objects.create(
            task=task, starts_on=date(2026, 1, 5), due=task.due, completed_on=date(2026, 3, 9)
        )
    opened = services.round_open(actor=world.office, committee=world.commune, year=2026)
    return services.round_compute(actor=world.office, round_=opened, today=date(2026, 12, 7))


def _weights(**changes: int) -> dict[str, object]:
    data: dict[str, object] = {
        "w_coverage": 20,
        "w_reports_done": 15,
        "w_reports_on_time": 15,
        "w_tasks": 25,
        "w_media": 15,
        "w_actions": 10,
        "bonus_per_practice": "2",
        "bonus_max": "5",
        "penalty_per_violation": "5",
        "cap_percent": 20,
    }
    data.update({f"w_{k}": v for k, v in changes.items()})
    return data


def test_the_office_opens_a_round_from_an_empty_year(world: World) -> None:
    office = _client(world.office)
    page = office.get(reverse("emulation:index") + "?nam=2026")
    assert page.status_code == 200 and "Mở kỳ bình xét" in page.content.decode()
    done = office.post(reverse("emulation:open") + "?don_vi=tk", {"year": 2026})
    assert done.status_code == 302 and ScoreRound.objects.filter(year=2026).count() == 1
    # A cell reads the empty year but may not open it.
    assert (
        "Mở kỳ bình xét"
        not in _client(world.reporter_a)
        .get(reverse("emulation:index") + "?nam=2025")
        .content.decode()
    )


def test_a_refused_sum_of_weights_keeps_what_was_typed(world: World, round_: ScoreRound) -> None:
    office = _client(world.office)
    url = reverse("emulation:settings", args=[round_.pk])
    refused = office.post(url, {**_weights(tasks=31), "version": round_.version})
    html = refused.content.decode()
    assert refused.status_code == 200 and "phải bằng 100 (hiện là 106)" in html
    assert 'value="31"' in html
    round_.refresh_from_db()
    assert round_.weights["tasks"] == 25
    done = office.post(url, {**_weights(tasks=35, actions=0), "version": round_.version})
    assert done.status_code == 302
    round_.refresh_from_db()
    assert round_.weights["tasks"] == 35 and round_.weights["actions"] == 0
    assert _client(world.reporter_a).post(url, _weights()).status_code == 403


def test_the_round_page_shows_groups_bands_and_the_cap(world: World, round_: ScoreRound) -> None:
    page = _client(world.office).get(reverse("emulation:index") + "?nam=2026")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Chi bộ thôn A" in html and "Ủy ban nhân dân" in html
    assert "tham khảo" in html and "Vượt tỉ lệ" in html  # two candidates, 20 % of 2 → 0
    book = load_workbook(
        BytesIO(_client(world.office).get(reverse("emulation:xlsx", args=[round_.pk])).content)
    )
    names = {row[1] for row in book.worksheets[0].iter_rows(values_only=True)}
    assert {"Chi bộ thôn A", "Chi bộ thôn B", "UBND xã Tân Kỳ"} <= names
    assert (
        _client(world.office).get(reverse("emulation:print", args=[round_.pk])).status_code == 200
    )


def test_a_cell_reads_its_own_card_only(world: World, round_: ScoreRound) -> None:
    cell = _client(world.reporter_a)
    html = cell.get(reverse("emulation:index") + "?nam=2026").content.decode()
    assert "Chi bộ thôn A" in html and "Chi bộ thôn B" not in html
    other = round_.cards.get(org_unit=world.cell_b)
    assert cell.get(reverse("emulation:card", args=[other.pk])).status_code == 404
    own = round_.cards.get(org_unit=world.cell_a)
    assert cell.get(reverse("emulation:card", args=[own.pk])).status_code == 200
    assert (
        cell.post(
            reverse("emulation:card", args=[own.pk]),
            {"band": "excellent", "reason": "x", "version": own.version},
        ).status_code
        == 403
    )


def test_override_then_sign_off_from_the_pages(world: World, round_: ScoreRound) -> None:
    office = _client(world.office)
    card = round_.cards.get(org_unit=world.cell_b)
    url = reverse("emulation:card", args=[card.pk])
    assert "Điều chỉnh mức xếp loại" in office.get(url).content.decode()
    refused = office.post(url, {"band": "excellent", "reason": "", "version": card.version})
    assert "Hãy ghi lý do điều chỉnh" in refused.content.decode()
    office.post(
        url,
        {
            "band": "excellent",
            "reason": "Mô hình Zalo chi bộ được nhân rộng.",
            "version": card.version,
        },
    )
    card.refresh_from_db()
    assert card.band_final == Band.EXCELLENT
    round_.refresh_from_db()
    office.post(reverse("emulation:sign_off", args=[round_.pk]), {"version": round_.version})
    round_.refresh_from_db()
    assert round_.signed
    html = office.get(url).content.decode()
    assert "Điều chỉnh mức xếp loại" not in html and "Đã ký duyệt" in html
    assert "Mô hình Zalo chi bộ được nhân rộng." in html


def test_another_commune_gets_404(world: World, round_: ScoreRound) -> None:
    outsider = _client(world.outsider)
    card = round_.cards.first()
    assert card is not None
    for url in (
        reverse("emulation:index") + "?don_vi=tk",
        reverse("emulation:card", args=[card.pk]),
        reverse("emulation:xlsx", args=[round_.pk]),
        reverse("emulation:print", args=[round_.pk]),
    ):
        assert outsider.get(url).status_code == 404, url
    for name in ("emulation:compute", "emulation:sign_off", "emulation:settings"):
        assert outsider.post(reverse(name, args=[round_.pk]), {"version": 1}).status_code == 404


def test_the_round_page_reads_a_bounded_number_of_queries(world: World, round_: ScoreRound) -> None:
    def count() -> int:
        client = _client(world.office)
        client.get(reverse("emulation:index") + "?nam=2026")
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("emulation:index") + "?nam=2026")
        return len(queries)

    few = count()
    for i in range(12):
        OrgUnitFactory.create(parent=world.commune, code=f"tk-cb-x{i}", name=f"Chi bộ X{i}")
    services.round_compute(actor=world.office, round_=round_, today=date(2026, 12, 7))
    assert count() == few
