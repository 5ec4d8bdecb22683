"""Media periods missed lately, per unit, for the slow-unit list: the units each rule binds,
judged as the media page judges them, on the periods that ended in the last 91 days."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from trienkhai.conftest import World
from trienkhai.dissemination.tests.conftest import bulk_cells
from trienkhai.media import compliance
from trienkhai.media.models import Channel, RuleSetting
from trienkhai.media.selectors import missed_by_unit
from trienkhai.media.tests.conftest import DIGITAL, Media, tally
from trienkhai.media.tests.factories import ChannelFactory
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.tests.factories import SEED_DAY, MediaRuleFactory, PlanFactory

TODAY = date(2026, 9, 1)  # a Tuesday: the 13 weeks from 1/6 to 30/8 ended in the last 91 days
FIRST_MONDAY = date(2026, 6, 1)
WEEKS = [FIRST_MONDAY + timedelta(weeks=i) for i in range(13)]
RULE = "tối thiểu 02 tin, bài/tuần (truyền thanh, trang thông tin điện tử, mạng xã hội, nhóm Zalo)"
PLAN = "Kế hoạch số 15-KH/ĐU"


def applies_to(media: Media, value: str) -> None:
    RuleSetting.objects.create(rule=media.rule, applies_to=value)


def weekly(unit: OrgUnit, channel: Channel, mondays: list[date], count: int = 2) -> None:
    for monday in mondays:
        tally(unit, channel, monday + timedelta(days=2), count)


def test_each_party_org_judged_on_its_own_branch(world: World, media: Media) -> None:
    applies_to(media, RuleSetting.AppliesTo.PARTY_ORGS)
    weekly(world.cell_a, media.zalo_a, [w for i, w in enumerate(WEEKS) if i not in (2, 5, 9)])
    weekly(world.cell_b, media.zalo_b, WEEKS)  # nothing in May, keeps up since: not slow

    found = missed_by_unit(root=world.commune, today=TODAY)

    assert found == {world.cell_a.pk: (3, f"Thiếu tin, bài 3/13 tuần; quy định {RULE} — {PLAN}")}


def test_a_cell_missing_every_week_lately_and_its_subunits_count(
    world: World, media: Media
) -> None:
    applies_to(media, RuleSetting.AppliesTo.PARTY_ORGS)
    group = OrgUnit.objects.add_child(
        world.cell_b, create_kwargs={"code": "tk-cb-b-to1", "name": "Tổ 1", "kind": "party_cell"}
    )
    world.cell_b.refresh_from_db()
    zalo = ChannelFactory.create(org_unit=group, kind="zalo")
    weekly(group, zalo, WEEKS)  # the branch of chi bộ B: what its tổ puts out counts for it
    weekly(world.cell_a, media.zalo_a, WEEKS[:6], count=1)

    found = missed_by_unit(root=world.commune, today=TODAY)

    assert set(found) == {world.cell_a.pk}
    assert found[world.cell_a.pk][0] == 13


def test_the_issuer_is_judged_on_all_its_branches_merged(world: World, media: Media) -> None:
    weekly(world.cell_a, media.zalo_a, WEEKS[:7], count=1)
    weekly(world.cell_b, media.zalo_b, WEEKS[:7], count=1)  # 1 + 1 a week: met
    weekly(world.commune, media.radio, WEEKS[7:12])  # the last week: nothing anywhere

    found = missed_by_unit(root=world.commune, today=TODAY)

    assert found == {world.commune.pk: (1, f"Thiếu tin, bài 1/13 tuần; quy định {RULE} — {PLAN}")}
    # The rule binds the issuer only: a chi bộ looked at alone is not judged by it.
    assert missed_by_unit(root=world.cell_a, today=TODAY) == {}


def test_the_count_agrees_with_the_media_page(world: World, media: Media) -> None:
    applies_to(media, RuleSetting.AppliesTo.PARTY_ORGS)
    weekly(world.cell_a, media.zalo_a, WEEKS[::2])
    page = compliance.compliance(plan=media.plan, root=world.commune, today=TODAY)
    row = next(r for r in page[0].rows if r.unit.pk == world.cell_a.pk)
    recent = [p for p in row.evaluation.missed_periods if p.span.end >= TODAY - timedelta(91)]

    assert missed_by_unit(root=world.commune, today=TODAY)[world.cell_a.pk][0] == len(recent)


def test_only_units_of_the_subtree_and_plans_that_apply(world: World, media: Media) -> None:
    applies_to(media, RuleSetting.AppliesTo.PARTY_ORGS)
    other = PlanFactory.create(org_unit=world.other_commune, date=SEED_DAY)
    RuleSetting.objects.create(
        rule=MediaRuleFactory.create(plan=other, channels=DIGITAL),
        applies_to=RuleSetting.AppliesTo.PARTY_ORGS,
    )

    assert set(missed_by_unit(root=world.commune, today=TODAY)) == {
        world.cell_a.pk,
        world.cell_b.pk,
    }
    assert set(missed_by_unit(root=world.cell_a, today=TODAY)) == {world.cell_a.pk}
    assert set(missed_by_unit(root=world.other_commune, today=TODAY)) == {world.other_cell.pk}


def test_queries_per_plan_not_per_unit(world: World, media: Media) -> None:
    applies_to(media, RuleSetting.AppliesTo.PARTY_ORGS)

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as ctx:
            found = missed_by_unit(root=world.commune, today=TODAY)
        return len(ctx.captured_queries), len(found)

    few = queries()
    bulk_cells(world.commune, 300, "nhieu")
    many = queries()
    assert many[1] == few[1] + 300
    assert many[0] == few[0]


def test_nothing_before_the_rule_starts(world: World, media: Media) -> None:
    applies_to(media, RuleSetting.AppliesTo.PARTY_ORGS)
    assert missed_by_unit(root=world.commune, today=date(2026, 5, 1)) == {}
