"""The content of a unit's report: its figures as the system counts them at the end of the
data window (the prefill), what the unit reports instead and why, and the checks a figure
must pass before the report goes up.

Checks, hard then soft (a soft one asks for a note, it does not refuse a figure with one):
- no negative figure; a part never above its whole (attendees ≤ headcount, done ≤ due);
- a figure that differs from the system's needs a note (the reviewer sees both);
- a figure more than 50 % away from the same unit's last report needs a note.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.core.errors import DomainError
from trienkhai.core.numbers import format_number
from trienkhai.core.periods import parse_period
from trienkhai.documents.figures import (
    Figure,
    FigureValue,
    figure_from_dict,
    figure_to_dict,
    parse_value,
    report_figures,
    value_to_json,
)
from trienkhai.documents.summary import SummaryScope
from trienkhai.plans.models import Plan
from trienkhai.reporting.models import ReportRequest, RequestState

# How far from the last period a figure may move without a word of explanation; a change of
# fewer than MIN_SWING (one banner less than last quarter) is never asked about.
SWING = Decimal("0.5")
MIN_SWING = 3


class FiguresRefused(DomainError):
    """Figures that fail their checks; `errors` maps each figure's key to why."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__(
            _("Có %(n)d số liệu cần xem lại (ghi ở dưới từng số liệu).") % {"n": len(errors)},
            "invalid_figures",
        )
        self.errors = dict(errors)


def reported_plan(request: ReportRequest) -> Plan:
    """The plan whose implementation the unit reports: its own plan in force carrying out the
    same programme as the schedule's plan (a commune answering the city reports on its own
    kế hoạch), else the schedule's plan itself (a chi bộ reports on the commune's)."""
    asked = request.schedule.plan
    if asked.org_unit_id == request.org_unit_id or asked.programme_id is None:
        return asked
    own = (
        Plan.objects.filter(
            org_unit_id=request.org_unit_id,
            programme_id=asked.programme_id,
            state=Plan.State.IN_FORCE,
        )
        .order_by("-date", "-pk")
        .first()
    )
    return own or asked


def scope_of(request: ReportRequest) -> SummaryScope:
    """What the report counts. Its reference date is the window's end, or today while the
    window is still open: a report written early cannot count weeks still to come."""
    return SummaryScope(
        unit=request.org_unit,
        period=parse_period(request.period),
        start=request.window_start,
        end=min(request.window_end, timezone.localdate()),
        plan=reported_plan(request),
    )


def prefill_of(request: ReportRequest) -> dict[str, Any]:
    """The stored prefill, or a fresh one while none is stored (a report not yet begun)."""
    if request.prefill.get("figures") is not None:
        return request.prefill
    return fresh_prefill(request)


def fresh_prefill(request: ReportRequest) -> dict[str, Any]:
    scope = scope_of(request)
    return {
        "as_of": scope.end.isoformat(),
        # The plan counted: a commune answering the city counts its own plan's figures.
        "plan": scope.plan.pk if scope.plan else None,
        "counted_at": timezone.now().isoformat(timespec="seconds"),
        "figures": [figure_to_dict(f) for f in report_figures(scope)],
    }


def counted_as_of(request: ReportRequest) -> date:
    """The day the request's figures are counted to: as stored, else as they would be now."""
    stored = request.prefill.get("as_of")
    if stored:
        return date.fromisoformat(stored)
    return min(request.window_end, timezone.localdate())


def figures_in(prefill: Mapping[str, Any]) -> list[Figure]:
    return [figure_from_dict(raw) for raw in prefill.get("figures") or []]


def previous_values(request: ReportRequest) -> dict[str, FigureValue]:
    """The unit's figures of its last sent report of the same schedule, before this period."""
    last = (
        ReportRequest.objects.filter(
            schedule_id=request.schedule_id,
            org_unit_id=request.org_unit_id,
            window_end__lt=request.window_start,
            state__in=(RequestState.SUBMITTED, RequestState.ACCEPTED),
        )
        .order_by("-window_end")
        .values_list("fields", "prefill")
        .first()
    )
    if last is None:
        return {}
    fields, prefill = last
    integer = {f.key: f.integer for f in figures_in(prefill or {})}
    out: dict[str, FigureValue] = {}
    for key, raw in (fields or {}).items():
        try:
            out[key] = parse_value(raw, integer=integer.get(key, True))
        except ValueError:
            continue
    return out


