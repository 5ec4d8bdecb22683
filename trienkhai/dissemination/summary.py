"""Section II of the summary report (kết quả học tập, quán triệt), from the sessions held.

Coverage is written with both figures ("2.909/3.044 đảng viên, đạt 95,57%") as of the
earlier of the plan's deadline for dissemination, the end of the report's data window and
today, and judged against the plan's threshold on the exact fraction. Then the plan's other
audiences (no headcount) reached in the period: people and households, by which means.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.core.dates import format_date_short
from trienkhai.core.numbers import format_number
from trienkhai.core.periods import Period
from trienkhai.dissemination import coverage
from trienkhai.dissemination.models import COUNTED_GROUPS, GROUP_NOUNS, StudySession
from trienkhai.dissemination.rules import Coverage, Threshold
from trienkhai.dissemination.selectors import AudienceReach, outreach_totals
from trienkhai.documents.data import Block, BulletList, Paragraph
from trienkhai.documents.summary import register_summary_section
from trienkhai.orgs.models import STEPLEN, OrgUnit
from trienkhai.plans.models import CoverageThreshold, Plan

GROUP_LABELS = dict(CoverageThreshold.Group.choices)
MAX_NAMES = 10


def _verdict(threshold: Threshold, cov: Coverage) -> str:
    met = threshold.met(cov)
    if met:
        return _("chỉ tiêu %(threshold)s: đạt") % {"threshold": threshold.phrase}
    return _("chỉ tiêu %(threshold)s: chưa đạt") % {"threshold": threshold.phrase}


def _failing_names(
    plan: Plan, unit: OrgUnit, threshold: Threshold, thresholds: list[Threshold], day: date
) -> list[str]:
    groups = [t.group for t in thresholds]
    units = coverage.annotate_coverage(
        coverage.owner_units(root=unit, groups=groups, day=day), plan=plan, groups=groups, day=day
    ).order_by("path")
    return list(
        coverage.below_threshold(units, threshold)
        .exclude(pk=unit.pk)
        .values_list("name", flat=True)[: MAX_NAMES + 1]
    )


def _plan_blocks(plan: Plan, unit: OrgUnit, period: Period) -> list[Block]:
    start, end = period.data_window()
    thresholds = coverage.plan_thresholds(plan)
    deadline = coverage.dissemination_deadline(plan)
    day = min(end, timezone.localdate(), *([deadline.due] if deadline else []))
    counts = (
        StudySession.objects.in_subtree(unit)
        .filter(plan=plan, date__gte=start, date__lte=end)
        .aggregate(
            total=Count("pk"),
            main=Count("pk", filter=Q(kind=StudySession.Kind.MAIN)),
            makeup=Count("pk", filter=Q(kind=StudySession.Kind.MAKE_UP)),
            other=Count("pk", filter=Q(kind=StudySession.Kind.OTHER)),
        )
    )
    totals = coverage.rollup(plan=plan, root=unit, groups=[t.group for t in thresholds], day=day)
    reached = outreach_totals(plan=plan, root=unit, start=start, end=end)
    if not counts["total"] and not any(c.denominator for c in totals.values()) and not reached:
        return []
    blocks: list[Block] = []
    if counts["total"]:
        parts = [_("%(n)d buổi quán triệt chính") % {"n": counts["main"]}]
        if counts["makeup"]:
            parts.append(_("%(n)d buổi học bù") % {"n": counts["makeup"]})
        if counts["other"]:
            parts.append(_("%(n)d buổi sinh hoạt khác") % {"n": counts["other"]})
        blocks.append(
            Paragraph(
                _(
                    "Thực hiện Kế hoạch %(plan)s, trong kỳ các đơn vị đã tổ chức %(total)d buổi "
                    "học tập, quán triệt (gồm %(parts)s)."
                )
                % {"plan": plan.reference, "total": counts["total"], "parts": ", ".join(parts)}
            )
        )
    items = []
    for threshold in thresholds:
        cov = totals[threshold.group]
        if not cov.denominator:
            continue
        items.append(
            _("%(group)s: %(coverage)s (%(verdict)s)")
            % {
                "group": GROUP_LABELS[threshold.group],
                "coverage": cov.text(GROUP_NOUNS[threshold.group]),
                "verdict": _verdict(threshold, cov),
            }
        )
    if items:
        blocks.append(
            Paragraph(
                _("Kết quả học tập, quán triệt tính đến ngày %(day)s:")
                % {"day": format_date_short(day)}
            )
        )
        blocks.append(BulletList((*(f"{i};" for i in items[:-1]), f"{items[-1]}.")))
    for threshold in thresholds:
        cov = totals[threshold.group]
        if not cov.denominator or unit.numchild == 0:
            continue
        names = _failing_names(plan, unit, threshold, thresholds, day)
        if not names:
            continue
        values = {
            "threshold": threshold.phrase,
            "noun": GROUP_NOUNS[threshold.group],
            "units": ", ".join(names[:MAX_NAMES]),
        }
        if len(names) > MAX_NAMES:
            text = _(
                "Đơn vị chưa đạt chỉ tiêu %(threshold)s %(noun)s: %(units)s và một số đơn vị khác."
            )
        else:
            text = _("Đơn vị chưa đạt chỉ tiêu %(threshold)s %(noun)s: %(units)s.")
        blocks.append(Paragraph(text % values))
    blocks.extend(_outreach_blocks(reached))
    return blocks


def _outreach_blocks(reached: list[AudienceReach]) -> list[Block]:
    """The other audiences of the plan, reached in the period: "Toàn thể Nhân dân: 2.400
    hộ, 850 người (12 lượt; loa truyền thanh, hội nghị ở thôn)"."""
    if not reached:
        return []
    items = [
        _("%(audience)s: %(reach)s (%(records)s lượt; %(methods)s)")
        % {
            "audience": item.label,
            "reach": item.reach,
            "records": format_number(item.records),
            "methods": item.method_text,
        }
        for item in reached
    ]
    return [
        Paragraph(_("Tuyên truyền, quán triệt đến các đối tượng khác trong kỳ:")),
        BulletList((*(f"{i};" for i in items[:-1]), f"{items[-1]}.")),
    ]


