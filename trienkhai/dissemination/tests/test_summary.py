"""Section II of the summary report, its figures, and the demo's figures."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trienkhai.conftest import World
from trienkhai.core.periods import parse_period
from trienkhai.dissemination import coverage
from trienkhai.dissemination.models import Outreach, StudySession
from trienkhai.dissemination.summary import (
    study_figures,
    study_limitations,
    study_strengths,
    study_summary,
)
from trienkhai.dissemination.tests.conftest import (
    KEY,
    PARTY,
    UNION,
    bulk_cells,
    headcount,
    make_plan,
    raw_session,
)
from trienkhai.documents.data import BulletList, Paragraph
from trienkhai.documents.figures import FIGURE_PROVIDERS, Figure, report_figures
from trienkhai.documents.summary import SUMMARY_SECTIONS, SummaryScope, build_summary
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan

Kind = StudySession.Kind
Q2 = parse_period("2026-Q2")  # data from 15/3 to 14/6/2026


def texts(blocks: object) -> list[str]:
    out: list[str] = []
    for block in blocks or []:  # type: ignore[attr-defined]
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, BulletList):
            out.extend(block.items)
    return out


def scope(
    unit: OrgUnit,
    code: str = "2026-Q2",
    *,
    plan: Plan | None = None,
    window: tuple[date, date] | None = None,
) -> SummaryScope:
    return SummaryScope.of(unit, parse_period(code), plan=plan, window=window)


def values(figures: list[Figure]) -> dict[str, object]:
    return {f.key: f.value for f in figures}


def outreach(plan: Plan, unit: OrgUnit, reached: int, day: date, **kw: str) -> Outreach:
    return Outreach.objects.create(
        plan=plan,
        org_unit=unit,
        audience=kw.get("audience", Outreach.Audience.PUBLIC),
        method=kw.get("method", Outreach.Method.VILLAGE_MEETING),
        reach_unit=kw.get("reach_unit", Outreach.ReachUnit.PEOPLE),
        date=day,
        reached=reached,
    )


def quarter_data(world: World, plan: Plan) -> None:
    """Q2: 30/30 key cadres, 95/100 in chi bộ A, 58 + 2 make-up of 60 in chi bộ B; and what
    comes after 14/6 (a make-up session, a larger headcount), counted by no Q2 figure."""
    headcount(world.commune, 30, group=KEY)
    raw_session(plan, world.commune, 30, day=date(2026, 5, 20), kind=Kind.MAIN, group=KEY)
    headcount(world.cell_a, 100)
    raw_session(plan, world.cell_a, 95, day=date(2026, 6, 1), kind=Kind.MAIN)
    headcount(world.cell_b, 60)
    raw_session(plan, world.cell_b, 58, day=date(2026, 6, 2), kind=Kind.MAIN)
    raw_session(plan, world.cell_b, 2, day=date(2026, 6, 9), kind=Kind.MAKE_UP)
    raw_session(plan, world.cell_a, 5, day=date(2026, 6, 15), kind=Kind.MAKE_UP)
    headcount(world.cell_b, 70, as_of=date(2026, 6, 15))


def test_providers_are_registered() -> None:
    assert study_summary in SUMMARY_SECTIONS["study"]
    assert study_strengths in SUMMARY_SECTIONS["strengths"]
    assert study_limitations in SUMMARY_SECTIONS["limitations"]
    assert study_figures in FIGURE_PROVIDERS


@pytest.mark.django_db
def test_study_section_sentences(world: World, plan: Plan) -> None:
    quarter_data(world, plan)
    lines = texts(study_summary(scope(world.commune)))
    assert lines[0] == (
        "Thực hiện Kế hoạch số 15-KH/ĐU, trong kỳ các đơn vị đã tổ chức 4 buổi học tập, "
        "quán triệt (gồm 3 buổi quán triệt chính, 1 buổi học bù)."
    )
    assert lines[1] == "Kết quả học tập, quán triệt tính đến ngày 14/06/2026:"
    assert lines[2] == ("Cán bộ chủ chốt: 30/30 cán bộ chủ chốt, đạt 100,00% (chỉ tiêu 100%: đạt);")
    assert lines[3] == "Đảng viên: 155/160 đảng viên, đạt 96,88% (chỉ tiêu trên 95%: đạt)."
    assert lines[4] == "Đơn vị chưa đạt chỉ tiêu trên 95% đảng viên: Chi bộ thôn A."
    assert len(lines) == 5
    # In the report itself, under section II.
    body = texts(build_summary(world.commune, Q2).body)
    assert "Đảng viên: 155/160 đảng viên, đạt 96,88% (chỉ tiêu trên 95%: đạt)." in body
    # A cell's own report speaks of its own members only.
    cell = texts(study_summary(scope(world.cell_a)))
    assert "Đảng viên: 95/100 đảng viên, đạt 95,00% (chỉ tiêu trên 95%: chưa đạt)." in cell


@pytest.mark.django_db
def test_coverage_is_counted_to_the_window_end_not_the_deadline(world: World, plan: Plan) -> None:
    """The plan's deadline for quán triệt is 30/6: a make-up session on 10/7 still counts in a
    report whose figures run to 14/7, and the report says so."""
    headcount(world.cell_a, 100)
    raw_session(plan, world.cell_a, 95, day=date(2026, 6, 1), kind=Kind.MAIN)
    raw_session(plan, world.cell_a, 5, day=date(2026, 7, 10), kind=Kind.MAKE_UP)
    raw_session(plan, world.cell_a, 3, day=date(2026, 7, 15), kind=Kind.OTHER)  # after the end
    july = scope(world.commune, "2026-07", window=(date(2026, 6, 15), date(2026, 7, 14)))
    lines = texts(study_summary(july))
    assert lines == [
        "Thực hiện Kế hoạch số 15-KH/ĐU, trong kỳ các đơn vị đã tổ chức 1 buổi học bù.",
        "Kết quả học tập, quán triệt tính đến ngày 14/07/2026:",
        "Đảng viên: 100/100 đảng viên, đạt 100,00% (chỉ tiêu trên 95%: đạt).",
        # No headcount yet: not met.
        "Đơn vị chưa đạt chỉ tiêu trên 95% đảng viên: Chi bộ thôn B.",
    ]
    assert texts(study_strengths(july)) == [
        "Việc học tập, quán triệt đạt chỉ tiêu đề ra: 100/100 đảng viên, đạt 100,00% "
        "(chỉ tiêu trên 95%)."
    ]
    assert study_limitations(july) is None


@pytest.mark.django_db
def test_a_plan_given_counts_only_its_own_sessions(world: World, plan: Plan) -> None:
    quarter_data(world, plan)
    other = make_plan(world.commune)
    raw_session(other, world.cell_b, 40, day=date(2026, 6, 3), kind=Kind.MAIN)
    both = texts(study_summary(scope(world.commune)))
    assert both.count("Kết quả học tập, quán triệt tính đến ngày 14/06/2026:") == 2
    assert "Đảng viên: 40/160 đảng viên, đạt 25,00% (chỉ tiêu trên 95%: chưa đạt)." in both
    only = texts(study_summary(scope(world.commune, plan=other)))
    assert only[0] == (
        "Thực hiện Kế hoạch số 16-KH/ĐU, trong kỳ các đơn vị đã tổ chức 1 buổi quán triệt chính."
    )
    assert "Đảng viên: 40/160 đảng viên, đạt 25,00% (chỉ tiêu trên 95%: chưa đạt)." in only
    assert not any("155/160" in line for line in only)
    # Its verdicts too: the first plan meets both thresholds, the other neither.
    assert study_limitations(scope(world.commune, plan=plan)) is None
    assert texts(study_limitations(scope(world.commune, plan=other))) == [
        "Việc học tập, quán triệt chưa đạt chỉ tiêu: 0/30 cán bộ chủ chốt, đạt 0,00% "
        "(chỉ tiêu 100%); 40/160 đảng viên, đạt 25,00% (chỉ tiêu trên 95%)."
    ]


@pytest.mark.django_db
def test_nothing_to_say_without_data(world: World, plan: Plan) -> None:
    assert study_summary(scope(world.commune)) is None
    assert study_summary(scope(world.other_commune)) is None
    assert study_summary(scope(world.commune, plan=plan)) is None


@pytest.mark.django_db
def test_strengths_and_limitations_follow_the_thresholds(world: World, plan: Plan) -> None:
    headcount(world.commune, 30, group=KEY)
    raw_session(plan, world.commune, 30, day=date(2026, 5, 20), kind=Kind.MAIN, group=KEY)
    headcount(world.cell_a, 100)
    raw_session(plan, world.cell_a, 95, day=date(2026, 6, 1), kind=Kind.MAIN)
    assert texts(study_strengths(scope(world.commune))) == [
        "Việc học tập, quán triệt đạt chỉ tiêu đề ra: 30/30 cán bộ chủ chốt, đạt 100,00% "
        "(chỉ tiêu 100%)."
    ]
    # 95/100 is 95,00%: not "trên 95%".
    assert texts(study_limitations(scope(world.commune))) == [
        "Việc học tập, quán triệt chưa đạt chỉ tiêu: 95/100 đảng viên, đạt 95,00% "
        "(chỉ tiêu trên 95%)."
    ]
    assert study_limitations(scope(world.other_commune)) is None


# --- figures -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_figures_of_the_commune(world: World, plan: Plan) -> None:
    quarter_data(world, plan)
    outreach(plan, world.cell_a, 180, date(2026, 6, 10))
    outreach(plan, world.commune, 1500, date(2026, 6, 1), reach_unit=Outreach.ReachUnit.HOUSEHOLDS)
    outreach(plan, world.commune, 96, date(2026, 6, 12), audience=Outreach.Audience.BUSINESSES)
    outreach(plan, world.cell_b, 50, date(2026, 6, 15))  # after the window
    figures = study_figures(scope(world.commune, plan=plan))
    # No mass organisation in the commune: no line for đoàn viên, hội viên.
    assert values(figures) == {
        "study.key_cadres.headcount": 30,
        "study.key_cadres.attended": 30,
        "study.party_members.headcount": 160,
        "study.party_members.attended": 155,
        "study.sessions": 4,
        "study.sessions.main": 3,
        "study.sessions.makeup": 1,
        "outreach.community_leaders.people": 0,
        "outreach.community_leaders.households": 0,
        "outreach.businesses.people": 96,
        "outreach.businesses.households": 0,
        "outreach.public.people": 180,
        "outreach.public.households": 1500,
    }
    by_key = {f.key: f for f in figures}
    hc, attended = by_key["study.party_members.headcount"], by_key["study.party_members.attended"]
    assert (hc.label, hc.group, hc.unit, hc.section) == (
        "Tổng số đảng viên",
        "Đảng viên",
        "đảng viên",
        "study",
    )
    assert (attended.label, attended.at_most) == (
        "Đảng viên đã học tập, quán triệt",
        "study.party_members.headcount",
    )
    assert by_key["study.key_cadres.attended"].label == "Cán bộ chủ chốt đã học tập, quán triệt"
    assert by_key["study.sessions.makeup"].at_most == "study.sessions"
    public = by_key["outreach.public.households"]
    assert (public.group, public.unit) == ("Toàn thể Nhân dân", "hộ")
    assert all(f.integer and f.additive for f in figures)
    # The registry gives the same figures.
    assert [f for f in report_figures(scope(world.commune, plan=plan)) if f.section == "study"] == (
        figures
    )


@pytest.mark.django_db
def test_figures_equal_the_coverage_rollup_at_the_window_end(
    world: World, plan: Plan, mass_org: OrgUnit
) -> None:
    quarter_data(world, plan)
    headcount(mass_org, 50, group=UNION)
    raw_session(plan, mass_org, 44, day=date(2026, 6, 5), kind=Kind.MAIN, group=UNION)
    for unit, window in (
        (world.commune, (date(2026, 3, 15), date(2026, 6, 14))),
        (world.commune, (date(2026, 6, 15), date(2026, 9, 14))),
        (world.cell_b, (date(2026, 3, 15), date(2026, 6, 14))),
    ):
        got = values(study_figures(scope(unit, plan=plan, window=window)))
        groups = [KEY, PARTY, UNION]
        rolled = coverage.rollup(plan=plan, root=unit, groups=groups, day=window[1])
        for group in groups:
            if f"study.{group}.headcount" in got:
                assert got[f"study.{group}.headcount"] == rolled[group].denominator
                assert got[f"study.{group}.attended"] == rolled[group].numerator
    # After 14/6: chi bộ A's make-up of 5 and chi bộ B's new headcount of 70 count.
    later = values(study_figures(scope(world.commune, "2026-Q3", plan=plan)))
    assert later["study.party_members.headcount"] == 170
    assert later["study.party_members.attended"] == 160
    assert later["study.union_members.attended"] == 44
    assert (later["study.sessions"], later["study.sessions.makeup"]) == (1, 1)
    # A chi bộ's form has its own members only, and no line for the commune's groups.
    cell = values(study_figures(scope(world.cell_b, plan=plan)))
    assert cell["study.party_members.headcount"] == 60
    assert cell["study.party_members.attended"] == 60
    assert "study.key_cadres.headcount" not in cell
    assert "study.union_members.headcount" not in cell


@pytest.mark.django_db
def test_no_figures_without_a_plan(world: World, plan: Plan) -> None:
    quarter_data(world, plan)
    assert study_figures(scope(world.commune)) == []


@pytest.mark.django_db
def test_figures_take_the_same_queries_for_3_and_30_units(world: World, plan: Plan) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            study_figures(scope(world.commune, plan=plan))
        return len(ctx.captured_queries)

    quarter_data(world, plan)
    few = count()
    for cell in bulk_cells(world.commune, 27, "nhieu"):
        headcount(cell, 20)
        raw_session(plan, cell, 19, day=date(2026, 6, 1), kind=Kind.MAIN)
    assert count() == few
    assert values(study_figures(scope(world.commune, plan=plan)))[
        "study.party_members.attended"
    ] == (155 + 27 * 19)


def test_demo_figures(demo: str) -> None:
    """The demo's story stands at the plan's deadline, 30/6; chi bộ 08's make-up session of
    15/7 (6 đảng viên) counts in the year's report, whose figures run to 14/12."""
    commune = OrgUnit.objects.get(code="tan-ky")
    deadline = scope(commune, "2026", window=(date(2025, 12, 15), date(2026, 6, 30)))
    lines = texts(study_summary(deadline))
    assert "Kết quả học tập, quán triệt tính đến ngày 30/06/2026:" in lines
    assert "Cán bộ chủ chốt: 62/62 cán bộ chủ chốt, đạt 100,00% (chỉ tiêu 100%: đạt);" in lines
    assert "Đảng viên: 2.909/3.044 đảng viên, đạt 95,57% (chỉ tiêu trên 95%: đạt);" in lines
    assert (
        "Đoàn viên, hội viên: 2.695/3.045 đoàn viên, hội viên, đạt 88,51% "
        "(chỉ tiêu trên 90%: chưa đạt)." in lines
    )
    year = texts(study_summary(scope(commune, "2026")))
    assert "Đảng viên: 2.915/3.044 đảng viên, đạt 95,76% (chỉ tiêu trên 95%: đạt);" in year
    plan = Plan.objects.get(org_unit=commune, coverage_thresholds__group=PARTY)
    plan_scope = SummaryScope(commune, deadline.period, deadline.start, deadline.end, plan)
    got = values(study_figures(plan_scope))
    assert (got["study.party_members.attended"], got["study.party_members.headcount"]) == (
        2909,
        3044,
    )
    assert (got["study.key_cadres.attended"], got["study.union_members.attended"]) == (62, 2695)
