"""Judging a minimum-output rule period by period — pure: counts in, verdicts out.

A rule says "at least `min_items` per `per` over these channel kinds". Counting mode
`total` adds the kinds up; `each` wants the minimum on every kind. Counting starts at the
rule's start (a Monday) and judges only periods that have ended; the running one is shown
as such. Exempt weeks (Tết) are not judged: a week rule skips them, a longer period asks
for its minimum pro rata of the weeks still counted (rounded up).

Streak: how many judged periods in a row, up to the last one that ended, were met (exempt
periods neither break nor extend it). Longest gap: the longest run of missed periods.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from trienkhai.core.errors import gettext_noop as _
from trienkhai.media.weeks import Span, WeekKey, period_code_of_week, prorated, spans, week_of

MET = "met"
MISSED = "missed"
EXEMPT = "exempt"
CURRENT = "current"

PER_WORDS = {
    "day": _("ngày"),
    "week": _("tuần"),
    "month": _("tháng"),
    "quarter": _("quý"),
    "year": _("năm"),
}
KIND_WORDS = {
    "radio": _("truyền thanh"),
    "website": _("trang thông tin điện tử"),
    "social": _("mạng xã hội"),
    "zalo": _("nhóm Zalo"),
    "press": _("báo chí"),
}

# Counts per bucket (an ISO week, or a day for daily rules) per channel kind.
Counts = Mapping[Any, Mapping[str, int]]


@dataclass(frozen=True)
class RuleConfig:
    min_items: int
    per: str
    channels: tuple[str, ...]
    start: date | None
    count_mode: str = "total"
    exempt: frozenset[WeekKey] = frozenset()

    @property
    def text(self) -> str:
        """ "tối thiểu 02 tin, bài/tuần (truyền thanh, trang thông tin điện tử, …)" """
        kinds = ", ".join(KIND_WORDS.get(k, k) for k in self.channels)
        text = (
            _("tối thiểu %(n)s tin, bài/%(per)s (%(kinds)s; mỗi loại kênh)")
            if self.count_mode == "each"
            else _("tối thiểu %(n)s tin, bài/%(per)s (%(kinds)s)")
        )
        return text % {
            "n": f"{self.min_items:02d}",
            "per": PER_WORDS.get(self.per, self.per),
            "kinds": kinds,
        }


@dataclass(frozen=True)
class PeriodResult:
    span: Span
    counts: dict[str, int]
    required: int
    status: str

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def reached(self) -> bool:
        """Already at the minimum (a running period can be)."""
        return self.status == MET or (self.status == CURRENT and self.required <= self.total)


@dataclass
class Evaluation:
    config: RuleConfig
    periods: list[PeriodResult] = field(default_factory=list)
    streak: int = 0
    longest_gap: int = 0
    gap: tuple[Span, Span] | None = None

    @property
    def judged(self) -> list[PeriodResult]:
        return [p for p in self.periods if p.status in (MET, MISSED)]

    @property
    def met(self) -> int:
        return sum(1 for p in self.periods if p.status == MET)

    @property
    def missed(self) -> int:
        return sum(1 for p in self.periods if p.status == MISSED)

    @property
    def missed_periods(self) -> list[PeriodResult]:
        return [p for p in self.periods if p.status == MISSED]

    @property
    def exempt(self) -> int:
        return sum(1 for p in self.periods if p.status == EXEMPT)

    @property
    def current(self) -> PeriodResult | None:
        return next((p for p in self.periods if p.status == CURRENT), None)

    @property
    def started(self) -> bool:
        return self.config.start is not None


def _period_end(per: str, today: date) -> date:
    """The last day of the period of kind `per` running on `today`."""
    if per == "day":
        return today
    sunday = today + timedelta(days=6 - today.weekday())
    if per == "week":
        return sunday
    code = period_code_of_week(per, week_of(today))
    while period_code_of_week(per, week_of(sunday + timedelta(days=1))) == code:
        sunday += timedelta(days=7)
    return sunday


def _counts_of(config: RuleConfig, span: Span, counts: Counts) -> dict[str, int]:
    buckets: tuple[WeekKey | date, ...] = span.weeks if span.weeks else (span.start,)
    totals = dict.fromkeys(config.channels, 0)
    for bucket in buckets:
        for kind, n in counts.get(bucket, {}).items():
            if kind in totals:
                totals[kind] += n
    return totals


def evaluate(config: RuleConfig, counts: Counts, today: date) -> Evaluation:
    result = Evaluation(config)
    if config.start is None or config.start > today:
        return result
    for span in spans(config.per, config.start, _period_end(config.per, today)):
        if span.start > today:
            break
        weeks = span.weeks or (week_of(span.start),)
        exempt = sum(1 for w in weeks if w in config.exempt)
        found = _counts_of(config, span, counts)
        if exempt == len(weeks):
            result.periods.append(PeriodResult(span, found, 0, EXEMPT))
            continue
        required = prorated(config.min_items, len(weeks), exempt)
        if config.count_mode == "each":
            ok = all(n >= required for n in found.values())
        else:
            ok = sum(found.values()) >= required
        status = CURRENT if span.end >= today else (MET if ok else MISSED)
        result.periods.append(PeriodResult(span, found, required, status))
    _runs(result)
    return result


def _runs(result: Evaluation) -> None:
    streak_open = True
    for period in reversed(result.periods):
        if period.status in (EXEMPT, CURRENT):
            continue
        if period.status == MET and streak_open:
            result.streak += 1
        else:
            streak_open = False
    run: list[PeriodResult] = []
    for later in [*result.periods, None]:
        if later is not None and later.status in (EXEMPT, CURRENT):
            continue
        if later is not None and later.status == MISSED:
            run.append(later)
            continue
        if len(run) > result.longest_gap:
            result.longest_gap = len(run)
            result.gap = (run[0].span, run[-1].span)
        run = []
