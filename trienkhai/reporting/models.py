"""The reporting loop: what each unit must report when (`ReportSchedule`), one request per
unit and period (`ReportRequest`) and its timeline (`ReportEvent`), and the days off the due
dates skip (`Holiday`).

A request moves chưa làm → đang soạn → đã gửi → trả lại / đã duyệt only through the services
(`reporting.services`), under a row lock and with the version the editor read, so that
"đã nộp x/y" is a count and nobody's text is lost to a second editor.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from trienkhai.core.models import StoredFile, TimeStamped, acting_user, unit_audit_data
from trienkhai.orgs.models import OrgUnit, owning_unit
from trienkhai.orgs.scoping import UnitScopedQuerySet
from trienkhai.plans.models import Plan


class Holiday(TimeStamped):
    """A day off (Tết, Quốc khánh, a day swapped by decree) kept by a unit for its subtree:
    holidays are data the office enters each year, not code."""

    org_unit = owning_unit(_("đơn vị quản lý"), related_name="holidays")
    day = models.DateField(_("ngày nghỉ"))
    name = models.CharField(_("tên ngày nghỉ"), max_length=120)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("ngày nghỉ")
        verbose_name_plural = _("ngày nghỉ")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "day"], name="holiday_unique_day")
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"


class ScheduleKind(models.TextChoices):
    MONTH = "month", _("Hằng tháng")
    QUARTER = "quarter", _("Hằng quý")
    HALF = "half", _("Sơ kết 6 tháng")
    NINE_MONTHS = "nine_months", _("9 tháng")
    YEAR = "year", _("Hằng năm")
    MULTI_YEAR = "multi_year", _("Tổng kết nhiều năm")
    ONE_OFF = "one_off", _("Một lần, chuyên đề")


class ReportSchedule(TimeStamped):
    """What a plan asks units to report: a periodic report or a one-off one."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="report_schedules")
    org_unit = owning_unit(_("đơn vị yêu cầu báo cáo"), related_name="report_schedules")
    title = models.CharField(_("tên báo cáo"), max_length=200)
    kind = models.CharField(_("loại"), max_length=12, choices=ScheduleKind.choices)
    # The period of a one-off report ("2026-Q2") and its fixed due date.
    period = models.CharField(_("kỳ báo cáo"), max_length=16, blank=True)
    due_date = models.DateField(_("hạn nộp"), null=True, blank=True)
    first_year = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    # No period that ends before this day is asked (the first quarter after the plan).
    starts_on = models.DateField(_("áp dụng từ ngày"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    cutoff_day = models.PositiveSmallIntegerField(_("ngày chốt số liệu"), default=15)
    # Due this many working days after the data window closes (1: the cut-off day itself).
    due_working_days = models.PositiveSmallIntegerField(_("số ngày làm việc để nộp"), default=1)
    unit_kinds = models.JSONField(_("loại đơn vị báo cáo"), default=list)
    reviewer = models.ForeignKey(
        OrgUnit,
        verbose_name=_("cơ quan tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="reviewed_schedules",
    )
    active = models.BooleanField(_("đang áp dụng"), default=True)
    created_by = acting_user()

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lịch báo cáo")
        verbose_name_plural = _("lịch báo cáo")
        ordering = ["plan", "pk"]

    def __str__(self) -> str:
        return self.title


class RequestState(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa làm")
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại")
    ACCEPTED = "accepted", _("Đã duyệt")


class ReportRequestQuerySet(UnitScopedQuerySet["ReportRequest"]):
    def addressed_down(self) -> None:
        # A unit's report is read by the unit and those above it, never by its siblings.
        return None


class ReportRequest(TimeStamped):
    """One unit's report for one period of a schedule."""

    schedule = models.ForeignKey(ReportSchedule, on_delete=models.PROTECT, related_name="requests")
    org_unit = owning_unit(_("đơn vị báo cáo"), related_name="report_requests")
    period = models.CharField(_("kỳ"), max_length=16)
    window_start = models.DateField(_("số liệu từ ngày"))
    window_end = models.DateField(_("số liệu đến ngày"))
    due = models.DateField(_("hạn nộp"))
    extended_due = models.DateField(_("gia hạn đến"), null=True, blank=True)
    extension_reason = models.CharField(_("lý do gia hạn"), max_length=300, blank=True)
    state = models.CharField(
        _("tình trạng"),
        max_length=12,
        choices=RequestState.choices,
        default=RequestState.NOT_STARTED,
    )
    version = models.PositiveIntegerField(default=1)
    first_submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    returns = models.PositiveSmallIntegerField(_("số lần trả lại"), default=0)
    # What the system counted as of the window's end ({"as_of", "figures": [...]}, see
    # documents.figures), what the unit reports ({key: value}) and why it differs ({key: note}).
    prefill = models.JSONField(_("số liệu hệ thống"), default=dict, blank=True)
    fields = models.JSONField(_("số liệu"), default=dict, blank=True)
    notes = models.JSONField(_("ghi chú số liệu"), default=dict, blank=True)
    # Kết quả; then hạn chế, nguyên nhân, đề xuất, kiến nghị ({section key: text}).
    narrative = models.TextField(_("nội dung báo cáo"), blank=True)
    sections = models.JSONField(_("các phần của báo cáo"), default=dict, blank=True)
    last_reminded_at = models.DateTimeField(_("nhắc lần cuối"), null=True, blank=True)

    objects = ReportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["due", "org_unit__path", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "period", "org_unit"], name="report_request_unique"
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(state="accepted"),
                name="report_request_accepted_state",
            ),
        ]
        indexes = [models.Index(fields=["period", "state"], name="report_request_period")]

    def __str__(self) -> str:
        return f"{self.schedule.title} · {self.period} · {self.org_unit.name}"

    @property
    def effective_due(self) -> date:
        """The due date, or the extension the office granted."""
        return self.extended_due or self.due

    @property
    def locked(self) -> bool:
        return self.state == RequestState.ACCEPTED

    def file_readable_by(self, user: object) -> bool:
        """Its attachments are read by whoever reads the report."""
        return ReportRequest.objects.visible_to(user).filter(pk=self.pk).exists()


def effective_due() -> Coalesce:
    """`ReportRequest.effective_due` in SQL: the extension, else the due date."""
    return Coalesce("extended_due", "due", output_field=models.DateField())


class ReportEvent(models.Model):
    """One step of a request's timeline: who did what, when, and why."""

    class Action(models.TextChoices):
        SAVED = "saved", _("Lưu bản nháp")
        SUBMITTED = "submitted", _("Gửi báo cáo")
        RETURNED = "returned", _("Trả lại")
        ACCEPTED = "accepted", _("Duyệt")
        REOPENED = "reopened", _("Mở lại")
        EXTENDED = "extended", _("Gia hạn")

    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("việc"), max_length=12, choices=Action.choices)
    from_state = models.CharField(max_length=12, choices=RequestState.choices)
    to_state = models.CharField(max_length=12, choices=RequestState.choices)
    reason = models.CharField(_("lý do"), max_length=500, blank=True)
    # Entered by the office on the unit's behalf ("nhập thay").
    on_behalf = models.BooleanField(_("nhập thay"), default=False)
    at = models.DateTimeField(_("lúc"))
    actor = acting_user()

    class Meta:
        verbose_name = _("diễn biến báo cáo")
        verbose_name_plural = _("diễn biến báo cáo")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%d/%m/%Y %H:%M}"


