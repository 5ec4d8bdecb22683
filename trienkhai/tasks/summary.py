"""Section IV of the summary report and the report form's task figures: the tasks on the
official two axes, as of the end of the data window, of the plan reported on when there is one.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from trienkhai.core.dates import format_date_short
from trienkhai.core.numbers import format_number, format_ratio_percent
from trienkhai.documents.data import Block, Paragraph
from trienkhai.documents.figures import Figure, register_report_figures
from trienkhai.documents.summary import SummaryScope, register_summary_section
from trienkhai.tasks.selectors import unit_counts, unit_plan_progress
from trienkhai.tasks.status import Status, StatusCounts

SECTION = "programmes"
# The parts of "Tổng số … nhiệm vụ đến hạn", in the order of `StatusCounts.sentence()`.
AXES = (Status.DONE_ON_TIME, Status.DONE_LATE, Status.IN_TIME, Status.OVERDUE)


def _totals(scope: SummaryScope) -> StatusCounts:
    return unit_counts(unit=scope.unit, ref=scope.end, plan=scope.plan)


@register_summary_section(SECTION)
def task_totals(scope: SummaryScope) -> list[Block] | None:
    """Tasks assigned to the unit and the units under it; None when it has none."""
    ref = scope.end
    totals = _totals(scope)
    if totals.total == 0:
        return None
    blocks: list[Block] = [
        Paragraph(
            _("Thực hiện nhiệm vụ được giao (tính đến ngày %(day)s): %(sentence)s.")
            % {"day": format_date_short(ref), "sentence": totals.sentence()}
        )
    ]
    others = [
        text % {"n": format_number(n)}
        for n, text in (
            (totals.not_started, _("%(n)s nhiệm vụ chưa thực hiện")),
            (totals.not_due, _("%(n)s nhiệm vụ chưa đến hạn")),
            (totals.continuous, _("%(n)s nhiệm vụ thường xuyên")),
        )
        if n
    ]
    if others:
        blocks.append(Paragraph(_("Ngoài ra: %(others)s.") % {"others": "; ".join(others)}))
    plans = unit_plan_progress(unit=scope.unit, ref=ref, plan=scope.plan)
    if plans.total:
        c = plans.counts
        text = _(
            "Số tổ chức đảng trực thuộc đã xây dựng kế hoạch thực hiện: %(ratio)s "
            "(đúng hạn %(on_time)s, quá hạn %(late)s)."
        ) % {
            "ratio": format_ratio_percent(c.done, plans.total, _("tổ chức đảng")),
            "on_time": format_number(c.done_on_time),
            "late": format_number(c.done_late),
        }
        if plans.missing:
            text += " " + _("Chưa xây dựng kế hoạch: %(units)s.") % {
                "units": ", ".join(plans.missing)
            }
        blocks.append(Paragraph(text))
    return blocks


@register_summary_section("limitations")
def task_limitations(scope: SummaryScope) -> list[Block] | None:
    """Overdue work is the first "hạn chế" an office writes."""
    totals = _totals(scope)
    parts = [
        text % {"n": format_number(n)}
        for n, text in (
            (totals.overdue, _("%(n)s nhiệm vụ quá hạn chưa hoàn thành")),
            (totals.done_late, _("%(n)s nhiệm vụ hoàn thành chậm so với thời hạn")),
        )
        if n
    ]
    if not parts:
        return None
    return [Paragraph(_("Còn %(parts)s.") % {"parts": f" {_('và')} ".join(parts)})]


@register_report_figures
def task_figures(scope: SummaryScope) -> list[Figure]:
    """The two axes (every part at most the total due) and those not due yet; for a unit
    whose plan asks its party organisations for their own plans, how many have one."""
    totals = _totals(scope)
    group, noun = _("Nhiệm vụ"), _("nhiệm vụ")
    figures = [
        Figure(
            key="tasks.due_total",
            section=SECTION,
            label=_("Tổng số nhiệm vụ đến hạn"),
            value=totals.due_total,
            unit=noun,
            group=group,
        ),
        *(
            Figure(
                key=f"tasks.{status.value}",
                section=SECTION,
                label=str(status.label),
                value=totals.get(status.value),
                unit=noun,
                group=group,
                at_most="tasks.due_total",
            )
            for status in AXES
        ),
        Figure(
            key="tasks.not_due",
            section=SECTION,
            label=str(Status.NOT_DUE.label),
            value=totals.not_due,
            unit=noun,
            group=group,
        ),
    ]
    plans = unit_plan_progress(unit=scope.unit, ref=scope.end, plan=scope.plan)
    if plans.total:
        group, noun = _("Kế hoạch của tổ chức đảng trực thuộc"), _("tổ chức đảng")
        figures += [
            Figure(
                key="tasks.unit_plans.total",
                section=SECTION,
                label=_("Tổ chức đảng trực thuộc phải xây dựng kế hoạch thực hiện"),
                value=plans.total,
                unit=noun,
                group=group,
            ),
            Figure(
                key="tasks.unit_plans.done",
                section=SECTION,
                label=_("Đã xây dựng kế hoạch thực hiện"),
                value=plans.counts.done,
                unit=noun,
                group=group,
                at_most="tasks.unit_plans.total",
            ),
        ]
    return figures
