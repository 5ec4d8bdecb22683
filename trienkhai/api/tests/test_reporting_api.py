"""The reporting API: the requests a user reads (filters, paging, each item's fields), the
four review steps with every refusal, and the rates of a subtree."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trienkhai.api.tests.conftest import token_for
from trienkhai.conftest import World
from trienkhai.core.periods import parse_period
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.tests.factories import PlanFactory
from trienkhai.reporting import services
from trienkhai.reporting.models import (
    ReportEvent,
    ReportRequest,
    ReportSchedule,
    RequestState,
    ScheduleKind,
)
from trienkhai.reporting.opening import open_period

S = RequestState
URL = "/api/v1/report-requests"
RATES = "/api/v1/report-rates"
ITEM_KEYS = {
    "id",
    "org_unit",
    "unit_code",
    "schedule",
    "period",
    "state",
    "due",
    "version",
    "submitted_at",
    "accepted_at",
    "returns",
}


class Api:
    """A test client that sends a bearer token and JSON bodies."""

    def __init__(self, client: Client, token: str) -> None:
        self.client = client
        self.headers = {"authorization": f"Bearer {token}"}

    def get(self, url: str, **params: Any) -> Any:
        return self.client.get(url, params, headers=self.headers)

    def post(self, url: str, body: dict[str, Any]) -> Any:
        return self.client.post(
            url, json.dumps(body), content_type="application/json", headers=self.headers
        )


@pytest.fixture
def as_user(client: Client) -> Any:
    def make(user: Any) -> Api:
        return Api(client, token_for(client, user.username))

    return make


@dataclass
class Reports:
    schedule: ReportSchedule
    a: ReportRequest  # chi bộ A, 2026-Q3
    b: ReportRequest  # chi bộ B, 2026-Q3


def quarterly(world: World, title: str = "Báo cáo quý") -> ReportSchedule:
    return ReportSchedule.objects.create(
        plan=PlanFactory.create(org_unit=world.commune, seeded=True),
        org_unit=world.commune,
        title=title,
        kind=ScheduleKind.QUARTER,
        unit_kinds=["party_cell"],
        reviewer=world.commune,
    )


@pytest.fixture
def reports(world: World) -> Reports:
    schedule = quarterly(world)
    assert open_period(schedule, parse_period("2026-Q3")) == 2
    rows = ReportRequest.objects.filter(schedule=schedule)
    return Reports(schedule, rows.get(org_unit=world.cell_a), rows.get(org_unit=world.cell_b))


def fresh(report: ReportRequest) -> ReportRequest:
    return ReportRequest.objects.get(pk=report.pk)


def step_url(report: ReportRequest, step: str) -> str:
    return f"{URL}/{report.pk}/{step}"


# --- reading -------------------------------------------------------------------------------------


def test_each_item_carries_the_contract_fields(
    world: World, reports: Reports, as_user: Any
) -> None:
    body = as_user(world.office).get(URL).json()
    assert body["count"] == 2
    by_code = {row["unit_code"]: row for row in body["items"]}
    assert set(by_code) == {"tk-cb-a", "tk-cb-b"}
    row = by_code["tk-cb-a"]
    assert set(row) == ITEM_KEYS
    assert row == {
        "id": reports.a.pk,
        "org_unit": world.cell_a.pk,
        "unit_code": "tk-cb-a",
        "schedule": reports.schedule.pk,
        "period": "2026-Q3",
        "state": "not_started",
        "due": reports.a.due.isoformat(),
        "version": 1,
        "submitted_at": None,
        "accepted_at": None,
        "returns": 0,
    }


def test_detail_adds_narrative_and_fields(world: World, reports: Reports, as_user: Any) -> None:
    services.request_submit(
        actor=world.reporter_a,
        request=reports.a,
        version=None,
        fields={"tasks.due_total": 0},
        narrative="Kết quả quý III",
    )
    response = as_user(world.reporter_a).get(f"{URL}/{reports.a.pk}")
    assert response.status_code == 200
    row = response.json()
    assert set(row) == ITEM_KEYS | {"narrative", "fields", "notes", "sections"}
    assert row["narrative"] == "Kết quả quý III"
    assert row["fields"]["tasks.due_total"] == 0 and row["notes"] == {}
    assert row["state"] == "submitted" and row["version"] == 2
    assert row["submitted_at"] is not None


def test_due_is_the_extended_one(world: World, reports: Reports, as_user: Any) -> None:
    until = reports.a.due + timedelta(days=10)
    services.request_extend(actor=world.office, request=reports.a, until=until, reason="Mưa bão")
    rows = {r["id"]: r for r in as_user(world.office).get(URL).json()["items"]}
    assert rows[reports.a.pk]["due"] == until.isoformat()
    assert rows[reports.b.pk]["due"] == reports.b.due.isoformat()
    assert as_user(world.office).get(f"{URL}/{reports.a.pk}").json()["due"] == until.isoformat()


def test_the_reader_scope(world: World, reports: Reports, as_user: Any) -> None:
    reporter = as_user(world.reporter_a)
    assert [r["id"] for r in reporter.get(URL).json()["items"]] == [reports.a.pk]
    assert reporter.get(f"{URL}/{reports.b.pk}").status_code == 404
    # Above the cells: the commune's leader and the city read both.
    assert as_user(world.leader).get(URL).json()["count"] == 2
    assert as_user(world.city_leader).get(URL).json()["count"] == 2
    # Another commune's office reads none of them, and an id of theirs is a 404.
    outsider = as_user(world.outsider)
    assert outsider.get(URL).json() == {"items": [], "count": 0}
    response = outsider.get(f"{URL}/{reports.a.pk}")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Không tìm thấy đối tượng.",
        "code": "not_found",
        "fields": {},
    }
    assert as_user(world.office).get(f"{URL}/999999").status_code == 404


def test_filters(world: World, reports: Reports, as_user: Any) -> None:
    open_period(reports.schedule, parse_period("2026-Q4"))
    other = quarterly(world, "Báo cáo chuyên đề")
    open_period(other, parse_period("2026-Q3"))
    services.request_submit(
        actor=world.reporter_b, request=reports.b, version=None, narrative="Đã làm"
    )
    api = as_user(world.office)

    def ids(**params: Any) -> set[int]:
        response = api.get(URL, **params)
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["count"] == len(body["items"])
        return {row["id"] for row in body["items"]}

    every = set(ReportRequest.objects.values_list("pk", flat=True))
    assert len(every) == 6 and ids() == every
    q3 = set(ReportRequest.objects.filter(period="2026-Q3").values_list("pk", flat=True))
    assert len(q3) == 4 and ids(period="2026-Q3") == q3
    mine = set(ReportRequest.objects.filter(schedule=other).values_list("pk", flat=True))
    assert len(mine) == 2 and ids(schedule=other.pk) == mine
    assert ids(state="submitted") == {reports.b.pk}
    assert ids(state="submitted", period="2026-Q4") == set()
    assert ids(schedule=reports.schedule.pk, period="2026-Q3", unit="tk-cb-a") == {reports.a.pk}
    # A unit means its subtree: the commune's code gives every cell's requests.
    assert ids(unit="tk") == every
    assert ids(unit="tk-ubnd") == set()

    bad_state = api.get(URL, state="done")
    assert bad_state.status_code == 422
    assert bad_state.json()["code"] == "invalid"
    assert "not_started" in bad_state.json()["fields"]["state"]
    bad_period = api.get(URL, period="2026-Q5")
    assert bad_period.status_code == 422
    assert set(bad_period.json()["fields"]) == {"period"}
    assert api.get(URL, unit="khong-co").status_code == 404
    # A unit of another commune is outside the office's scope: 404, not an empty list.
    assert api.get(URL, unit="lm").status_code == 404


def test_a_reporter_filtering_by_its_commune_still_reads_its_cell_only(
    world: World, reports: Reports, as_user: Any
) -> None:
    rows = as_user(world.reporter_a).get(URL, unit="tk").json()
    assert [r["id"] for r in rows["items"]] == [reports.a.pk] and rows["count"] == 1
    # A sibling cell is not a unit it reads at all.
    assert as_user(world.reporter_a).get(URL, unit="tk-cb-b").status_code == 404


def test_paging(world: World, reports: Reports, as_user: Any) -> None:
    open_period(reports.schedule, parse_period("2026-Q4"))
    api = as_user(world.office)
    first = api.get(URL, limit=3).json()
    second = api.get(URL, limit=3, offset=3).json()
    assert first["count"] == second["count"] == 4
    assert len(first["items"]) == 3 and len(second["items"]) == 1
    assert not {r["id"] for r in first["items"]} & {r["id"] for r in second["items"]}
    # Stable order (by id), as the other lists; a limit below 1 counts as 1.
    assert [r["id"] for r in first["items"]] == sorted(r["id"] for r in first["items"])
    assert len(api.get(URL, limit=0).json()["items"]) == 1
    assert api.get(URL, limit="x").status_code == 422


def test_a_page_of_many_costs_what_a_page_of_two_does(
    world: World, reports: Reports, as_user: Any
) -> None:
    for i in range(30):
        OrgUnitFactory.create(parent=world.commune, code=f"tk-cb-{i:02d}")
    open_period(reports.schedule, parse_period("2026-Q4"))
    api = as_user(world.office)

    def queries(limit: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = api.get(URL, limit=limit)
        assert len(response.json()["items"]) == limit
        return len(ctx.captured_queries)

    assert queries(32) == queries(2)


def test_no_token_no_reports(reports: Reports, client: Client) -> None:
    assert client.get(URL).status_code == 401
    response = client.post(
        step_url(reports.a, "submit"), {"version": 1}, content_type="application/json"
    )
    assert response.status_code == 401
    assert fresh(reports.a).state == S.NOT_STARTED


# --- the steps -----------------------------------------------------------------------------------


def test_submit_return_resubmit_accept_reopen(world: World, reports: Reports, as_user: Any) -> None:
    reporter, office = as_user(world.reporter_a), as_user(world.office)

    sent = reporter.post(
        step_url(reports.a, "submit"),
        {"version": 1, "narrative": "  Kết quả quý III  ", "fields": {"tasks.due_total": 0}},
    )
    assert sent.status_code == 200, sent.content
    row = sent.json()
    assert set(row) == ITEM_KEYS | {"narrative", "fields", "notes", "sections"}
    assert row["state"] == "submitted" and row["version"] == 2
    assert row["narrative"] == "Kết quả quý III" and row["fields"]["tasks.due_total"] == 0
    assert row["submitted_at"] is not None and row["unit_code"] == "tk-cb-a"

    returned = office.post(step_url(reports.a, "return"), {"version": 2, "reason": "Thiếu số"})
    assert returned.status_code == 200, returned.content
    assert returned.json()["state"] == "returned" and returned.json()["returns"] == 1

    # Resubmitting without a body keeps what was written.
    again = reporter.post(step_url(reports.a, "submit"), {"version": 3})
    assert again.status_code == 200
    assert again.json()["narrative"] == "Kết quả quý III" and again.json()["version"] == 4

    accepted = office.post(step_url(reports.a, "accept"), {"version": 4})
    assert accepted.status_code == 200
    assert accepted.json()["state"] == "accepted" and accepted.json()["accepted_at"] is not None

    reopened = office.post(step_url(reports.a, "reopen"), {"version": 5, "reason": "Sai số"})
    assert reopened.status_code == 200
    body = reopened.json()
    assert body["state"] == "returned" and body["accepted_at"] is None and body["version"] == 6

    # The same timeline and audit entries as the pages leave, each with its actor.
    events = list(ReportEvent.objects.filter(request=reports.a).order_by("at", "pk"))
    assert [(e.action, e.actor) for e in events] == [
        ("submitted", world.reporter_a),
        ("returned", world.office),
        ("submitted", world.reporter_a),
        ("accepted", world.office),
        ("reopened", world.office),
    ]
    assert [e.reason for e in events if e.reason] == ["Thiếu số", "Sai số"]
    actions = list(
        LogEntry.objects.get_for_object(fresh(reports.a))
        .filter(additional_data__action__startswith="reporting.request.")
        .order_by("pk")
        .values_list("additional_data__action", flat=True)
    )
    assert actions == [
        "reporting.request.submitted",
        "reporting.request.returned",
        "reporting.request.submitted",
        "reporting.request.accepted",
        "reporting.request.reopened",
    ]


def test_the_office_submits_on_behalf(world: World, reports: Reports, as_user: Any) -> None:
    response = as_user(world.office).post(
        step_url(reports.b, "submit"), {"version": 1, "narrative": "Văn phòng nhập thay"}
    )
    assert response.status_code == 200
    event = ReportEvent.objects.get(request=reports.b)
    assert event.on_behalf and event.actor == world.office


def _bring(world: World, report: ReportRequest, state: str) -> ReportRequest:
    """The request moved to `state` through the services, as the pages would."""
    office = world.office
    if state == S.NOT_STARTED:
        return report
    if state == S.DRAFT:
        return services.request_save(actor=office, request=report, version=None, narrative="Nháp")
    report = services.request_submit(actor=office, request=report, version=None, narrative="Nội")
    if state == S.RETURNED:
        return services.request_return(actor=office, request=report, version=None, reason="Sửa")
    if state == S.ACCEPTED:
        return services.request_accept(actor=office, request=report, version=None)
    return report


ALLOWED = {
    ("submit", S.NOT_STARTED): S.SUBMITTED,
    ("submit", S.DRAFT): S.SUBMITTED,
    ("submit", S.RETURNED): S.SUBMITTED,
    ("return", S.SUBMITTED): S.RETURNED,
    ("accept", S.SUBMITTED): S.ACCEPTED,
    ("reopen", S.ACCEPTED): S.RETURNED,
}


@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("step", ["submit", "return", "accept", "reopen"])
def test_every_step_from_every_state(
    step: str, state: S, world: World, reports: Reports, as_user: Any
) -> None:
    report = _bring(world, reports.a, state)
    body = {"version": report.version, "reason": "Lý do", "narrative": "Nội dung"}
    response = as_user(world.office).post(step_url(report, step), body)
    after = fresh(report)
    if (step, state) in ALLOWED:
        assert response.status_code == 200, response.content
        assert response.json()["state"] == ALLOWED[step, state] == after.state
        assert response.json()["version"] == report.version + 1 == after.version
    else:
        assert response.status_code == 422, response.content
        error = response.json()
        assert error["code"] == "transition_not_allowed"
        assert error["fields"] == {}
        assert error["detail"]  # the service's Vietnamese reason
        assert (after.state, after.version) == (state, report.version)


def test_submitting_an_accepted_report_is_refused(
    world: World, reports: Reports, as_user: Any
) -> None:
    report = _bring(world, reports.a, S.ACCEPTED)
    response = as_user(world.reporter_a).post(
        step_url(report, "submit"), {"version": report.version, "narrative": "Sửa lại"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "transition_not_allowed"
    assert "đã được duyệt" in response.json()["detail"]
    assert fresh(report).narrative == "Nội"


def test_a_stale_version_is_409_with_the_current_one(
    world: World, reports: Reports, as_user: Any
) -> None:
    services.request_save(actor=world.office, request=reports.a, version=1, narrative="Của VP")
    response = as_user(world.reporter_a).post(
        step_url(reports.a, "submit"), {"version": 1, "narrative": "Của chi bộ"}
    )
    assert response.status_code == 409
    error = response.json()
    assert error["code"] == "stale" and error["version"] == 2
    assert "vừa được" in error["detail"]
    after = fresh(reports.a)
    assert (after.state, after.version, after.narrative) == (S.DRAFT, 2, "Của VP")
    # Sent again with the version now read, it goes through.
    retry = as_user(world.reporter_a).post(
        step_url(reports.a, "submit"), {"version": 2, "narrative": "Của chi bộ"}
    )
    assert retry.status_code == 200 and retry.json()["narrative"] == "Của chi bộ"


def test_a_stale_accept_is_409(world: World, reports: Reports, as_user: Any) -> None:
    report = _bring(world, reports.a, S.SUBMITTED)
    response = as_user(world.office).post(step_url(report, "accept"), {"version": 1})
    assert response.status_code == 409 and response.json()["version"] == report.version
    assert fresh(report).state == S.SUBMITTED


def test_a_reviewer_of_another_commune_gets_404(
    world: World, reports: Reports, as_user: Any
) -> None:
    report = _bring(world, reports.a, S.SUBMITTED)
    outsider = as_user(world.outsider)
    for step in ("submit", "return", "accept", "reopen"):
        body = {"version": report.version, "reason": "Lý do", "narrative": "x"}
        response = outsider.post(step_url(report, step), body)
        assert response.status_code == 404, step
        assert response.json()["code"] == "not_found"
    assert fresh(report).state == S.SUBMITTED


def test_a_reporter_of_another_cell_gets_404(world: World, reports: Reports, as_user: Any) -> None:
    response = as_user(world.reporter_b).post(
        step_url(reports.a, "submit"), {"version": 1, "narrative": "Không phải của tôi"}
    )
    assert response.status_code == 404
    assert fresh(reports.a).state == S.NOT_STARTED


@pytest.mark.parametrize("step", ["accept", "return", "reopen"])
def test_a_reporter_may_not_review(step: str, world: World, reports: Reports, as_user: Any) -> None:
    report = _bring(world, reports.a, S.ACCEPTED if step == "reopen" else S.SUBMITTED)
    response = as_user(world.reporter_a).post(
        step_url(report, step), {"version": report.version, "reason": "Tự duyệt"}
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Đồng chí không có quyền thực hiện bước này trên báo cáo này.",
        "code": "forbidden",
        "fields": {},
    }
    assert fresh(report).state == report.state


def test_readers_without_the_right_get_403(world: World, reports: Reports, as_user: Any) -> None:
    body = {"version": 1, "narrative": "Xem thôi"}
    assert as_user(world.viewer).post(step_url(reports.a, "submit"), body).status_code == 403
    # Reporter of A and viewer of the commune: its roles do not combine for chi bộ B.
    assert as_user(world.mixed).post(step_url(reports.b, "submit"), body).status_code == 403
    # The leader reads the reports but the review belongs to the office.
    submitted = _bring(world, reports.a, S.SUBMITTED)
    response = as_user(world.leader).post(
        step_url(submitted, "accept"), {"version": submitted.version}
    )
    assert response.status_code == 403
    assert fresh(reports.b).state == S.NOT_STARTED and fresh(submitted).state == S.SUBMITTED


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_return_without_a_reason(
    reason: str | None, world: World, reports: Reports, as_user: Any
) -> None:
    report = _bring(world, reports.a, S.SUBMITTED)
    body: dict[str, Any] = {"version": report.version}
    if reason is not None:
        body["reason"] = reason
    response = as_user(world.office).post(step_url(report, "return"), body)
    assert response.status_code == 422
    error = response.json()
    assert set(error["fields"]) == {"reason"}
    assert error["fields"]["reason"] == error["detail"]
    assert "lý do" in error["detail"]
    assert fresh(report).state == S.SUBMITTED


def test_reopen_without_a_reason(world: World, reports: Reports, as_user: Any) -> None:
    report = _bring(world, reports.a, S.ACCEPTED)
    response = as_user(world.office).post(step_url(report, "reopen"), {"version": report.version})
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"reason"}
    assert fresh(report).state == S.ACCEPTED


def test_submitting_nothing_is_refused_under_narrative(
    world: World, reports: Reports, as_user: Any
) -> None:
    response = as_user(world.reporter_a).post(
        step_url(reports.a, "submit"), {"version": 1, "narrative": "  ", "fields": {}}
    )
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"narrative"}
    assert fresh(reports.a).state == S.NOT_STARTED


def test_figures_are_checked_as_on_the_page(world: World, reports: Reports, as_user: Any) -> None:
    api = as_user(world.reporter_a)
    body = {"version": 1, "narrative": "Kết quả quý III.", "fields": {"tasks.overdue": "-1"}}
    response = api.post(step_url(reports.a, "submit"), body)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_figures"
    assert set(response.json()["fields"]) == {"tasks.overdue"}
    body["fields"] = {"dang_vien": 12}  # not a figure of this report's form
    response = api.post(step_url(reports.a, "submit"), body)
    assert response.status_code == 422
    assert "dang_vien" in response.json()["fields"]["dang_vien"]
    # A figure other than the system's count needs its note; with it, the report goes up.
    body["fields"] = {"tasks.due_total": 2}
    response = api.post(step_url(reports.a, "submit"), body)
    assert response.status_code == 422 and set(response.json()["fields"]) == {"tasks.due_total"}
    body["notes"] = {"tasks.due_total": "Hai nhiệm vụ giao bằng văn bản giấy"}
    body["sections"] = {"han_che": "Chưa đủ tài liệu."}
    response = api.post(step_url(reports.a, "submit"), body)
    assert response.status_code == 200, response.json()
    answer = response.json()
    assert answer["fields"]["tasks.due_total"] == 2
    assert answer["notes"] == {"tasks.due_total": "Hai nhiệm vụ giao bằng văn bản giấy"}
    assert answer["sections"] == {"han_che": "Chưa đủ tài liệu."}


def test_a_body_without_version_is_422(world: World, reports: Reports, as_user: Any) -> None:
    response = as_user(world.office).post(step_url(reports.a, "submit"), {"narrative": "x"})
    assert response.status_code == 422
    assert fresh(reports.a).state == S.NOT_STARTED


# --- rates ---------------------------------------------------------------------------------------


def test_rates_with_an_extension_and_a_late_submission(
    world: World, reports: Reports, as_user: Any
) -> None:
    office = world.office
    # The Q3 due date has passed (mid-September): A gets an extension to beyond today and
    # submits within it; B submits late. A is returned, resubmitted and accepted.
    assert reports.a.due < timezone.localdate()
    later = timezone.localdate() + timedelta(days=10)
    services.request_extend(actor=office, request=reports.a, until=later, reason="Mưa bão")
    a = services.request_submit(actor=office, request=reports.a, version=None, narrative="A")
    a = services.request_return(actor=office, request=a, version=None, reason="Thiếu")
    a = services.request_submit(actor=office, request=a, version=None, narrative="A, đủ")
    services.request_accept(actor=office, request=a, version=None)
    services.request_submit(actor=office, request=reports.b, version=None, narrative="B")
    # Another period does not count.
    open_period(reports.schedule, parse_period("2026-Q4"))

    response = as_user(office).get(RATES, unit="tk", period="2026-Q3")
    assert response.status_code == 200, response.content
    rates = response.json()
    assert rates == {
        "expected": 2,
        "submitted": 2,
        "accepted": 1,
        "on_time": 1,
        "completeness": 0.5,
        "timeliness": 0.5,
    }
    for unit in ("tk", "hp", "tk-cb-a", "tk-cb-b"):
        body = as_user(world.city_leader).get(RATES, unit=unit, period="2026-Q3").json()
        assert 0 <= body["completeness"] <= 1 and 0 <= body["timeliness"] <= 1
    cell = as_user(world.reporter_a).get(RATES, unit="tk-cb-a", period="2026-Q3").json()
    assert cell["completeness"] == 1.0 and cell["timeliness"] == 1.0
    assert cell["expected"] == 1 and cell["accepted"] == cell["on_time"] == 1


def test_rates_of_no_request_are_zero(world: World, reports: Reports, as_user: Any) -> None:
    body = as_user(world.office).get(RATES, unit="tk-ubnd", period="2026-Q3").json()
    assert body == {
        "expected": 0,
        "submitted": 0,
        "accepted": 0,
        "on_time": 0,
        "completeness": 0.0,
        "timeliness": 0.0,
    }


def test_rates_outside_the_scope_are_404(world: World, reports: Reports, as_user: Any) -> None:
    assert as_user(world.outsider).get(RATES, unit="tk", period="2026-Q3").status_code == 404
    # A chi bộ reads its commune's unit but not the commune's rates (its siblings' reports).
    reporter = as_user(world.reporter_a)
    assert reporter.get(RATES, unit="tk", period="2026-Q3").status_code == 404
    assert reporter.get(RATES, unit="tk-cb-b", period="2026-Q3").status_code == 404
    assert as_user(world.office).get(RATES, unit="khong-co", period="2026-Q3").status_code == 404


@pytest.mark.parametrize("period", [None, "", "2026-Q5", "quy 3"])
def test_rates_need_a_period(
    period: str | None, world: World, reports: Reports, as_user: Any
) -> None:
    params = {"unit": "tk"} if period is None else {"unit": "tk", "period": period}
    response = as_user(world.office).get(RATES, **params)
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"period"}
    assert response.json()["detail"]


def test_rates_need_a_unit(world: World, reports: Reports, as_user: Any) -> None:
    response = as_user(world.office).get(RATES, period="2026-Q3")
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"unit"}


# --- OpenAPI -------------------------------------------------------------------------------------


def test_openapi_lists_the_reporting_paths(client: Client, db: Any) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths["/api/v1/report-requests"]) == {"get"}
    assert set(paths["/api/v1/report-requests/{obj_id}"]) == {"get"}
    for step in ("submit", "return", "accept", "reopen"):
        operation = paths[f"/api/v1/report-requests/{{obj_id}}/{step}"]["post"]
        assert {"200", "403", "404", "409", "422"} <= set(operation["responses"])
    rates = paths["/api/v1/report-rates"]["get"]
    assert {p["name"] for p in rates["parameters"]} >= {"unit", "period"}
    listing = paths["/api/v1/report-requests"]["get"]
    names = {p["name"] for p in listing["parameters"]}
    assert names >= {"period", "unit", "state", "schedule", "limit", "offset"}
