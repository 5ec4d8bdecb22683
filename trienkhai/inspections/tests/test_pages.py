"""The inspection pages as their users meet them: the body opens, records and concludes; the
unit reports its correction; another unit gets 404 everywhere."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from trienkhai.accounts.models import User
from trienkhai.conftest import World
from trienkhai.inspections import services
from trienkhai.inspections.models import ActionState, CorrectiveAction, Inspection
from trienkhai.inspections.tests.conftest import Body, header

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _action(world: World, inspection: Inspection) -> CorrectiveAction:
    finding = services.finding_add(
        actor=world.office,
        inspection=inspection,
        unit=world.cell_a,
        text="Sổ biên bản chưa ghi đủ.",
        action_text="Bổ sung sổ biên bản.",
        due=date(2026, 11, 30),
    )
    return finding.actions.get()


def test_open_an_inspection_from_the_form(world: World, body: Body) -> None:
    client = _client(world.office)
    page = client.get(reverse("inspections:create"))
    assert page.status_code == 200
    assert "Ủy ban Kiểm tra Đảng ủy xã Tân Kỳ" in page.content.decode()
    data = {
        "body": body.unit.pk,
        "kind": "inspection",
        "title": "việc thực hiện Kế hoạch",
        "units": [world.cell_a.pk],
        "start": "23/11/2026",
        "end": "01/11/2026",
        "team": "Đồng chí A — Trưởng đoàn",
    }
    refused = client.post(reverse("inspections:create"), data)
    body_text = refused.content.decode()
    assert refused.status_code == 200
    assert "không được trước ngày bắt đầu" in body_text
    assert "Đồng chí A — Trưởng đoàn" in body_text  # what was typed is still there
    assert not Inspection.objects.exists()
    data["end"] = "18/12/2026"
    done = client.post(reverse("inspections:create"), data)
    inspection = Inspection.objects.get()
    assert done.status_code == 302 and done["Location"].endswith(f"/kiem-tra/{inspection.pk}/")
    assert list(inspection.units.all()) == [world.cell_a]


def test_only_a_body_member_opens_inspections(world: World, body: Body) -> None:
    assert _client(world.reporter_a).get(reverse("inspections:create")).status_code == 403
    assert _client(world.leader).get(reverse("inspections:create")).status_code == 403


def test_the_detail_page_records_findings_and_issues_documents(world: World, body: Body) -> None:
    inspection = services.inspection_create(
        actor=world.office, body=body.unit, header=header(world)
    )
    client = _client(body.member)
    url = reverse("inspections:detail", args=[inspection.pk])
    page = client.get(url).content.decode()
    assert "Ban hành quyết định" in page
    draft = client.get(reverse("inspections:document", args=[inspection.pk, "quyet-dinh"]))
    assert draft.status_code == 200 and draft["Content-Type"].startswith("application/vnd")
    # A cell reads nothing of a planned inspection.
    assert _client(world.reporter_a).get(url).status_code == 404
    client.post(
        reverse("inspections:decide", args=[inspection.pk]), {"version": inspection.version}
    )
    inspection.refresh_from_db()
    assert inspection.decision is not None and inspection.decision.number == 1
    refused = client.post(
        reverse("inspections:finding_add", args=[inspection.pk]),
        {
            "unit": world.cell_a.pk,
            "severity": "shortcoming",
            "text": "Chưa có kế hoạch.",
            "action_text": "Ban hành kế hoạch.",
            "due": "",
        },
    )
    assert "Hãy ghi hạn khắc phục" in refused.content.decode()
    assert "Chưa có kế hoạch." in refused.content.decode()
    client.post(
        reverse("inspections:finding_add", args=[inspection.pk]),
        {
            "unit": world.cell_a.pk,
            "severity": "shortcoming",
            "text": "Chưa có kế hoạch.",
            "action_text": "Ban hành kế hoạch.",
            "due": "20/12/2026",
        },
    )
    assert CorrectiveAction.objects.filter(org_unit=world.cell_a).count() == 1
    inspection.refresh_from_db()
    client.post(
        reverse("inspections:conclude", args=[inspection.pk]),
        {"conclusion": "Chi bộ thực hiện tốt.", "version": inspection.version},
    )
    inspection.refresh_from_db()
    assert inspection.conclusion_doc is not None
    notice = client.get(reverse("inspections:document", args=[inspection.pk, "ket-luan"]))
    assert notice.status_code == 200
    # The inspected cell reads the issued documents; another commune does not.
    cell = _client(world.reporter_a)
    assert cell.get(url).status_code == 200
    assert (
        cell.get(reverse("inspections:document", args=[inspection.pk, "ket-luan"])).status_code
        == 200
    )
    outsider = _client(world.outsider)
    assert outsider.get(url).status_code == 404
    assert outsider.get(reverse("inspections:print", args=[inspection.pk])).status_code == 404
    assert (
        outsider.get(
            reverse("inspections:document", args=[inspection.pk, "quyet-dinh"])
        ).status_code
        == 404
    )


def test_the_unit_reports_and_the_body_verifies(
    world: World, body: Body, started: Inspection
) -> None:
    action = _action(world, started)
    url = reverse("inspections:action", args=[action.pk])
    cell = _client(world.reporter_a)
    mine = cell.get(reverse("inspections:unit"))
    assert "Bổ sung sổ biên bản." in mine.content.decode()
    page = cell.get(url).content.decode()
    assert "Gửi báo cáo khắc phục" in page
    refused = cell.post(url, {"done_on": "01/12/2026", "report": "", "version": action.version})
    assert "Hãy ghi đã khắc phục thế nào" in refused.content.decode()
    done = cell.post(
        url,
        {
            "done_on": timezone.localdate().strftime("%d/%m/%Y"),
            "report": "Đã bổ sung.",
            "version": action.version,
        },
    )
    assert done.status_code == 302
    action.refresh_from_db()
    assert action.state == ActionState.REPORTED
    # Cell B and another commune do not see it.
    assert _client(world.reporter_b).get(url).status_code == 404
    assert _client(world.outsider).get(url).status_code == 404
    assert (
        "Bổ sung sổ biên bản."
        not in _client(world.reporter_b).get(reverse("inspections:unit")).content.decode()
    )
    office = _client(body.member)
    assert "Xác nhận đã khắc phục" in office.get(url).content.decode()
    stale = action.version
    office.post(
        reverse("inspections:action_verify", args=[action.pk]), {"version": stale, "note": ""}
    )
    action.refresh_from_db()
    assert action.state == ActionState.VERIFIED
    again = office.post(
        reverse("inspections:action_return", args=[action.pk]), {"version": stale, "note": "x"}
    )
    assert "vừa được người khác thay đổi" in again.content.decode()


def test_lists_and_exports_answer_for_the_office_and_not_outside(
    world: World, body: Body, started: Inspection
) -> None:
    _action(world, started)
    office = _client(world.office)
    for name in ("list", "list_print", "list_xlsx", "unit", "unit_print", "unit_xlsx"):
        assert office.get(reverse(f"inspections:{name}")).status_code == 200, name
    outsider = _client(world.outsider)
    for name in ("list", "unit"):
        response = outsider.get(reverse(f"inspections:{name}") + f"?don_vi={world.commune.code}")
        assert response.status_code == 404, name
    listed = outsider.get(reverse("inspections:list")).content.decode()
    assert started.title not in listed


def test_the_list_costs_the_same_queries_for_more_inspections(
    world: World, body: Body, started: Inspection
) -> None:
    office = _client(world.office)
    url = reverse("inspections:list")
    office.get(url)
    with CaptureQueriesContext(connection) as few:
        office.get(url)
    for _n in range(5):
        more = services.inspection_create(actor=world.office, body=body.unit, header=header(world))
        _action(
            world,
            services.inspection_decide(actor=world.office, inspection=more, version=more.version),
        )
    with CaptureQueriesContext(connection) as many:
        office.get(url)
    assert len(many) == len(few)
