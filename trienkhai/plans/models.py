"""Programmes, plans and what a plan asks for: targets, solutions, duties, deadlines.

A commune's plan (kế hoạch) implements a superior body's programme (chương trình
hành động, e.g. 20-CTr/TU). Targets the plan only propagates belong to the
programme and its owner (the city): they are `reference` targets, read-only
below. The commune's own targets belong to its plan.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from trienkhai.core.dates import format_date_short
from trienkhai.core.models import TimeStamped, acting_user, unit_audit_data
from trienkhai.orgs.models import OrgUnit, owning_unit
from trienkhai.orgs.scoping import UnitScopedQuerySet


class PlanPartQuerySet(UnitScopedQuerySet[Any]):
    """A part of a plan (target, duty, deadline…) is read where its plan is."""

    unit_field = "plan__org_unit"


class PlanQuerySet(UnitScopedQuerySet["Plan"]):
    def usable(self) -> PlanQuerySet:
        """Plans a page may offer: the withdrawn ones (entered by mistake) left out, those
        in force before the superseded ones (kept for the records), newest first."""
        return self.exclude(state=Plan.State.WITHDRAWN).order_by(
            Case(When(state=Plan.State.IN_FORCE, then=Value(0)), default=Value(1)),
            F("date").desc(nulls_last=True),
            "-pk",
        )


class _UnitOwned(models.Model):
    org_unit: Any

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict[str, Any]:
        unit = self.org_unit
        return unit_audit_data(unit)

    def file_readable_by(self, user: object) -> bool:
        return OrgUnit.objects.visible_to(user).filter(pk=self.org_unit.pk).exists()


class Programme(_UnitOwned, TimeStamped):
    org_unit = owning_unit(_("đơn vị ban hành"), related_name="programmes")
    number = models.CharField(_("số, ký hiệu"), max_length=40, help_text=_("Ví dụ 20-CTr/TU"))
    title = models.TextField(_("trích yếu"), blank=True)
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    start_year = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình")
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "number"], name="programme_unique_number")
        ]

    def __str__(self) -> str:
        return _("Chương trình %(number)s") % {"number": self.number}


class Plan(_UnitOwned, TimeStamped):
    org_unit = owning_unit(_("đơn vị ban hành"), related_name="plans")
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("thực hiện chương trình"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
    )
    superior = models.CharField(_("cơ quan cấp trên"), max_length=200, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    doc_type = models.CharField(_("loại văn bản"), max_length=10, default="KH")
    symbol = models.CharField(_("ký hiệu"), max_length=20, default="KH/ĐU")
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=80, blank=True)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    # "ngày … tháng 5 năm 2026": the month the text gives when the day is blank.
    date_partial = models.CharField(_("tháng ban hành (khi thiếu ngày)"), max_length=7, blank=True)
    title = models.TextField(_("trích yếu"))
    start_year = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    source_name = models.CharField(_("tệp gốc"), max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    source_file = models.ForeignKey(
        "core.StoredFile", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = acting_user()

    class State(models.TextChoices):
        IN_FORCE = "in_force", _("đang thực hiện")
        # Replaced by a newer plan: read-only, still in the history and the records.
        SUPERSEDED = "superseded", _("đã được thay thế")
        # Entered by mistake, before anything hung on it: out of every list and count.
        WITHDRAWN = "withdrawn", _("đã rút")

    state = models.CharField(
        _("tình trạng"), max_length=12, choices=State.choices, default=State.IN_FORCE
    )
    state_note = models.CharField(_("lý do"), max_length=500, blank=True)
    state_changed_on = models.DateField(_("ngày chuyển tình trạng"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("được thay thế bởi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
    )
    # The year of issue, kept for the identity constraint: a number restarts each term.
    issued_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-date", "-pk"]
        constraints = [
            # One plan per issuer, type, symbol, number and year: a re-upload is the same plan.
            models.UniqueConstraint(
                fields=["org_unit", "doc_type", "symbol", "number", "issued_year"],
                condition=Q(number__isnull=False) & ~Q(state="withdrawn"),
                name="plan_unique_identity",
                violation_error_message=_("Đơn vị đã có kế hoạch cùng số, ký hiệu và năm."),
            )
        ]

    def __str__(self) -> str:
        return _("Kế hoạch %(reference)s") % {"reference": self.reference}

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.issued_year = self._year_of_issue()
        fields = kwargs.get("update_fields")
        if fields is not None and {"date", "date_partial"} & set(fields):
            kwargs["update_fields"] = [*fields, "issued_year"]
        super().save(*args, **kwargs)

    def _year_of_issue(self) -> int | None:
        if self.date is not None:
            return self.date.year
        head = self.date_partial[:4]
        return int(head) if head.isdigit() else None

    @property
    def in_force(self) -> bool:
        return self.state == self.State.IN_FORCE

    @property
    def reference(self) -> str:
        """`Số 15-KH/ĐU`, or `Số    -KH/ĐU` while the number is blank."""
        number = f"{self.number:02d}" if self.number else "   "
        return _("số %(number)s-%(symbol)s") % {"number": number, "symbol": self.symbol}

    @property
    def label(self) -> str:
        """What tells the plan from the unit's others: number, date and subject, since a plan
        without a number (the seed's "Số -KH/ĐU") has no reference of its own."""
        title = self.title if len(self.title) <= 90 else self.title[:89].rstrip() + "…"
        return f"{self.short_label} — {title}" if title else self.short_label

    @property
    def short_label(self) -> str:
        """Number and date, for a table column where the subject would not fit."""
        parts = [str(self.reference)]
        if self.date:
            parts.append(_("ngày %(date)s") % {"date": format_date_short(self.date)})
        return " ".join(parts)


class PlanPart(TimeStamped):
    """Something a plan says (a solution, a duty, a deadline…): scoped and audited by its plan."""

    plan: Any

    objects = PlanPartQuerySet.as_manager()

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict[str, Any]:
        return self.plan.get_additional_data()


class Solution(PlanPart):
    """A solution group of section II.2 (giải pháp), with its duties."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="solutions")
    ref = models.CharField(_("mục"), max_length=20)
    title = models.TextField(_("tên nhóm giải pháp"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("nhóm giải pháp")
        verbose_name_plural = _("nhóm giải pháp")
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return f"{self.ref}. {self.title}"


class Target(_UnitOwned, TimeStamped):
    class Kind(models.TextChoices):
        GROWTH_AVG = "growth_avg", _("Tăng trưởng bình quân")
        LEVEL = "level", _("Mức đạt")
        SHARE = "share", _("Tỷ lệ, tỷ trọng")
        COUNT = "count", _("Số lượng")
        CUMULATIVE = "cumulative", _("Lũy kế cả giai đoạn")
        RANK = "rank", _("Xếp hạng")
        REDUCTION = "reduction", _("Giảm so với năm gốc")
        CHANGE = "change", _("Tăng so với năm gốc")
        INDEX = "index", _("Chỉ số")
        RATIO = "ratio", _("Tỷ số")
        RATE = "rate", _("Tốc độ")
        QUALITATIVE = "qualitative", _("Định tính")

    class Comparator(models.TextChoices):
        GT = ">", _("trên")
        GE = ">=", _("từ … trở lên")
        EQ = "=", _("đạt")
        APPROX = "~", _("khoảng")
        LT = "<", _("dưới")
        LE = "<=", _("không quá")
        RANGE = "range", _("trong khoảng")
        RANK_LE = "rank<=", _("trong nhóm dẫn đầu")

    class Scope(models.TextChoices):
        OWN = "own", _("Chỉ tiêu của đơn vị")
        REFERENCE = "reference", _("Chỉ tiêu của cấp trên (tuyên truyền)")

    class Measure(models.TextChoices):
        STOCK = "stock", _("Mức tại thời điểm")
        FLOW = "flow", _("Cộng dồn trong kỳ")

    class Direction(models.TextChoices):
        INCREASE = "increase", _("tăng")
        DECREASE = "decrease", _("giảm")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, null=True, blank=True, related_name="targets"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="targets"
    )
    org_unit = owning_unit(_("đơn vị chủ trì"), related_name="targets")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("chỉ tiêu cấp trên"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    ref = models.CharField(_("số thứ tự"), max_length=20)
    label = models.CharField(_("tên chỉ tiêu"), max_length=300)
    text = models.TextField(_("nội dung"))
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    comparator = models.CharField(
        _("so sánh"), max_length=8, choices=Comparator.choices, blank=True
    )
    value = models.DecimalField(
        _("giá trị"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    low = models.DecimalField(_("từ"), max_digits=24, decimal_places=6, null=True, blank=True)
    high = models.DecimalField(_("đến"), max_digits=24, decimal_places=6, null=True, blank=True)
    stretch = models.DecimalField(
        _("phấn đấu"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    measure_unit = models.CharField(_("đơn vị tính"), max_length=60, blank=True)
    target_year = models.PositiveSmallIntegerField(_("năm đạt"), null=True, blank=True)
    base_year = models.PositiveSmallIntegerField(_("năm gốc"), null=True, blank=True)
    base_value = models.DecimalField(
        _("giá trị năm gốc"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    direction = models.CharField(
        _("chiều"), max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    measure = models.CharField(
        _("cách tính"), max_length=8, choices=Measure.choices, default=Measure.STOCK
    )
    scope = models.CharField(_("phạm vi"), max_length=10, choices=Scope.choices)
    # The weight of a commune's share when the city averages split targets (e.g. population).
    weight = models.DecimalField(_("trọng số"), max_digits=14, decimal_places=4, default=1)
    confidence = models.CharField(max_length=4, default="high")
    # Whether a range's ends count ("[]"; "()" for "trên X và dưới Y"), as the text says.
    bounds = models.CharField(_("hai đầu khoảng"), max_length=2, default="[]")
    source_line = models.PositiveIntegerField(null=True, blank=True)
    source_text = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    # Lower-case text without diacritics, so search ignores tone marks (hoà = hòa).
    search_text = models.TextField(editable=False, default="")

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(plan__isnull=False)
                | Q(programme__isnull=False)
                | Q(parent__isnull=False),
                name="target_has_owner_document",
            ),
            models.CheckConstraint(
                condition=~Q(comparator="range") | (Q(low__isnull=False) & Q(high__isnull=False)),
                name="target_range_has_bounds",
            ),
        ]

    def __str__(self) -> str:
        return f"({self.ref}) {self.label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def refresh_search_text(self) -> None:
        from trienkhai.core.text import search_key

        self.search_text = search_key(f"{self.ref} {self.label} {self.text}")

    @property
    def item(self) -> str:
        """The numbered item (chỉ tiêu số) a row belongs to: "21" for "21.3"."""
        return self.ref.split(".")[0]


class PlanDuty(PlanPart):
    """A paragraph of duties of one body in section IV (tổ chức thực hiện)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="duties")
    section = models.CharField(_("mục"), max_length=20)
    body = models.CharField(_("cơ quan thực hiện (như văn bản)"), max_length=200)
    kind = models.CharField(_("loại cơ quan"), max_length=32)
    text = models.TextField(_("nhiệm vụ"))
    due = models.DateField(_("thời hạn"), null=True, blank=True)
    solution = models.ForeignKey(
        Solution, on_delete=models.SET_NULL, null=True, blank=True, related_name="duties"
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("nhiệm vụ trong kế hoạch")
        verbose_name_plural = _("nhiệm vụ trong kế hoạch")
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return f"{self.body}: {self.text[:60]}"


class PlanDeadline(PlanPart):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="deadlines")
    text = models.TextField(_("nội dung"))
    due = models.DateField(_("thời hạn"))

    class Recurrence(models.TextChoices):
        YEARLY = "yearly", _("hằng năm")
        HALF_YEARLY = "half_yearly", _("6 tháng một lần")
        QUARTERLY = "quarterly", _("hằng quý")
        MONTHLY = "monthly", _("hằng tháng")

    # A deadline that comes back ("trước ngày 10/12 hằng năm"): `due` is its first occurrence.
    recurrence = models.CharField(
        _("lặp lại"), max_length=12, choices=Recurrence.choices, blank=True
    )

    class Meta:
        verbose_name = _("mốc thời hạn")
        verbose_name_plural = _("mốc thời hạn")
        ordering = ["plan", "due", "pk"]

    def __str__(self) -> str:
        return self.text


