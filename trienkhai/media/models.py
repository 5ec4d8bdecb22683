"""Channels, news items, weekly tallies, banners, and the office's settings of the plan's
minimum-output rules (the rule itself, `plans.MediaRule`, comes from the plan's text).

Every item and tally carries its ISO week (`iso_year`, `iso_week`, `week_start`), filled on
save, so counts are grouped by week in the database the same way on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trienkhai.core.models import TimeStamped, acting_user, unit_audit_data
from trienkhai.media.weeks import monday, week_of
from trienkhai.orgs.models import OrgUnit, owning_unit
from trienkhai.orgs.scoping import UnitScopedQuerySet, ancestor_paths
from trienkhai.plans.models import MediaRule, Plan, PlanPartQuerySet, Solution, Target


class ChannelKind(models.TextChoices):
    RADIO = "radio", _("Truyền thanh")
    WEBSITE = "website", _("Trang thông tin điện tử")
    SOCIAL = "social", _("Mạng xã hội")
    ZALO = "zalo", _("Nhóm Zalo")
    PRESS = "press", _("Báo chí")


class NewsLogQuerySet(UnitScopedQuerySet[Any]):
    """A unit's news log (items, tallies, banners) is read in its own subtree and above.

    Unlike plans, it is not addressed to the units below: the ancestors' items stay out
    of a chi bộ's view (another unit's item is a 404).
    """

    def addressed_down(self) -> None:
        return None


class ChannelQuerySet(UnitScopedQuerySet[Any]):
    # A chi bộ posts on the commune's radio and website: ancestors' channels are readable.

    def usable_by(self, unit: OrgUnit) -> Any:
        """Channels a unit may post on: its own and those of the units above it."""
        return self.filter(
            org_unit__path__in=[*ancestor_paths(unit.path), unit.path], active=True
        ).select_related("org_unit")


class _UnitOwned(models.Model):
    org_unit: Any

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)

    def file_readable_by(self, user: object) -> bool:
        return type(self)._default_manager.visible_to(user).filter(pk=self.pk).exists()  # type: ignore[attr-defined]


class _Weekly(models.Model):
    iso_year = models.PositiveSmallIntegerField(_("năm (ISO)"), editable=False)
    iso_week = models.PositiveSmallIntegerField(_("tuần"), editable=False)
    week_start = models.DateField(_("thứ Hai của tuần"), editable=False)

    class Meta:
        abstract = True

    def set_week(self, year: int, week: int) -> None:
        self.iso_year, self.iso_week = year, week
        self.week_start = monday((year, week))


class Channel(_UnitOwned, TimeStamped):
    org_unit = owning_unit(_("đơn vị quản lý"))
    kind = models.CharField(_("loại kênh"), max_length=10, choices=ChannelKind.choices)
    name = models.CharField(_("tên kênh"), max_length=200)
    active = models.BooleanField(_("đang dùng"), default=True)

    objects = ChannelQuerySet.as_manager()

    class Meta:
        verbose_name = _("kênh tuyên truyền")
        verbose_name_plural = _("kênh tuyên truyền")
        ordering = ["org_unit__path", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "name"], name="media_channel_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class MediaItem(_UnitOwned, _Weekly, TimeStamped):
    class Kind(models.TextChoices):
        TIN = "tin", _("Tin")
        BAI = "bai", _("Bài")
        PHONG_SU = "phong_su", _("Phóng sự")
        CHUYEN_MUC = "chuyen_muc", _("Chuyên mục")

    org_unit = owning_unit(_("đơn vị thực hiện"))
    date = models.DateField(_("ngày đăng, phát"))
    channel = models.ForeignKey(
        Channel, verbose_name=_("kênh"), on_delete=models.PROTECT, related_name="items"
    )
    kind = models.CharField(_("thể loại"), max_length=12, choices=Kind.choices, default=Kind.TIN)
    title = models.CharField(_("tiêu đề"), max_length=500)
    link = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    file = models.ForeignKey(
        "core.StoredFile",
        verbose_name=_("ảnh, tệp"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    targets = models.ManyToManyField(
        Target, verbose_name=_("chỉ tiêu liên quan"), blank=True, related_name="media_items"
    )
    solutions = models.ManyToManyField(
        Solution, verbose_name=_("nhóm giải pháp"), blank=True, related_name="media_items"
    )
    created_by = acting_user()
    # Lower case without diacritics, so a search ignores tone marks.
    search_text = models.CharField(max_length=500, editable=False, default="")

    objects = NewsLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("tin, bài")
        verbose_name_plural = _("tin, bài")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["org_unit", "week_start"], name="media_item_unit_week"),
            models.Index(fields=["week_start"], name="media_item_week"),
            models.Index(fields=["date"], name="media_item_date"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        from trienkhai.core.text import search_key

        self.set_week(*week_of(self.date))
        self.search_text = search_key(self.title)[:500]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                "iso_year",
                "iso_week",
                "week_start",
                "search_text",
            }
        super().save(*args, **kwargs)


class MediaTally(_UnitOwned, _Weekly, TimeStamped):
    """How many small posts a unit made on a channel in a week, without logging each one."""

    org_unit = owning_unit()
    channel = models.ForeignKey(
        Channel, verbose_name=_("kênh"), on_delete=models.PROTECT, related_name="tallies"
    )
    count = models.PositiveIntegerField(_("số tin, bài"))
    updated_by = acting_user()

    objects = NewsLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("số lượng tin, bài theo tuần")
        verbose_name_plural = _("số lượng tin, bài theo tuần")
        ordering = ["-week_start", "org_unit__path", "channel__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "channel", "iso_year", "iso_week"],
                name="media_tally_unique_week",
            )
        ]
        indexes = [models.Index(fields=["week_start"], name="media_tally_week")]

    def __str__(self) -> str:
        return _("%(channel)s tuần %(week)s/%(year)s: %(count)s") % {
            "channel": self.channel,
            "week": self.iso_week,
            "year": self.iso_year,
            "count": self.count,
        }


class Banner(_UnitOwned, TimeStamped):
    class Kind(models.TextChoices):
        BANG_RON = "bang_ron", _("Băng rôn")
        PA_NO = "pa_no", _("Pa nô")
        KHAU_HIEU = "khau_hieu", _("Khẩu hiệu")
        AP_PHICH = "ap_phich", _("Áp phích")

    org_unit = owning_unit(_("đơn vị thực hiện"))
    place = models.CharField(_("địa điểm"), max_length=300)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    count = models.PositiveIntegerField(_("số lượng"), default=1)
    date_from = models.DateField(_("treo từ ngày"))
    date_to = models.DateField(_("đến ngày"), null=True, blank=True)
    content = models.CharField(_("nội dung"), max_length=500, blank=True)
    photo = models.ForeignKey(
        "core.StoredFile",
        verbose_name=_("ảnh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = acting_user()

    objects = NewsLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("băng rôn, pa nô")
        verbose_name_plural = _("băng rôn, pa nô")
        ordering = ["-date_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_to__isnull=True) | Q(date_to__gte=models.F("date_from")),
                name="media_banner_dates",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(count__gte=1),
                name="media_banner_count",
                violation_error_message=_("Số lượng phải từ 1 trở lên."),
            ),
        ]

    def __str__(self) -> str:
        return _("%(kind)s tại %(place)s") % {"kind": self.get_kind_display(), "place": self.place}


class RuleSetting(TimeStamped):
    """What the plan's text does not say about a rule, set by the office."""

    class CountMode(models.TextChoices):
        TOTAL = "total", _("Tổng các kênh")
        EACH = "each", _("Từng loại kênh")

    class AppliesTo(models.TextChoices):
        ISSUER = "issuer", _("Đơn vị ban hành (tính cả các đơn vị trực thuộc)")
        CHILDREN = "children", _("Từng đơn vị trực thuộc")
        PARTY_ORGS = "party_orgs", _("Từng tổ chức đảng trực thuộc")

    rule = models.OneToOneField(MediaRule, on_delete=models.CASCADE, related_name="media_setting")
    count_mode = models.CharField(
        _("cách đếm"), max_length=8, choices=CountMode.choices, default=CountMode.TOTAL
    )
    applies_to = models.CharField(
        _("áp dụng cho"), max_length=12, choices=AppliesTo.choices, default=AppliesTo.ISSUER
    )
    # When the plan carries no date (or a wrong one), the office sets the start here.
    start = models.DateField(_("bắt đầu tính từ"), null=True, blank=True)

    objects = PlanPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("cách tính quy định tuyên truyền")
        verbose_name_plural = _("cách tính quy định tuyên truyền")

    def __str__(self) -> str:
        return f"{self.rule}: {self.count_mode}, {self.applies_to}"

    @property
    def plan(self) -> Plan:
        return self.rule.plan

    def get_additional_data(self) -> dict[str, Any]:
        return self.rule.plan.get_additional_data()


class ExemptWeek(_Weekly, TimeStamped):
    """A week the plan's rules do not judge (Tết, a flood), set by the office."""

    plan_setting = True  # describes the plan: no one's work hangs on it (plans.lifecycle)

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="media_exempt_weeks")
    reason = models.CharField(_("lý do"), max_length=200)

    objects = PlanPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("tuần không tính")
        verbose_name_plural = _("tuần không tính")
        ordering = ["plan", "week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "iso_year", "iso_week"], name="media_exempt_week_unique"
            )
        ]

    def __str__(self) -> str:
        return _("Tuần %(week)s/%(year)s: %(reason)s") % {
            "week": self.iso_week,
            "year": self.iso_year,
            "reason": self.reason,
        }

    def get_additional_data(self) -> dict[str, Any]:
        return self.plan.get_additional_data()
