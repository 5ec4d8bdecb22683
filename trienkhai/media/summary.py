"""Section III "Công tác tuyên truyền" of the summary report and its figures: items by channel
in the data window, how the plan's minimum-output rules were kept, banners hung.

A week's tally counts in the window that holds its Thursday, as everywhere in the module; a
rule judges the periods lying whole inside the window, up to and including one that ends on
the window's last day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.core.numbers import format_number, format_ratio_percent
from trienkhai.documents.data import Block, Paragraph, Table
from trienkhai.documents.figures import Figure, register_report_figures
from trienkhai.documents.summary import SummaryScope, register_summary_section
from trienkhai.media.compliance import RuleCompliance, compliance
from trienkhai.media.models import Banner, ChannelKind, MediaItem, MediaTally
from trienkhai.media.rules import MET, MISSED, PER_WORDS, PeriodResult
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import ancestor_paths, subtree_q
from trienkhai.plans.models import Plan

# Missed periods are named one by one only when they are few.
MAX_LISTED = 6


# --- counts in the window ------------------------------------------------------------------


def _channel_counts(scope: SummaryScope) -> tuple[dict[str, int], dict[str, int]]:
    """Items logged one by one, and items tallied by week, per channel kind."""
    in_subtree = subtree_q([scope.unit.path], "org_unit")
    logged = dict(
        MediaItem.objects.filter(in_subtree, date__gte=scope.start, date__lte=scope.end)
        .values("channel__kind")
        .annotate(n=Count("id"))
        .values_list("channel__kind", "n")
    )
    tallied = dict(
        MediaTally.objects.filter(
            in_subtree,
            week_start__gte=scope.start - timedelta(days=3),
            week_start__lte=scope.end - timedelta(days=3),
        )
        .values("channel__kind")
        .annotate(n=Sum("count"))
        .values_list("channel__kind", "n")
    )
    return logged, tallied


def _banner_counts(scope: SummaryScope) -> dict[str, int]:
    """Banners up at some time in the window, per kind."""
    return dict(
        Banner.objects.filter(subtree_q([scope.unit.path], "org_unit"), date_from__lte=scope.end)
        .filter(Q(date_to__isnull=True) | Q(date_to__gte=scope.start))
        .values("kind")
        .annotate(n=Sum("count"))
        .values_list("kind", "n")
    )


# --- the rules -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Judged:
    """One rule of one plan, judged over the window."""

    plan: Plan
    rule: RuleCompliance
    start: date
    end: date

    def within(self, periods: list[PeriodResult]) -> list[PeriodResult]:
        """The periods judged, lying whole inside the window."""
        return [
            p
            for p in periods
            if p.status in (MET, MISSED) and self.start <= p.span.start and p.span.end <= self.end
        ]


def _rule_plans(unit: OrgUnit, plan: Plan | None, *, own_only: bool = False) -> list[Plan]:
    """The plan reported on; without one, the plans with rules of the unit and of those above
    it (a commune's rule may judge each chi bộ), or of the unit alone."""
    if plan is not None:
        return [plan]
    paths = [unit.path] if own_only else [*ancestor_paths(unit.path), unit.path]
    return list(
        Plan.objects.filter(org_unit__path__in=paths, media_rules__isnull=False)
        .exclude(state=Plan.State.WITHDRAWN)
        .distinct()
        .select_related("org_unit")
        .order_by("date", "pk")
    )


def _judge(
    unit: OrgUnit, plans: list[Plan], start: date, end: date, judged_on: date
) -> list[_Judged]:
    """Each rule of the plans, judged for the unit's subtree on `judged_on`: a period ending
    the day before is over and judged."""
    return [
        _Judged(plan, rule, start, end)
        for plan in plans
        for rule in compliance(plan=plan, root=unit, today=judged_on)
    ]


def _scope_rules(scope: SummaryScope) -> list[_Judged]:
    # Judged on the day after the window: a week ending on its last day is over.
    judged_on = scope.end + timedelta(days=1)
    plans = _rule_plans(scope.unit, scope.plan)
    return _judge(scope.unit, plans, scope.start, scope.end, judged_on)


def _rule_blocks(unit: OrgUnit, judged: list[_Judged]) -> list[Block]:
    blocks: list[Block] = []
    for item in judged:
        config = item.rule.rule.config
        word = PER_WORDS.get(config.per) or _("kỳ")
        binding = [(r, item.within(r.evaluation.periods)) for r in item.rule.binding_rows]
        binding = [(r, periods) for r, periods in binding if periods]
        if not binding:
            continue
        if len(binding) == 1 and binding[0][0].unit.pk == unit.pk:
            periods = binding[0][1]
            met = sum(1 for p in periods if p.status == MET)
            text = _("Thực hiện quy định %(rule)s: số %(per)s đạt %(ratio)s") % {
                "rule": config.text,
                "per": word,
                "ratio": format_ratio_percent(met, len(periods), word),
            }
            missed = [p.span.label for p in periods if p.status == MISSED]
            if 0 < len(missed) <= MAX_LISTED:
                text += _("; chưa đạt: %(periods)s") % {"periods": "; ".join(missed)}
            blocks.append(Paragraph(text + "."))
        else:
            ok = sum(1 for _r, periods in binding if all(p.status == MET for p in periods))
            blocks.append(
                Paragraph(
                    _("Thực hiện quy định %(rule)s: số đơn vị đạt đủ các %(per)s %(ratio)s.")
                    % {
                        "rule": config.text,
                        "per": word,
                        "ratio": format_ratio_percent(ok, len(binding), _("đơn vị")),
                    }
                )
            )
    return blocks


def rule_lines(unit: OrgUnit, *, until: date) -> list[str]:
    """The unit's own plans' output rules judged up to `until` (for the home page): the
    period holding `until`, or today, is still running."""
    plans = _rule_plans(unit, None, own_only=True)
    judged = _judge(unit, plans, date(2000, 1, 1), until, min(until, timezone.localdate()))
    return [block.text for block in _rule_blocks(unit, judged) if isinstance(block, Paragraph)]


# --- the section -----------------------------------------------------------------------------


@register_summary_section("propaganda")
def media_summary(scope: SummaryScope) -> list[Block] | None:
    logged, tallied = _channel_counts(scope)
    banners = _banner_counts(scope)
    blocks: list[Block] = []
    total = sum(logged.values()) + sum(tallied.values())
    if total:
        blocks += _output(logged, tallied, total)
    blocks += _rule_blocks(scope.unit, _scope_rules(scope))
    if banners:
        parts = [
            _("%(n)s %(kind)s") % {"n": format_number(banners[k]), "kind": str(label).lower()}
            for k, label in Banner.Kind.choices
            if banners.get(k)
        ]
        blocks.append(
            Paragraph(
                _("Tuyên truyền trực quan: đã treo, dựng %(parts)s trong kỳ.")
                % {"parts": ", ".join(parts)}
            )
        )
    return blocks or None


def _output(logged: dict[str, int], tallied: dict[str, int], total: int) -> list[Block]:
    rows = []
    for kind, label in ChannelKind.choices:
        a, b = logged.get(kind, 0), tallied.get(kind, 0)
        if a or b:
            rows.append((str(label), format_number(a), format_number(b), format_number(a + b)))
    rows.append(
        (
            _("Cộng"),
            format_number(sum(logged.values())),
            format_number(sum(tallied.values())),
            format_number(total),
        )
    )
    return [
        Paragraph(
            _(
                "Trong kỳ, các kênh thông tin đã đăng, phát %(total)s tin, bài "
                "tuyên truyền về Kế hoạch, cụ thể như sau:"
            )
            % {"total": format_number(total)}
        ),
        Table(
            header_rows=(
                (_("Kênh"), _("Tin, bài ghi từng tin"), _("Tin, bài đếm theo tuần"), _("Cộng")),
            ),
            rows=tuple(rows),
            widths_mm=(60, 38, 38, 29),
            numeric_columns=(1, 2, 3),
        ),
    ]


# --- the figures of the report form --------------------------------------------------------


def _output_figures(scope: SummaryScope) -> list[Figure]:
    logged, tallied = _channel_counts(scope)
    heading, noun = _("Tin, bài tuyên truyền"), _("tin, bài")
    figures = [
        Figure(
            key=f"media.{kind}",
            section="propaganda",
            label=str(label),
            value=logged.get(kind, 0) + tallied.get(kind, 0),
            unit=noun,
            group=heading,
            at_most="media.total",
        )
        for kind, label in ChannelKind.choices
    ]
    total = sum(logged.values()) + sum(tallied.values())
    figures.append(
        Figure(
            key="media.total",
            section="propaganda",
            label=_("Tổng số tin, bài"),
            value=total,
            unit=noun,
            group=heading,
        )
    )
    return figures


def _rule_figures(scope: SummaryScope) -> list[Figure]:
    """Per rule that judges the unit itself: its periods met and judged in the window."""
    figures = []
    for item in _scope_rules(scope):
        rule = item.rule.rule
        if not rule.binds(item.plan, scope.unit):
            continue
        root = next((r for r in item.rule.rows if r.is_root), None)
        periods = item.within(root.evaluation.periods) if root else []
        word = PER_WORDS.get(rule.config.per) or _("kỳ")
        heading = _("Quy định %(rule)s") % {"rule": rule.config.text}
        key = f"media.rule.{rule.rule.pk}"
        figures += [
            Figure(
                key=f"{key}.met",
                section="propaganda",
                label=_("Số %(per)s đạt quy định") % {"per": word},
                value=sum(1 for p in periods if p.status == MET),
                unit=word,
                group=heading,
                at_most=f"{key}.judged",
            ),
            Figure(
                key=f"{key}.judged",
                section="propaganda",
                label=_("Số %(per)s tính trong kỳ") % {"per": word},
                value=len(periods),
                unit=word,
                group=heading,
            ),
        ]
    return figures


def _banner_figures(scope: SummaryScope) -> list[Figure]:
    banners = _banner_counts(scope)
    return [
        Figure(
            key=f"banners.{kind}",
            section="propaganda",
            label=str(label),
            value=banners.get(kind, 0),
            unit=_("cái"),
            group=_("Tuyên truyền trực quan"),
        )
        for kind, label in Banner.Kind.choices
    ]


@register_report_figures
def media_figures(scope: SummaryScope) -> list[Figure]:
    """Items per channel kind and banners in the window; the rules binding the unit."""
    return [*_output_figures(scope), *_rule_figures(scope), *_banner_figures(scope)]
