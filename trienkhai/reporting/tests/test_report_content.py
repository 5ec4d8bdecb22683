"""A unit's report content: figures prefilled as the modules count them at the window's end,
corrections kept beside the original with their note, the hard and soft checks, a report that
is only its signed file, and the office entering a report for a unit (nhập thay)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from auditlog.models import LogEntry

from trienkhai.conftest import World
from trienkhai.core.tests.test_files import make_docx
from trienkhai.dissemination import coverage
from trienkhai.dissemination.models import StudySession
from trienkhai.dissemination.tests.factories import HeadcountFactory, StudySessionFactory
from trienkhai.documents.figures import Figure
from trienkhai.plans.models import CoverageThreshold
from trienkhai.plans.tests.factories import CoverageThresholdFactory, PlanFactory
from trienkhai.reporting import services
from trienkhai.reporting.content import FigureRow, FiguresRefused, request_rows
from trienkhai.reporting.models import ReportEvent, ReportRequest
from trienkhai.reporting.tests.factories import quarterly, requests_for
from trienkhai.tasks.selectors import unit_counts
from trienkhai.tasks.tests.factories import AssignedTaskFactory

pytestmark = pytest.mark.django_db

PARTY = CoverageThreshold.Group.PARTY_MEMBERS
ATTENDED = f"study.{PARTY}.attended"
HEADCOUNT = f"study.{PARTY}.headcount"


@pytest.fixture
def q2(world: World) -> dict[str, Any]:
    """A plan asking > 95 % of party members; chi bộ A: 40 members, 30 at the June session,
    8 more at a make-up session after the window (15/3–14/6) closed."""
    plan = PlanFactory.create(org_unit=world.commune, start_year=2026, end_year=2030)
    CoverageThresholdFactory.create(plan=plan)
    HeadcountFactory.create(org_unit=world.cell_a, count=40)
    StudySessionFactory.create(plan=plan, org_unit=world.cell_a, date=date(2026, 6, 5), attended=30)
    StudySessionFactory.create(
        plan=plan,
        org_unit=world.cell_a,
        date=date(2026, 6, 20),
        attended=8,
        kind=StudySession.Kind.MAKE_UP,
    )
    AssignedTaskFactory.create(
        actor=world.office, plan=plan, assignee=world.cell_a, due=date(2026, 6, 10)
    )
    schedule = quarterly(world.commune, plan=plan)
    requests = requests_for(schedule, "2026-Q2")
    return {"plan": plan, "request": requests["tk-cb-a"], "other": requests["tk-cb-b"]}


def _values(req: ReportRequest) -> dict[str, Any]:
    return {row.key: row.figure.value for row in request_rows(req)}


def test_prefill_equals_the_module_selectors_as_of_the_window_end(
    world: World, q2: dict[str, Any]
) -> None:
    req: ReportRequest = q2["request"]
    assert req.window_end == date(2026, 6, 14)
    services.request_save(actor=world.reporter_a, request=req, version=req.version)
    req.refresh_from_db()
    assert req.prefill["as_of"] == "2026-06-14"
    values = _values(req)
    cov = coverage.rollup(plan=q2["plan"], root=world.cell_a, groups=[PARTY], day=req.window_end)
    assert (values[ATTENDED], values[HEADCOUNT]) == (cov[PARTY].numerator, cov[PARTY].denominator)
    assert (values[ATTENDED], values[HEADCOUNT]) == (30, 40)  # the 20/6 session is not counted
    tasks = unit_counts(unit=world.cell_a, ref=req.window_end)
    assert values["tasks.due_total"] == tasks.due_total == 1
    assert values["tasks.overdue"] == tasks.overdue == 1


def test_a_correction_keeps_the_original_and_its_note(world: World, q2: dict[str, Any]) -> None:
    req: ReportRequest = q2["request"]
    with pytest.raises(FiguresRefused) as refused:
        services.request_submit(
            actor=world.reporter_a,
            request=req,
            version=req.version,
            fields={ATTENDED: "32"},
            narrative="Kết quả quý II.",
        )
    assert set(refused.value.errors) == {ATTENDED}
    assert "30" in refused.value.errors[ATTENDED] and "lý do" in refused.value.errors[ATTENDED]
    req.refresh_from_db()
    assert req.state == "not_started" and not req.fields  # nothing half-saved

    note = "2 đồng chí học bù ngày 12/6, biên bản nộp muộn"
    services.request_submit(
        actor=world.reporter_a,
        request=req,
        version=req.version,
        fields={ATTENDED: "32"},
        notes={ATTENDED: note},
        narrative="Kết quả quý II.",
    )
    req.refresh_from_db()
    row = next(r for r in request_rows(req) if r.key == ATTENDED)
    assert (row.figure.value, row.value, row.note, row.corrected) == (30, 32, note, True)
    untouched = next(r for r in request_rows(req) if r.key == HEADCOUNT)
    assert (untouched.value, untouched.corrected) == (40, False)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({ATTENDED: "41"}, "không được lớn hơn"),
        ({HEADCOUNT: "-1"}, "không được âm"),
        ({ATTENDED: "ba mươi"}, "không phải số nguyên"),
    ],
)
def test_hard_checks_refuse_even_with_a_note(
    world: World, q2: dict[str, Any], fields: dict[str, str], message: str
) -> None:
    req: ReportRequest = q2["request"]
    notes = dict.fromkeys(fields, "ghi chú")
    for service in (services.request_save, services.request_submit):
        with pytest.raises(FiguresRefused) as refused:
            service(
                actor=world.reporter_a,
                request=req,
                version=req.version,
                fields=fields,
                notes=notes,
                narrative="x",
            )
        assert message in next(iter(refused.value.errors.values()))


def test_a_swing_of_more_than_half_asks_for_a_note(world: World, q2: dict[str, Any]) -> None:
    plan, schedule = q2["plan"], q2["request"].schedule
    q1 = requests_for(schedule, "2026-Q1")["tk-cb-a"]
    q1.fields, q1.prefill, q1.state = {"tasks.due_total": 10}, {"figures": []}, "accepted"
    q1.save()
    req: ReportRequest = q2["request"]  # due_total 1 now: −90 %
    assert plan.pk
    with pytest.raises(FiguresRefused) as refused:
        services.request_submit(
            actor=world.reporter_a, request=req, version=req.version, fields={}, narrative="x"
        )
    assert "50%" in refused.value.errors["tasks.due_total"]
    # A draft keeps it; the note lets it go up.
    services.request_save(actor=world.reporter_a, request=req, version=req.version, fields={})
    req.refresh_from_db()
    services.request_submit(
        actor=world.reporter_a,
        request=req,
        version=req.version,
        fields={},
        notes={"tasks.due_total": "2 nhiệm vụ đã xong từ quý I"},
        narrative="x",
    )
    req.refresh_from_db()
    assert req.state == "submitted"


def test_a_report_may_be_only_its_signed_file(world: World, q2: dict[str, Any]) -> None:
    req: ReportRequest = q2["request"]
    with pytest.raises(services.DomainError, match="đính kèm bản báo cáo đã ký"):
        services.request_submit(actor=world.reporter_a, request=req, version=req.version)
    services.request_attach(
        actor=world.reporter_a, request=req, data=make_docx(), name="bc-quy-2.docx", signed=True
    )
    req.refresh_from_db()
    services.request_submit(actor=world.reporter_a, request=req, version=req.version)
    req.refresh_from_db()
    assert req.state == "submitted" and req.narrative == ""
    assert req.prefill["figures"]  # the system's figures are kept all the same


def test_the_office_enters_a_report_for_the_unit(world: World, q2: dict[str, Any]) -> None:
    req: ReportRequest = q2["request"]
    services.request_submit(
        actor=world.office,
        request=req,
        version=req.version,
        fields={ATTENDED: "31"},
        notes={ATTENDED: "Theo biên bản chi bộ gửi bản giấy"},
        narrative="Văn phòng nhập theo báo cáo giấy của chi bộ.",
    )
    event = ReportEvent.objects.get(request=req, action="submitted")
    assert event.on_behalf and event.actor == world.office
    entry = LogEntry.objects.filter(additional_data__action="reporting.request.submitted").get()
    assert "Văn phòng nhập thay" in entry.changes_text


def test_a_change_of_one_or_two_is_never_asked_about() -> None:
    banner = Figure(key="banners.banner", section="propaganda", label="Băng rôn", value=0)
    assert not FigureRow(banner, value=0, note="", previous=1).swing  # one banner less
    assert not FigureRow(banner, value=4, note="", previous=2).swing
    assert FigureRow(banner, value=1, note="", previous=10).swing
    assert FigureRow(banner, value=16, note="", previous=10).swing
    assert not FigureRow(banner, value=14, note="", previous=10).swing
