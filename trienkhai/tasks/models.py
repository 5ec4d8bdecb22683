"""Tasks: the duties of a plan turned into work of each unit, with deadlines and evidence.

A `Task` is one unit's share of one duty (a duty of "các tổ chức đảng trực thuộc" fans out to
each of them). What is judged against a deadline is a `TaskOccurrence`: a one-off task has
one, a "thường xuyên" task has one without a due date, a recurring task one per period
(quý, tháng…), which the unit may declare "không phát sinh". Progress notes, completion
reports, confirmations and returns are `TaskUpdate`s: the task's timeline.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trienkhai.core.models import TimeStamped, acting_user, unit_audit_data
from trienkhai.orgs.models import OrgUnit, owning_unit
from trienkhai.orgs.scoping import UnitScopedQuerySet
from trienkhai.plans.models import Plan, PlanDuty, Solution


class Recurrence(models.TextChoices):
    ONCE = "once", _("Một lần")
    CONTINUOUS = "continuous", _("Thường xuyên")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    SIX_MONTHLY = "six_monthly", _("6 tháng một lần")
    YEARLY = "yearly", _("Hằng năm")


RECURRING = (
    Recurrence.MONTHLY,
    Recurrence.QUARTERLY,
    Recurrence.SIX_MONTHLY,
    Recurrence.YEARLY,
)


class Deliverable(models.TextChoices):
    DOCUMENT = "document", _("Văn bản (kế hoạch, chương trình)")
    REPORT = "report", _("Báo cáo")
    NONE = "none", _("Không có sản phẩm riêng")


def task_search_text(section: str, text: str) -> str:
    from trienkhai.core.text import search_key

    return search_key(f"{section} {text}")


class TaskQuerySet(UnitScopedQuerySet["Task"]):
    """A task is read by its assignee, its helpers and the units above them.

    Ancestors are not enough: a chi bộ reads the commune's plan, not the tasks of the
    commune's other bodies.
    """

    unit_field = "assignee"
    shared_with = ("helpers",)

    def addressed_down(self) -> None:
        return None


class Task(TimeStamped):
    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="tasks"
    )
    duty = models.ForeignKey(
        PlanDuty,
        verbose_name=_("nhiệm vụ trong kế hoạch"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
    )
    solution = models.ForeignKey(
        Solution,
        verbose_name=_("nhóm giải pháp"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
    )
    section = models.CharField(_("mục"), max_length=20, blank=True)
    body = models.CharField(_("cơ quan thực hiện (như văn bản)"), max_length=200, blank=True)
    text = models.TextField(_("nội dung nhiệm vụ"))
    assignee = owning_unit(_("đơn vị chủ trì"), related_name="tasks")
    # The unit the fan-out gave the duty to: assigning the plan again skips it even after
    # the office has reassigned the task to another unit.
    origin_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    helpers = models.ManyToManyField(
        OrgUnit, verbose_name=_("đơn vị phối hợp"), blank=True, related_name="helper_tasks"
    )
    recurrence = models.CharField(
        _("thời hạn"), max_length=16, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    due = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    assigned_on = models.DateField(_("ngày giao"))
    ends_on = models.DateField(_("thực hiện đến"), null=True, blank=True)
    deliverable = models.CharField(
        _("sản phẩm"), max_length=10, choices=Deliverable.choices, default=Deliverable.NONE
    )
    # The unit's own implementation plan (kế hoạch của chi bộ): drafted and uploaded here.
    is_unit_plan = models.BooleanField(_("kế hoạch thực hiện của đơn vị"), default=False)
    order = models.PositiveIntegerField(default=0)
    created_by = acting_user()
    # Lower case without diacritics, so a search ignores tone marks (hoà = hòa).
    search_text = models.TextField(editable=False, default="")

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["duty", "origin_unit"],
                condition=Q(duty__isnull=False, origin_unit__isnull=False),
                name="task_one_per_duty_and_unit",
            ),
            models.CheckConstraint(
                condition=~Q(recurrence="once") | Q(due__isnull=False),
                name="task_once_has_due",
            ),
            models.CheckConstraint(
                condition=Q(recurrence="once") | Q(due__isnull=True),
                name="task_due_only_when_once",
            ),
        ]
        indexes = [models.Index(fields=["plan", "section"])]

    def __str__(self) -> str:
        return self.text[:80]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = task_search_text(self.section, self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_recurring(self) -> bool:
        return self.recurrence in RECURRING

    def get_additional_data(self) -> dict[str, Any]:
        # Logged under the assignee, so both the unit and the office above it see the entry.
        unit = self.assignee
        return unit_audit_data(unit)

    def file_readable_by(self, user: object) -> bool:
        return Task.objects.visible_to(user).filter(pk=self.pk).exists()


class OccurrenceQuerySet(UnitScopedQuerySet["TaskOccurrence"]):
    """Read where its task is."""

    unit_field = "task__assignee"
    shared_with = ("task__helpers",)

    def addressed_down(self) -> None:
        return None


class TaskOccurrence(TimeStamped):
    """What is judged against one deadline: the task itself, or one period of it."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="occurrences")
    # "" for a one-off or continuous task; "2026-Q3", "2026-07"… for a recurring one.
    period = models.CharField(_("kỳ"), max_length=16, blank=True)
    # Before this day the occurrence does not exist yet for any count.
    starts_on = models.DateField(_("bắt đầu"))
    due = models.DateField(_("hạn"), null=True, blank=True)
    # "Không phát sinh": declared by the unit, from this (reported) day.
    not_applicable_on = models.DateField(_("không phát sinh từ ngày"), null=True, blank=True)
    # The completion date is the one the unit reports, not the day it typed it.
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    completed_by = acting_user(blank=True)
    reported_at = models.DateTimeField(_("báo cáo hoàn thành lúc"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    confirmed_by = acting_user(blank=True)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("kỳ thực hiện nhiệm vụ")
        verbose_name_plural = _("kỳ thực hiện nhiệm vụ")
        ordering = ["task", "starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["task", "period"], name="occurrence_one_per_period"),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="occurrence_progress_percent"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(completed_on__isnull=False),
                name="occurrence_confirmed_only_when_done",
            ),
        ]
        indexes = [
            models.Index(fields=["due"]),
            models.Index(fields=["starts_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.task} ({self.period_label})" if self.period else str(self.task)

    @property
    def period_label(self) -> str:
        if not self.period:
            return ""
        from trienkhai.core.periods import parse_period

        return parse_period(self.period).label

    def get_additional_data(self) -> dict[str, Any]:
        return self.task.get_additional_data()


class UpdateQuerySet(UnitScopedQuerySet["TaskUpdate"]):
    """Read where its task is."""

    unit_field = OccurrenceQuerySet.unit_field
    shared_with = OccurrenceQuerySet.shared_with

    def addressed_down(self) -> None:
        return None


class TaskUpdate(models.Model):
    """One line of a task's timeline; evidence files are `StoredFile`s owned by it."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Cập nhật tiến độ")
        COMPLETION = "completion", _("Báo cáo hoàn thành")
        NOT_APPLICABLE = "not_applicable", _("Không phát sinh")
        CONFIRMATION = "confirmation", _("Xác nhận hoàn thành")
        RETURNED = "returned", _("Trả lại")
        ASSIGNMENT = "assignment", _("Giao, điều chỉnh nhiệm vụ")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    occurrence = models.ForeignKey(
        TaskOccurrence, on_delete=models.CASCADE, null=True, blank=True, related_name="updates"
    )
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("ngày"))
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = acting_user()
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    objects = UpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("diễn biến nhiệm vụ")
        verbose_name_plural = _("diễn biến nhiệm vụ")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__isnull=True) | Q(progress__lte=100),
                name="update_progress_percent",
            )
        ]
        indexes = [models.Index(fields=["occurrence", "kind", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

    def get_additional_data(self) -> dict[str, Any]:
        return self.task.get_additional_data()

    def file_readable_by(self, user: object) -> bool:
        # Evidence follows its task: another unit's file is a 404, like a missing one.
        return Task.objects.visible_to(user).filter(pk=self.task_id).exists()
