"""The plan's minimum-output rules judged week by week (and month by month)."""

from __future__ import annotations

from datetime import date

import pytest

from trienkhai.conftest import World
from trienkhai.media.compliance import compliance
from trienkhai.media.models import ExemptWeek, RuleSetting
from trienkhai.media.rules import CURRENT, EXEMPT, MET, MISSED, RuleConfig, evaluate
from trienkhai.media.tests.conftest import Media, item, tally
from trienkhai.media.weeks import spans, start_for, week_of
from trienkhai.plans.models import MediaRule
from trienkhai.plans.tests.factories import MediaRuleFactory

pytestmark = pytest.mark.django_db


def statuses(world: World, media: Media, today: date, rule: MediaRule | None = None) -> dict:
    result = compliance(plan=media.plan, root=world.commune, today=today)
    chosen = next(r for r in result if rule is None or r.rule.rule.pk == rule.pk)
    commune = next(row for row in chosen.rows if row.unit.pk == world.commune.pk)
    assert commune.binding
    return {p.span.code: p for p in commune.evaluation.periods}


def test_rule_starts_the_first_full_week_after_the_plan_date() -> None:
    assert start_for(issued=date(2026, 5, 12)) == date(2026, 5, 18)  # Tue → next Monday
    assert start_for(issued=date(2026, 5, 11)) == date(2026, 5, 18)  # a Monday: the next one
    assert start_for(issued=None, partial="2026-05") == date(2026, 6, 1)  # after 31/5
    assert start_for(issued=None) is None


def test_two_items_on_radio_and_digital_channels_meet_the_week_one_misses(
    world: World, media: Media
) -> None:
    item(world.commune, media.radio, date(2026, 5, 19))  # W21
    item(world.cell_a, media.website, date(2026, 5, 24))  # W21, a chi bộ on the commune's site
    item(world.commune, media.radio, date(2026, 5, 27))  # W22: one only
    periods = statuses(world, media, today=date(2026, 6, 3))
    assert list(periods) == ["2026-W21", "2026-W22", "2026-W23"]
    assert periods["2026-W21"].status == MET and periods["2026-W21"].total == 2
    assert periods["2026-W22"].status == MISSED and periods["2026-W22"].total == 1
    assert periods["2026-W23"].status == CURRENT
    # Nothing before the start is judged, even with items.
    item(world.commune, media.radio, date(2026, 5, 13))
    assert "2026-W20" not in statuses(world, media, today=date(2026, 6, 3))


def test_a_channel_the_rule_does_not_count_is_ignored(world: World, media: Media) -> None:
    item(world.commune, media.radio, date(2026, 5, 19))
    item(world.commune, media.press, date(2026, 5, 20))  # báo chí: not in the rule
    item(world.commune, media.press, date(2026, 5, 21))
    week = statuses(world, media, today=date(2026, 5, 26))["2026-W21"]
    assert week.status == MISSED
    assert week.total == 1 and "press" not in week.counts


def test_tallies_and_items_add_up(world: World, media: Media) -> None:
    item(world.commune, media.radio, date(2026, 5, 19))
    tally(world.cell_a, media.zalo_a, date(2026, 5, 20), 1)
    tally(world.cell_b, media.zalo_b, date(2026, 5, 27), 3)
    tally(world.cell_b, media.press, date(2026, 5, 27), 9)  # not counted either
    periods = statuses(world, media, today=date(2026, 6, 3))
    assert periods["2026-W21"].status == MET
    assert periods["2026-W21"].counts == {"radio": 1, "website": 0, "social": 0, "zalo": 1}
    assert periods["2026-W22"].status == MET and periods["2026-W22"].total == 3
    # Per unit: chi bộ B made the 3 of W22; chi bộ A the 1 of W21.
    rows = {
        r.unit.code: r
        for r in compliance(plan=media.plan, root=world.commune, today=date(2026, 6, 3))[0].rows
    }
    b = {p.span.code: p.total for p in rows["tk-cb-b"].evaluation.periods}
    assert b == {"2026-W21": 0, "2026-W22": 3, "2026-W23": 0}
    assert not rows["tk-cb-b"].binding  # the rule binds the issuing commune by default


def test_week_53_of_2026_and_week_1_of_2027(world: World, media: Media) -> None:
    # 2026 has 53 ISO weeks: W53 runs from Monday 28/12/2026 to Sunday 3/1/2027.
    new_year = item(world.commune, media.radio, date(2027, 1, 1))
    assert (new_year.iso_year, new_year.iso_week) == (2026, 53)
    item(world.commune, media.website, date(2026, 12, 29))
    item(world.commune, media.radio, date(2027, 1, 5))  # 2027-W01: one only
    periods = statuses(world, media, today=date(2027, 1, 12))
    assert periods["2026-W53"].status == MET and periods["2026-W53"].total == 2
    assert periods["2027-W01"].status == MISSED and periods["2027-W01"].total == 1
    assert periods["2026-W52"].span.end == date(2026, 12, 27)
    assert periods["2027-W01"].span.start == date(2027, 1, 4)


