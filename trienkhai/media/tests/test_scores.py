"""Per unit and year, the periods of the media rules binding a unit and how many it met, for
the plan scorecard: judged as the media page judges them, on the periods lying whole in the
window and over by its last day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trienkhai.conftest import World
from trienkhai.dissemination.tests.conftest import bulk_cells
from trienkhai.media.compliance import compliance
from trienkhai.media.models import Channel, ExemptWeek, RuleSetting
from trienkhai.media.rules import MET, MISSED
from trienkhai.media.selectors import periods_met_by_unit
from trienkhai.media.tests.conftest import DIGITAL, Media, item, tally
from trienkhai.media.tests.factories import ChannelFactory
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory
from trienkhai.plans.tests.factories import SEED_DAY, MediaRuleFactory, PlanFactory

pytestmark = pytest.mark.django_db

# The seed rule (2 a week) starts on Monday 18/05/2026, the first full week after 12/05.
JUNE = (date(2026, 6, 1), date(2026, 6, 28))  # weeks 23–26, Monday to Sunday
YEAR = (date(2026, 1, 1), date(2026, 12, 31))
W23, W24, W25, W26 = (date(2026, 6, 3) + timedelta(weeks=i) for i in range(4))  # Wednesdays


def scores(root: OrgUnit, window: tuple[date, date]) -> dict[int, tuple[int, int]]:
    return periods_met_by_unit(root=root, start=window[0], end=window[1])


def applies_to(media: Media, value: str) -> None:
    RuleSetting.objects.create(rule=media.rule, applies_to=value)


def june(world: World, media: Media) -> None:
    """The commune's subtree in June: weeks 23, 24 and 26 met, 25 missed."""
    tally(world.commune, media.radio, W23, 2)
    tally(world.cell_a, media.zalo_a, W24, 1)  # 1 + 1 from two branches: met for the issuer
    tally(world.cell_b, media.zalo_b, W24, 1)
    tally(world.commune, media.radio, W25, 1)
    item(world.commune, media.press, W25)  # báo chí: not a channel of the rule
    item(world.commune, media.website, W26)
    item(world.commune, media.website, W26 + timedelta(days=1), title="Tin thứ hai")


def test_the_issuer_on_its_whole_subtree(world: World, media: Media) -> None:
    june(world, media)

    assert scores(world.commune, JUNE) == {world.commune.pk: (3, 4)}
    # The rule binds the issuer only: a chi bộ looked at alone is not judged by it.
    assert scores(world.cell_a, JUNE) == {}


def test_only_whole_periods_inside_the_window_and_over_by_its_end(
    world: World, media: Media
) -> None:
    june(world, media)

    # 3/6 to 1/7 (Wednesdays): weeks 24, 25, 26; week 23 began before, week 27 runs on.
    assert scores(world.commune, (date(2026, 6, 3), date(2026, 7, 1))) == {world.commune.pk: (2, 3)}
    # The year: weeks 21 (18/05) to 52 (21–27/12); week 53 ends on 3/1/2027.
    assert scores(world.commune, YEAR) == {world.commune.pk: (3, 32)}
    # The year running on 1/7: weeks 21–26 over, 21 and 22 missed.
    assert scores(world.commune, (YEAR[0], date(2026, 7, 1))) == {world.commune.pk: (3, 6)}
    # Nothing before the rule starts; the week ending on the window's last day is over.
    assert scores(world.commune, (YEAR[0], date(2026, 5, 17))) == {}
    assert scores(world.commune, (YEAR[0], date(2026, 5, 24))) == {world.commune.pk: (0, 1)}


def test_an_exempt_week_is_not_judged(world: World, media: Media) -> None:
    june(world, media)
    exempt = ExemptWeek(plan=media.plan, reason="Bão số 3")
    exempt.set_week(2026, 25)
    exempt.save()

    assert scores(world.commune, JUNE) == {world.commune.pk: (3, 3)}


def test_each_party_org_on_its_own_branch(world: World, media: Media) -> None:
    applies_to(media, RuleSetting.AppliesTo.PARTY_ORGS)
    for day in (W23, W24, W25):
        tally(world.cell_a, media.zalo_a, day, 2)
    tally(world.cell_b, media.zalo_b, W26, 1)
    tally(world.commune, media.radio, W26, 5)  # the commune's own output: no chi bộ's

    # The UBND is not a party organisation and the issuer is not bound: both absent.
    assert scores(world.commune, JUNE) == {world.cell_a.pk: (3, 4), world.cell_b.pk: (0, 4)}
    assert scores(world.cell_a, JUNE) == {world.cell_a.pk: (3, 4)}