# The narrative parts of a report after "kết quả" (the `narrative`), as the form and the summary
# name them.
NARRATIVE_SECTIONS: tuple[tuple[str, Promise], ...] = (
    ("han_che", _("Hạn chế")),
    ("nguyen_nhan", _("Nguyên nhân")),
    ("de_xuat", _("Đề xuất")),
    ("kien_nghi", _("Kiến nghị")),
)


class ReportAttachment(TimeStamped):
    """A file sent with a report: the signed report itself (Word or PDF), or an annex."""

    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+")
    signed = models.BooleanField(_("bản báo cáo đã ký"), default=False)
    added_by = acting_user()

    class Meta:
        verbose_name = _("tệp kèm báo cáo")
        verbose_name_plural = _("tệp kèm báo cáo")
        ordering = ["-signed", "created_at", "pk"]

    def __str__(self) -> str:
        return self.file.original_name

    def file_readable_by(self, user: object) -> bool:
        return ReportRequest.objects.visible_to(user).filter(pk=self.request_id).exists()

    def get_additional_data(self) -> dict[str, object]:
        return unit_audit_data(self.request.org_unit)


class SummaryState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    PENDING = "pending", _("Đã trình ký")
    RETURNED = "returned", _("Lãnh đạo trả lại")
    APPROVED = "approved", _("Lãnh đạo đã duyệt")
    ISSUED = "issued", _("Đã ban hành")


