"""Section II of the summary report (kết quả học tập, quán triệt) and its figures.

Everything is counted as of the end of the data window (`scope.end`), the report's one
reference date. Coverage is written with both figures ("2.909/3.044 đảng viên, đạt 95,57%")
and judged against the plan's threshold on the exact fraction; the sessions held and the
plan's other audiences (no headcount) reached are those of the window.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from trienkhai.core.dates import format_date_short
from trienkhai.core.numbers import format_number
from trienkhai.dissemination import coverage
from trienkhai.dissemination.models import COUNTED_GROUPS, GROUP_NOUNS, Outreach, StudySession
from trienkhai.dissemination.rules import Judged, Threshold
from trienkhai.dissemination.selectors import AudienceReach, outreach_totals
from trienkhai.documents.data import Block, BulletList, Paragraph
from trienkhai.documents.figures import Figure, register_report_figures
from trienkhai.documents.summary import SummaryScope, register_summary_section
from trienkhai.orgs.models import STEPLEN
from trienkhai.plans.models import CoverageThreshold, Plan

GROUP_LABELS = dict(CoverageThreshold.Group.choices)
MAX_NAMES = 10
Kind = StudySession.Kind


def _plans(scope: SummaryScope) -> list[Plan]:
    """The plan reported on; without one, the plans of the unit and its ancestors that set
    thresholds, issued by the end of the window."""
    if scope.plan is not None:
        return [scope.plan]
    unit = scope.unit
    own_and_above = [unit.path[:n] for n in range(STEPLEN, len(unit.path) + 1, STEPLEN)]
    return list(
        Plan.objects.filter(
            org_unit__path__in=own_and_above, coverage_thresholds__group__in=COUNTED_GROUPS
        )
        .filter(Q(date__isnull=True) | Q(date__lte=scope.end))
        .exclude(state=Plan.State.WITHDRAWN)
        .distinct()
        .select_related("org_unit")
        .order_by("date", "pk")
    )


def _judged(plan: Plan, scope: SummaryScope, thresholds: list[Threshold]) -> list[Judged]:
    """Each threshold with the rollup of the unit's subtree as of the window's end."""
    if not thresholds:
        return []
    totals = coverage.rollup(
        plan=plan, root=scope.unit, groups=[t.group for t in thresholds], day=scope.end
    )
    return [Judged(t, totals[t.group]) for t in thresholds]


def _session_counts(plan: Plan, scope: SummaryScope) -> dict[str, int]:
    return (
        StudySession.objects.in_subtree(scope.unit)
        .filter(plan=plan, date__gte=scope.start, date__lte=scope.end)
        .aggregate(
            total=Count("pk"),
            main=Count("pk", filter=Q(kind=Kind.MAIN)),
            makeup=Count("pk", filter=Q(kind=Kind.MAKE_UP)),
            other=Count("pk", filter=Q(kind=Kind.OTHER)),
        )
    )


def _verdict(judged: Judged) -> str:
    if judged.met:
        return _("chỉ tiêu %(threshold)s: đạt") % {"threshold": judged.threshold.phrase}
    return _("chỉ tiêu %(threshold)s: chưa đạt") % {"threshold": judged.threshold.phrase}


def _failing_names(
    plan: Plan, scope: SummaryScope, threshold: Threshold, groups: list[str]
) -> list[str]:
    day = scope.end
    units = coverage.annotate_coverage(
        coverage.owner_units(root=scope.unit, groups=groups, day=day),
        plan=plan,
        groups=groups,
        day=day,
    ).order_by("path")
    return list(
        coverage.below_threshold(units, threshold)
        .exclude(pk=scope.unit.pk)
        .values_list("name", flat=True)[: MAX_NAMES + 1]
    )


def _sessions_paragraph(plan: Plan, counts: dict[str, int]) -> Paragraph:
    # Only the kinds held: "(gồm 0 buổi quán triệt chính, …)" is not what an office writes.
    parts = [
        text % {"n": counts[kind]}
        for kind, text in (
            ("main", _("%(n)d buổi quán triệt chính")),
            ("makeup", _("%(n)d buổi học bù")),
            ("other", _("%(n)d buổi sinh hoạt khác")),
        )
        if counts[kind]
    ]
    values = {"plan": plan.reference, "total": counts["total"], "parts": ", ".join(parts)}
    if len(parts) > 1:
        text = _(
            "Thực hiện Kế hoạch %(plan)s, trong kỳ các đơn vị đã tổ chức %(total)d buổi "
            "học tập, quán triệt (gồm %(parts)s)."
        )
    else:
        text = _("Thực hiện Kế hoạch %(plan)s, trong kỳ các đơn vị đã tổ chức %(parts)s.")
    return Paragraph(text % values)


def _failing_paragraph(
    plan: Plan, scope: SummaryScope, judged: Judged, groups: list[str]
) -> Paragraph | None:
    names = _failing_names(plan, scope, judged.threshold, groups)
    if not names:
        return None
    values = {
        "threshold": judged.threshold.phrase,
        "noun": GROUP_NOUNS[judged.threshold.group],
        "units": ", ".join(names[:MAX_NAMES]),
    }
    if len(names) > MAX_NAMES:
        text = _(
            "Đơn vị chưa đạt chỉ tiêu %(threshold)s %(noun)s: %(units)s và một số đơn vị khác."
        )
    else:
        text = _("Đơn vị chưa đạt chỉ tiêu %(threshold)s %(noun)s: %(units)s.")
    return Paragraph(text % values)


def _plan_blocks(plan: Plan, scope: SummaryScope) -> list[Block]:
    thresholds = coverage.plan_thresholds(plan)
    judged = [j for j in _judged(plan, scope, thresholds) if j.coverage.denominator]
    counts = _session_counts(plan, scope)
    reached = outreach_totals(plan=plan, root=scope.unit, start=scope.start, end=scope.end)
    if not counts["total"] and not judged and not reached:
        return []
    blocks: list[Block] = []
    if counts["total"]:
        blocks.append(_sessions_paragraph(plan, counts))
    if judged:
        items = [
            _("%(group)s: %(coverage)s (%(verdict)s)")
            % {
                "group": GROUP_LABELS[j.threshold.group],
                "coverage": j.coverage.text(GROUP_NOUNS[j.threshold.group]),
                "verdict": _verdict(j),
            }
            for j in judged
        ]
        blocks.append(
            Paragraph(
                _("Kết quả học tập, quán triệt tính đến ngày %(day)s:")
                % {"day": format_date_short(scope.end)}
            )
        )
        blocks.append(BulletList((*(f"{i};" for i in items[:-1]), f"{items[-1]}.")))
    if scope.unit.numchild:
        groups = [t.group for t in thresholds]
        for j in judged:
            failing = _failing_paragraph(plan, scope, j, groups)
            if failing is not None:
                blocks.append(failing)
    blocks.extend(_outreach_blocks(reached))
    return blocks


def _outreach_blocks(reached: list[AudienceReach]) -> list[Block]:
    """The other audiences of the plan, reached in the window: "Toàn thể Nhân dân: 2.400
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


