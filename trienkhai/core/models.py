"""Base models shared by every app, and the file store used by every module."""

from __future__ import annotations

import uuid
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class FileOwner(Protocol):
    """What an object owning stored files must answer before one is served."""

    def file_readable_by(self, user: AbstractBaseUser | AnonymousUser) -> bool: ...


def _stored_path(instance: StoredFile, filename: str) -> str:
    # A random name: the original one is kept in the database only, so no user
    # input ever reaches the file system path.
    return f"{instance.created_at:%Y/%m}/{instance.id.hex}.{instance.kind}"


class StoredFile(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"
        XLSX = "xlsx", "Excel (XLSX)"
        JPG = "jpg", _("Ảnh JPG")
        PNG = "png", _("Ảnh PNG")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("tải lên lúc"))
    file = models.FileField(_("tệp"), upload_to=_stored_path, max_length=200)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices)
    content_type = models.CharField(_("kiểu nội dung"), max_length=120)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    owner_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_id = models.CharField(max_length=64, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")

    class Meta:
        verbose_name = _("tệp lưu trữ")
        verbose_name_plural = _("tệp lưu trữ")
        indexes = [models.Index(fields=["owner_type", "owner_id"])]

    def __str__(self) -> str:
        return self.original_name

    def readable_by(self, user: AbstractBaseUser | AnonymousUser) -> bool:
        """A file is readable when its owner says so; an orphan only by its uploader."""
        if not user.is_authenticated:
            return False
        owner = self.owner
        if owner is None:
            return self.uploaded_by_id == user.pk
        check = getattr(owner, "file_readable_by", None)
        return bool(check and check(user))


def unit_audit_data(unit: Any) -> dict[str, Any]:
    """What every audit entry carries about its unit, so the log can be scoped by subtree."""
    return {"org_unit_id": unit.pk, "org_unit_path": unit.path}


def acting_user(*, blank: bool = False) -> models.ForeignKey[Any, Any]:
    """Who entered, created or decided a row. Users are deactivated, never deleted, so the
    row keeps naming them (PROTECT); empty for rows written by an import or a command."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=blank, related_name="+"
    )