class SummaryReportQuerySet(UnitScopedQuerySet["SummaryReport"]):
    def addressed_down(self) -> Q:
        # Units below read the summary once it is issued, never the office's draft.
        return Q(state=SummaryState.ISSUED)


class SummaryReport(TimeStamped):
    """The office's report of a unit for one period of a plan (báo cáo tổng hợp): built from
    the units' accepted reports and the system's figures, approved by a leader (trình ký),
    then issued with a number; its `figures` and `sections` are frozen from then on."""

    org_unit = owning_unit(_("đơn vị báo cáo"), related_name="summary_reports")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="summary_reports")
    period = models.CharField(_("kỳ"), max_length=16)
    window_start = models.DateField(_("số liệu từ ngày"))
    window_end = models.DateField(_("số liệu đến ngày"))
    title = models.CharField(_("trích yếu"), max_length=500)
    state = models.CharField(
        _("tình trạng"), max_length=12, choices=SummaryState.choices, default=SummaryState.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    # [{key, heading, level, blocks}] as the office edited them (documents.summary).
    sections = models.JSONField(_("nội dung"), default=list, blank=True)
    # [{...figure, system, reported, value, note}] (documents.figures, with the rollup).
    figures = models.JSONField(_("số liệu"), default=list, blank=True)
    # The request of the level above this summary answers (the city's schedule to a commune).
    answers = models.ForeignKey(
        ReportRequest,
        verbose_name=_("trả lời yêu cầu báo cáo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answered_by",
    )
    document = models.OneToOneField(
        "documents.OfficialDocument",
        verbose_name=_("văn bản ban hành"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="summary_report",
    )
    built_at = models.DateTimeField(_("lập số liệu lúc"))
    submitted_at = models.DateTimeField(_("trình ký lúc"), null=True, blank=True)
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = acting_user(blank=True)
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    created_by = acting_user(blank=True)

    objects = SummaryReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo tổng hợp")
        verbose_name_plural = _("báo cáo tổng hợp")
        ordering = ["-window_end", "org_unit__path", "pk"]
        constraints = [
            # A second "create" of the same report opens the first: figures never split in two.
            models.UniqueConstraint(
                fields=["org_unit", "plan", "period"], name="summary_report_unique"
            ),
            models.CheckConstraint(
                condition=Q(document__isnull=True) | Q(state="issued"),
                name="summary_report_document_when_issued",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def editable(self) -> bool:
        return self.state in (SummaryState.DRAFT, SummaryState.RETURNED)

    @property
    def as_of(self) -> date:
        """Its one reference date: the window's end, or the day it was built while the window
        was still open (a draft made early counts nothing still to come)."""
        built = timezone.localtime(self.built_at).date() if self.built_at else None
        return min(self.window_end, built or timezone.localdate())

    def get_additional_data(self) -> dict[str, object]:
        return unit_audit_data(self.org_unit)


class SummaryEvent(models.Model):
    """One step of a summary's way: built, edited, sent for signature, returned, approved,
    issued — with the leader's comment when returned."""

    class Action(models.TextChoices):
        CREATED = "created", _("Lập dự thảo")
        SAVED = "saved", _("Sửa dự thảo")
        REFRESHED = "refreshed", _("Cập nhật số liệu")
        SUBMITTED = "submitted", _("Trình ký")
        RETURNED = "returned", _("Trả lại")
        APPROVED = "approved", _("Duyệt")
        ISSUED = "issued", _("Ban hành")

    summary = models.ForeignKey(SummaryReport, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("việc"), max_length=12, choices=Action.choices)
    from_state = models.CharField(max_length=12, choices=SummaryState.choices)
    to_state = models.CharField(max_length=12, choices=SummaryState.choices)
    comment = models.TextField(_("ý kiến"), blank=True)
    at = models.DateTimeField(_("lúc"))
    actor = acting_user()

    class Meta:
        verbose_name = _("diễn biến báo cáo tổng hợp")
        verbose_name_plural = _("diễn biến báo cáo tổng hợp")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%d/%m/%Y %H:%M}"