def test_every_rule_of_every_plan_adds_up(world: World, media: Media) -> None:
    june(world, media)  # June: 7 counted items, weeks 3/4
    MediaRuleFactory.create(plan=media.plan, min_items=8, per="month", channels=DIGITAL)
    tally(world.commune, media.radio, date(2026, 7, 8), 8)  # July (29/6–2/8): week 28 only
    window = (JUNE[0], date(2026, 8, 2))

    # Weeks: 3 of June's 4, 1 of July's 5; months: June (7 < 8) missed, July met.
    assert scores(world.commune, window) == {world.commune.pk: (5, 11)}


def test_plans_of_the_units_above_and_below_not_the_neighbours(world: World, media: Media) -> None:
    city_plan = PlanFactory.create(org_unit=world.city, date=SEED_DAY)
    RuleSetting.objects.create(
        rule=MediaRuleFactory.create(plan=city_plan, channels=DIGITAL),
        applies_to=RuleSetting.AppliesTo.CHILDREN,
    )
    neighbour = PlanFactory.create(org_unit=world.other_commune, date=SEED_DAY)
    MediaRuleFactory.create(plan=neighbour, channels=DIGITAL)
    own = PlanFactory.create(org_unit=world.cell_b, date=SEED_DAY)
    MediaRuleFactory.create(plan=own, min_items=1, channels=DIGITAL)
    june(world, media)

    found = scores(world.commune, JUNE)

    # The commune: the city's rule on its branch and its own rule, the same output: 3/4 twice.
    # Chi bộ B: its own plan's rule (1 a week) met in week 24 only.
    assert found == {world.commune.pk: (6, 8), world.cell_b.pk: (1, 4)}
    assert scores(world.cell_b, JUNE) == {world.cell_b.pk: (1, 4)}
    # The neighbour: the city's rule and its own, nothing put out; chi bộ B's plan not there.
    assert scores(world.other_commune, JUNE) == {world.other_commune.pk: (0, 8)}


def test_agrees_with_the_media_page(world: World, media: Media) -> None:
    applies_to(media, RuleSetting.AppliesTo.PARTY_ORGS)
    for day in (W23, W25):
        tally(world.cell_a, media.zalo_a, day, 3)
    page = compliance(plan=media.plan, root=world.commune, today=JUNE[1] + timedelta(days=1))
    row = next(r for r in page[0].binding_rows if r.unit.pk == world.cell_a.pk)
    judged = [p for p in row.evaluation.periods if p.status in (MET, MISSED)]
    judged = [p for p in judged if p.span.start >= JUNE[0]]

    met = sum(1 for p in judged if p.status == MET)
    assert scores(world.commune, JUNE)[world.cell_a.pk] == (met, len(judged)) == (2, 4)


def test_queries_do_not_depend_on_the_number_of_units(world: World) -> None:
    commune = OrgUnitFactory.create(
        parent=world.city, code="nk", kind=OrgUnit.Kind.COMMUNE_COMMITTEE, name="Đảng bộ xã N"
    )
    plan = PlanFactory.create(org_unit=commune, date=SEED_DAY)
    RuleSetting.objects.create(
        rule=MediaRuleFactory.create(plan=plan, channels=DIGITAL),
        applies_to=RuleSetting.AppliesTo.PARTY_ORGS,
    )
    MediaRuleFactory.create(plan=plan, min_items=1, per="day", channels=DIGITAL)

    def queries() -> tuple[int, dict[int, tuple[int, int]]]:
        with CaptureQueriesContext(connection) as ctx:
            found = scores(commune, JUNE)
        return len(ctx.captured_queries), found

    def output(cells: list[OrgUnit]) -> None:
        for cell in cells:
            zalo: Channel = ChannelFactory.create(org_unit=cell, kind="zalo")
            tally(cell, zalo, W23, 2)

    output(bulk_cells(commune, 2, "hai"))
    few, found = queries()
    assert found == {
        **dict.fromkeys([c.pk for c in OrgUnit.objects.filter(code__startswith="hai-")], (1, 4)),
        commune.pk: (0, 28),  # the daily rule binds the issuer: no item logged one by one
    }
    output(bulk_cells(commune, 18, "muoi-tam"))
    many, found = queries()
    assert len(found) == 21
    assert many == few
