from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from trienkhai.core.models import unit_audit_data
from trienkhai.orgs.models import owning_unit
from trienkhai.orgs.scoping import Grant, Scope, UnitScopedQuerySet


class User(AbstractUser):
    # One field for a Vietnamese name: "Nguyễn Duy Thành" does not split into first/last.
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    must_change_password = models.BooleanField(_("phải đổi mật khẩu"), default=False)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def read_scope(self) -> Scope:
        """The user's grants, read once per request (cached on this object)."""
        cached: Scope | None = self.__dict__.get("_read_scope")
        if cached is not None:
            return cached
        rows = (
            self.memberships.filter(is_active=True)
            .values_list("org_unit__path", "role", "org_unit_id")
            .order_by("org_unit__path", "role")
        )
        grants = tuple(Grant(path, role, unit_id) for path, role, unit_id in rows)
        scope = Scope(grants=grants if self.is_active else ())
        self.__dict__["_read_scope"] = scope
        return scope

    def forget_scope(self) -> None:
        """After a change of memberships within the same request."""
        self.__dict__.pop("_read_scope", None)

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name or self.username

    def get_additional_data(self) -> dict[str, object]:
        # A user is logged under the unit of its first membership, so the office
        # that manages the user sees the change in its own log.
        first = self.memberships.select_related("org_unit").order_by("pk").first()
        if first is None:
            return {}
        return unit_audit_data(first.org_unit)


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị")
    LEADER = "leader", _("Lãnh đạo")
    OFFICE = "office", _("Văn phòng")
    REPORTER = "reporter", _("Báo cáo viên")
    VIEWER = "viewer", _("Chỉ xem")


class MembershipQuerySet(UnitScopedQuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True, user__is_active=True)


class Membership(models.Model):
    """One user's role on one unit; the role covers the unit's whole subtree."""

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="memberships"
    )
    org_unit = owning_unit(related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    title = models.CharField(_("chức vụ"), max_length=120, blank=True)
    is_active = models.BooleanField(_("đang hiệu lực"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "org_unit", "role"], name="membership_unique_role_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.org_unit}"

    def get_additional_data(self) -> dict[str, object]:
        return unit_audit_data(self.org_unit)
