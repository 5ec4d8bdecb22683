"""What units hear and what they do about it: public opinion (dư luận xã hội, tâm tư, kiến
nghị) with the answer it got, the rebuttal of false or hostile posts online (đấu tranh phản
bác), and the good models and ways of working worth spreading (mô hình hay, cách làm hiệu
quả), which the office may publish on the public page.

An opinion report marked sensitive is read only by the leaders and the office of its unit
and of the units above, and by whoever recorded it: a viewer, or another reporter of the
same unit, does not see it at all (404, as if it did not exist).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trienkhai.accounts.permissions import Cap, cap_paths
from trienkhai.core.models import TimeStamped, acting_user, unit_audit_data
from trienkhai.orgs.models import owning_unit
from trienkhai.orgs.scoping import UnitScopedQuerySet, subtree_q
from trienkhai.plans.models import Plan, Solution, Target


def _plan_link(verbose_name: Any, model: type[models.Model]) -> Any:
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


def _entry_token() -> models.UUIDField[Any, Any]:
    # The form's own token: a second press of "Lưu" (or a resent form) finds the first save.
    return models.UUIDField(null=True, blank=True, unique=True, editable=False)


# --- public opinion ----------------------------------------------------------------------


class Sensitivity(models.TextChoices):
    NORMAL = "normal", _("Thông thường")
    SENSITIVE = "sensitive", _("Nhạy cảm (chỉ lãnh đạo, văn phòng đọc)")


class OpinionState(models.TextChoices):
    NEW = "new", _("Mới ghi nhận")
    HANDLING = "handling", _("Đang xử lý")
    ANSWERED = "answered", _("Đã trả lời")


class OpinionQuerySet(UnitScopedQuerySet["OpinionReport"]):
    # A unit's opinion log is its own: the commune's is not addressed down to its chi bộ.
    def addressed_down(self) -> Q | None:
        return None

    def visible_to(self, user: object) -> OpinionQuerySet:
        readers = subtree_q(cap_paths(user, Cap.OPINION_SENSITIVE), self.unit_field)
        if (pk := getattr(user, "pk", None)) is not None:
            readers |= Q(created_by_id=pk)
        return super().visible_to(user).filter(Q(sensitivity=Sensitivity.NORMAL) | readers)


class OpinionReport(TimeStamped):
    class Kind(models.TextChoices):
        OPINION = "opinion", _("Dư luận xã hội")
        THOUGHT = "thought", _("Tâm tư, tư tưởng")
        PETITION = "petition", _("Kiến nghị, đề xuất")

    class Source(models.TextChoices):
        MEETING = "meeting", _("Hội nghị, sinh hoạt chi bộ")
        CONTACT = "contact", _("Trao đổi trực tiếp với người dân")
        ONLINE = "online", _("Mạng xã hội, internet")
        PRESS = "press", _("Báo chí, phát thanh")
        LETTER = "letter", _("Đơn thư, hòm thư góp ý")
        OTHER = "other", _("Nguồn khác")

    org_unit = owning_unit(_("đơn vị ghi nhận"), related_name="opinion_reports")
    noted_on = models.DateField(_("ngày ghi nhận"))
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices, default=Kind.OPINION)
    plan = _plan_link(_("kế hoạch"), Plan)
    solution = _plan_link(_("nhóm giải pháp liên quan"), Solution)
    target = _plan_link(_("chỉ tiêu liên quan"), Target)
    topic = models.CharField(_("chủ đề"), max_length=300)
    content = models.TextField(_("nội dung"))
    source = models.CharField(
        _("nguồn"), max_length=12, choices=Source.choices, default=Source.CONTACT
    )
    source_detail = models.CharField(_("nơi, người phản ánh"), max_length=300, blank=True)
    people = models.PositiveIntegerField(_("số người phản ánh"), null=True, blank=True)
    sensitivity = models.CharField(
        _("mức độ"), max_length=12, choices=Sensitivity.choices, default=Sensitivity.NORMAL
    )
    state = models.CharField(
        _("tình trạng"), max_length=12, choices=OpinionState.choices, default=OpinionState.NEW
    )
    # The office's note when it takes the report up: who looks into it, what is being done.
    handling_note = models.TextField(_("hướng xử lý"), blank=True)
    response = models.TextField(_("nội dung trả lời"), blank=True)
    responder = models.CharField(_("cơ quan, người trả lời"), max_length=300, blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answered_by = acting_user(blank=True)
    answered_at = models.DateTimeField(_("ghi trả lời lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = acting_user(blank=True)
    entry_token = _entry_token()
    search_text = models.CharField(max_length=600, editable=False, default="")

    objects = OpinionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phản ánh dư luận")
        verbose_name_plural = _("phản ánh dư luận")
        ordering = ["-noted_on", "-pk"]
        indexes = [models.Index(fields=["org_unit", "noted_on"], name="opinion_unit_day")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="answered")
                | (Q(answered_on__isnull=False, answered_at__isnull=False) & ~Q(response="")),
                name="opinion_answered_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.topic

    @property
    def sensitive(self) -> bool:
        return self.sensitivity == Sensitivity.SENSITIVE

    @property
    def open(self) -> bool:
        return self.state != OpinionState.ANSWERED

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)


class OpinionEvent(models.Model):
    """One step of a report's way, the trail its page shows: recorded, corrected, taken up,
    answered, reopened."""

    class Kind(models.TextChoices):
        RECORDED = "recorded", _("Ghi nhận")
        CORRECTED = "corrected", _("Sửa nội dung")
        HANDLING = "handling", _("Tiếp nhận, xử lý")
        ANSWERED = "answered", _("Trả lời")
        REOPENED = "reopened", _("Mở lại")

    report = models.ForeignKey(OpinionReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    note = models.TextField(blank=True)
    at = models.DateTimeField()
    actor = acting_user(blank=True)

    class Meta:
        verbose_name = _("diễn biến xử lý")
        verbose_name_plural = _("diễn biến xử lý")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%d/%m/%Y})"


# --- rebuttals online ------------------------------------------------------------------------


class RebuttalQuerySet(UnitScopedQuerySet["Rebuttal"]):
    def addressed_down(self) -> Q | None:
        return None


class Rebuttal(TimeStamped):
    """One false or hostile post and what the unit did against it: a rebuttal published (a
    news item of the media log, or a link), the post reported to the platform."""

    class Platform(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        TIKTOK = "tiktok", "TikTok"
        YOUTUBE = "youtube", "YouTube"
        ZALO = "zalo", "Zalo"
        WEBSITE = "website", _("Trang web, diễn đàn")
        OTHER = "other", _("Nền tảng khác")

    org_unit = owning_unit(_("đơn vị thực hiện"), related_name="rebuttals")
    noted_on = models.DateField(_("ngày thực hiện"))
    platform = models.CharField(_("nền tảng"), max_length=12, choices=Platform.choices)
    post_link = models.URLField(_("đường dẫn bài viết sai trái"), max_length=500, blank=True)
    # Compared as `media.duplicates` compares links, so one post is recorded once per unit.
    post_key = models.CharField(max_length=500, editable=False, default="")
    post_summary = models.TextField(_("nội dung sai trái, thù địch"))
    media_item = models.ForeignKey(
        "media.MediaItem",
        verbose_name=_("tin, bài phản bác"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rebuttals",
    )
    rebuttal_link = models.URLField(_("đường dẫn bài, bình luận phản bác"), blank=True)
    comments = models.PositiveIntegerField(_("số bình luận, chia sẻ phản bác"), default=0)
    reported = models.BooleanField(_("đã báo cáo vi phạm với nền tảng"), default=False)
    plan = _plan_link(_("kế hoạch"), Plan)
    note = models.TextField(_("ghi chú"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = acting_user(blank=True)
    entry_token = _entry_token()

    objects = RebuttalQuerySet.as_manager()

    class Meta:
        verbose_name = _("đấu tranh phản bác")
        verbose_name_plural = _("đấu tranh phản bác")
        ordering = ["-noted_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "post_key"],
                condition=~Q(post_key=""),
                name="rebuttal_post_once_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return self.post_summary[:80]

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)


# --- good practices --------------------------------------------------------------------------


class PracticeState(models.TextChoices):
    PROPOSED = "proposed", _("Đơn vị đề xuất")
    RECOGNISED = "recognised", _("Được công nhận")
    DECLINED = "declined", _("Chưa công nhận")


class PracticeQuerySet(UnitScopedQuerySet["GoodPractice"]):
    # The commune's good models are read by its chi bộ: they are there to be copied.
    def published(self) -> PracticeQuerySet:
        return self.filter(published=True, state=PracticeState.RECOGNISED)


class GoodPractice(TimeStamped):
    class Field(models.TextChoices):
        PARTY = "party", _("Xây dựng Đảng, hệ thống chính trị")
        ECONOMY = "economy", _("Phát triển kinh tế")
        DIGITAL = "digital", _("Chuyển đổi số, cải cách hành chính")
        SOCIETY = "society", _("Văn hóa, xã hội")
        ENVIRONMENT = "environment", _("Môi trường, nông thôn mới, đô thị")
        SECURITY = "security", _("Quốc phòng, an ninh")
        OTHER = "other", _("Lĩnh vực khác")

    org_unit = owning_unit(_("đơn vị"), related_name="good_practices")
    title = models.CharField(_("tên mô hình, cách làm"), max_length=300)
    field = models.CharField(_("lĩnh vực"), max_length=12, choices=Field.choices)
    plan = _plan_link(_("kế hoạch"), Plan)
    solution = _plan_link(_("nhóm giải pháp liên quan"), Solution)
    target = _plan_link(_("chỉ tiêu liên quan"), Target)
    started_on = models.DateField(_("thực hiện từ ngày"), null=True, blank=True)
    description = models.TextField(_("cách làm"))
    results = models.TextField(_("kết quả (có số liệu)"))
    state = models.CharField(
        _("tình trạng"),
        max_length=12,
        choices=PracticeState.choices,
        default=PracticeState.PROPOSED,
    )
    review_note = models.TextField(_("ý kiến của văn phòng"), blank=True)
    reviewed_by = acting_user(blank=True)
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    commendation = models.BooleanField(_("đề nghị khen thưởng"), default=False)
    commendation_reason = models.TextField(_("lý do đề nghị khen thưởng"), blank=True)
    # The version citizens read on the public page: plain words, no internal codes.
    public_title = models.CharField(_("tên công khai"), max_length=300, blank=True)
    public_summary = models.TextField(_("nội dung công khai"), blank=True)
    published = models.BooleanField(_("công khai trên trang công khai"), default=False)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = acting_user(blank=True)
    entry_token = _entry_token()

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("mô hình hay, cách làm hiệu quả")
        verbose_name_plural = _("mô hình hay, cách làm hiệu quả")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(published=False)
                | (Q(state="recognised") & ~Q(public_title="") & ~Q(public_summary="")),
                name="practice_published_is_recognised",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)

    def file_readable_by(self, user: object) -> bool:
        """Evidence is read by whoever reads the practice."""
        return GoodPractice.objects.visible_to(user).filter(pk=self.pk).exists()
