"""Official documents and the register that numbers them ("sổ văn bản đi").

Party documents are numbered from 01 per document type, per issuer, through a committee term
(not per calendar year as State documents are). A number is given only at issue, never to a
draft; numbers written in the paper register can be recorded so the book and the app agree.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Self

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trienkhai.core.models import StoredFile, TimeStamped, acting_user, unit_audit_data
from trienkhai.documents.data import number_line
from trienkhai.orgs.models import owning_unit
from trienkhai.orgs.scoping import UnitScopedQuerySet


class DocType(models.TextChoices):
    """Document types with the abbreviation that opens their symbol ("BC" in "BC/ĐU")."""

    BAO_CAO = "BC", _("Báo cáo")
    KE_HOACH = "KH", _("Kế hoạch")
    THONG_BAO = "TB", _("Thông báo")
    QUYET_DINH = "QĐ", _("Quyết định")
    NGHI_QUYET = "NQ", _("Nghị quyết")
    CHI_THI = "CT", _("Chỉ thị")
    KET_LUAN = "KL", _("Kết luận")
    HUONG_DAN = "HD", _("Hướng dẫn")
    CHUONG_TRINH = "CTr", _("Chương trình")
    TO_TRINH = "TTr", _("Tờ trình")
    QUY_CHE = "QC", _("Quy chế")
    QUY_DINH = "QĐi", _("Quy định")
    BIEN_BAN = "BB", _("Biên bản")
    CONG_VAN = "CV", _("Công văn")


def doc_type_heading(doc_type: str) -> str:
    """The type line of the document, "BÁO CÁO"; a công văn has none."""
    return "" if doc_type == DocType.CONG_VAN else str(DocType(doc_type).label).upper()


class CommitteeTermQuerySet(UnitScopedQuerySet["CommitteeTerm"]):
    """Default reading: a committee's terms are known to the units below it."""


class SigningPostQuerySet(UnitScopedQuerySet["SigningPost"]):
    """Default reading: who signs for a committee is known to the units below it."""

    def valid_on(self, day: date) -> Self:
        """Posts held on ``day``: started, and not ended before it."""
        return self.not_ended(day).filter(start__lte=day)

    def not_ended(self, day: date) -> Self:
        """Posts held on ``day`` or later (those starting after it too)."""
        return self.filter(Q(end__isnull=True) | Q(end__gte=day))


class RegisterCounterQuerySet(UnitScopedQuerySet["RegisterCounter"]):
    unit_field = "issuer"

    def addressed_down(self) -> Q | None:
        """The register's running numbers are the issuing office's working state."""
        return None


class CommitteeTerm(TimeStamped):
    """A committee term of one issuer ("Nhiệm kỳ 2025–2030"); its dates are the office's."""

    org_unit = owning_unit(_("tổ chức đảng"), related_name="committee_terms")
    name = models.CharField(_("tên nhiệm kỳ"), max_length=100)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))

    objects = CommitteeTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["org_unit", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="term_interval"),
            models.UniqueConstraint(fields=["org_unit", "start"], name="term_unique_start"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)


class SigningPost(TimeStamped):
    """Who signs a unit's documents, and in whose name: "T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ
    THƯỜNG TRỰC / Nguyễn Duy Thành", from one day to another. The office records it because
    the signer is not always the secretary (a deputy often signs the periodic reports)."""

    org_unit = owning_unit(_("tổ chức đảng"), related_name="signing_posts")
    on_behalf = models.CharField(_("thay mặt"), max_length=100)
    title = models.CharField(_("chức vụ"), max_length=100)
    person_name = models.CharField(_("họ và tên"), max_length=100)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True)
    is_default = models.BooleanField(
        _("ký báo cáo của đơn vị"),
        default=True,
        help_text=_("Người ký mặc định của các văn bản, báo cáo do hệ thống lập."),
    )

    objects = SigningPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("người ký văn bản")
        verbose_name_plural = _("người ký văn bản")
        ordering = ["org_unit", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="signing_post_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on_behalf} · {self.title} · {self.person_name}"

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)


class RegisterCounter(TimeStamped):
    """The last number given for one document type of one issuer in one term."""

    issuer = owning_unit(_("cơ quan ban hành"))
    term = models.ForeignKey(
        CommitteeTerm, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="+"
    )
    doc_type = models.CharField(_("loại văn bản"), max_length=8, choices=DocType.choices)
    last_number = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)

    objects = RegisterCounterQuerySet.as_manager()

    class Meta:
        verbose_name = _("sổ đăng ký văn bản")
        verbose_name_plural = _("sổ đăng ký văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "term", "doc_type"], name="register_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.doc_type} · {self.term} · {self.last_number}"

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.issuer)


class OfficialDocumentQuerySet(UnitScopedQuerySet["OfficialDocument"]):
    unit_field = "issuer"

    def addressed_down(self) -> Q:
        """Only issued documents of ancestors: a chi bộ sees the commune's issued
        documents, never what the office is still writing."""
        return Q(status=OfficialDocument.Status.ISSUED)


class OfficialDocument(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")

    issuer = owning_unit(_("cơ quan ban hành"), related_name="official_documents")
    term = models.ForeignKey(
        CommitteeTerm,
        verbose_name=_("nhiệm kỳ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    doc_type = models.CharField(_("loại văn bản"), max_length=8, choices=DocType.choices)
    symbol = models.CharField(_("ký hiệu"), max_length=32)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    external = models.BooleanField(
        _("ghi từ sổ giấy"),
        default=False,
        help_text=_("Số đã cấp ngoài hệ thống, ghi lại để sổ văn bản đi và hệ thống khớp nhau."),
    )
    period = models.CharField(_("kỳ báo cáo"), max_length=16, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    # The document's content (a DocumentData as JSON): a draft is rendered again from it,
    # with its number and date, when it is issued.
    content = models.JSONField(_("nội dung"), default=dict, blank=True)
    docx = models.ForeignKey(
        StoredFile, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pdf = models.ForeignKey(
        StoredFile, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed = models.ForeignKey(
        StoredFile,
        verbose_name=_("bản đã ký"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = acting_user(blank=True)
    issued_by = acting_user(blank=True)
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)

    objects = OfficialDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-date", "-number", "-pk"]
        constraints = [
            # The register itself: one number per type, issuer and term, on both databases.
            models.UniqueConstraint(
                fields=["issuer", "term", "doc_type", "number"],
                condition=Q(number__isnull=False),
                name="document_number_unique",
            ),
            # A draft never holds a number; an issued document always has one and its term.
            models.CheckConstraint(
                condition=Q(status="draft", number__isnull=True)
                | Q(status="issued", number__isnull=False, term__isnull=False, date__isnull=False),
                name="document_number_only_when_issued",
            ),
        ]
        indexes = [models.Index(fields=["issuer", "status", "doc_type"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    @property
    def reference(self) -> str:
        """ "Số 12-BC/ĐU", or "Số    -BC/ĐU" while a draft: as the document prints it."""
        return number_line(self.number, self.symbol)

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    def file_readable_by(self, user: object) -> bool:
        return OfficialDocument.objects.visible_to(user).filter(pk=self.pk).exists()

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.issuer)
