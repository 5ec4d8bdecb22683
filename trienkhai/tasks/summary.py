"""Section IV of the summary report: the task totals on the official two axes."""

from __future__ import annotations

from django.utils.translation import gettext as _

from trienkhai.core.dates import format_date_short
from trienkhai.core.numbers import format_number, format_ratio_percent
from trienkhai.core.periods import Period
from trienkhai.documents.data import Block, Paragraph
from trienkhai.documents.summary import register_summary_section
from trienkhai.orgs.models import OrgUnit
from trienkhai.tasks.selectors import unit_counts, unit_plan_progress


@register_summary_section("programmes")
def task_totals(unit: OrgUnit, period: Period) -> list[Block] | None:
    """Tasks assigned to the unit and the units under it, as of the period's last day;
    None when the unit has no task."""
    ref = period.end
    totals = unit_counts(unit=unit, ref=ref)
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
    plans = unit_plan_progress(unit=unit, ref=ref)
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
def task_limitations(unit: OrgUnit, period: Period) -> list[Block] | None:
    """Overdue work is the first "hạn chế" an office writes."""
    totals = unit_counts(unit=unit, ref=period.end)
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
