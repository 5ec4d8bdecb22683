"""The status of a task against a reference date, on the official two axes.

Reference date R: today, or a report's cut-off so a closed report never changes. Counted on
the two axes are the occurrences due by R:

- hoàn thành đúng hạn: completed (the unit's reported date) by R, on or before the due date;
- hoàn thành quá hạn: completed by R, after the due date;
- chưa hoàn thành trong hạn: not completed, due on R itself (the due day is still in time);
- chưa hoàn thành quá hạn: not completed, due before R.

An occurrence completed ahead of its due date counts as "hoàn thành đúng hạn" from the day it
is completed: finishing early must never drop a task from the figures. Outside the axes:
"chưa đến hạn" (due after R), "thường xuyên" (no due date) and "không phát sinh" (declared by
the unit for a period of a recurring task). Sub-flags: "chưa thực hiện" (not completed and no
progress reported by R) and "sắp đến hạn" (not completed, due within 7 days from R).

The same rules exist twice, on purpose in one file: `classify` for one occurrence (detail
pages, tests) and `status_expression` / `count_expressions` for the database (lists, the
matrix, totals), so no page ever loops over all tasks in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trienkhai.core.numbers import format_number

DUE_SOON_DAYS = 7


class Status(models.TextChoices):
    DONE_ON_TIME = "done_on_time", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành quá hạn")
    IN_TIME = "in_time", _("Chưa hoàn thành, trong hạn")
    OVERDUE = "overdue", _("Chưa hoàn thành, quá hạn")
    NOT_DUE = "not_due", _("Chưa đến hạn")
    CONTINUOUS = "continuous", _("Thường xuyên")
    NOT_APPLICABLE = "not_applicable", _("Không phát sinh")


DONE = (Status.DONE_ON_TIME, Status.DONE_LATE)
NOT_DONE_DUE = (Status.IN_TIME, Status.OVERDUE)
ON_AXES = (*DONE, *NOT_DONE_DUE)
# Statuses where the unit still has something to do.
OPEN = (Status.IN_TIME, Status.OVERDUE, Status.NOT_DUE, Status.CONTINUOUS)

# Bootstrap colour of each status badge.
BADGE = {
    Status.DONE_ON_TIME: "success",
    Status.DONE_LATE: "warning",
    Status.IN_TIME: "info",
    Status.OVERDUE: "danger",
    Status.NOT_DUE: "light",
    Status.CONTINUOUS: "secondary",
    Status.NOT_APPLICABLE: "light",
}


@dataclass(frozen=True)
class StatusInfo:
    status: Status
    not_started: bool  # "chưa thực hiện"
    due_soon: bool  # "sắp đến hạn"

    @property
    def label(self) -> str:
        return str(self.status.label)

    @property
    def badge(self) -> str:
        return BADGE[self.status]


def classify(
    *,
    ref: date,
    due: date | None,
    completed_on: date | None = None,
    not_applicable_on: date | None = None,
    has_progress: bool = False,
) -> StatusInfo:
    """One occurrence's status on ``ref``; ``has_progress``: any update dated on or before ref."""
    if not_applicable_on is not None and not_applicable_on <= ref:
        return StatusInfo(Status.NOT_APPLICABLE, False, False)
    done = completed_on is not None and completed_on <= ref
    if due is None:
        status = Status.CONTINUOUS
    elif done:
        assert completed_on is not None
        status = Status.DONE_ON_TIME if completed_on <= due else Status.DONE_LATE
    elif due < ref:
        status = Status.OVERDUE
    elif due == ref:
        status = Status.IN_TIME
    else:
        status = Status.NOT_DUE
    not_started = status in OPEN and not has_progress
    due_soon = (
        status in (Status.IN_TIME, Status.NOT_DUE)
        and due is not None
        and due <= ref + timedelta(days=DUE_SOON_DAYS)
    )
    return StatusInfo(status, not_started, due_soon)


def info_of(row: Any, ref: date) -> StatusInfo:
    """The StatusInfo of a row annotated by `annotate_status` (no query)."""
    status = Status(row.status)
    due_soon = (
        status in (Status.IN_TIME, Status.NOT_DUE)
        and row.due is not None
        and row.due <= ref + timedelta(days=DUE_SOON_DAYS)
    )
    return StatusInfo(status, status in OPEN and not row.has_progress, due_soon)


# --- the same rules in SQL -------------------------------------------------------------------


