"""Inspections and supervision (kiểm tra, giám sát) of the plan's implementation.

An `Inspection` is decided by the Ủy ban Kiểm tra or the Ban Thường vụ (its owning unit, the
body), on some units, for some dates, by a team; the decision (quyết định) and the conclusion
(thông báo kết luận) are Party documents numbered in the body's register. Each `Finding` is
about one inspected unit; each `CorrectiveAction` asks that unit to put it right by a date.
The unit reports the action done with its evidence; the body verifies it or sends it back.
An action counts as done (on the task axes of `tasks.status`) only once verified, on the date
the unit gave; until then, past its date, it puts the unit on the slow-unit list.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from trienkhai.core.models import TimeStamped, acting_user, unit_audit_data
from trienkhai.orgs.models import OrgUnit, owning_unit
from trienkhai.orgs.scoping import UnitScopedQuerySet, read_scope, subtree_q
from trienkhai.plans.models import Plan

# The bodies that inspect and supervise on behalf of a Party committee.
BODY_KINDS = (OrgUnit.Kind.INSPECTION_COMMITTEE, OrgUnit.Kind.STANDING_COMMITTEE)


class InspectionState(models.TextChoices):
    PLANNED = "planned", _("Dự kiến")  # the decision is still a draft
    IN_PROGRESS = "in_progress", _("Đang tiến hành")  # decision issued: the team is at work
    CONCLUDED = "concluded", _("Đã kết luận")  # conclusion issued: actions under way
    CLOSED = "closed", _("Đã kết thúc")  # every corrective action verified


class InspectionQuerySet(UnitScopedQuerySet["Inspection"]):
    # The body's inspections are not addressed down to the whole commune: only the units
    # inspected read one, and only once its decision is issued (they receive the decision).
    def addressed_down(self) -> Q | None:
        return None

    def visible_to(self, user: object) -> InspectionQuerySet:
        scope = read_scope(user)
        if not scope.grants:
            return self.none()
        inspected = Inspection.units.through.objects.filter(
            subtree_q(scope.subtree_paths, "orgunit"), inspection_id=OuterRef("pk")
        )
        own = subtree_q(scope.subtree_paths, self.unit_field)
        return self.filter(own | (Q(Exists(inspected)) & ~Q(state=InspectionState.PLANNED)))


class Inspection(TimeStamped):
    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Kiểm tra")
        SUPERVISION = "supervision", _("Giám sát")

    org_unit = owning_unit(_("cơ quan tiến hành"), related_name="inspections")
    kind = models.CharField(_("hình thức"), max_length=12, choices=Kind.choices)
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("kế hoạch được kiểm tra"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
    )
    title = models.CharField(_("nội dung (trích yếu)"), max_length=400)
    units = models.ManyToManyField(
        OrgUnit, verbose_name=_("đối tượng kiểm tra"), related_name="inspected_by"
    )
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    team = models.TextField(_("thành phần đoàn"), blank=True)
    content = models.TextField(_("nội dung, phương pháp"), blank=True)
    conclusion = models.TextField(_("kết luận"), blank=True)
    state = models.CharField(
        _("tình trạng"),
        max_length=12,
        choices=InspectionState.choices,
        default=InspectionState.PLANNED,
    )
    decision = models.OneToOneField(
        "documents.OfficialDocument",
        verbose_name=_("quyết định"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_decided",
    )
    conclusion_doc = models.OneToOneField(
        "documents.OfficialDocument",
        verbose_name=_("thông báo kết luận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_concluded",
    )
    version = models.PositiveIntegerField(default=1)
    created_by = acting_user(blank=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("cuộc kiểm tra, giám sát")
        verbose_name_plural = _("cuộc kiểm tra, giám sát")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="inspection_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def editable(self) -> bool:
        """Header, units and team change only before the decision is issued."""
        return self.state == InspectionState.PLANNED

    @property
    def recording(self) -> bool:
        """Findings and their actions are recorded while the team is at work."""
        return self.state == InspectionState.IN_PROGRESS

    @property
    def kind_word(self) -> str:
        return str(self.get_kind_display()).lower()

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)


class FindingQuerySet(UnitScopedQuerySet["Finding"]):
    # A unit's findings are its own (not addressed down); the body that inspected reads them.
    shared_with = ("inspection__org_unit",)

    def addressed_down(self) -> Q | None:
        return None


class Finding(TimeStamped):
    """What the team found at one unit (ưu điểm are written in the conclusion; findings are
    the hạn chế, thiếu sót or vi phạm that call for a correction)."""

    class Severity(models.TextChoices):
        SHORTCOMING = "shortcoming", _("Hạn chế, thiếu sót")
        VIOLATION = "violation", _("Vi phạm")

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    org_unit = owning_unit(_("đơn vị"), related_name="findings")
    severity = models.CharField(
        _("mức độ"), max_length=12, choices=Severity.choices, default=Severity.SHORTCOMING
    )
    text = models.TextField(_("nội dung phát hiện"))
    created_by = acting_user(blank=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("nội dung phát hiện")
        verbose_name_plural = _("nội dung phát hiện")
        ordering = ["inspection", "org_unit__path", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def removable(self) -> bool:
        """Taken back only while the unit has reported none of its corrections."""
        return all(a.state == ActionState.OPEN for a in self.actions.all())

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)


class ActionState(models.TextChoices):
    OPEN = "open", _("Chưa khắc phục")
    REPORTED = "reported", _("Đơn vị báo đã khắc phục, chờ xác nhận")
    VERIFIED = "verified", _("Đã khắc phục (đã xác nhận)")


class ActionQuerySet(UnitScopedQuerySet["CorrectiveAction"]):
    shared_with = ("finding__inspection__org_unit",)

    def addressed_down(self) -> Q | None:
        return None

    def not_verified(self) -> ActionQuerySet:
        return self.exclude(state=ActionState.VERIFIED)

    def overdue_on(self, day: date) -> ActionQuerySet:
        """Not verified and past its date: what puts the unit on the slow-unit list."""
        return self.not_verified().filter(due__lt=day)


class CorrectiveAction(TimeStamped):
    """A correction the unit must make by `due` (yêu cầu khắc phục), its report with
    evidence, and the body's verification."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="actions")
    org_unit = owning_unit(_("đơn vị thực hiện"), related_name="corrective_actions")
    text = models.TextField(_("yêu cầu khắc phục"))
    due = models.DateField(_("hạn khắc phục"))
    state = models.CharField(
        _("tình trạng"), max_length=12, choices=ActionState.choices, default=ActionState.OPEN
    )
    # The unit's own date of completion (as for tasks): what the two axes judge once verified.
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    report = models.TextField(_("kết quả khắc phục"), blank=True)
    reported_by = acting_user(blank=True)
    reported_at = models.DateTimeField(_("báo cáo lúc"), null=True, blank=True)
    verified_by = acting_user(blank=True)
    verified_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    # The body's word when it verifies, or why it sent the report back.
    review_note = models.TextField(_("ý kiến của đoàn"), blank=True)
    returns = models.PositiveSmallIntegerField(_("số lần trả lại"), default=0)
    version = models.PositiveIntegerField(default=1)
    created_by = acting_user(blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("yêu cầu khắc phục")
        verbose_name_plural = _("yêu cầu khắc phục")
        ordering = ["due", "org_unit__path", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="verified")
                | Q(done_on__isnull=False, verified_at__isnull=False),
                name="action_verified_has_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def completed_on(self) -> date | None:
        """Done on the task axes only once the body has verified it."""
        return self.done_on if self.state == ActionState.VERIFIED else None

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)

    def file_readable_by(self, user: object) -> bool:
        """Evidence is read by the unit, the units above it and the body that inspected."""
        return CorrectiveAction.objects.visible_to(user).filter(pk=self.pk).exists()


class ActionEvent(models.Model):
    """One step of a corrective action's way (the trail the unit and the body read): set,
    reported done, sent back with the reason, verified."""

    class Kind(models.TextChoices):
        SET = "set", _("Giao yêu cầu khắc phục")
        REPORTED = "reported", _("Đơn vị báo cáo đã khắc phục")
        RETURNED = "returned", _("Đoàn trả lại, chưa đạt")
        VERIFIED = "verified", _("Xác nhận đã khắc phục")

    action = models.ForeignKey(CorrectiveAction, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    note = models.TextField(blank=True)
    at = models.DateTimeField()
    actor = acting_user(blank=True)

    class Meta:
        verbose_name = _("diễn biến khắc phục")
        verbose_name_plural = _("diễn biến khắc phục")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%d/%m/%Y})"
