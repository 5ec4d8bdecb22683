"""The leaders' dashboard (bảng tổng quan của Ban Thường vụ): where a level's plan stands and
who is behind, one tile per module.

Every figure is a count a module's own selector returns, and carries the link to the module
page whose filters list exactly those rows: a leader who doubts a figure clicks it and sees
the same number of lines. Nothing here decides a rule; it reads and words.
Each tile costs a fixed number of queries whatever the number of units under the level
(the selectors group in SQL), so the city and a commune cost the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.core.numbers import format_number
from trienkhai.core.pages import page_link
from trienkhai.dashboard.charts import rows_of, small_charts
from trienkhai.dashboard.overview import coverage_of
from trienkhai.emulation.selectors import COMMITTEE_KINDS, cards_of, round_of
from trienkhai.inspections import slow
from trienkhai.inspections.models import ActionState
from trienkhai.inspections.selectors import actions_for
from trienkhai.media.todo import RuleStanding, standings_by_plan
from trienkhai.monitoring.assessment import STATUS_LABELS, Status
from trienkhai.monitoring.progress import DocumentTally, TargetProgress, unit_progress
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import subtree_q
from trienkhai.plans.models import Plan
from trienkhai.reporting import rates as report_rates
from trienkhai.reporting.selectors import late_board
from trienkhai.tasks import selectors as task_selectors
from trienkhai.tasks.status import StatusCounts

# A tile names the first few units or cards; the whole list is one click away.
SHOWN = 5
TOP = 3


@dataclass(frozen=True)
class Figure:
    """One number of a tile: what it counts, its value, the page listing its rows."""

    key: str
    label: str
    count: int
    url: str
    ok: bool | None = None  # None: a fact, not a verdict
    text: str = ""  # the figure as written when more than a count ("2.909/3.044 …")

    @property
    def shown(self) -> str:
        return self.text or format_number(self.count)


@dataclass(frozen=True)
class Line:
    """A named row under a tile's figures (a slow unit, a card, a rule), with its link."""

    text: str
    url: str
    note: str = ""
    ok: bool | None = None


@dataclass
class Tile:
    key: str
    title: str
    icon: str
    url: str  # the module's page for the level
    figures: list[Figure] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    summary: str = ""  # one sentence: the official wording where the module has one
    more: int = 0  # lines beyond those named

    @property
    def empty(self) -> bool:
        return not self.figures and not self.lines and not self.summary


@dataclass(frozen=True)
class TargetCard:
    """A target of the level, with the figures its small chart draws as (what, figure) rows:
    the table alternative beside the picture and the XLSX (`charts.rows_of`)."""

    progress: TargetProgress
    rows: list[tuple[str, str]]

    @property
    def target(self) -> Any:
        return self.progress.target

    @property
    def status(self) -> Status:
        return self.progress.status

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass
class Dashboard:
    unit: OrgUnit
    plan: Plan | None
    today: date
    tiles: list[Tile]
    documents: list[DocumentTally]
    targets: list[TargetCard]

    def tile(self, key: str) -> Tile:
        return next(t for t in self.tiles if t.key == key)


# --- targets ---------------------------------------------------------------------------------


def _documents(unit: OrgUnit, plan: Plan | None, today: date) -> list[DocumentTally]:
    """The level's own targets: those of the chosen plan (or its programme, when the plan
    reports its targets there), else every document the unit owns targets in."""
    documents = [d for d in unit_progress(unit=unit, as_of=today).documents if d.tally.total]
    if plan is None:
        return documents
    keys = {f"plan-{plan.pk}"}
    if plan.programme_id:
        keys.add(f"programme-{plan.programme_id}")
    chosen = [d for d in documents if d.key in keys]
    return chosen or documents


def _targets_tile(unit: OrgUnit, documents: list[DocumentTally]) -> Tile:
    url = reverse("progress:unit", args=[unit.code])
    tile = Tile("targets", _("Chỉ tiêu"), "bi-graph-up", url)
    for document in documents:
        tile.lines.append(Line(document.title, url, note=document.tally.sentence))
    several = len(documents) > 1
    for document in documents:
        for status, n in document.tally.counts.items():
            if not n:
                continue
            ok: bool | None = None
            if status in (Status.ACHIEVED, Status.ON_TRACK):
                ok = True
            elif status in (Status.OFF_TRACK, Status.REGRESSING, Status.NO_DATA):
                ok = False
            label = str(STATUS_LABELS[status])
            if several:
                label = f"{document.title}: {label}"
            anchor = f"{url}#{document.key}-{status.value}"
            tile.figures.append(Figure(f"{document.key}:{status.value}", label, n, anchor, ok))
    return tile


# --- tasks -----------------------------------------------------------------------------------


TASK_FIGURES = ("due_total", "done_on_time", "done_late", "in_time", "overdue")


