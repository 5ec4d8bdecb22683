"""Study sessions (học tập, quán triệt), headcounts and materials of a plan.

Who is counted where (PRODUCT.md): đảng viên at their chi bộ, đoàn viên and hội viên at the
mass organisations, cán bộ chủ chốt at the commune. A `Headcount` is a fact about a unit
(kept with its history, read "as of" a date); a `StudySession` serves one plan and records,
per threshold group, how many people attended (`SessionAttendance`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from trienkhai.core.models import TimeStamped, acting_user, unit_audit_data
from trienkhai.orgs.models import OrgUnit, owning_unit
from trienkhai.orgs.scoping import UnitScopedQuerySet
from trienkhai.plans.models import CoverageThreshold, Plan

Group = CoverageThreshold.Group
K = OrgUnit.Kind

# The unit kinds whose own members make up each group: the coverage of a group rolls up
# over these units only (a commune conference attended by party members does not count
# them a second time — their chi bộ does).
GROUP_OWNER_KINDS: dict[str, tuple[str, ...]] = {
    Group.KEY_CADRES: (K.COMMUNE_COMMITTEE,),
    Group.PARTY_MEMBERS: (K.PARTY_CELL,),
    Group.UNION_MEMBERS: (K.MASS_ORG,),
    Group.CIVIL_SERVANTS: (K.PEOPLES_COMMITTEE,),
}
# Nouns used in sentences: "2.909/3.044 đảng viên, đạt 95,57%". Marked for makemessages
# but kept plain str (gettext_noop): they also go into XLSX cells and search keys.
GROUP_NOUNS: dict[str, str] = {
    Group.KEY_CADRES: gettext_noop("cán bộ chủ chốt"),
    Group.PARTY_MEMBERS: gettext_noop("đảng viên"),
    Group.UNION_MEMBERS: gettext_noop("đoàn viên, hội viên"),
    Group.CIVIL_SERVANTS: gettext_noop("cán bộ, công chức"),
}
COUNTED_GROUPS = tuple(GROUP_OWNER_KINDS)
HEADCOUNT_GROUP_CHOICES = [(g, label) for g, label in Group.choices if g in GROUP_OWNER_KINDS]


def in_sentence(label: object) -> str:
    """A choice's label inside a sentence: "Nhóm Zalo" → "nhóm Zalo" (names keep capitals)."""
    text = str(label)
    return text[:1].lower() + text[1:]


def groups_owned_by(kind: str) -> tuple[str, ...]:
    return tuple(g for g, kinds in GROUP_OWNER_KINDS.items() if kind in kinds)


class Headcount(TimeStamped):
    """How many people of a group a unit has, from a date on (sĩ số)."""

    org_unit = owning_unit(related_name="headcounts")
    group = models.CharField(_("nhóm"), max_length=20, choices=HEADCOUNT_GROUP_CHOICES)
    as_of = models.DateField(_("tính từ ngày"))
    count = models.PositiveIntegerField(_("sĩ số"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    # Why a figure far from the members already known is right (core.plausibility).
    confirm_note = models.CharField(_("ghi chú xác nhận số liệu"), max_length=500, blank=True)
    entered_by = acting_user()

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("sĩ số")
        verbose_name_plural = _("sĩ số")
        ordering = ["org_unit", "group", "-as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "group", "as_of"], name="headcount_one_per_day"
            ),
            models.CheckConstraint(condition=Q(count__gte=0), name="headcount_not_negative"),
        ]
        indexes = [models.Index(fields=["org_unit", "group", "as_of"])]

    def __str__(self) -> str:
        return f"{self.org_unit} · {self.get_group_display()} · {self.as_of}: {self.count}"

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)


class StudySession(TimeStamped):
    """One study session (buổi học tập, quán triệt) of a unit for a plan."""

    class Kind(models.TextChoices):
        MAIN = "main", _("Buổi quán triệt chính")
        MAKE_UP = "make_up", _("Học bù")
        OTHER = "other", _("Buổi khác (không tính tỷ lệ)")

    class Form(models.TextChoices):
        CONFERENCE = "conference", _("Hội nghị")
        CELL_MEETING = "cell_meeting", _("Sinh hoạt chi bộ thường kỳ")
        THEMATIC = "thematic", _("Sinh hoạt chuyên đề")
        ONLINE = "online", _("Trực tuyến")

    # Sessions and materials are parts of the plan, like its targets: they go with it.
    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="study_sessions"
    )
    org_unit = owning_unit(related_name="study_sessions")
    date = models.DateField(_("ngày học tập"))
    kind = models.CharField(_("loại buổi"), max_length=10, choices=Kind.choices)
    form = models.CharField(_("hình thức"), max_length=16, choices=Form.choices)
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    essays = models.PositiveIntegerField(_("bài thu hoạch đã nhận"), default=0)
    # Only on sessions recorded while more attendees than the headcount could be confirmed;
    # such a figure is refused now (services), the old reason is still shown.
    over_headcount_note = models.CharField(_("lý do số dự vượt sĩ số"), max_length=300, blank=True)
    created_by = acting_user()

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("buổi học tập, quán triệt")
        verbose_name_plural = _("buổi học tập, quán triệt")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(essays__gte=0), name="session_essays_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} · {self.get_kind_display()} · {self.date}"

    @property
    def counted(self) -> bool:
        return self.kind != self.Kind.OTHER

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)

    def file_readable_by(self, user: object) -> bool:
        return StudySession.objects.visible_to(user).filter(pk=self.pk).exists()


