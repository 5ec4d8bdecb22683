"""Monitoring data: the values of targets, year by year or for a shorter period.

One `Observation` is one figure of one target for one unit and one period
(`2026`, or a shorter period such as `2026-H1`), either provisional (tạm tính,
ước tính) or official (chính thức). Both may be stored for the same
target × unit × period: the official one wins, the provisional one is kept as
the record of what was reported first.

Base values are observations too: the value of the target's base year
(`Target.base_year`, else `DEFAULT_BASE_YEAR`) is the base. Nothing flags it,
so changing the base year on the target never leaves a stale flag behind;
`Target.base_value` (a base written in the plan) is used only while no
observation of the base year exists. See docs/monitoring.md.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from trienkhai.core.models import acting_user, unit_audit_data
from trienkhai.orgs.models import OrgUnit, owning_unit
from trienkhai.orgs.scoping import UnitScopedQuerySet
from trienkhai.plans.models import Target

# The year before the programme 2026–2030 starts: the base of every target
# that does not name its own (e.g. target (20) counts from 2020).
DEFAULT_BASE_YEAR = 2025
# The earliest year a value is entered for, or progress assessed up to.
MIN_YEAR = 2000


class ObservationQuerySet(UnitScopedQuerySet["Observation"]):
    def effective(self) -> ObservationQuerySet:
        """One value per target × unit × period: the official one, else the provisional one."""
        official = Observation.objects.filter(
            target=OuterRef("target"),
            org_unit=OuterRef("org_unit"),
            period=OuterRef("period"),
            status=Observation.Status.OFFICIAL,
        )
        return self.exclude(Q(status=Observation.Status.PROVISIONAL) & Exists(official))


class Observation(models.Model):
    class Status(models.TextChoices):
        PROVISIONAL = "provisional", _("Tạm tính")
        OFFICIAL = "official", _("Chính thức")

    target = models.ForeignKey(
        Target, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="observations"
    )
    # Always the target's own unit today (reference targets are entered once, by the
    # level that owns them); kept on the row so scoping needs no join.
    org_unit = owning_unit(related_name="observations")
    period = models.CharField(_("kỳ"), max_length=16, help_text=_("2026, 2026-H1, 2026-Q3…"))
    period_kind = models.CharField(_("loại kỳ"), max_length=16)
    year = models.PositiveSmallIntegerField(_("năm"))
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    value = models.DecimalField(_("giá trị"), max_digits=24, decimal_places=6)
    measure = models.CharField(_("cách tính"), max_length=8, choices=Target.Measure.choices)
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=Status.choices, default=Status.OFFICIAL
    )
    source = models.TextField(_("nguồn số liệu"), blank=True)
    # Why a doubtful value (outside its band, a jump) is right, as the user confirmed it.
    confirm_note = models.TextField(_("ghi chú xác nhận số liệu"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("nhập lúc"))

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("số liệu chỉ tiêu")
        verbose_name_plural = _("số liệu chỉ tiêu")
        ordering = ["target", "period_end", "period_start", "status"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "org_unit", "period", "status"],
                name="observation_one_per_status",
            )
        ]
        indexes = [
            models.Index(fields=["org_unit", "year"], name="observation_unit_year"),
            models.Index(fields=["target", "period_end"], name="observation_target_end"),
        ]

    def __str__(self) -> str:
        return f"{self.target.ref} {self.period}: {self.value} ({self.get_status_display()})"

    @property
    def provisional(self) -> bool:
        return self.status == self.Status.PROVISIONAL

    @property
    def period_label(self) -> str:
        """The period's name: "Năm 2026", "6 tháng đầu năm 2026"."""
        from trienkhai.core.periods import parse_period

        return parse_period(self.period).label

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)


class TargetBandQuerySet(UnitScopedQuerySet["TargetBand"]):
    pass


class TargetBand(models.Model):
    """A target's own plausible band, set by the office, in place of its kind's default
    (`monitoring.bands.DEFAULT_BANDS`). Kept here, beside the values it judges, so the
    plans app's Target stays as the plan wrote it. An empty bound means none that side."""

    plan_setting = True  # describes the target: no one's work hangs on it (plans.lifecycle)

    target = models.OneToOneField(
        Target, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="band"
    )
    # The target's unit, kept on the row so scoping needs no join.
    org_unit = owning_unit(related_name="target_bands")
    low = models.DecimalField(
        _("giá trị thấp nhất thường gặp"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    high = models.DecimalField(
        _("giá trị cao nhất thường gặp"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    max_jump = models.DecimalField(
        _("mức chênh tối đa so với kỳ trước"),
        max_digits=24,
        decimal_places=6,
        null=True,
        blank=True,
    )
    reason = models.TextField(_("lý do"), blank=True)
    updated_by = acting_user()
    updated_at = models.DateTimeField(_("cập nhật lúc"))

    objects = TargetBandQuerySet.as_manager()

    class Meta:
        verbose_name = _("khoảng giá trị hợp lý của chỉ tiêu")
        verbose_name_plural = _("khoảng giá trị hợp lý của chỉ tiêu")

    def __str__(self) -> str:
        return f"{self.target.ref}: {self.low} – {self.high}"

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)


class ObservationImportQuerySet(UnitScopedQuerySet["ObservationImport"]):
    pass


class ObservationImport(models.Model):
    """One accepted Excel file of a unit's yearly figures (the file is kept as uploaded)."""

    org_unit = owning_unit()
    year = models.PositiveSmallIntegerField(_("năm"))
    file = models.ForeignKey(
        "core.StoredFile", verbose_name=_("tệp"), on_delete=models.PROTECT, related_name="+"
    )
    rows = models.PositiveIntegerField(_("số dòng có số liệu"))
    changed = models.PositiveIntegerField(_("số giá trị thay đổi"))
    created_by = acting_user()
    created_at = models.DateTimeField(_("tải lên lúc"))

    objects = ObservationImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần tải số liệu")
        verbose_name_plural = _("lần tải số liệu")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.year}: {self.file}"

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)

    def file_readable_by(self, user: object) -> bool:
        return OrgUnit.objects.visible_to(user).filter(pk=self.org_unit_id).exists()
