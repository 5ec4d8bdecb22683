"""On the demo: each tile of the leaders' dashboard and each count of the office's board is
what its module's selector returns, and its link lists exactly those rows."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from trienkhai.accounts.models import User
from trienkhai.dashboard.leaders import Dashboard, Figure, task_counts
from trienkhai.dashboard.office import unconfirmed_tasks
from trienkhai.documents.models import OfficialDocument
from trienkhai.inspections import slow
from trienkhai.inspections.models import ActionState
from trienkhai.inspections.selectors import actions_for
from trienkhai.opinion.selectors import UNANSWERED, OpinionFilter, opinions_for
from trienkhai.orgs.models import OrgUnit
from trienkhai.reporting import rates
from trienkhai.reporting.selectors import late_board, review_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "Demo-tong-quan-2026")
    call_command("load_demo", verbosity=0)


def _figure(board: Dashboard, tile: str, key: str) -> Figure:
    return next(f for f in board.tile(tile).figures if f.key == key)


def _listed(client: Any, url: str) -> int:
    """How many rows the page behind a link lists (its paginator's count, or its rows)."""
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.context.get("page")
    if page is not None and hasattr(page, "paginator"):
        return int(page.paginator.count)
    return len(response.context["rows"])


def test_each_leader_tile_is_its_selector_and_its_link_lists_those_rows(
    client: Any, demo: None
) -> None:
    leader = User.objects.get(username="bithu")
    client.force_login(leader)
    response = client.get("/")  # the leader's home is the dashboard
    assert response.status_code == 200
    board: Dashboard = response.context["board"]
    unit, plan, today = board.unit, board.plan, timezone.localdate()
    assert unit.code == "tan-ky" and plan is not None
    html = response.content.decode()

    # Tasks: the task list's own counts, and each link lists that many occurrences.
    totals = task_counts(user=leader, plan=plan, today=today)
    for key in ("due_total", "done_on_time", "done_late", "in_time", "overdue"):
        figure = _figure(board, "tasks", key)
        assert figure.count == totals.get(key)
        assert _listed(client, figure.url) == figure.count, key
        assert f'data-figure="{key}" data-count="{figure.count}"' in html
    assert totals.due_total > 0 and totals.overdue > 0  # the demo has both

    # Reports: the rates page's figures; the late board lists the late ones.
    expected = rates.rates_of(unit)
    assert _figure(board, "reports", "expected").count == expected.expected
    assert _figure(board, "reports", "accepted").count == expected.accepted
    late = _figure(board, "reports", "late")
    assert late.count == late_board(root=unit, today=today).count() > 0
    assert _listed(client, late.url) == late.count

    # Slow units: the slow list's rows.
    slow_figure = _figure(board, "slow", "slow")
    assert slow_figure.count == len(slow.slow_units(root=unit, today=today)) > 0
    assert _listed(client, slow_figure.url) == slow_figure.count

    # Corrective actions by state, and overdue.
    for key, kwargs in (
        ("open", {"state": ActionState.OPEN}),
        ("reported", {"state": ActionState.REPORTED}),
        ("overdue", {"overdue_on": today}),
    ):
        figure = _figure(board, "findings", key)
        assert figure.count == actions_for(user=leader, root=unit, **kwargs).count()
        assert _listed(client, figure.url) == figure.count, key

    # Targets: the tally page's items under each status.
    for figure in board.tile("targets").figures:
        doc_key, status = figure.key.split(":")
        document = next(d for d in board.documents if d.key == doc_key)
        assert figure.count == len(document.tally.by_status[status])  # type: ignore[index]
        page = client.get(figure.url.split("#")[0]).content.decode()
        assert f'id="{doc_key}-{status}"' in page

    # Coverage: the board's rollup for the plan.
    coverage = board.tile("coverage").figures
    assert {f.key for f in coverage} == {"key_cadres", "party_members", "union_members"}
    assert any(f.ok is False for f in coverage) and any(f.ok is True for f in coverage)

    # Scores: the round's cards of the unit, the best first.
    scores = board.tile("scores")
    assert scores.figures[0].count == 41 and scores.lines

    # Each target has its chart and its table alternative.
    assert board.targets
    for card in board.targets:
        assert f"/tong-quan/bieu-do/chi-tieu/{card.target.pk}.svg" in html
    assert html.count('<div class="visually-hidden"><table>') == len(board.targets)


def test_the_city_leader_chooses_a_commune_and_sees_the_communes_side_by_side(
    client: Any, demo: None
) -> None:
    client.force_login(User.objects.get(username="thanhuy"))
    city = client.get("/tong-quan/")
    assert city.status_code == 200
    assert city.context["board"].unit.code == "hai-phong"
    assert 'data-commune="tan-ky"' in city.content.decode()
    assert any(u.code == "tan-ky" for u in city.context["below"])
    commune = client.get("/tong-quan/", {"don_vi": "tan-ky"})
    assert commune.context["board"].unit.code == "tan-ky"
    assert commune.context["up"].code == "hai-phong"
    # A commune leader cannot open the city's nor another commune's dashboard.
    client.force_login(User.objects.get(username="bithu"))
    assert client.get("/tong-quan/", {"don_vi": "hai-phong"}).status_code == 404


def test_the_print_view_pdf_and_xlsx_carry_the_same_figures(client: Any, demo: None) -> None:
    client.force_login(User.objects.get(username="bithu"))
    board = client.get("/tong-quan/").context["board"]
    printed = client.get("/tong-quan/in/").content.decode()
    overdue = _figure(board, "tasks", "overdue")
    assert re.search(rf"{overdue.label}</td><td class=\"num\">{overdue.shown}<", printed)
    pdf = client.get("/tong-quan/in.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get("/tong-quan/tai-xuong.xlsx")
    assert xlsx.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(xlsx.content))
    rows = [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    assert any(r[1] == overdue.label and r[2] == overdue.count for r in rows)
    points = list(book.worksheets[2].iter_rows(values_only=True))
    assert len(points) > len(board.targets)


def test_each_office_count_is_its_selector_and_its_link_lists_those_rows(
    client: Any, demo: None
) -> None:
    office = User.objects.get(username="vanphong")
    client.force_login(office)
    response = client.get("/viec-hom-nay/")
    assert response.status_code == 200
    duties = {d.key: d for d in response.context["duties"]}
    unit = OrgUnit.objects.get(code="tan-ky")
    today = timezone.localdate()

    assert duties["reviews"].count == review_queue(user=office).count() > 0
    assert _listed(client, duties["reviews"].url) == duties["reviews"].count

    assert duties["confirm"].count == unconfirmed_tasks(user=office, today=today) > 0
    assert _listed(client, duties["confirm"].url) == duties["confirm"].count

    drafts = OfficialDocument.objects.filter(issuer=unit, status="draft").count()
    assert duties["drafts"].count == drafts > 0
    assert _listed(client, duties["drafts"].url) == drafts

    unanswered = opinions_for(user=office, where=OpinionFilter(root=unit, state=UNANSWERED))
    assert duties["opinions"].count == unanswered.count() > 0
    assert _listed(client, duties["opinions"].url) == duties["opinions"].count

    assert duties["materials"].count == len(duties["materials"].rows) > 0

    # The office's home starts with the same counts.
    home = client.get("/").content.decode()
    assert 'data-duty="reviews"' in home


def test_a_reader_without_the_office_role_gets_no_board(client: Any, demo: None) -> None:
    client.force_login(User.objects.get(username="chibo01"))
    assert client.get("/viec-hom-nay/").status_code == 403
    client.force_login(User.objects.get(username="xem"))
    assert client.get("/viec-hom-nay/").status_code == 403
