"""Section III of the summary report: items by channel, compliance, banners; and its figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trienkhai.conftest import World
from trienkhai.core.periods import parse_period
from trienkhai.documents.data import Block, Heading, Paragraph, Table
from trienkhai.documents.figures import FIGURE_PROVIDERS, Figure, report_figures
from trienkhai.documents.summary import FILL_LINE, SummaryScope, build_summary
from trienkhai.media.models import Banner, RuleSetting
from trienkhai.media.summary import media_figures, media_summary, rule_lines
from trienkhai.media.tests.conftest import Media, item, tally
from trienkhai.media.weeks import monday
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.models import Plan
from trienkhai.plans.tests.factories import SEED_DAY, MediaRuleFactory, PlanFactory

pytestmark = pytest.mark.django_db

WEEKLY = (
    "Thực hiện quy định tối thiểu 02 tin, bài/tuần (truyền thanh, trang thông tin điện tử, "
    "mạng xã hội, nhóm Zalo): "
)


def section_three(unit: OrgUnit) -> list[Block]:
    blocks = list(build_summary(unit, parse_period("2026-Q3")).body)
    start = next(
        i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text.startswith("III.")
    )
    end = next(
        i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text.startswith("IV.")
    )
    return blocks[start + 1 : end]


def paragraphs(blocks: list[Block] | None) -> list[str]:
    return [b.text for b in blocks or [] if isinstance(b, Paragraph)]


def scope(
    unit: OrgUnit, *, plan: Plan | None = None, window: tuple[date, date] | None = None
) -> SummaryScope:
    return SummaryScope.of(unit, parse_period("2026-Q3"), plan=plan, window=window)


def values(figures: list[Figure], prefix: str = "") -> dict[str, object]:
    return {f.key: f.value for f in figures if f.key.startswith(prefix)}


def quarter_data(world: World, media: Media) -> None:
    """Quý III: data from 15/6 to 14/9/2026, i.e. weeks 25 to 37 judged. The commune's radio
    every week, chi bộ A's website every week but week 30, one press item, a tally of 5; and
    what lies outside the window (an item on 10/6 and one on 15/9, the tally of week 38)."""
    for week in range(25, 38):
        first = monday((2026, week))
        item(world.commune, media.radio, first + timedelta(days=1))
        if week != 30:
            item(world.cell_a, media.website, first + timedelta(days=2))
    item(world.commune, media.press, date(2026, 7, 1))
    item(world.commune, media.radio, date(2026, 6, 10))  # before the window
    item(world.commune, media.radio, date(2026, 9, 15))  # after it
    tally(world.cell_a, media.zalo_a, date(2026, 7, 1), 5)
    tally(world.cell_b, media.zalo_b, date(2026, 9, 17), 4)  # week 38: Thursday after 14/9
    Banner.objects.create(
        org_unit=world.cell_a,
        place="Nhà văn hóa thôn A",
        kind=Banner.Kind.BANG_RON,
        count=3,
        date_from=date(2026, 5, 1),
        date_to=date(2026, 7, 1),
    )
    Banner.objects.create(
        org_unit=world.commune,
        place="Trụ sở Đảng ủy",
        kind=Banner.Kind.PA_NO,
        count=1,
        date_from=date(2026, 9, 15),  # hung after the window
    )


def test_providers_are_registered() -> None:
    from trienkhai.documents.summary import SUMMARY_SECTIONS

    assert media_summary in SUMMARY_SECTIONS["propaganda"]
    assert media_figures in FIGURE_PROVIDERS


def test_propaganda_section(world: World, media: Media) -> None:
    quarter_data(world, media)
    blocks = section_three(world.commune)
    texts = paragraphs(blocks)
    assert texts[0].startswith("Trong kỳ, các kênh thông tin đã đăng, phát 31 tin, bài")
    table = next(b for b in blocks if isinstance(b, Table))
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Truyền thanh"] == ("13", "0", "13")
    assert rows["Nhóm Zalo"] == ("0", "5", "5")
    assert rows["Báo chí"] == ("1", "0", "1")
    assert rows["Cộng"] == ("26", "5", "31")
    assert texts[1] == (
        WEEKLY + "số tuần đạt 12/13 tuần, đạt 92,31%; chưa đạt: Tuần 30/2026 (20/07–26/07)."
    )
    assert texts[2] == "Tuyên truyền trực quan: đã treo, dựng 3 băng rôn trong kỳ."


def test_propaganda_figures(world: World, media: Media) -> None:
    quarter_data(world, media)
    figures = media_figures(scope(world.commune))
    rule = f"media.rule.{media.rule.pk}"
    assert values(figures) == {
        "media.radio": 13,
        "media.website": 12,
        "media.social": 0,
        "media.zalo": 5,
        "media.press": 1,
        "media.total": 31,
        f"{rule}.met": 12,
        f"{rule}.judged": 13,
        "banners.bang_ron": 3,
        "banners.pa_no": 0,
        "banners.khau_hieu": 0,
        "banners.ap_phich": 0,
    }
    by_key = {f.key: f for f in figures}
    radio = by_key["media.radio"]
    assert (radio.label, radio.unit, radio.section, radio.at_most) == (
        "Truyền thanh",
        "tin, bài",
        "propaganda",
        "media.total",
    )
    met, judged = by_key[f"{rule}.met"], by_key[f"{rule}.judged"]
    assert (met.label, met.unit, met.at_most) == ("Số tuần đạt quy định", "tuần", f"{rule}.judged")
    assert judged.label == "Số tuần tính trong kỳ"
    assert met.group == (
        "Quy định tối thiểu 02 tin, bài/tuần (truyền thanh, trang thông tin điện tử, "
        "mạng xã hội, nhóm Zalo)"
    )
    assert by_key["banners.bang_ron"].label == "Băng rôn"
    # The form's propaganda section also holds the opinion app's figures, after these.
    registered = report_figures(scope(world.commune))
    ours = [f for f in registered if f.key.startswith(("media.", "banners."))]
    assert ours == figures
    assert {f.section for f in ours} == {"propaganda"}


def judged_weeks(world: World, media: Media) -> None:
    """Weeks 25–27 met, week 28 (6/7–12/7) missed with one item on its Sunday; week 29 has
    two items by its Tuesday and a tally whose Thursday is 16/7."""
    for week in (25, 26, 27):
        first = monday((2026, week))
        item(world.commune, media.radio, first + timedelta(days=1))
        item(world.commune, media.radio, first + timedelta(days=2))
    item(world.commune, media.radio, date(2026, 7, 12))
    item(world.commune, media.radio, date(2026, 7, 13))
    item(world.commune, media.radio, date(2026, 7, 14))
    tally(world.cell_a, media.zalo_a, date(2026, 7, 16), 4)


def test_a_week_ending_on_the_window_end_is_judged(world: World, media: Media) -> None:
    judged_weeks(world, media)
    sunday = scope(world.commune, window=(date(2026, 6, 15), date(2026, 7, 12)))
    assert paragraphs(media_summary(sunday))[1] == (
        WEEKLY + "số tuần đạt 3/4 tuần, đạt 75,00%; chưa đạt: Tuần 28/2026 (06/07–12/07)."
    )
    got = values(media_figures(sunday))
    rule = f"media.rule.{media.rule.pk}"
    assert (got[f"{rule}.met"], got[f"{rule}.judged"]) == (3, 4)
    assert (got["media.radio"], got["media.zalo"], got["media.total"]) == (7, 0, 7)


def test_a_week_running_at_the_window_end_is_not_judged(world: World, media: Media) -> None:
    judged_weeks(world, media)
    wednesday = scope(world.commune, window=(date(2026, 6, 15), date(2026, 7, 15)))
    # Week 29 already has its two items, but it ends after 15/7: not judged in this window.
    assert paragraphs(media_summary(wednesday))[1] == (
        WEEKLY + "số tuần đạt 3/4 tuần, đạt 75,00%; chưa đạt: Tuần 28/2026 (06/07–12/07)."
    )
    got = values(media_figures(wednesday))
    rule = f"media.rule.{media.rule.pk}"
    assert (got[f"{rule}.met"], got[f"{rule}.judged"]) == (3, 4)
    # Items by their date; the tally of week 29 by its Thursday, 16/7: not in this window.
    assert (got["media.radio"], got["media.zalo"], got["media.total"]) == (9, 0, 9)
    thursday = values(
        media_figures(scope(world.commune, window=(date(2026, 6, 15), date(2026, 7, 16))))
    )
    assert (thursday["media.zalo"], thursday["media.total"]) == (4, 13)


def test_a_plan_given_counts_only_its_rules(world: World, media: Media) -> None:
    quarter_data(world, media)
    other = PlanFactory.create(org_unit=world.commune, date=SEED_DAY)
    monthly = MediaRuleFactory.create(plan=other, min_items=1, per="month", channels=["press"])
    month_line = (
        "Thực hiện quy định tối thiểu 01 tin, bài/tháng (báo chí): số tháng đạt 1/2 tháng, "
        "đạt 50,00%; chưa đạt: Tháng 8/2026."
    )
    weekly, per_month = f"media.rule.{media.rule.pk}", f"media.rule.{monthly.pk}"
    # Without a plan, both plans' rules; July and August are the months whole in the window.
    both = values(media_figures(scope(world.commune)), "media.rule.")
    assert both == {
        f"{weekly}.met": 12,
        f"{weekly}.judged": 13,
        f"{per_month}.met": 1,
        f"{per_month}.judged": 2,
    }
    assert month_line in paragraphs(media_summary(scope(world.commune)))
    only = scope(world.commune, plan=other)
    assert values(media_figures(only), "media.rule.") == {
        f"{per_month}.met": 1,
        f"{per_month}.judged": 2,
    }
    lines = paragraphs(media_summary(only))
    assert month_line in lines and not any(line.startswith(WEEKLY) for line in lines)
    # The items are the unit's, whichever plan: the same counts.
    assert values(media_figures(only), "media.t") == {"media.total": 31}


def test_a_rule_for_each_party_cell(world: World, media: Media) -> None:
    quarter_data(world, media)
    RuleSetting.objects.create(rule=media.rule, applies_to=RuleSetting.AppliesTo.PARTY_ORGS)
    rule = f"media.rule.{media.rule.pk}"
    # The commune is not judged itself: a sentence on its cells, no figure of its own.
    assert paragraphs(media_summary(scope(world.commune)))[1] == (
        WEEKLY + "số đơn vị đạt đủ các tuần 0/2 đơn vị, đạt 0,00%."
    )
    assert values(media_figures(scope(world.commune)), "media.rule.") == {}
    # Chi bộ A: one item a week, and its tally of 5 in week 27; week 30 without any.
    assert paragraphs(media_summary(scope(world.cell_a))) == [
        "Trong kỳ, các kênh thông tin đã đăng, phát 17 tin, bài tuyên truyền về Kế hoạch, "
        "cụ thể như sau:",
        WEEKLY + "số tuần đạt 1/13 tuần, đạt 7,69%.",
        "Tuyên truyền trực quan: đã treo, dựng 3 băng rôn trong kỳ.",
    ]
    cell_a = values(media_figures(scope(world.cell_a)))
    assert (cell_a[f"{rule}.met"], cell_a[f"{rule}.judged"]) == (1, 13)
    assert (cell_a["media.website"], cell_a["media.zalo"], cell_a["media.total"]) == (12, 5, 17)
    cell_b = values(media_figures(scope(world.cell_b)))
    assert (cell_b[f"{rule}.met"], cell_b[f"{rule}.judged"], cell_b["media.total"]) == (0, 13, 0)


def test_an_empty_section_keeps_its_line_for_the_office(world: World, media: Media) -> None:
    texts = paragraphs(section_three(world.commune))
    assert texts == [WEEKLY + "số tuần đạt 0/13 tuần, đạt 0,00%."]  # 13 weeks: not listed
    media.rule.delete()
    assert media_summary(scope(world.commune)) is None
    assert paragraphs(section_three(world.commune)) == [FILL_LINE]
    assert values(media_figures(scope(world.commune)), "media.t") == {"media.total": 0}


def test_rule_lines_for_the_home_page(world: World, media: Media) -> None:
    """From the rule's start (18/5) to the day asked, whose week is still running."""
    quarter_data(world, media)
    assert rule_lines(world.commune, until=date(2026, 9, 14)) == [
        WEEKLY + "số tuần đạt 12/17 tuần, đạt 70,59%; chưa đạt: Tuần 21/2026 (18/05–24/05); "
        "Tuần 22/2026 (25/05–31/05); Tuần 23/2026 (01/06–07/06); Tuần 24/2026 (08/06–14/06); "
        "Tuần 30/2026 (20/07–26/07)."
    ]
    # On Sunday 13/9 week 37 is not over yet.
    assert rule_lines(world.commune, until=date(2026, 9, 13))[0].startswith(
        WEEKLY + "số tuần đạt 11/16 tuần"
    )
    assert rule_lines(world.cell_a, until=date(2026, 9, 14)) == []


def test_figures_take_the_same_queries_for_3_and_30_units(world: World, media: Media) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            media_figures(scope(world.commune))
            media_summary(scope(world.commune))
        return len(ctx.captured_queries)

    quarter_data(world, media)
    RuleSetting.objects.create(rule=media.rule, applies_to=RuleSetting.AppliesTo.CHILDREN)
    few = count()
    for n in range(27):
        cell = OrgUnitFactory.create(parent=world.commune, code=f"tk-them-{n}")
        item(cell, media.radio, date(2026, 7, 1))
    assert count() == few
    assert values(media_figures(scope(world.commune)))["media.radio"] == 13 + 27