def _plans(unit: OrgUnit, end: date) -> list[Plan]:
    """The plans of the unit and its ancestors that set thresholds, issued by `end`."""
    own_and_above = [unit.path[:n] for n in range(STEPLEN, len(unit.path) + 1, STEPLEN)]
    return list(
        Plan.objects.filter(
            org_unit__path__in=own_and_above, coverage_thresholds__group__in=COUNTED_GROUPS
        )
        .filter(Q(date__isnull=True) | Q(date__lte=end))
        .exclude(state=Plan.State.WITHDRAWN)
        .distinct()
        .select_related("org_unit")
        .order_by("date", "pk")
    )


@register_summary_section("study")
def study_summary(unit: OrgUnit, period: Period) -> list[Block] | None:
    """Coverage of the plans of the unit and its ancestors that set thresholds."""
    _start, end = period.data_window()
    blocks: list[Block] = []
    for plan in _plans(unit, end):
        blocks.extend(_plan_blocks(plan, unit, period))
    return blocks or None


def _verdicts(unit: OrgUnit, period: Period) -> list[tuple[bool, str]]:
    """Each threshold with data: met or not, and its figures."""
    _start, end = period.data_window()
    verdicts = []
    for plan in _plans(unit, end):
        thresholds = coverage.plan_thresholds(plan)
        deadline = coverage.dissemination_deadline(plan)
        day = min(end, timezone.localdate(), *([deadline.due] if deadline else []))
        totals = coverage.rollup(
            plan=plan, root=unit, groups=[t.group for t in thresholds], day=day
        )
        for threshold in thresholds:
            cov = totals[threshold.group]
            if cov.denominator:
                text = _("%(coverage)s (chỉ tiêu %(threshold)s)") % {
                    "coverage": cov.text(GROUP_NOUNS[threshold.group]),
                    "threshold": threshold.phrase,
                }
                verdicts.append((bool(threshold.met(cov)), text))
    return verdicts


@register_summary_section("strengths")
def study_strengths(unit: OrgUnit, period: Period) -> list[Block] | None:
    met = [text for ok, text in _verdicts(unit, period) if ok]
    if not met:
        return None
    return [
        Paragraph(
            _("Việc học tập, quán triệt đạt chỉ tiêu đề ra: %(items)s.") % {"items": "; ".join(met)}
        )
    ]


@register_summary_section("limitations")
def study_limitations(unit: OrgUnit, period: Period) -> list[Block] | None:
    missed = [text for ok, text in _verdicts(unit, period) if not ok]
    if not missed:
        return None
    return [
        Paragraph(
            _("Việc học tập, quán triệt chưa đạt chỉ tiêu: %(items)s.")
            % {"items": "; ".join(missed)}
        )
    ]
