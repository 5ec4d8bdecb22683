"""What the opinion log, the rebuttals and the good practices give the report form (its
prefilled figures) and the summary report: the work of following public opinion and of
rebutting false posts under III (tuyên truyền), the good models under the strengths, the
opinions still unanswered under the limitations, the petitions still open under the
proposals. Sensitive reports are counted, never quoted.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from trienkhai.core.numbers import format_number
from trienkhai.documents.data import Block, BulletList, Paragraph
from trienkhai.documents.figures import Figure, register_report_figures
from trienkhai.documents.summary import SummaryScope, register_summary_section
from trienkhai.opinion.models import (
    GoodPractice,
    OpinionReport,
    OpinionState,
    PracticeState,
    Rebuttal,
    Sensitivity,
)
from trienkhai.orgs.scoping import subtree_q

# Open petitions are named one by one only when they are few.
MAX_LISTED = 8


@dataclass(frozen=True)
class OpinionCounts:
    """The opinion log of a subtree over a window, as of the window's end."""

    total: int
    by_kind: dict[str, int]
    answered: int  # answered by the window's end
    open_before: int  # noted before the window and still unanswered at its end

    @property
    def unanswered(self) -> int:
        return self.total - self.answered


def opinion_counts(scope: SummaryScope) -> OpinionCounts:
    reports = OpinionReport.objects.filter(subtree_q([scope.unit.path], "org_unit"))
    answered_by_end = Q(state=OpinionState.ANSWERED, answered_on__lte=scope.end)
    row = reports.aggregate(
        total=Count("pk", filter=Q(noted_on__gte=scope.start, noted_on__lte=scope.end)),
        answered=Count(
            "pk", filter=Q(noted_on__gte=scope.start, noted_on__lte=scope.end) & answered_by_end
        ),
        open_before=Count("pk", filter=Q(noted_on__lt=scope.start) & ~answered_by_end),
    )
    by_kind = dict(
        reports.filter(noted_on__gte=scope.start, noted_on__lte=scope.end)
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return OpinionCounts(row["total"], by_kind, row["answered"], row["open_before"])


@dataclass(frozen=True)
class RebuttalCounts:
    posts: int
    by_platform: dict[str, int]
    comments: int
    reported: int
    items: int  # rebuttal news items published


def rebuttal_counts(scope: SummaryScope) -> RebuttalCounts:
    rows = Rebuttal.objects.filter(
        subtree_q([scope.unit.path], "org_unit"),
        noted_on__gte=scope.start,
        noted_on__lte=scope.end,
    )
    row = rows.aggregate(
        posts=Count("pk"),
        comments=Sum("comments"),
        reported=Count("pk", filter=Q(reported=True)),
        items=Count("media_item", distinct=True),
    )
    by_platform = dict(rows.values("platform").annotate(n=Count("pk")).values_list("platform", "n"))
    return RebuttalCounts(
        row["posts"], by_platform, row["comments"] or 0, row["reported"], row["items"]
    )


def _practices(scope: SummaryScope) -> tuple[int, list[str]]:
    """Proposed in the window, and the titles of those recognised by its end."""
    rows = GoodPractice.objects.filter(
        subtree_q([scope.unit.path], "org_unit"),
        created_at__date__gte=scope.start,
        created_at__date__lte=scope.end,
    )
    recognised = list(
        rows.filter(state=PracticeState.RECOGNISED, reviewed_at__date__lte=scope.end)
        .select_related("org_unit")
        .order_by("org_unit__path", "pk")
        .values_list("title", "org_unit__name")
    )
    return rows.count(), [f"{title} ({unit})" for title, unit in recognised]


# --- the figures of the report form --------------------------------------------------------


@register_report_figures
def opinion_figures(scope: SummaryScope) -> list[Figure]:
    counts = opinion_counts(scope)
    rebuttals = rebuttal_counts(scope)
    proposed, recognised = _practices(scope)
    heading, noun = _("Nắm bắt dư luận xã hội"), _("ý kiến")
    figures = [
        Figure(
            key="opinion.total",
            section="propaganda",
            label=_("Ý kiến, phản ánh, kiến nghị ghi nhận"),
            value=counts.total,
            unit=noun,
            group=heading,
        ),
        *(
            Figure(
                key=f"opinion.{kind}",
                section="propaganda",
                label=str(label),
                value=counts.by_kind.get(kind, 0),
                unit=noun,
                group=heading,
                at_most="opinion.total",
            )
            for kind, label in OpinionReport.Kind.choices
        ),
        Figure(
            key="opinion.answered",
            section="propaganda",
            label=_("Đã trả lời, giải quyết"),
            value=counts.answered,
            unit=noun,
            group=heading,
            at_most="opinion.total",
        ),
    ]
    heading = _("Đấu tranh phản bác quan điểm sai trái")
    figures += [
        Figure(
            key="rebuttal.posts",
            section="propaganda",
            label=_("Bài viết sai trái, thù địch đã phản bác"),
            value=rebuttals.posts,
            unit=_("bài viết"),
            group=heading,
        ),
        Figure(
            key="rebuttal.comments",
            section="propaganda",
            label=_("Bình luận, chia sẻ phản bác"),
            value=rebuttals.comments,
            unit=_("lượt"),
            group=heading,
        ),
        Figure(
            key="rebuttal.reported",
            section="propaganda",
            label=_("Bài viết đã báo cáo vi phạm với nền tảng"),
            value=rebuttals.reported,
            unit=_("bài viết"),
            group=heading,
            at_most="rebuttal.posts",
        ),
    ]
    heading = _("Mô hình hay, cách làm hiệu quả")
    figures += [
        Figure(
            key="practice.proposed",
            section="propaganda",
            label=_("Mô hình, cách làm đề xuất"),
            value=proposed,
            unit=_("mô hình"),
            group=heading,
        ),
        Figure(
            key="practice.recognised",
            section="propaganda",
            label=_("Mô hình, cách làm được công nhận"),
            value=len(recognised),
            unit=_("mô hình"),
            group=heading,
            at_most="practice.proposed",
        ),
    ]
    return figures


# --- the summary report ----------------------------------------------------------------------


@register_summary_section("propaganda")
def opinion_summary(scope: SummaryScope) -> list[Block] | None:
    blocks: list[Block] = []
    counts = opinion_counts(scope)
    if counts.total:
        kinds = [
            f"{format_number(counts.by_kind[k])} {str(label).lower()}"
            for k, label in OpinionReport.Kind.choices
            if counts.by_kind.get(k)
        ]
        blocks.append(
            Paragraph(
                _(
                    "Công tác nắm bắt tư tưởng, dư luận xã hội: trong kỳ, các đơn vị ghi nhận "
                    "%(total)s ý kiến, phản ánh (%(kinds)s); đã trả lời, giải quyết %(answered)s, "
                    "đang xem xét %(open)s."
                )
                % {
                    "total": format_number(counts.total),
                    "kinds": ", ".join(kinds),
                    "answered": format_number(counts.answered),
                    "open": format_number(counts.unanswered),
                }
            )
        )
    rebuttals = rebuttal_counts(scope)
    if rebuttals.posts:
        platforms = [
            f"{label} {format_number(rebuttals.by_platform[k])}"
            for k, label in Rebuttal.Platform.choices
            if rebuttals.by_platform.get(k)
        ]
        text = _(
            "Đấu tranh phản bác các quan điểm sai trái, thù địch: phản bác %(posts)s bài viết "
            "(%(platforms)s), với %(comments)s bình luận, chia sẻ; đăng %(items)s tin, bài "
            "phản bác; báo cáo vi phạm %(reported)s bài viết với các nền tảng."
        ) % {
            "posts": format_number(rebuttals.posts),
            "platforms": ", ".join(platforms),
            "comments": format_number(rebuttals.comments),
            "items": format_number(rebuttals.items),
            "reported": format_number(rebuttals.reported),
        }
        blocks.append(Paragraph(text))
    return blocks or None


@register_summary_section("strengths")
def practice_strengths(scope: SummaryScope) -> list[Block] | None:
    proposed, recognised = _practices(scope)
    if not proposed:
        return None
    blocks: list[Block] = [
        Paragraph(
            _(
                "Các đơn vị đề xuất %(proposed)s mô hình hay, cách làm hiệu quả; "
                "%(recognised)s mô hình được công nhận để nhân rộng%(colon)s"
            )
            % {
                "proposed": format_number(proposed),
                "recognised": format_number(len(recognised)),
                "colon": ":" if recognised else ".",
            }
        )
    ]
    if recognised:
        blocks.append(BulletList((*(f"{t};" for t in recognised[:-1]), f"{recognised[-1]}.")))
    return blocks


@register_summary_section("limitations")
def opinion_limitations(scope: SummaryScope) -> list[Block] | None:
    counts = opinion_counts(scope)
    waiting = counts.unanswered + counts.open_before
    if not waiting:
        return None
    text = _("Còn %(n)s ý kiến, phản ánh của nhân dân chưa được trả lời, giải quyết") % {
        "n": format_number(waiting)
    }
    if counts.open_before:
        text += _(" (%(n)s ý kiến từ các kỳ trước)") % {"n": format_number(counts.open_before)}
    return [Paragraph(text + ".")]


@register_summary_section("proposals")
def open_petitions(scope: SummaryScope) -> list[Block] | None:
    """The petitions (kiến nghị) still open at the window's end, by topic; a sensitive one is
    counted, its topic not named."""
    rows = list(
        OpinionReport.objects.filter(
            subtree_q([scope.unit.path], "org_unit"),
            kind=OpinionReport.Kind.PETITION,
            noted_on__lte=scope.end,
        )
        .exclude(state=OpinionState.ANSWERED, answered_on__lte=scope.end)
        .select_related("org_unit")
        .order_by("noted_on", "pk")
    )
    named = [r for r in rows if r.sensitivity == Sensitivity.NORMAL]
    hidden = len(rows) - len(named)
    if not named and not hidden:
        return None
    blocks: list[Block] = [
        Paragraph(_("Kiến nghị của nhân dân đề nghị cấp có thẩm quyền xem xét, giải quyết:"))
    ]
    items = [f"{r.topic} ({r.org_unit.name})" for r in named[:MAX_LISTED]]
    if len(named) > MAX_LISTED:
        items.append(_("và %(n)s kiến nghị khác") % {"n": format_number(len(named) - MAX_LISTED)})
    if hidden:
        items.append(
            _("%(n)s kiến nghị có nội dung nhạy cảm (báo cáo riêng)") % {"n": format_number(hidden)}
        )
    blocks.append(BulletList((*(f"{i};" for i in items[:-1]), f"{items[-1]}.")))
    return blocks
