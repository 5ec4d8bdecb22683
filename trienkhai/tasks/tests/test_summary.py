"""Section IV of the summary report gets the task totals, as of the period's last day."""

from __future__ import annotations

from datetime import date

import pytest

from trienkhai.core.demo import DemoContext
from trienkhai.core.periods import parse_period
from trienkhai.documents.data import Paragraph
from trienkhai.documents.summary import SUMMARY_SECTIONS, build_summary
from trienkhai.tasks.summary import task_totals

pytestmark = pytest.mark.django_db


def test_provider_is_registered_for_section_iv() -> None:
    assert task_totals in SUMMARY_SECTIONS["programmes"]


def test_q2_summary_of_the_commune(seed: DemoContext) -> None:
    # Reference date = 30/6/2026: the late plans (12/6 and after) count as late, those
    # reported in July do not count yet.
    blocks = task_totals(seed.commune, parse_period("2026-Q2"))
    assert blocks is not None
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert texts[0].startswith("Thực hiện nhiệm vụ được giao (tính đến ngày 30/06/2026): Tổng số")
    assert any(
        t.startswith(
            "Số tổ chức đảng trực thuộc đã xây dựng kế hoạch thực hiện: 23/31 tổ chức đảng, "
            "đạt 74,19% (đúng hạn 21, quá hạn 2)"
        )
        for t in texts
    )
    data = build_summary(seed.commune, parse_period("2026-Q2"), day=date(2026, 7, 5), number=3)
    body = [b.text for b in data.body if isinstance(b, Paragraph)]
    assert texts[0] in body
    # A chi bộ's own summary counts its own tasks only.
    cell = task_totals(seed.units["chibo30"], parse_period("2026-Q2"))
    assert cell is not None
    assert cell[0].text.endswith(  # type: ignore[union-attr]
        "Tổng số 2 nhiệm vụ đến hạn: đã hoàn thành 0 (đúng hạn 0, quá hạn 0); chưa hoàn thành 2 "
        "(trong hạn 1, quá hạn 1)."
    )


def test_no_tasks_no_paragraph(seed: DemoContext) -> None:
    assert task_totals(seed.units["an-hoa"], parse_period("2026-Q2")) is None


def test_limitations_name_the_late_work(seed: DemoContext) -> None:
    from trienkhai.tasks.selectors.overview import unit_counts
    from trienkhai.tasks.summary import task_limitations

    quarter = parse_period("2026-Q2")
    totals = unit_counts(unit=seed.commune, ref=quarter.end)
    blocks = task_limitations(seed.commune, quarter)
    assert blocks is not None and totals.overdue and totals.done_late
    assert blocks[0].text == (  # type: ignore[union-attr]
        f"Còn {totals.overdue} nhiệm vụ quá hạn chưa hoàn thành và {totals.done_late} nhiệm vụ "
        "hoàn thành chậm so với thời hạn."
    )
    assert task_limitations(seed.units["an-hoa"], quarter) is None
