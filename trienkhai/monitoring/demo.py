"""Demo: figures for 2025 (the base year) and 2026 of the city's programme 20-CTr/TU and of
the commune's own targets, chosen so that every progress status appears.

As of late 2026 a year's value is due once the year is over, so 2025 (the base) is due and
2026 is an estimate (ước thực hiện, often provisional). The intended status of each row is
written next to it; docs/monitoring.md lists them. Growth targets compare the 2026 rate with
the target; levels compare the growth since 2025 with the growth the target needs (Open SDG);
totals compare the sum so far with the share of the target the years gone should give.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from trienkhai.accounts.models import User
from trienkhai.core.demo import DemoContext
from trienkhai.core.numbers import parse_number
from trienkhai.core.periods import parse_period
from trienkhai.monitoring.models import Observation
from trienkhai.plans.models import Plan, Target

CITY_SOURCE = "Cục Thống kê thành phố Hải Phòng"
COMMUNE_SOURCE = "UBND xã Tân Kỳ"
P = "tạm tính"  # a provisional figure

# ref → [(period, value as written, "tạm tính" or "")]; the comment is the status it gives.
CITY: dict[str, list[tuple[str, str, str]]] = {
    "1.1": [("2025", "10,2", ""), ("2026", "12,1", P)],  # cần tăng tốc: 12,1 vs 13%/năm
    "1.2": [("2025", "13,8", ""), ("2026", "16", "")],  # đạt: 16 ≥ 15,2
    "1.3": [("2025", "9,5", ""), ("2026", "10,5", "")],  # đúng tiến độ: R = 0,96
    "1.4": [("2025", "1,8", ""), ("2026", "1", "")],  # chậm: R = 0,50
    "1.5": [("2025", "6,5", ""), ("2026", "-1,5", "")],  # đi ngược: giảm
    "2": [("2025", "8.000", ""), ("2026", "8.600", "")],  # đúng tiến độ: 7,5% vs 7,05%/năm
    "3": [("2025", "22", ""), ("2026", "23,5", "")],  # cần tăng tốc: R ≈ 0,70
    "4.1": [("2025", "14,2", ""), ("2026", "16", "")],  # đạt: trong khoảng 15,5–16,5
    "4.2": [("2025", "40,5", ""), ("2026", "41,2", "")],  # chậm: R ≈ 0,57 (đến mức sàn 47)
    "4.3": [("2025", "50", ""), ("2026", "52,5", "")],  # đúng tiến độ
    "5.1": [("2025", "40", ""), ("2026", "41", "")],  # đạt: trong dung sai ±5% của 43
    # 5.2, 5.3: no base value → chưa có số liệu
    "6.1": [("2025", "130.000", ""), ("2026", "140.000", "")],  # chậm: R ≈ 0,57
    "6.2": [("2025", "70.000", ""), ("2026", "81.000", "")],  # đúng tiến độ
    "7": [("2025", "40", "")],  # chưa đến kỳ: 2026 not over, no estimate
    "8": [("2025", "210", ""), ("2026", "200", "")],  # đi ngược
    "9": [("2025", "13,5", ""), ("2026", "15,2", P)],  # đúng tiến độ, tạm tính
    "10": [("2025", "45", ""), ("2026", "46", "")],  # chậm: R ≈ 0,46
    "11": [("2025", "8,9", ""), ("2026", "9,8", "")],  # cần tăng tốc: 9,8 vs khoảng 11
    # 12: no 2026 rate yet → chưa đến kỳ
    "13.1": [("2025", "61.000", ""), ("2026", "66.500", "")],  # đúng tiến độ
    "13.2": [("2025", "5.800", ""), ("2026", "6.300", "")],  # cần tăng tốc
    "14": [("2025", "1", ""), ("2026", "1", "")],  # chậm: no change
    "15": [("2025", "25", ""), ("2026", "27", "")],  # cần tăng tốc
    "16": [("2025", "30", ""), ("2026", "31", "")],  # chậm
    "17": [("2025", "85", ""), ("2026", "88", "")],  # đúng tiến độ
    "18": [("2025", "20", "")],  # chưa đến kỳ
    "19": [("2025", "55", ""), ("2026", "58", "")],  # đúng tiến độ
    # (20) counts the share already cut against 2020: 0% in 2020 by definition.
    "20": [("2020", "0", ""), ("2025", "21,5", ""), ("2026", "26", P)],  # đúng tiến độ
    "21.1": [("2025", "9", ""), ("2026", "7", "")],  # DTI: better, still outside the top 5
    "21.2": [("2025", "6", ""), ("2026", "4", "")],  # PCI: đạt (top 5), stretch top 3 not yet
    "21.3": [("2025", "8", ""), ("2026", "12", "")],  # PAR Index: đi ngược
    "21.4": [("2025", "5", "")],  # PGI: 2026 not published → chưa đến kỳ
    "22.1": [("2025", "45", ""), ("2026", "52", "")],  # đúng tiến độ
    "22.2": [("2025", "10", "")],  # chưa đến kỳ
    "23": [("2025", "38", ""), ("2026", "40,5", "")],  # cần tăng tốc
    "24": [("2025", "50", ""), ("2026", "60", "")],  # đúng tiến độ
    "25": [("2025", "48", ""), ("2026", "50", "")],  # cần tăng tốc
    "26": [("2025", "0,76", ""), ("2026", "0,768", "")],  # đúng tiến độ
    # Flow: houses completed each year, summed over 2026–2030.
    "27": [("2025", "3.200", ""), ("2026-H1", "2.500", ""), ("2026", "6.100", P)],
    "28.1": [("2025", "92", ""), ("2026", "93,5", "")],  # đúng tiến độ
    "28.2": [("2025", "0", ""), ("2026", "1", "")],  # đạt: from none (linear measure)
    "29": [("2025", "20", ""), ("2026", "21", "")],  # chậm
    "30": [("2025", "52", ""), ("2026", "53", "")],  # đạt: within ±5% of 55
    "31": [("2025", "0", ""), ("2026", "8", "")],  # đúng tiến độ: from none, 8 vs 5/năm
    "32.1": [("2025", "78", ""), ("2026", "81,2", "")],  # đạt: > 80
    "32.2": [("2025", "96", ""), ("2026", "95", "")],  # not "> 95" at equality: đi ngược
    # 33: no 2026 rate yet → chưa đến kỳ
    "34": [("2025", "13,5", ""), ("2026", "13,9", "")],  # chậm
    "35": [("2025", "0", ""), ("2026", "3", "")],  # flow: 3 km of 21,5 → cần tăng tốc
}

COMMUNE: dict[str, list[tuple[str, str, str]]] = {
    "I.1-a": [("2025", "9,1", ""), ("2026", "10,8", P)],  # đạt: 10,8 ≥ 10%/năm
    "III.3-a": [("2025", "70", ""), ("2026", "82", "")],  # đúng tiến độ to 100%
}


def load(ctx: DemoContext) -> None:
    city_targets = {
        t.ref: t
        for t in Target.objects.filter(
            org_unit=ctx.city, programme__number="20-CTr/TU", parent__isnull=True, plan=None
        )
    }
    plan = Plan.objects.filter(org_unit=ctx.commune, source_name="ke_hoach_tan_ky.txt").first()
    commune_targets = (
        {t.ref: t for t in Target.objects.filter(plan=plan, org_unit=ctx.commune)} if plan else {}
    )
    _store(city_targets, CITY, CITY_SOURCE, ctx.users.get("admin"))
    _store(commune_targets, COMMUNE, COMMUNE_SOURCE, ctx.users.get("vanphong"))


def _store(
    targets: dict[str, Target],
    rows: dict[str, list[tuple[str, str, str]]],
    source: str,
    user: User | None,
) -> None:
    wanted = [
        (targets[ref], row) for ref, values in rows.items() if ref in targets for row in values
    ]
    if not wanted:
        return
    existing = set(
        Observation.objects.filter(target__in=[t for t, _ in wanted]).values_list(
            "target_id", "period", "status"
        )
    )
    now = timezone.now()
    new = []
    for target, (code, text, mark) in wanted:
        status = Observation.Status.PROVISIONAL if mark else Observation.Status.OFFICIAL
        if (target.pk, code, status) in existing:
            continue
        period = parse_period(code)
        entered = min(now, _entered_at(period.end))
        new.append(
            Observation(
                target=target,
                org_unit=target.org_unit,
                period=period.code,
                period_kind=str(period.kind),
                year=period.year,
                period_start=period.start,
                period_end=period.end,
                value=parse_number(text),
                measure=target.measure,
                status=status,
                source=source,
                entered_by=user,
                entered_at=entered,
            )
        )
    Observation.objects.bulk_create(new)


def _entered_at(end: date) -> datetime:
    # Figures of a period are reported about a month after it ends.
    month = end.month % 12 + 1
    year = end.year + (1 if end.month == 12 else 0)
    return timezone.make_aware(datetime(year, month, 20, 9, 0))