def task_counts(*, user: User, plan: Plan, today: date) -> StatusCounts:
    """The counts the task list shows for the plan: the same query as `/nhiem-vu/`."""
    filters = task_selectors.TaskFilters(plan=plan)
    qs = task_selectors.occurrences(user=user, ref=today, filters=filters)
    return task_selectors.counts(qs, today)


def _tasks_tile(user: User, plan: Plan | None, today: date) -> Tile:
    url = page_link(reverse("tasks:list"), ke_hoach=plan.pk if plan else None)
    tile = Tile("tasks", _("Nhiệm vụ"), "bi-list-check", url)
    if plan is None:
        return tile
    totals = task_counts(user=user, plan=plan, today=today)
    if not totals.total:
        return tile
    tile.summary = totals.sentence()
    labels = {
        "due_total": _("Đến hạn (hai trục)"),
        "done_on_time": _("Hoàn thành đúng hạn"),
        "done_late": _("Hoàn thành quá hạn"),
        "in_time": _("Chưa hoàn thành, còn trong hạn"),
        "overdue": _("Chưa hoàn thành, quá hạn"),
    }
    for key in TASK_FIGURES:
        n = totals.get(key)
        # Only the overdue count is a verdict; the others are the axes' facts.
        ok = (n == 0) if key == "overdue" else None
        link = page_link(reverse("tasks:list"), ke_hoach=plan.pk, tinh_trang=key)
        tile.figures.append(Figure(key, labels[key], n, link, ok))
    return tile


# --- coverage --------------------------------------------------------------------------------


def _coverage_tile(unit: OrgUnit, plan: Plan | None, today: date) -> Tile:
    url = page_link(
        reverse("dissemination:board"), ke_hoach=plan.pk if plan else None, don_vi=unit.code
    )
    tile = Tile("coverage", _("Học tập, quán triệt"), "bi-people", url)
    if plan is None:
        return tile
    for group in coverage_of(unit, plan, today):
        threshold, coverage = group.threshold, group.coverage
        limit = {">": ">", ">=": "≥", "=": "≥"}.get(threshold.comparator, "")
        label = f"{group.noun} ({_('chỉ tiêu')} {limit} {format_number(threshold.value)}%)"
        text = coverage.text(group.noun.lower()) if coverage.has_data else _("chưa có số liệu")
        tile.figures.append(
            Figure(threshold.group, label, coverage.numerator, url, group.met, text)
        )
    return tile


# --- media -----------------------------------------------------------------------------------


def _media_tile(unit: OrgUnit, plan: Plan | None, standings: list[RuleStanding]) -> Tile:
    url = page_link(reverse("media:overview"), ke_hoach=plan.pk if plan else None, don_vi=unit.code)
    tile = Tile("media", _("Tuyên truyền"), "bi-megaphone", url)
    for rule in standings:
        if not rule.judged:
            continue
        tile.figures.append(
            Figure(
                "met",
                _("Quy định %(rule)s") % {"rule": rule.text},
                rule.met,
                url,
                rule.met == rule.judged,
                _("đạt %(met)s/%(judged)s %(per)s")
                % {
                    "met": format_number(rule.met),
                    "judged": format_number(rule.judged),
                    "per": rule.per_word,
                },
            )
        )
        current = rule.current
        if current is not None:
            tile.lines.append(
                Line(
                    _("Đang diễn ra — %(period)s: %(have)s/%(need)s tin, bài")
                    % {
                        "period": current.span.label,
                        "have": format_number(current.total),
                        "need": format_number(current.required),
                    },
                    url,
                    ok=True if current.reached else None,
                )
            )
        for period in rule.missed:
            tile.lines.append(
                Line(
                    _("Chưa đạt — %(period)s: %(n)s tin, bài")
                    % {"period": period.span.label, "n": format_number(period.total)},
                    url,
                    ok=False,
                )
            )
    return tile


# --- reporting -------------------------------------------------------------------------------


def _reports_tile(unit: OrgUnit, today: date) -> Tile:
    url = page_link(reverse("reporting:rates"), don_vi=unit.code)
    tile = Tile("reports", _("Báo cáo định kỳ"), "bi-file-earmark-check", url)
    totals = report_rates.rates_of(unit)
    late = late_board(root=unit, today=today).count()
    if not totals.expected and not late:
        return tile
    tile.figures += [
        Figure("expected", _("Báo cáo phải nộp"), totals.expected, url),
        Figure("accepted", _("Đã duyệt"), totals.accepted, url, None, totals.completeness_text()),
        Figure("on_time", _("Nộp đúng hạn"), totals.on_time, url, None, totals.timeliness_text()),
        Figure(
            "late",
            _("Đang chậm nộp"),
            late,
            page_link(reverse("reporting:board"), don_vi=unit.code),
            late == 0,
        ),
    ]
    return tile


