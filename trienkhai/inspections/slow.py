"""The slow-unit list ("đơn vị chậm triển khai"): the units of a subtree that are behind, each
with every reason it is on the list.

Five reasons, each computed by the app that owns the data, through its selectors, with a
number of queries that does not depend on the number of units: overdue tasks, late reports,
coverage below the plan's threshold after its deadline, media periods missed lately, and
corrective actions past their date. The list is their union, one row per unit in tree order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trienkhai.core.numbers import format_number
from trienkhai.dissemination.selectors import below_by_unit
from trienkhai.inspections.models import ActionState, CorrectiveAction
from trienkhai.media.selectors import missed_by_unit
from trienkhai.orgs.models import OrgUnit
from trienkhai.reporting.selectors import late_by_unit
from trienkhai.tasks.selectors import overdue_by_unit

ByUnit = dict[int, tuple[int, str]]

KINDS = ("overdue_tasks", "late_reports", "coverage_below", "media_missed", "overdue_actions")
KIND_LABELS: dict[str, str] = {
    "overdue_tasks": str(gettext_lazy("Nhiệm vụ quá hạn")),
    "late_reports": str(gettext_lazy("Báo cáo chậm nộp")),
    "coverage_below": str(gettext_lazy("Quán triệt chưa đạt chỉ tiêu")),
    "media_missed": str(gettext_lazy("Tuyên truyền chưa đủ tin, bài")),
    "overdue_actions": str(gettext_lazy("Khắc phục sau kiểm tra quá hạn")),
}


def overdue_actions_by_unit(*, root: OrgUnit, today: date) -> ByUnit:
    """Unit pk → (corrective actions not verified and past their date, the sentence saying
    so, with those the unit reported done still waiting for the body's verification)."""
    rows = (
        CorrectiveAction.objects.in_subtree(root)
        .overdue_on(today)
        .order_by()
        .values("org_unit")
        .annotate(n=Count("pk"), waiting=Count("pk", filter=Q(state=ActionState.REPORTED)))
    )
    return {row["org_unit"]: (row["n"], _actions_text(row["n"], row["waiting"])) for row in rows}


def _actions_text(count: int, waiting: int) -> str:
    text = _("%(n)s yêu cầu khắc phục quá hạn") % {"n": format_number(count)}
    if waiting:
        text += " " + _("(%(n)s đang chờ xác nhận)") % {"n": format_number(waiting)}
    return text


SELECTORS: dict[str, Callable[..., ByUnit]] = {
    "overdue_tasks": overdue_by_unit,
    "late_reports": late_by_unit,
    "coverage_below": below_by_unit,
    "media_missed": missed_by_unit,
    "overdue_actions": overdue_actions_by_unit,
}


@dataclass(frozen=True)
class Reason:
    kind: str  # one of KINDS
    count: int
    text: str
    url: str  # the page listing the rows behind it, for the unit

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class SlowUnit:
    unit: OrgUnit
    reasons: tuple[Reason, ...]

    @property
    def total(self) -> int:
        return sum(r.count for r in self.reasons)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(r.kind for r in self.reasons)


def reason_url(kind: str, unit: OrgUnit) -> str:
    """Where the rows behind a reason are listed for `unit` (each page's own parameters)."""
    code = unit.code
    if kind == "overdue_tasks":
        return f"{reverse('tasks:list')}?don_vi={code}&tinh_trang=overdue"
    if kind == "late_reports":
        return f"{reverse('reporting:board')}?don_vi={code}"
    if kind == "coverage_below":
        return f"{reverse('dissemination:board')}?don_vi={code}"
    if kind == "media_missed":
        return f"{reverse('media:overview')}?don_vi={code}"
    return f"{reverse('inspections:unit')}?don_vi={code}"


def slow_units(*, root: OrgUnit, today: date, kinds: Iterable[str] | None = None) -> list[SlowUnit]:
    """The units of `root`'s subtree (root included) valid on `today` with at least one
    reason among `kinds` (all five by default), in tree order; the units in one query."""
    wanted = [k for k in KINDS if kinds is None or k in set(kinds)]
    found = {kind: SELECTORS[kind](root=root, today=today) for kind in wanted}
    pks = {pk for by_unit in found.values() for pk in by_unit}
    if not pks:
        return []
    units = OrgUnit.objects.valid_on(today).in_subtree(root).filter(pk__in=pks).order_by("path")
    return [
        SlowUnit(
            unit=unit,
            reasons=tuple(
                Reason(kind, *found[kind][unit.pk], url=reason_url(kind, unit))
                for kind in wanted
                if unit.pk in found[kind]
            ),
        )
        for unit in units
    ]