class SessionAttendance(models.Model):
    """Attendees of one group at a session.

    Plan, unit and kind repeat the session's so that "one main session per plan × unit ×
    group" is a database constraint; the services keep them equal to the session's.
    For a make-up session, `count` is the number of people absent from the main session
    who attended this one.
    """

    counted_with_parent = True  # part of its session: `plans.lifecycle` counts the session

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="attendance")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=StudySession.Kind.choices)
    group = models.CharField(_("nhóm"), max_length=20, choices=HEADCOUNT_GROUP_CHOICES)
    count = models.PositiveIntegerField(_("số người dự"))

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("số người dự")
        verbose_name_plural = _("số người dự")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "group"], name="attendance_one_row_per_group"
            ),
            models.UniqueConstraint(
                fields=["plan", "org_unit", "group"],
                condition=Q(kind="main"),
                name="attendance_one_main_session",
                violation_error_message=_(
                    "Đơn vị đã có buổi quán triệt chính cho nhóm này của kế hoạch."
                ),
            ),
            models.CheckConstraint(condition=Q(count__gte=0), name="attendance_not_negative"),
        ]
        indexes = [models.Index(fields=["plan", "org_unit", "group", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_group_display()}: {self.count}"

    @property
    def noun(self) -> str:
        return GROUP_NOUNS.get(self.group, self.group)

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)


class Outreach(TimeStamped):
    """How a unit reached one of the plan's audiences that have no headcount (bí thư chi bộ,
    trưởng thôn, người có uy tín; hộ sản xuất kinh doanh, hợp tác xã, doanh nghiệp; toàn thể
    Nhân dân): by which means, on which day, how many people or households."""

    class Audience(models.TextChoices):
        COMMUNITY_LEADERS = "community_leaders", _("Bí thư chi bộ, trưởng thôn, người có uy tín")
        BUSINESSES = "businesses", _("Hộ sản xuất kinh doanh, hợp tác xã, doanh nghiệp")
        PUBLIC = "public", _("Toàn thể Nhân dân")

    class Method(models.TextChoices):
        VILLAGE_MEETING = "village_meeting", _("Hội nghị ở thôn")
        LOUDSPEAKER = "loudspeaker", _("Loa truyền thanh")
        LEAFLET = "leaflet", _("Tờ rơi")
        ZALO = "zalo", _("Nhóm Zalo")
        OTHER = "other", _("Hình thức khác")

    class ReachUnit(models.TextChoices):
        PEOPLE = "people", _("người")
        HOUSEHOLDS = "households", _("hộ")

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="outreach"
    )
    org_unit = owning_unit(related_name="outreach")
    audience = models.CharField(_("đối tượng"), max_length=20, choices=Audience.choices)
    method = models.CharField(_("hình thức"), max_length=20, choices=Method.choices)
    date = models.DateField(_("ngày"))
    reached = models.PositiveIntegerField(_("số được tuyên truyền"))
    reach_unit = models.CharField(
        _("tính theo"), max_length=10, choices=ReachUnit.choices, default=ReachUnit.PEOPLE
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    created_by = acting_user()

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tuyên truyền đến đối tượng")
        verbose_name_plural = _("tuyên truyền đến đối tượng")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(reached__gte=0), name="outreach_not_negative")
        ]
        indexes = [models.Index(fields=["plan", "org_unit", "audience"])]

    def __str__(self) -> str:
        return f"{self.org_unit} · {self.get_audience_display()} · {self.date}"

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)


class Material(TimeStamped):
    """An outline or document the office publishes to the units for a plan."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="materials"
    )
    org_unit = owning_unit(_("đơn vị phát hành"))
    title = models.CharField(_("tên tài liệu"), max_length=300)
    description = models.TextField(_("mô tả"), blank=True)
    file = models.ForeignKey(
        "core.StoredFile", verbose_name=_("tệp"), on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("phát hành lúc"))
    published_by = acting_user()

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tài liệu quán triệt")
        verbose_name_plural = _("tài liệu quán triệt")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)

    def file_readable_by(self, user: object) -> bool:
        return Material.objects.visible_to(user).filter(pk=self.pk).exists()


class MaterialReceipt(models.Model):
    """A unit has received a material: the first time one of its users opened it."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="receipts")
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    first_opened_at = models.DateTimeField(_("mở lần đầu lúc"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người mở"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("xác nhận đã nhận tài liệu")
        verbose_name_plural = _("xác nhận đã nhận tài liệu")
        constraints = [
            models.UniqueConstraint(
                fields=["material", "org_unit"], name="material_receipt_once_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.material} · {self.org_unit}"

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)