def status_expression(ref: date) -> Case:
    """CASE over a TaskOccurrence row giving its `Status` on ``ref``."""
    done = Q(completed_on__isnull=False, completed_on__lte=ref)
    return Case(
        When(
            Q(not_applicable_on__isnull=False, not_applicable_on__lte=ref),
            then=Value(Status.NOT_APPLICABLE.value),
        ),
        When(due__isnull=True, then=Value(Status.CONTINUOUS.value)),
        When(done & Q(completed_on__lte=F("due")), then=Value(Status.DONE_ON_TIME.value)),
        When(done, then=Value(Status.DONE_LATE.value)),
        When(due__lt=ref, then=Value(Status.OVERDUE.value)),
        When(due=ref, then=Value(Status.IN_TIME.value)),
        default=Value(Status.NOT_DUE.value),
        output_field=models.CharField(),
    )


def progress_exists(ref: date) -> Exists:
    """Has the unit reported any progress (or completion) dated on or before ``ref``?"""
    from trienkhai.tasks.models import TaskUpdate

    return Exists(
        TaskUpdate.objects.filter(
            occurrence_id=OuterRef("pk"),
            kind__in=(TaskUpdate.Kind.PROGRESS, TaskUpdate.Kind.COMPLETION),
            date__lte=ref,
        )
    )


def annotate_status(queryset: Any, ref: date) -> Any:
    """Occurrences live on ``ref`` with `status`, `has_progress`, `due_soon` annotations."""
    return queryset.filter(starts_on__lte=ref, task__assigned_on__lte=ref).annotate(
        status=status_expression(ref), has_progress=progress_exists(ref)
    )


def status_filter(key: str, ref: date) -> Q | None:
    """The list filter behind each count; the same Q is used to count and to list."""
    soon = ref + timedelta(days=DUE_SOON_DAYS)
    if key in Status.values:
        return Q(status=key)
    return {
        "done": Q(status__in=DONE),
        "not_done": Q(status__in=NOT_DONE_DUE),
        "due_total": Q(status__in=ON_AXES),
        "not_started": Q(status__in=OPEN, has_progress=False),
        "due_soon": Q(status__in=(Status.IN_TIME, Status.NOT_DUE), due__lte=soon),
        "open": Q(status__in=OPEN),
        # Reported done, the assigning body has not confirmed (nor returned) it yet.
        "unconfirmed": Q(
            completed_on__isnull=False, completed_on__lte=ref, confirmed_at__isnull=True
        ),
    }.get(key)


COUNT_KEYS = (
    *Status.values,
    "done",
    "not_done",
    "due_total",
    "not_started",
    "due_soon",
)

FILTER_LABELS: dict[str, str] = {
    **{s.value: str(s.label) for s in Status},
    "done": str(_("Đã hoàn thành")),
    "not_done": str(_("Chưa hoàn thành (đến hạn)")),
    "due_total": str(_("Đến hạn (hai trục)")),
    "not_started": str(_("Chưa thực hiện")),
    "due_soon": str(_("Sắp đến hạn (7 ngày)")),
    "open": str(_("Còn phải làm")),
    "unconfirmed": str(_("Báo hoàn thành, chờ xác nhận")),
}


def count_expressions(ref: date) -> dict[str, Count]:
    """Conditional counts of an annotated occurrence queryset, one per `COUNT_KEYS`."""
    out: dict[str, Count] = {}
    for key in COUNT_KEYS:
        condition = status_filter(key, ref)
        assert condition is not None
        out[key] = Count("pk", filter=condition)
    return out


@dataclass(frozen=True)
class StatusCounts:
    done_on_time: int = 0
    done_late: int = 0
    in_time: int = 0
    overdue: int = 0
    not_due: int = 0
    continuous: int = 0
    not_applicable: int = 0
    not_started: int = 0
    due_soon: int = 0

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> StatusCounts:
        return cls(
            **{
                k: int(row.get(k) or 0)
                for k in (
                    "done_on_time",
                    "done_late",
                    "in_time",
                    "overdue",
                    "not_due",
                    "continuous",
                    "not_applicable",
                    "not_started",
                    "due_soon",
                )
            }
        )

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def not_done(self) -> int:
        return self.in_time + self.overdue

    @property
    def due_total(self) -> int:
        """Occurrences on the two axes: completed, or due by the reference date."""
        return self.done + self.not_done

    @property
    def total(self) -> int:
        return self.due_total + self.not_due + self.continuous + self.not_applicable

    def get(self, key: str) -> int:
        return int(getattr(self, key))

    def sentence(self) -> str:
        """The official wording, for reports and the page header."""
        figures = (
            "due_total",
            "done",
            "done_on_time",
            "done_late",
            "not_done",
            "in_time",
            "overdue",
        )
        return gettext(
            "Tổng số %(due_total)s nhiệm vụ đến hạn: đã hoàn thành %(done)s "
            "(đúng hạn %(done_on_time)s, quá hạn %(done_late)s); chưa hoàn thành "
            "%(not_done)s (trong hạn %(in_time)s, quá hạn %(overdue)s)"
        ) % {key: format_number(getattr(self, key)) for key in figures}