def test_monthly_rule_counts_a_week_in_the_month_of_its_thursday(
    world: World, media: Media
) -> None:
    monthly = MediaRuleFactory.create(plan=media.plan, min_items=3, per="month", channels=["radio"])
    # June 2026 = the weeks whose Thursday is in June: 1/6 to 28/6. Tuesday 30/6 lies in the
    # week of Thursday 2/7, so it counts for July.
    item(world.commune, media.radio, date(2026, 6, 2))
    item(world.commune, media.radio, date(2026, 6, 25))
    item(world.commune, media.radio, date(2026, 6, 30))
    item(world.commune, media.radio, date(2026, 7, 8))
    item(world.commune, media.radio, date(2026, 8, 2))  # Sunday of the week of Thu 30/7: July
    periods = statuses(world, media, today=date(2026, 8, 10), rule=monthly)
    assert list(periods) == ["2026-06", "2026-07", "2026-08"]  # May is not a full month
    june, july = periods["2026-06"], periods["2026-07"]
    assert (june.span.start, june.span.end) == (date(2026, 6, 1), date(2026, 6, 28))
    assert (july.span.start, july.span.end) == (date(2026, 6, 29), date(2026, 8, 2))
    assert june.total == 2 and june.status == MISSED
    assert july.total == 3 and july.status == MET
    assert periods["2026-08"].status == CURRENT


def test_an_exempt_tet_week_is_not_judged_and_keeps_the_streak(world: World, media: Media) -> None:
    for day in (date(2027, 1, 26), date(2027, 1, 27), date(2027, 2, 2), date(2027, 2, 3)):
        item(world.commune, media.radio, day)  # W04, W05
    for day in (date(2027, 2, 16), date(2027, 2, 17)):
        item(world.commune, media.radio, day)  # W07; nothing in W06, the week after Tết
    exempt = ExemptWeek(plan=media.plan, reason="Nghỉ Tết Nguyên đán")
    exempt.set_week(2027, 6)
    exempt.save()
    result = compliance(plan=media.plan, root=world.commune, today=date(2027, 2, 22))[0]
    evaluation = next(r for r in result.rows if r.unit.pk == world.commune.pk).evaluation
    periods = {p.span.code: p for p in evaluation.periods}
    assert periods["2027-W06"].status == EXEMPT
    assert [periods[w].status for w in ("2027-W04", "2027-W05", "2027-W07")] == [MET] * 3
    assert evaluation.streak == 3  # W04, W05, (W06 exempt), W07
    exempt.delete()
    result = compliance(plan=media.plan, root=world.commune, today=date(2027, 2, 22))[0]
    evaluation = next(r for r in result.rows if r.unit.pk == world.commune.pk).evaluation
    assert evaluation.streak == 1 and evaluation.longest_gap >= 1


def test_count_each_kind_and_applies_to_each_party_org(world: World, media: Media) -> None:
    RuleSetting.objects.create(
        rule=media.rule, count_mode="each", applies_to=RuleSetting.AppliesTo.PARTY_ORGS
    )
    media.rule.channels = ["radio", "zalo"]
    media.rule.save()
    item(world.cell_a, media.radio, date(2026, 5, 19))
    item(world.cell_a, media.radio, date(2026, 5, 20))
    tally(world.cell_a, media.zalo_a, date(2026, 5, 20), 2)
    item(world.cell_b, media.radio, date(2026, 5, 19))
    item(world.cell_b, media.radio, date(2026, 5, 20))
    item(world.cell_b, media.radio, date(2026, 5, 21))  # 3 on radio, none on Zalo
    rows = {
        r.unit.code: r
        for r in compliance(plan=media.plan, root=world.commune, today=date(2026, 5, 26))[0].rows
    }
    assert rows["tk-cb-a"].binding and rows["tk-cb-b"].binding
    assert not rows["tk"].binding and not rows["tk-ubnd"].binding  # UBND is not a party org
    assert rows["tk-cb-a"].evaluation.periods[0].status == MET
    assert rows["tk-cb-b"].evaluation.periods[0].status == MISSED


def test_streak_and_longest_gap() -> None:
    config = RuleConfig(min_items=2, per="week", channels=("radio",), start=date(2026, 6, 1))
    weeks = [(2026, w) for w in range(23, 33)]
    made = [2, 0, 0, 0, 3, 1, 2, 2, 2, 0]  # W23 … W32
    counts = {w: {"radio": n} for w, n in zip(weeks, made, strict=True)}
    result = evaluate(config, counts, today=date(2026, 8, 12))  # Wednesday of W33
    assert [p.status for p in result.periods][:-1] == [
        MET,
        MISSED,
        MISSED,
        MISSED,
        MET,
        MISSED,
        MET,
        MET,
        MET,
        MISSED,
    ]
    assert result.met == 5 and result.missed == 5
    assert result.streak == 0  # W32 missed
    assert result.longest_gap == 3 and result.gap is not None
    assert (week_of(result.gap[0].start), week_of(result.gap[1].start)) == ((2026, 24), (2026, 26))
    counts[(2026, 32)] = {"radio": 2}
    assert evaluate(config, counts, today=date(2026, 8, 12)).streak == 4


def test_exempt_week_in_a_month_lowers_its_minimum_pro_rata() -> None:
    config = RuleConfig(
        min_items=8,
        per="month",
        channels=("radio",),
        start=date(2027, 1, 4),
        exempt=frozenset({(2027, 6)}),
    )
    # February 2027: weeks 5–8 (Thursdays 4, 11, 18, 25 Feb); one exempt → ⌈8·3/4⌉ = 6.
    counts = {(2027, 5): {"radio": 3}, (2027, 7): {"radio": 3}}
    result = evaluate(config, counts, today=date(2027, 3, 10))
    february = next(p for p in result.periods if p.span.code == "2027-02")
    assert february.required == 6 and february.status == MET


def test_spans_list_only_whole_periods() -> None:
    quarters = spans("quarter", date(2026, 5, 18), date(2026, 12, 31))
    assert [s.code for s in quarters] == ["2026-Q3", "2026-Q4"]
    assert quarters[1].weeks[-1] == (2026, 53)  # Thursday 31/12/2026
