"""Section V of the summary report and the target figures of the report form: the unit's own
targets as of the end of the data window (2027-Q1: 15/12/2026 – 14/3/2027, so 2026 is due)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from trienkhai.conftest import World
from trienkhai.core.periods import parse_period
from trienkhai.documents.data import Paragraph, Table
from trienkhai.documents.figures import FIGURE_PROVIDERS, report_figures
from trienkhai.documents.summary import SUMMARY_SECTIONS, SummaryScope
from trienkhai.monitoring.models import Observation
from trienkhai.monitoring.progress import target_progress
from trienkhai.monitoring.summary import target_figures, targets_behind, targets_summary
from trienkhai.monitoring.tests.conftest import Targets
from trienkhai.monitoring.tests.factories import ObservationFactory
from trienkhai.plans.models import Target
from trienkhai.plans.tests.factories import PlanFactory, TargetFactory

pytestmark = pytest.mark.django_db

Q1 = parse_period("2027-Q1")
END = date(2027, 3, 14)


def obs(target: Target, period: str, value: str, *, provisional: bool = False) -> None:
    ObservationFactory.create(
        target=target,
        period=period,
        value=Decimal(value),
        status=Observation.Status.PROVISIONAL if provisional else Observation.Status.OFFICIAL,
    )


@pytest.fixture
def plan_targets(targets: Targets, world: World) -> dict[str, Target]:
    """The commune's plan: growth achieved, water behind its pace, households without data;
    and a target of another plan of the commune."""
    water = TargetFactory.create(
        plan=targets.plan,
        ref="I.2",
        label="Tỷ lệ hộ dùng nước sạch",
        kind=Target.Kind.LEVEL,
        value=Decimal(100),
        measure_unit="%",
        target_year=2030,
        order=102,
    )
    households = TargetFactory.create(
        plan=targets.plan,
        ref="I.3",
        label="Số hộ kinh doanh",
        kind=Target.Kind.COUNT,
        value=Decimal(500),
        measure_unit="hộ",
        target_year=2030,
        order=103,
    )
    other = TargetFactory.create(
        plan=PlanFactory.create(org_unit=world.commune),
        ref="1",
        label="Chỉ tiêu của kế hoạch khác",
        value=Decimal(5),
        order=1,
    )
    obs(targets.own, "2026", "10.8")
    # A value of 2028 is not known on 14/3/2027: were it read, growth would not be met.
    obs(targets.own, "2028", "1")
    obs(water, "2025", "80")  # the base year
    obs(water, "2026", "83", provisional=True)
    obs(other, "2026", "7")
    obs(targets.grdp, "2026", "13.5")  # the city's: not the commune's to report
    return {"own": targets.own, "water": water, "households": households, "other": other}


def scope_of(world: World, targets: Targets, *, plan: bool = True) -> SummaryScope:
    return SummaryScope.of(world.commune, Q1, plan=targets.plan if plan else None)


def test_providers_are_registered() -> None:
    assert targets_summary in SUMMARY_SECTIONS["targets"]
    assert targets_behind in SUMMARY_SECTIONS["limitations"]
    assert target_figures in FIGURE_PROVIDERS


def test_section_tallies_and_tables_the_plans_targets(
    world: World,
    targets: Targets,
    plan_targets: dict[str, Target],
    django_assert_num_queries: Any,
) -> None:
    scope = scope_of(world, targets)
    assert scope.end == END
    with django_assert_num_queries(3):
        blocks = targets_summary(scope)
    assert blocks is not None
    tally, table, qualitative = blocks
    assert isinstance(tally, Paragraph) and isinstance(table, Table)
    assert tally.text == (
        "Kết quả thực hiện các chỉ tiêu (tính đến ngày 14/03/2027): Đạt và vượt 1/3 chỉ tiêu; "
        "cần tăng tốc 1 chỉ tiêu; chưa có số liệu 1 chỉ tiêu."
    )
    assert table.header_rows == (
        ("STT", "Chỉ tiêu", "Giá trị gần nhất (năm)", "Tình trạng", "Tốc độ còn cần"),
    )
    assert table.rows == (
        # Bình quân 2026 = 10,8% ≥ 10%; to keep 10%/năm over 2026–2030 the 4 years left need
        # (1,1^5 / 1,108)^(1/4) − 1 = 9,80%/năm. The 2028 value is not read.
        (
            "I.1-a",
            "Tăng trưởng kinh tế địa phương: từ 10 %/năm",
            "10,8%/năm (2026)",
            "Đạt và vượt",
            "4 năm còn lại cần 9,8%/năm",
        ),
        # From 80% (2025) to 83% (2026): 3,75% against the (100/80)^(1/5) − 1 = 4,56%/năm
        # needed, R = 0,82 → cần tăng tốc; 4 years left need (100/83)^(1/4) − 1 = 4,77%/năm.
        (
            "I.2",
            "Tỷ lệ hộ dùng nước sạch: từ 100 %",
            "83% (2026, sơ bộ)",
            "Cần tăng tốc",
            "4 năm còn lại cần tăng 4,77%/năm",
        ),
        ("I.3", "Số hộ kinh doanh: từ 500 hộ", "…" * 8, "chưa đánh giá", ""),
    )
    assert isinstance(qualitative, Paragraph)
    assert qualitative.text == (
        "Chỉ tiêu định tính, không tính vào kết quả trên: II.2.3-a Chuyển đổi số."
    )
    water = target_progress(target=plan_targets["water"], as_of=END).assessment
    assert water.required_rate is not None
    assert round(water.required_rate, 2) == Decimal("4.77")


def test_without_a_plan_every_own_target_counts(
    world: World, targets: Targets, plan_targets: dict[str, Target]
) -> None:
    blocks = targets_summary(scope_of(world, targets, plan=False))
    assert blocks is not None and isinstance(blocks[0], Paragraph)
    # The other plan's target (7 ≥ 5) is achieved too.
    assert "Đạt và vượt 2/4 chỉ tiêu;" in blocks[0].text
    # A unit with no target of its own gets nothing, not a "no data" line.
    assert targets_summary(SummaryScope.of(world.cell_a, Q1)) is None


def test_limitations_name_the_targets_behind(
    world: World, targets: Targets, plan_targets: dict[str, Target]
) -> None:
    [paragraph] = targets_behind(scope_of(world, targets)) or []
    assert isinstance(paragraph, Paragraph)
    assert paragraph.text == "Còn 1 chỉ tiêu cần tăng tốc: Tỷ lệ hộ dùng nước sạch (I.2)."
    assert targets_behind(SummaryScope.of(world.cell_a, Q1)) is None


def test_figures_are_the_latest_values_as_of_the_window_end(
    world: World, targets: Targets, plan_targets: dict[str, Target]
) -> None:
    scope = scope_of(world, targets)
    figures = target_figures(scope)
    own, water, households = plan_targets["own"], plan_targets["water"], plan_targets["households"]
    assert [(f.key, f.label, f.value, f.unit) for f in figures] == [
        (f"target.{own.pk}", "I.1-a. Tăng trưởng kinh tế địa phương", Decimal("10.8"), "%/năm"),
        (f"target.{water.pk}", "I.2. Tỷ lệ hộ dùng nước sạch", Decimal(83), "%"),
        (f"target.{households.pk}", "I.3. Số hộ kinh doanh", None, "hộ"),
    ]
    assert {(f.section, f.group, f.additive, f.integer) for f in figures} == {
        ("targets", "Chỉ tiêu", False, False)
    }
    # The value the progress page judges a level on, as of the same date.
    assert figures[1].value == target_progress(target=water, as_of=END).assessment.value
    # In 2028 the 2028 value is the running year's estimate, and is read.
    later = SummaryScope.of(world.commune, parse_period("2028-Q1"), plan=targets.plan)
    assert {f.key: f.value for f in target_figures(later)}[f"target.{own.pk}"] == Decimal(1)
    assert f"target.{own.pk}" in {f.key for f in report_figures(scope)}