@register_summary_section("study")
def study_summary(scope: SummaryScope) -> list[Block] | None:
    blocks: list[Block] = []
    for plan in _plans(scope):
        blocks.extend(_plan_blocks(plan, scope))
    return blocks or None


def _verdicts(scope: SummaryScope) -> list[tuple[bool, str]]:
    """Each threshold with data: met or not, and its figures."""
    verdicts = []
    for plan in _plans(scope):
        for j in _judged(plan, scope, coverage.plan_thresholds(plan)):
            if j.coverage.denominator:
                text = _("%(coverage)s (chỉ tiêu %(threshold)s)") % {
                    "coverage": j.coverage.text(GROUP_NOUNS[j.threshold.group]),
                    "threshold": j.threshold.phrase,
                }
                verdicts.append((bool(j.met), text))
    return verdicts


@register_summary_section("strengths")
def study_strengths(scope: SummaryScope) -> list[Block] | None:
    met = [text for ok, text in _verdicts(scope) if ok]
    if not met:
        return None
    return [
        Paragraph(
            _("Việc học tập, quán triệt đạt chỉ tiêu đề ra: %(items)s.") % {"items": "; ".join(met)}
        )
    ]


@register_summary_section("limitations")
def study_limitations(scope: SummaryScope) -> list[Block] | None:
    missed = [text for ok, text in _verdicts(scope) if not ok]
    if not missed:
        return None
    return [
        Paragraph(
            _("Việc học tập, quán triệt chưa đạt chỉ tiêu: %(items)s.")
            % {"items": "; ".join(missed)}
        )
    ]