@dataclass(frozen=True)
class FigureRow:
    """One figure as the form, the reviewer and the export show it."""

    figure: Figure  # with the system's value
    value: FigureValue  # what the unit reports
    note: str
    previous: FigureValue

    @property
    def key(self) -> str:
        return self.figure.key

    @property
    def corrected(self) -> bool:
        return self.value != self.figure.value

    @property
    def swing(self) -> bool:
        return _swings(self.previous, self.value)


def _swings(previous: FigureValue, value: FigureValue) -> bool:
    if previous is None or value is None or previous == 0:
        return False
    change = abs(Decimal(value) - Decimal(previous))
    return change >= MIN_SWING and change > SWING * abs(Decimal(previous))


def rows_of(
    figures: list[Figure],
    values: Mapping[str, Any],
    notes: Mapping[str, str],
    previous: Mapping[str, FigureValue],
) -> list[FigureRow]:
    rows = []
    for figure in figures:
        raw = values.get(figure.key, value_to_json(figure.value))
        try:
            value = parse_value(raw, integer=figure.integer)
        except ValueError:
            value = None
        rows.append(
            FigureRow(figure, value, str(notes.get(figure.key) or ""), previous.get(figure.key))
        )
    return rows


def request_rows(request: ReportRequest) -> list[FigureRow]:
    """The request's figures, as stored (or prefilled while nothing is stored)."""
    return rows_of(
        figures_in(prefill_of(request)), request.fields, request.notes, previous_values(request)
    )


def _show(value: FigureValue) -> str:
    return format_number(value) if value is not None else "—"


def checked_values(
    figures: list[Figure],
    raw_values: Mapping[str, Any],
    notes: Mapping[str, str],
    previous: Mapping[str, FigureValue],
    *,
    soft: bool = True,
) -> tuple[dict[str, Any], dict[str, str]]:
    """The typed figures as stored values and their notes, or `FiguresRefused` saying, per
    figure, what is wrong. A figure left out keeps the system's value. Without `soft` (a
    draft being kept) only what can never be true is refused."""
    values: dict[str, FigureValue] = {}
    errors: dict[str, str] = {}
    by_key = {f.key: f for f in figures}
    for figure in figures:
        raw = raw_values.get(figure.key, value_to_json(figure.value))
        try:
            values[figure.key] = parse_value(raw, integer=figure.integer)
        except ValueError:
            errors[figure.key] = (
                _("“%(raw)s” không phải số nguyên.") % {"raw": raw}
                if figure.integer
                else _("“%(raw)s” không phải số (dùng dấu phẩy cho phần thập phân).") % {"raw": raw}
            )
    for key in raw_values:
        if key not in by_key:
            errors[key] = _("Mẫu báo cáo này không có số liệu “%(key)s”.") % {"key": key}
    kept_notes = {k: str(v).strip()[:500] for k, v in notes.items() if k in by_key and v}
    for figure in figures:
        key, value = figure.key, values.get(figure.key)
        if key in errors or value is None:
            continue
        if value < 0:
            errors[key] = _("Số liệu không được âm.")
            continue
        whole = by_key.get(figure.at_most)
        limit = values.get(figure.at_most) if whole else None
        if whole is not None and limit is not None and value > limit:
            errors[key] = _("%(label)s (%(value)s) không được lớn hơn %(whole)s (%(limit)s).") % {
                "label": figure.label,
                "value": _show(value),
                "whole": whole.label.lower(),
                "limit": _show(limit),
            }
            continue
        if key in kept_notes or not soft:
            continue
        if value != figure.value:
            errors[key] = _("Số liệu khác số hệ thống (%(system)s): ghi rõ lý do điều chỉnh.") % {
                "system": _show(figure.value)
            }
        elif _swings(previous.get(key), value):
            errors[key] = _(
                "Chênh lệch hơn 50%% so với kỳ trước (%(previous)s): ghi chú lý do."
            ) % {"previous": _show(previous.get(key))}
    if errors:
        raise FiguresRefused(errors)
    return {k: value_to_json(v) for k, v in values.items()}, kept_notes
