"""Benchmark of the plan parser: the median time to read the seed plan (goal ≤ 50 ms)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

SEED = (
    Path(__file__).resolve().parents[1]
    / "trienkhai"
    / "plans"
    / "demo_data"
    / "ke_hoach_tan_ky.txt"
)
RUNS = 30


def run(runs: int = RUNS) -> list[dict[str, object]]:
    from trienkhai.plans.parser import parse_plan_file

    data = SEED.read_bytes()
    parse_plan_file(data, SEED.name)  # warm up: regex compilation and imports are one-off
    timings: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        parse_plan_file(data, SEED.name)
        timings.append((time.perf_counter() - start) * 1000)
    return [{"name": "parse_seed_ms", "value": round(statistics.median(timings), 2), "unit": "ms"}]


if __name__ == "__main__":
    import json

    for result in run():
        print(json.dumps(result))
