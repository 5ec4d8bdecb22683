"""What the opinion registers give the report form and the summary report, counted over the
data window as of its end; a sensitive report is counted, never named."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.core.periods import parse_period
from trienkhai.documents.data import BulletList, Paragraph
from trienkhai.documents.figures import report_figures
from trienkhai.documents.summary import SummaryScope, summary_sections
from trienkhai.opinion import services
from trienkhai.opinion.models import OpinionReport, Rebuttal, Sensitivity
from trienkhai.opinion.tests.conftest import heard

pytestmark = pytest.mark.django_db


def _scope(world: World, start: date, end: date) -> SummaryScope:
    period = parse_period(f"{end.year}-{end.month:02d}")
    return SummaryScope.of(world.commune, period, window=(start, end))


def _texts(scope: SummaryScope, key: str) -> str:
    blocks = next(s for s in summary_sections(scope) if s.key == key).blocks
    out = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, BulletList):
            out.extend(block.items)
    return "\n".join(out)


def _answer(world: World, report: OpinionReport, day: date) -> None:
    services.opinion_answer(
        actor=world.office,
        report=report,
        version=report.version,
        response="Đã giải quyết.",
        responder="UBND xã",
        answered_on=day,
    )


def test_the_figures_count_the_window_as_of_its_end(world: World) -> None:
    today = timezone.localdate()
    start, end = today - timedelta(days=20), today - timedelta(days=2)
    inside = [
        services.opinion_record(
            actor=world.reporter_a,
            unit=world.cell_a,
            data=heard(noted_on=start + timedelta(days=i)),
        )
        for i in range(3)
    ]
    services.opinion_record(
        actor=world.reporter_b,
        unit=world.cell_b,
        data=heard(
            noted_on=end, kind=OpinionReport.Kind.OPINION, sensitivity=Sensitivity.SENSITIVE
        ),
    )
    # Before the window, and after it: not counted in it.
    services.opinion_record(
        actor=world.reporter_a, unit=world.cell_a, data=heard(noted_on=start - timedelta(days=1))
    )
    services.opinion_record(actor=world.reporter_a, unit=world.cell_a, data=heard(noted_on=today))
    _answer(world, inside[0], end)  # answered by the window's end
    _answer(world, inside[1], today)  # answered after it: still open as of the end
    services.rebuttal_record(
        actor=world.reporter_a,
        unit=world.cell_a,
        data=services.RebuttalInput(
            noted_on=end,
            platform=Rebuttal.Platform.FACEBOOK,
            post_summary="Bài viết xuyên tạc chủ trương sáp nhập xã.",
            post_link="https://www.facebook.com/groups/x/posts/1",
            comments=15,
            reported=True,
        ),
    )
    figures = {f.key: f.value for f in report_figures(_scope(world, start, end))}
    assert figures["opinion.total"] == 4
    assert figures["opinion.petition"] == 3 and figures["opinion.opinion"] == 1
    assert figures["opinion.answered"] == 1
    assert figures["rebuttal.posts"] == 1 and figures["rebuttal.comments"] == 15
    assert figures["rebuttal.reported"] == 1
    # A chi bộ's own form counts its own subtree only.
    cell = SummaryScope.of(
        world.cell_b, parse_period(f"{end.year}-{end.month:02d}"), window=(start, end)
    )
    assert {f.key: f.value for f in report_figures(cell)}["opinion.total"] == 1


def test_the_summary_writes_the_work_and_what_is_still_open(world: World) -> None:
    today = timezone.localdate()
    start, end = today - timedelta(days=30), today
    services.opinion_record(
        actor=world.reporter_a, unit=world.cell_a, data=heard(topic="Đường ống nước xóm Đông")
    )
    services.opinion_record(
        actor=world.reporter_b,
        unit=world.cell_b,
        data=heard(topic="Tố cáo cán bộ địa chính", sensitivity=Sensitivity.SENSITIVE),
    )
    scope = _scope(world, start, end)
    propaganda = _texts(scope, "propaganda")
    assert "ghi nhận 2 ý kiến, phản ánh (2 kiến nghị, đề xuất)" in propaganda
    assert "đã trả lời, giải quyết 0, đang xem xét 2" in propaganda
    assert "Còn 2 ý kiến" in _texts(scope, "limitations")
    proposals = _texts(scope, "proposals")
    assert "Đường ống nước xóm Đông (Chi bộ thôn B)" not in proposals
    assert "Đường ống nước xóm Đông (Chi bộ thôn A)" in proposals
    assert "Tố cáo cán bộ địa chính" not in proposals
    assert "1 kiến nghị có nội dung nhạy cảm" in proposals


def test_nothing_recorded_writes_nothing(world: World) -> None:
    today = timezone.localdate()
    scope = _scope(world, today - timedelta(days=30), today)
    assert "dư luận" not in _texts(scope, "propaganda")
    assert "ý kiến" not in _texts(scope, "limitations")
    figures = {f.key: f.value for f in report_figures(scope)}
    assert figures["opinion.total"] == 0 and figures["practice.proposed"] == 0
