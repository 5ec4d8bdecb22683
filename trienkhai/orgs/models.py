"""The org tree: the city, its communes, their bodies, đảng bộ bộ phận and chi bộ.

Units are never moved. A merger or a new parent closes the unit (`valid_to`)
and opens a successor, so a rollup of a past period can use the tree valid then.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from trienkhai.core.models import TimeStamped, unit_audit_data
from trienkhai.orgs.scoping import STEPLEN, UnitScopedQuerySet, ancestor_paths


class OrgUnitQuerySet(UnitScopedQuerySet["OrgUnit"], MP_NodeQuerySet):
    # The unit is its own owner: the subtree condition runs on its own path.
    unit_field = ""

    def valid_on(self, day: date | None = None) -> OrgUnitQuerySet:
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class OrgUnitManager(MP_NodeManager.from_queryset(OrgUnitQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> OrgUnitQuerySet:
        # treebeard hard-codes its own queryset class; keep ours and its tree order.
        return OrgUnitQuerySet(self.model, using=self._db).order_by("path")


class OrgUnit(MP_Node, TimeStamped):
    class Kind(models.TextChoices):
        CITY_COMMITTEE = "city_committee", _("Đảng bộ thành phố")
        COMMUNE_COMMITTEE = "commune_committee", _("Đảng bộ xã, phường")
        STANDING_COMMITTEE = "standing_committee", _("Ban Thường vụ")
        PARTY_BUILDING_BOARD = "party_building_board", _("Ban Xây dựng Đảng")
        PARTY_OFFICE = "party_office", _("Văn phòng Đảng ủy")
        INSPECTION_COMMITTEE = "inspection_committee", _("Ủy ban Kiểm tra")
        PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
        PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
        FRONT = "front", _("Ủy ban MTTQ")
        MASS_ORG = "mass_org", _("Tổ chức chính trị - xã hội")
        PARTY_SUBCOMMITTEE = "party_subcommittee", _("Đảng bộ bộ phận")
        PARTY_CELL = "party_cell", _("Chi bộ")

    # Party organisations that hold members and report as such (tổ chức đảng trực thuộc).
    PARTY_ORG_KINDS = (Kind.PARTY_SUBCOMMITTEE, Kind.PARTY_CELL)

    steplen = STEPLEN
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên ngắn"), max_length=80, blank=True)
    kind = models.CharField(_("loại"), max_length=32, choices=Kind.choices)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
    )

    objects = OrgUnitManager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_interval",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    def contains(self, other: OrgUnit) -> bool:
        """True when `other` is this unit or lies below it."""
        return other.path.startswith(self.path)

    def nearest(self, *kinds: str) -> OrgUnit | None:
        """This unit or the closest unit above it of one of `kinds` (a chi bộ's commune)."""
        if self.kind in kinds:
            return self
        paths = ancestor_paths(self.path)
        return OrgUnit.objects.filter(path__in=paths, kind__in=kinds).order_by("-path").first()

    def file_readable_by(self, user: object) -> bool:
        return OrgUnit.objects.visible_to(user).filter(pk=self.pk).exists()

    def get_additional_data(self) -> dict[str, Any]:
        # Every audit entry carries the unit path so the log can be scoped.
        return unit_audit_data(self)


UNIT_LABEL = _("đơn vị")


def owning_unit(
    verbose_name: Any = UNIT_LABEL,
    *,
    related_name: str = "+",
    on_delete: Any = models.PROTECT,
) -> models.ForeignKey[OrgUnit, OrgUnit]:
    """The foreign key by which a row belongs to an org unit (its scope reads through it).

    A unit is closed, never deleted, while rows hang on it: hence PROTECT by default.
    """
    return models.ForeignKey(
        OrgUnit, verbose_name=verbose_name, on_delete=on_delete, related_name=related_name
    )
