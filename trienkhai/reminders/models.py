"""Reminders before and after each deadline: the rule of a plan (how many days before, how
often once late), each message sent (`Reminder`, one row per message: sent once), what a user
reads in the app (`Notification`) and a unit's pause with its reason."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trienkhai.core.models import TimeStamped, acting_user
from trienkhai.orgs.models import owning_unit
from trienkhai.orgs.scoping import UnitScopedQuerySet
from trienkhai.plans.models import Plan

DAYS_BEFORE = 3
EVERY_DAYS = 7


class ReminderRule(TimeStamped):
    """When a plan's reports and tasks are reminded, or one report schedule's (a plan without
    a rule: 3 days before, on the day, then every 7 days while late)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reminder_rules")
    # Set: the rule of this schedule's reports only (the year report reminded a week ahead).
    schedule = models.OneToOneField(
        "reporting.ReportSchedule",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminder_rule",
    )
    org_unit = owning_unit(related_name="reminder_rules")
    days_before = models.PositiveSmallIntegerField(_("nhắc trước (ngày)"), default=DAYS_BEFORE)
    every_days = models.PositiveSmallIntegerField(
        _("khi quá hạn, nhắc lại sau mỗi (ngày)"), default=EVERY_DAYS
    )

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy định nhắc việc")
        verbose_name_plural = _("quy định nhắc việc")
        constraints = [
            models.UniqueConstraint(
                fields=["plan"], condition=Q(schedule__isnull=True), name="one_rule_per_plan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.days_before}/{self.every_days}"


class Kind(models.TextChoices):
    REPORT = "report", _("Báo cáo")
    TASK = "task", _("Nhiệm vụ")
    # The office's own nudge to a slow unit (đôn đốc), from the slow-unit list.
    NUDGE = "nudge", _("Đôn đốc")


class When(models.TextChoices):
    BEFORE = "before", _("Sắp đến hạn")
    DUE = "due", _("Đến hạn hôm nay")
    OVERDUE = "overdue", _("Quá hạn")


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    APP = "app", _("Trong ứng dụng")
    ZALO = "zalo", _("Tin nhắn Zalo (sao chép)")


class Reminder(models.Model):
    """One message about one deadline on one channel: the key makes it sent once, whatever
    how often or how interrupted the job runs. `pending` until delivered."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        SENT = "sent", _("Đã gửi")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    org_unit = owning_unit(_("đơn vị được nhắc"), related_name="reminders")
    when = models.CharField(max_length=8, choices=When.choices)
    # 0 before and on the day; n for the n-th reminder once late.
    step = models.PositiveSmallIntegerField(default=0)
    due = models.DateField(_("hạn"))
    channel = models.CharField(max_length=8, choices=Channel.choices)
    recipients = models.JSONField(_("người nhận"), default=list)
    text = models.TextField(_("nội dung"))
    url = models.CharField(max_length=300)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tin nhắc việc")
        verbose_name_plural = _("tin nhắc việc")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "org_unit", "when", "step", "channel"],
                name="reminder_sent_once",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Notification(models.Model):
    """What a user reads in the app; unread until opened."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    reminder = models.ForeignKey(
        Reminder, on_delete=models.CASCADE, related_name="notifications", null=True
    )
    text = models.TextField()
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "reminder"],
                condition=Q(reminder__isnull=False),
                name="notification_once_per_reminder",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ReminderPause(TimeStamped):
    """The office stops reminders to a unit for a while (a chi bộ merging, a secretary away),
    with its reason; lifted by clearing `active`."""

    org_unit = owning_unit(_("đơn vị"), related_name="reminder_pauses")
    reason = models.CharField(_("lý do"), max_length=300)
    active = models.BooleanField(_("đang tạm dừng"), default=True)
    created_by = acting_user()

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tạm dừng nhắc việc")
        verbose_name_plural = _("tạm dừng nhắc việc")
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit"], condition=Q(active=True), name="one_active_pause_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.org_unit}: {self.reason}"
