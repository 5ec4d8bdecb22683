"""The city's tables of its communes: one per module, each row what that commune's own page says.

A row is a commune and a plan it issued that is in force (a commune without one gets a row
that says so: the city chases it first). Each module reads its figures for all communes at
once through its own selectors, so a table of 114 communes runs the queries of a table of 3.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trienkhai.core.numbers import format_number, format_percent, percent
from trienkhai.dissemination.coverage_many import PlanRoot, coverage_of_plan_roots
from trienkhai.dissemination.models import COUNTED_GROUPS
from trienkhai.media.todo import issuer_standings
from trienkhai.monitoring.assessment import Status
from trienkhai.monitoring.progress import units_progress
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.in_force import plans_issued_in_force
from trienkhai.plans.models import CoverageThreshold, Plan
from trienkhai.tasks.selectors.todo import counts_by_plan

MODULES: dict[str, Promise] = {
    "nhiem-vu": gettext_lazy("Nhiệm vụ"),
    "quan-triet": gettext_lazy("Học tập, quán triệt"),
    "tuyen-truyen": gettext_lazy("Tuyên truyền"),
    "chi-tieu": gettext_lazy("Chỉ tiêu"),
}


@dataclass(frozen=True)
class Cell:
    text: str
    value: Decimal | int | None = None  # what the column sorts by; None sorts last
    ok: bool | None = None  # None: a fact, not a verdict


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = True  # figures align right; words (a rule, the weeks missed) do not


@dataclass(frozen=True)
class Row:
    commune: OrgUnit
    plan: Plan | None
    url: str  # the commune's own page of the module
    cells: dict[str, Cell] = field(default_factory=dict)

    def cell(self, key: str) -> Cell:
        return self.cells.get(key, Cell("—"))


@dataclass(frozen=True)
class Table:
    module: str
    columns: list[Column]
    rows: list[Row]

    @property
    def title(self) -> str:
        return str(MODULES[self.module])

    def sorted_by(self, sort: str) -> list[Row]:
        """Rows by a column (``key``, or ``-key`` for descending), rows without a figure
        last either way; by tree order (the communes' order in the city) otherwise."""
        key = sort.lstrip("-")
        descending = sort.startswith("-")
        if key == "ten":
            return sorted(self.rows, key=lambda r: r.commune.name, reverse=descending)
        if key not in {c.key for c in self.columns}:
            return self.rows
        known = [r for r in self.rows if r.cell(key).value is not None]
        unknown = [r for r in self.rows if r.cell(key).value is None]
        known.sort(key=lambda r: r.cell(key).value or 0, reverse=descending)
        return known + unknown


def communes_of(root: OrgUnit, today: date) -> QuerySet[OrgUnit]:
    """The communes (đảng bộ xã, phường) directly under `root`, open today, in tree order."""
    return (
        OrgUnit.objects.valid_on(today)
        .in_subtree(root)
        .filter(depth=root.depth + 1, kind=OrgUnit.Kind.COMMUNE_COMMITTEE)
        .order_by("path")
    )


def _pairs(communes: list[OrgUnit], today: date) -> list[tuple[OrgUnit, Plan | None]]:
    plans = plans_issued_in_force(units=communes, today=today)
    pairs: list[tuple[OrgUnit, Plan | None]] = []
    for commune in communes:
        pairs.extend((commune, plan) for plan in plans[commune.pk])
        if not plans[commune.pk]:
            pairs.append((commune, None))
    return pairs


@dataclass(frozen=True)
class City:
    """The communes under a level and the plans they issued, read once for every table the
    city home shows."""

    communes: list[OrgUnit]
    pairs: list[tuple[OrgUnit, Plan | None]]

    @classmethod
    def of(cls, root: OrgUnit, today: date) -> City:
        communes = list(communes_of(root, today))
        return cls(communes, _pairs(communes, today))


def _url(path: str, plan: Plan | None, commune: OrgUnit) -> str:
    params = {"ke_hoach": str(plan.pk)} if plan is not None else {}
    return f"{path}?{urlencode({**params, 'don_vi': commune.code})}"


def _count(n: int) -> Cell:
    return Cell(format_number(n), n)


def _share(numerator: int, denominator: int, ok: bool | None = None) -> Cell:
    share = percent(numerator, denominator)
    if share is None:
        return Cell("—")
    return Cell(format_percent(share), share, ok)


def _no_plan() -> Cell:
    return Cell(_("Chưa có kế hoạch"), None, False)


# --- the four modules ---------------------------------------------------------------------


def tasks_table(root: OrgUnit, today: date, city: City | None = None) -> Table:
    """Tasks of each commune's plan on the two official axes, as its matrix shows them."""
    pairs = (city or City.of(root, today)).pairs
    plans = [p for _c, p in pairs if p is not None]
    counts = counts_by_plan(unit=root, ref=today, plans=plans)
    columns = [
        Column("tong", _("Số nhiệm vụ")),
        Column("den_han", _("Đến hạn")),
        Column("hoan_thanh", _("Đã hoàn thành")),
        Column("qua_han", _("Quá hạn")),
        Column("sap_den_han", _("Sắp đến hạn")),
        Column("ti_le", _("Tỉ lệ hoàn thành")),
    ]
    rows = []
    for commune, plan in pairs:
        url = _url(reverse("tasks:matrix"), plan, commune)
        if plan is None:
            rows.append(Row(commune, None, url, {"tong": _no_plan()}))
            continue
        c = counts.get(plan.pk)
        if c is None:
            rows.append(Row(commune, plan, url, {"tong": Cell(_("Chưa giao nhiệm vụ"), 0, False)}))
            continue
        cells = {
            "tong": _count(c.total),
            "den_han": _count(c.due_total),
            "hoan_thanh": _count(c.done),
            "qua_han": Cell(format_number(c.overdue), c.overdue, c.overdue == 0),
            "sap_den_han": _count(c.due_soon),
            "ti_le": _share(c.done, c.due_total),
        }
        rows.append(Row(commune, plan, url, cells))
    return Table("nhiem-vu", columns, rows)


def coverage_table(root: OrgUnit, today: date, city: City | None = None) -> Table:
    """Coverage of each threshold group in each commune under its plan, as its board shows."""
    pairs = (city or City.of(root, today)).pairs
    parts = [PlanRoot(c, p) for c, p in pairs if p is not None]
    found = coverage_of_plan_roots(parts, today=today)
    nouns = dict(CoverageThreshold.Group.choices)
    groups = [
        g for g in COUNTED_GROUPS if any(t.group == g for r in found.values() for t in r.thresholds)
    ]
    columns = [Column(g, str(nouns.get(g, g))) for g in groups]
    rows = []
    for commune, plan in pairs:
        url = _url(reverse("dissemination:board"), plan, commune)
        if plan is None:
            rows.append(Row(commune, None, url, {groups[0] if groups else "-": _no_plan()}))
            continue
        result = found[(commune.pk, plan.pk)]
        cells = {}
        for threshold in result.thresholds:
            coverage = result.coverage(threshold.group)
            if not coverage.has_data:
                cells[threshold.group] = Cell(_("Chưa có số liệu"), None, False)
                continue
            figures = f"{format_number(coverage.numerator)}/{format_number(coverage.denominator)}"
            text = f"{format_percent(coverage.percent)} ({figures})"
            cells[threshold.group] = Cell(text, coverage.percent, threshold.met(coverage))
        rows.append(Row(commune, plan, url, cells))
    return Table("quan-triet", columns or [Column("-", _("Học tập, quán triệt"))], rows)


def media_table(root: OrgUnit, today: date, city: City | None = None) -> Table:
    """Each commune's own output rules, judged as its media page judges them."""
    pairs = (city or City.of(root, today)).pairs
    plans = [p for _c, p in pairs if p is not None]
    standings = issuer_standings(root=root, plans=plans, today=today)
    columns = [
        Column("quy_dinh", _("Quy định"), numeric=False),
        Column("dat", _("Số kỳ đạt")),
        Column("ti_le", _("Tỉ lệ đạt")),
        Column("chua_dat", _("Kỳ chưa đạt gần nhất"), numeric=False),
    ]
    rows = []
    for commune, plan in pairs:
        url = _url(reverse("media:overview"), plan, commune)
        if plan is None:
            rows.append(Row(commune, None, url, {"quy_dinh": _no_plan()}))
            continue
        rules = standings[plan.pk]
        if not rules:
            rows.append(Row(commune, plan, url, {"quy_dinh": Cell(_("Chưa có quy định"))}))
            continue
        met = sum(r.met for r in rules)
        judged = sum(r.judged for r in rules)
        missed = [p.span.label for r in rules for p in r.missed]
        cells = {
            "quy_dinh": Cell("; ".join(r.text for r in rules)),
            "dat": Cell(f"{format_number(met)}/{format_number(judged)}", met, met == judged),
            "ti_le": _share(met, judged, met == judged),
            "chua_dat": Cell(", ".join(missed) or "—"),
        }
        rows.append(Row(commune, plan, url, cells))
    return Table("tuyen-truyen", columns, rows)


TARGET_COLUMNS: list[tuple[str, Promise, tuple[Status, ...]]] = [
    ("dat", gettext_lazy("Đạt và vượt"), (Status.ACHIEVED,)),
    ("dung_tien_do", gettext_lazy("Đúng tiến độ"), (Status.ON_TRACK,)),
    ("can_tang_toc", gettext_lazy("Cần tăng tốc"), (Status.NEEDS_ACCELERATION,)),
    ("kho_dat", gettext_lazy("Khó đạt, giảm"), (Status.OFF_TRACK, Status.REGRESSING)),
    ("chua_co_so_lieu", gettext_lazy("Chưa có số liệu"), (Status.NO_DATA,)),
]


def targets_table(root: OrgUnit, today: date, city: City | None = None) -> Table:
    """Each commune's own targets by status, as its progress page tallies them (all the
    documents it owns targets of, added up)."""
    communes = (city or City.of(root, today)).communes
    progress = units_progress(units=communes, as_of=today)
    columns = [
        Column("tong", _("Số chỉ tiêu")),
        *(Column(key, str(label)) for key, label, _s in TARGET_COLUMNS),
    ]
    rows = []
    for commune in communes:
        url = reverse("progress:unit", args=[commune.code])
        documents = progress[commune.pk].documents
        total = sum(d.tally.total for d in documents)
        if not total:
            rows.append(Row(commune, None, url, {"tong": Cell(_("Chưa có chỉ tiêu"), 0, False)}))
            continue
        counts = {s: sum(d.tally.counts[s] for d in documents) for s in Status}
        cells = {"tong": _count(total)}
        for key, _label, statuses in TARGET_COLUMNS:
            cells[key] = _count(sum(counts[s] for s in statuses))
        rows.append(Row(commune, None, url, cells))
    return Table("chi-tieu", columns, rows)


class TableOf(Protocol):
    def __call__(self, root: OrgUnit, today: date, city: City | None = None) -> Table: ...


TABLES: dict[str, TableOf] = {
    "nhiem-vu": tasks_table,
    "quan-triet": coverage_table,
    "tuyen-truyen": media_table,
    "chi-tieu": targets_table,
}


# --- the city home ------------------------------------------------------------------------

# Per module, the one figure the home shows for each commune.
HOME_FIGURES: tuple[tuple[str, str, Promise], ...] = (
    ("nhiem-vu", "ti_le", gettext_lazy("Nhiệm vụ hoàn thành")),
    ("nhiem-vu", "qua_han", gettext_lazy("Nhiệm vụ quá hạn")),
    ("quan-triet", "party_members", gettext_lazy("Đảng viên đã học tập")),
    ("tuyen-truyen", "ti_le", gettext_lazy("Tuyên truyền đạt quy định")),
    ("chi-tieu", "dat", gettext_lazy("Chỉ tiêu đạt và vượt")),
)


@dataclass(frozen=True)
class HomeRow:
    commune: OrgUnit
    plan: Plan | None
    cells: list[tuple[Cell | None, str]]  # the figure and the row it comes from


def city_home(root: OrgUnit, today: date) -> list[HomeRow]:
    """One line a commune (its newest plan in force) with a figure of each module, each
    linking to that commune's own page; empty when `root` has no communes."""
    city = City.of(root, today)
    if not city.communes:
        return []
    tables = {module: TABLES[module](root, today, city) for module in MODULES}
    first: dict[str, dict[int, Row]] = {}
    for module, table in tables.items():
        first[module] = {}
        for row in table.rows:
            first[module].setdefault(row.commune.pk, row)
    result = []
    for row in tables["nhiem-vu"].rows:
        if first["nhiem-vu"][row.commune.pk] is not row:
            continue
        cells = []
        for module, key, _label in HOME_FIGURES:
            source = first[module][row.commune.pk]
            cell = source.cells.get(key)
            if module == "chi-tieu" and cell is not None and "tong" in source.cells:
                total = source.cells["tong"]
                cell = Cell(f"{cell.text}/{total.text}", cell.value, cell.ok)
            cells.append((cell, source.url))
        result.append(HomeRow(row.commune, row.plan, cells))
    return result
