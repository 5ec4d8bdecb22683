"""Section II of the summary report, and the demo's figures."""

from __future__ import annotations

from datetime import date

import pytest

from trienkhai.conftest import World
from trienkhai.core.periods import parse_period
from trienkhai.dissemination.models import StudySession
from trienkhai.dissemination.summary import study_summary
from trienkhai.dissemination.tests.conftest import KEY, headcount, raw_session
from trienkhai.documents.data import BulletList, Paragraph
from trienkhai.documents.summary import SUMMARY_SECTIONS, build_summary
from trienkhai.plans.models import Plan

Kind = StudySession.Kind


def texts(blocks: object) -> list[str]:
    out: list[str] = []
    for block in blocks or []:  # type: ignore[attr-defined]
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, BulletList):
            out.extend(block.items)
    return out


def test_provider_is_registered() -> None:
    assert study_summary in SUMMARY_SECTIONS["study"]


@pytest.mark.django_db
def test_study_section_sentences(world: World, plan: Plan) -> None:
    headcount(world.commune, 30, group=KEY)
    raw_session(plan, world.commune, 30, day=date(2026, 5, 20), kind=Kind.MAIN, group=KEY)
    headcount(world.cell_a, 100)
    raw_session(plan, world.cell_a, 95, day=date(2026, 6, 1), kind=Kind.MAIN)
    headcount(world.cell_b, 60)
    raw_session(plan, world.cell_b, 58, day=date(2026, 6, 2), kind=Kind.MAIN)
    raw_session(plan, world.cell_b, 2, day=date(2026, 6, 9), kind=Kind.MAKE_UP)
    lines = texts(study_summary(world.commune, parse_period("2026-Q2")))
    assert lines[0] == (
        "Thực hiện Kế hoạch số 15-KH/ĐU, trong kỳ các đơn vị đã tổ chức 4 buổi học tập, "
        "quán triệt (gồm 3 buổi quán triệt chính, 1 buổi học bù)."
    )
    assert lines[1] == "Kết quả học tập, quán triệt tính đến ngày 14/06/2026:"
    assert lines[2] == ("Cán bộ chủ chốt: 30/30 cán bộ chủ chốt, đạt 100,00% (chỉ tiêu 100%: đạt);")
    assert lines[3] == "Đảng viên: 155/160 đảng viên, đạt 96,88% (chỉ tiêu trên 95%: đạt)."
    assert lines[4] == "Đơn vị chưa đạt chỉ tiêu trên 95% đảng viên: Chi bộ thôn A."
    # In the report itself, under section II.
    data = build_summary(world.commune, parse_period("2026-Q2"))
    body = texts(data.body)
    assert "Đảng viên: 155/160 đảng viên, đạt 96,88% (chỉ tiêu trên 95%: đạt)." in body
    # A cell's own report speaks of its own members only.
    cell = texts(study_summary(world.cell_a, parse_period("2026-Q2")))
    assert "Đảng viên: 95/100 đảng viên, đạt 95,00% (chỉ tiêu trên 95%: chưa đạt)." in cell


@pytest.mark.django_db
def test_nothing_to_say_without_data(world: World, plan: Plan) -> None:
    assert study_summary(world.commune, parse_period("2026-Q2")) is None
    assert study_summary(world.other_commune, parse_period("2026-Q2")) is None


def test_demo_figures(demo: str) -> None:
    from trienkhai.orgs.models import OrgUnit

    commune = OrgUnit.objects.get(code="tan-ky")
    lines = texts(study_summary(commune, parse_period("2026")))
    assert "Cán bộ chủ chốt: 62/62 cán bộ chủ chốt, đạt 100,00% (chỉ tiêu 100%: đạt);" in lines
    assert "Đảng viên: 2.909/3.044 đảng viên, đạt 95,57% (chỉ tiêu trên 95%: đạt);" in lines
    assert (
        "Đoàn viên, hội viên: 2.695/3.045 đoàn viên, hội viên, đạt 88,51% "
        "(chỉ tiêu trên 90%: chưa đạt)." in lines
    )


@pytest.mark.django_db
def test_strengths_and_limitations_follow_the_thresholds(world: World, plan: Plan) -> None:
    from trienkhai.dissemination.summary import study_limitations, study_strengths

    headcount(world.commune, 30, group=KEY)
    raw_session(plan, world.commune, 30, day=date(2026, 5, 20), kind=Kind.MAIN, group=KEY)
    headcount(world.cell_a, 100)
    raw_session(plan, world.cell_a, 95, day=date(2026, 6, 1), kind=Kind.MAIN)
    quarter = parse_period("2026-Q2")
    assert texts(study_strengths(world.commune, quarter)) == [
        "Việc học tập, quán triệt đạt chỉ tiêu đề ra: 30/30 cán bộ chủ chốt, đạt 100,00% "
        "(chỉ tiêu 100%)."
    ]
    # 95/100 is 95,00%: not "trên 95%".
    assert texts(study_limitations(world.commune, quarter)) == [
        "Việc học tập, quán triệt chưa đạt chỉ tiêu: 95/100 đảng viên, đạt 95,00% "
        "(chỉ tiêu trên 95%)."
    ]
    assert study_limitations(world.other_commune, quarter) is None