# --- the figures of the report form ------------------------------------------------------------


def _coverage_figures(plan: Plan, scope: SummaryScope) -> list[Figure]:
    # Only the groups someone in the subtree is counted in: a chi bộ's form has no line for
    # the commune's key cadres.
    thresholds = coverage.thresholds_in(plan=plan, root=scope.unit, day=scope.end)
    figures = []
    for j in _judged(plan, scope, thresholds):
        group = j.threshold.group
        noun, heading = GROUP_NOUNS[group], str(GROUP_LABELS[group])
        headcount_key = f"study.{group}.headcount"
        figures += [
            Figure(
                key=headcount_key,
                section="study",
                label=_("Tổng số %(noun)s") % {"noun": noun},
                value=j.coverage.denominator,
                unit=noun,
                group=heading,
            ),
            Figure(
                key=f"study.{group}.attended",
                section="study",
                label=_("%(group)s đã học tập, quán triệt") % {"group": heading},
                value=j.coverage.numerator,
                unit=noun,
                group=heading,
                at_most=headcount_key,
            ),
        ]
    return figures


def _session_figures(plan: Plan, scope: SummaryScope) -> list[Figure]:
    counts = _session_counts(plan, scope)
    heading, noun = _("Buổi học tập, quán triệt"), _("buổi")
    return [
        Figure(
            key="study.sessions",
            section="study",
            label=_("Số buổi học tập, quán triệt đã tổ chức trong kỳ"),
            value=counts["total"],
            unit=noun,
            group=heading,
        ),
        Figure(
            key="study.sessions.main",
            section="study",
            label=_("Trong đó: buổi quán triệt chính"),
            value=counts["main"],
            unit=noun,
            group=heading,
            at_most="study.sessions",
        ),
        Figure(
            key="study.sessions.makeup",
            section="study",
            label=_("Trong đó: buổi học bù"),
            value=counts["makeup"],
            unit=noun,
            group=heading,
            at_most="study.sessions",
        ),
    ]


def _outreach_figures(plan: Plan, scope: SummaryScope) -> list[Figure]:
    # Every audience, reached or not: the form keeps the same lines for every unit.
    reached = {
        r.audience: r
        for r in outreach_totals(plan=plan, root=scope.unit, start=scope.start, end=scope.end)
    }
    figures = []
    for audience, label in Outreach.Audience.choices:
        item = reached.get(audience)
        for reach_unit, noun in Outreach.ReachUnit.choices:
            value = 0
            if item is not None:
                value = item.people if reach_unit == Outreach.ReachUnit.PEOPLE else item.households
            figures.append(
                Figure(
                    key=f"outreach.{audience}.{reach_unit}",
                    section="study",
                    label=_("Số %(noun)s được tuyên truyền trong kỳ") % {"noun": noun},
                    value=value,
                    unit=str(noun),
                    group=str(label),
                )
            )
    return figures


@register_report_figures
def study_figures(scope: SummaryScope) -> list[Figure]:
    """Coverage as of the window's end, sessions and outreach in the window, of the plan.

    A form belongs to one plan: without a plan there are no figures, since two plans' lines
    would share their keys."""
    plan = scope.plan
    if plan is None:
        return []
    return [
        *_coverage_figures(plan, scope),
        *_session_figures(plan, scope),
        *_outreach_figures(plan, scope),
    ]
