"""Section III "Công tác tuyên truyền" of the summary report: items by channel in the
period's data window, how the plan's minimum-output rules were kept, banners hung."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.core.numbers import format_number, format_ratio_percent
from trienkhai.core.periods import Period
from trienkhai.documents.data import Block, Paragraph, Table
from trienkhai.documents.summary import register_summary_section
from trienkhai.media.compliance import compliance
from trienkhai.media.models import Banner, ChannelKind, MediaItem, MediaTally
from trienkhai.media.rules import MET, MISSED, PER_WORDS, Evaluation, PeriodResult
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import subtree_q
from trienkhai.plans.models import Plan

# Missed periods are named one by one only when they are few.
MAX_LISTED = 6


@register_summary_section("propaganda")
def media_summary(unit: OrgUnit, period: Period) -> list[Block] | None:
    start, end = period.data_window()
    in_subtree = subtree_q([unit.path], "org_unit")
    logged = dict(
        MediaItem.objects.filter(in_subtree, date__gte=start, date__lte=end)
        .values("channel__kind")
        .annotate(n=Count("id"))
        .values_list("channel__kind", "n")
    )
    # A week is counted in the window that holds its Thursday, as everywhere in the module.
    tallied = dict(
        MediaTally.objects.filter(
            in_subtree,
            week_start__gte=start - timedelta(days=3),
            week_start__lte=end - timedelta(days=3),
        )
        .values("channel__kind")
        .annotate(n=Sum("count"))
        .values_list("channel__kind", "n")
    )
    banners = dict(
        Banner.objects.filter(in_subtree, date_from__lte=end)
        .filter(Q(date_to__isnull=True) | Q(date_to__gte=start))
        .values("kind")
        .annotate(n=Sum("count"))
        .values_list("kind", "n")
    )
    blocks: list[Block] = []
    total = sum(logged.values()) + sum(tallied.values())
    if total:
        blocks += _output(logged, tallied, total)
    blocks += _rules(unit, start, end)
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


def _rules(unit: OrgUnit, start: date, end: date) -> list[Block]:
    blocks: list[Block] = []
    today = min(end, timezone.localdate())

    def judged(evaluation: Evaluation) -> list[PeriodResult]:
        return [
            p
            for p in evaluation.periods
            if p.status in (MET, MISSED) and start <= p.span.start and p.span.end <= end
        ]

    plans = Plan.objects.filter(org_unit=unit, media_rules__isnull=False)
    for plan in plans.exclude(state=Plan.State.WITHDRAWN).distinct():
        for rule in compliance(plan=plan, root=unit, today=today):
            config = rule.rule.config
            word = PER_WORDS.get(config.per) or _("kỳ")
            binding = [(r, judged(r.evaluation)) for r in rule.binding_rows]
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
    """The plan's output rules judged for the unit up to `until` (for the home page)."""
    return [
        block.text
        for block in _rules(unit, date(2000, 1, 1), until)
        if isinstance(block, Paragraph)
    ]