# --- inspections -----------------------------------------------------------------------------


def _slow_tile(unit: OrgUnit, today: date) -> Tile:
    url = page_link(reverse("inspections:slow"), don_vi=unit.code)
    tile = Tile("slow", _("Đơn vị chậm triển khai"), "bi-hourglass-split", url)
    rows = slow.slow_units(root=unit, today=today)
    tile.figures.append(Figure("slow", _("Đơn vị có việc chậm"), len(rows), url, not rows))
    # The most behind first: a leader names them at the meeting.
    for row in sorted(rows, key=lambda r: (-r.total, r.unit.path))[:SHOWN]:
        note = "; ".join(r.text for r in row.reasons)
        tile.lines.append(Line(row.unit.name, row.reasons[0].url, note=note, ok=False))
    tile.more = max(0, len(rows) - SHOWN)
    return tile


def _findings_tile(user: User, unit: OrgUnit, today: date) -> Tile:
    base = reverse("inspections:unit")
    tile = Tile(
        "findings",
        _("Khắc phục sau kiểm tra"),
        "bi-clipboard-check",
        page_link(base, don_vi=unit.code),
    )
    still_open = actions_for(user=user, root=unit, state=ActionState.OPEN).count()
    reported = actions_for(user=user, root=unit, state=ActionState.REPORTED).count()
    overdue = actions_for(user=user, root=unit, overdue_on=today).count()
    if not (still_open or reported or overdue):
        return tile
    tile.figures += [
        Figure(
            "open",
            _("Chưa khắc phục"),
            still_open,
            page_link(base, don_vi=unit.code, tinh_trang=ActionState.OPEN.value),
            still_open == 0,
        ),
        Figure(
            "reported",
            _("Chờ xác nhận"),
            reported,
            page_link(base, don_vi=unit.code, tinh_trang=ActionState.REPORTED.value),
        ),
        Figure(
            "overdue",
            _("Quá hạn khắc phục"),
            overdue,
            page_link(base, don_vi=unit.code, tinh_trang="qua_han"),
            overdue == 0,
        ),
    ]
    return tile


# --- emulation -------------------------------------------------------------------------------


def _scores_tile(user: User, unit: OrgUnit, today: date) -> Tile:
    committee = unit.nearest(*COMMITTEE_KINDS)
    tile = Tile("scores", _("Điểm thực hiện Kế hoạch"), "bi-trophy", reverse("emulation:index"))
    if committee is None:
        return tile
    round_ = round_of(user=user, committee=committee, year=today.year)
    if round_ is None:
        round_ = round_of(user=user, committee=committee, year=today.year - 1)
    if round_ is None:
        return tile
    url = page_link(reverse("emulation:index"), nam=round_.year, don_vi=committee.code)
    tile.url = url
    cards = (
        cards_of(user=user, round_=round_)
        .filter(subtree_q([unit.path], "org_unit"))
        .order_by("-score", "org_unit__path")
    )
    count = cards.count()
    tile.figures.append(
        Figure("cards", _("Đơn vị được chấm năm %(y)s") % {"y": round_.year}, count, url)
    )
    # The top of the ranking and its bottom: who to praise, who to help.
    ranked = list(cards[:TOP]) if count <= 2 * TOP else [*cards[:TOP], *cards.reverse()[:TOP][::-1]]
    for card in ranked:
        low = count > 2 * TOP and card in ranked[TOP:]
        tile.lines.append(
            Line(
                card.org_unit.name,
                reverse("emulation:card", args=[card.pk]),
                note=_("%(score)s điểm") % {"score": format_number(card.score)},
                ok=False if low else None,
            )
        )
    tile.more = max(0, count - len(ranked))
    if not round_.signed:
        tile.summary = _("Điểm tạm tính, chưa ký duyệt.")
    return tile


# --- the whole ---------------------------------------------------------------------------------


def dashboard_for(*, user: User, unit: OrgUnit, plan: Plan | None, today: date) -> Dashboard:
    standings = standings_by_plan(plans=[plan], unit=unit, today=today) if plan else {}
    documents = _documents(unit, plan, today)
    tiles = [
        _targets_tile(unit, documents),
        _tasks_tile(user, plan, today),
        _coverage_tile(unit, plan, today),
        _media_tile(unit, plan, standings.get(plan.pk, []) if plan else []),
        _reports_tile(unit, today),
        _slow_tile(unit, today),
        _findings_tile(user, unit, today),
        _scores_tile(user, unit, today),
    ]
    rows = [row for d in documents for row in d.rows]
    # One read of every target's series, as the chart views draw them.
    smalls = small_charts(targets=[r.target for r in rows])
    targets = [TargetCard(r, rows_of(smalls[r.target.pk])) for r in rows]
    return Dashboard(unit, plan, today, tiles, documents, targets)
