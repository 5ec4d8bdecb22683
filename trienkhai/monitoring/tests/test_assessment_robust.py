"""Every kind of target in the seed gets a status and a sentence, whatever the values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from trienkhai.monitoring.assessment import (
    STATUS_ORDER,
    Point,
    Status,
    TargetSpec,
    assess,
)

SEED_LIKE = [
    TargetSpec("growth_avg", ">=", D(13), stretch=D(14), unit="%/năm", target_year=2030),
    TargetSpec("growth_avg", "range", low=D("15.5"), high=D("16.5"), unit="%/năm"),
    TargetSpec("growth_avg", "~", D(11), unit="%/năm"),
    TargetSpec("level", "=", D(11247), unit="USD/người", target_year=2030),
    TargetSpec("share", ">", D(35), unit="%", target_year=2030),
    TargetSpec("share", "range", low=D(47), high=D(48), unit="%"),
    TargetSpec("count", "~", D(87000), unit="doanh nghiệp"),
    TargetSpec("count", "~", D(9200), unit="doanh nghiệp", yearly=True),
    TargetSpec("count", ">=", D(3), unit="doanh nghiệp"),
    TargetSpec("rate", "=", D(100), unit="%"),
    TargetSpec("reduction", ">=", D("43.5"), base_year=2020, direction="decrease", unit="%"),
    TargetSpec(
        "reduction",
        ">=",
        D("43.5"),
        base_year=2020,
        direction="decrease",
        unit="%",
        reduction_values="percent",
    ),
    TargetSpec("rank", "rank<=", D(5), stretch=D(3)),
    TargetSpec("index", "=", D("0.8")),
    TargetSpec("cumulative", "~", D(32900), unit="căn", measure="flow"),
    TargetSpec("cumulative", "=", D("21.5"), unit="km", measure="flow"),
    TargetSpec("count", ">=", D(1), unit="nhà máy"),
    TargetSpec("ratio", "=", D(19), unit="người/vạn dân"),
    TargetSpec("rate", "<", D(1), unit="%"),
    TargetSpec("qualitative", ""),
]

values = st.decimals(min_value=-50, max_value=100000, places=2, allow_nan=False)
series = st.dictionaries(st.integers(2020, 2031), values, max_size=8)


@given(
    spec=st.sampled_from(SEED_LIKE),
    data=series,
    provisional=st.booleans(),
    as_of_year=st.integers(2025, 2032),
)
def test_any_series_gets_a_status_and_a_sentence(
    spec: TargetSpec, data: dict[int, D], provisional: bool, as_of_year: int
) -> None:
    points = [Point(y, v, provisional and y == max(data)) for y, v in sorted(data.items())]
    a = assess(spec, points, as_of=date(as_of_year, 3, 1))
    assert a.status in STATUS_ORDER
    assert a.sentence and a.sentence.endswith(".")
    assert a.steps
    assert "None" not in a.sentence and "None" not in " ".join(a.steps)
    if a.status in (Status.NO_DATA, Status.NOT_DUE):
        assert a.ratio is None and a.required_path == []
    if a.ratio is not None and a.status not in (Status.ACHIEVED, Status.NO_DATA):
        assert a.ratio == a.ratio.quantize(D("1e-9"))
