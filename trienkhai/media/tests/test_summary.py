"""Section III of the summary report: items by channel, compliance, banners."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from trienkhai.conftest import World
from trienkhai.core.periods import parse_period
from trienkhai.documents.data import Block, Heading, Paragraph, Table
from trienkhai.documents.summary import build_summary
from trienkhai.media.models import Banner
from trienkhai.media.tests.conftest import Media, item, tally
from trienkhai.media.weeks import monday

pytestmark = pytest.mark.django_db


def section_three(world: World) -> list[Block]:
    blocks = list(build_summary(world.commune, parse_period("2026-Q3")).body)
    start = next(
        i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text.startswith("III.")
    )
    end = next(
        i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text.startswith("IV.")
    )
    return blocks[start + 1 : end]


def test_propaganda_section(world: World, media: Media) -> None:
    # Quý III: data from 15/6 to 14/9/2026, i.e. weeks 25 to 37 judged.
    for week in range(25, 38):
        first = monday((2026, week))
        item(world.commune, media.radio, first + timedelta(days=1))
        if week != 30:
            item(world.cell_a, media.website, first + timedelta(days=2))
    item(world.commune, media.press, date(2026, 7, 1))
    item(world.commune, media.radio, date(2026, 6, 10))  # before the window
    tally(world.cell_a, media.zalo_a, date(2026, 7, 1), 5)
    Banner.objects.create(
        org_unit=world.cell_a,
        place="Nhà văn hóa thôn A",
        kind=Banner.Kind.BANG_RON,
        count=3,
        date_from=date(2026, 5, 1),
        date_to=date(2026, 7, 1),
    )
    blocks = section_three(world)
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert texts[0].startswith("Trong kỳ, các kênh thông tin đã đăng, phát 31 tin, bài")
    table = next(b for b in blocks if isinstance(b, Table))
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Truyền thanh"] == ("13", "0", "13")
    assert rows["Nhóm Zalo"] == ("0", "5", "5")
    assert rows["Báo chí"] == ("1", "0", "1")
    assert rows["Cộng"] == ("26", "5", "31")
    rule = next(t for t in texts if t.startswith("Thực hiện quy định"))
    assert "số tuần đạt 12/13 tuần, đạt 92,31%" in rule
    assert "chưa đạt: Tuần 30/2026 (20/07–26/07)" in rule
    assert "3 băng rôn" in texts[-1]


def test_no_output_misses_every_week_and_no_rule_means_no_data(world: World, media: Media) -> None:
    texts = [b.text for b in section_three(world) if isinstance(b, Paragraph)]
    assert len(texts) == 1 and "số tuần đạt 0/13 tuần, đạt 0,00%." in texts[0]
    assert "chưa đạt:" not in texts[0]  # thirteen weeks are not listed one by one
    media.rule.delete()
    assert [b.text for b in section_three(world) if isinstance(b, Paragraph)] == [
        "Chưa có số liệu về công tác tuyên truyền trong kỳ báo cáo."
    ]