class Audience(PlanPart):
    """An audience of "Đối tượng tuyên truyền, quán triệt"."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="audiences")
    text = models.TextField(_("đối tượng"))
    group = models.CharField(_("nhóm"), max_length=20)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("đối tượng")
        verbose_name_plural = _("đối tượng")
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.text


class CoverageThreshold(PlanPart):
    """How many of an audience group must be reached ("trên 95% đảng viên")."""

    class Group(models.TextChoices):
        KEY_CADRES = "key_cadres", _("Cán bộ chủ chốt")
        PARTY_MEMBERS = "party_members", _("Đảng viên")
        UNION_MEMBERS = "union_members", _("Đoàn viên, hội viên")
        CIVIL_SERVANTS = "civil_servants", _("Cán bộ, công chức")
        PUBLIC = "public", _("Nhân dân")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="coverage_thresholds")
    audience = models.CharField(_("đối tượng (như văn bản)"), max_length=200)
    group = models.CharField(_("nhóm"), max_length=20, choices=Group.choices)
    comparator = models.CharField(_("so sánh"), max_length=4)
    value = models.DecimalField(_("tỷ lệ (%)"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("ngưỡng quán triệt")
        verbose_name_plural = _("ngưỡng quán triệt")
        constraints = [
            models.UniqueConstraint(fields=["plan", "group"], name="coverage_threshold_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.comparator} {self.value}% {self.audience}"


class MediaRule(PlanPart):
    """A minimum output the plan sets ("tối thiểu 02 tin, bài/tuần")."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="media_rules")
    min_items = models.PositiveIntegerField(_("số tin, bài tối thiểu"))
    per = models.CharField(_("mỗi"), max_length=10)
    channels = models.JSONField(_("kênh"), default=list)

    class Meta:
        verbose_name = _("quy định tuyên truyền")
        verbose_name_plural = _("quy định tuyên truyền")

    def __str__(self) -> str:
        return f"{self.min_items}/{self.per}"


class PlanDraftQuerySet(UnitScopedQuerySet["PlanDraft"]):
    def addressed_down(self) -> Q | None:
        """A draft is the importing office's work in progress, not yet a plan for anyone."""
        return None


class PlanDraft(models.Model):
    """A parsed plan waiting for the office's review; nothing of it is live yet."""

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    source_name = models.CharField(max_length=255)
    source_sha256 = models.CharField(max_length=64)
    source_file = models.ForeignKey(
        "core.StoredFile", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    data = models.JSONField()

    objects = PlanDraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("bản nháp kế hoạch")
        verbose_name_plural = _("bản nháp kế hoạch")

    def __str__(self) -> str:
        return self.source_name
