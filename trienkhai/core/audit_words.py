"""The audit log in words: what the audit page shows of django-auditlog's entries.

auditlog keeps every value as text ("None", "True", "2026-06-10", a primary key, a choice
code). The page shows them as people write them: Vietnamese dates and numbers, choices by
their label, related objects by name, and the fields by their verbose names.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db.models import Field, Model
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from trienkhai.core.dates import format_date_short
from trienkhai.core.numbers import format_number

EMPTY = _("(trống)")
StrOrPromise = str | Promise
# The verbs of the dotted domain actions, by their last part ("tasks.task.reassigned").
ACTION_VERBS: dict[str, StrOrPromise] = {
    "created": _("Tạo"),
    "updated": _("Sửa"),
    "deleted": _("Xóa"),
    "set": _("Ghi"),
    "saved": _("Ghi"),
    "grid_saved": _("Ghi bảng số liệu"),
    "imported": _("Nhập từ tệp"),
    "import": _("Nhập từ tệp Excel"),
    "closed": _("Đóng"),
    "published": _("Phát hành"),
    "received": _("Nhận"),
    "assigned": _("Giao"),
    "reassigned": _("Giao lại"),
    "file_added": _("Đính kèm tệp"),
    "drafted": _("Soạn thảo"),
    "issued": _("Ban hành"),
    "recorded": _("Ghi số"),
    "signed_attached": _("Đính kèm bản đã ký"),
    "next_set": _("Đặt số tiếp theo"),
    "password_reset": _("Cấp lại mã đăng nhập"),
    "progress": _("Cập nhật tiến độ"),
    "completed": _("Báo cáo hoàn thành"),
    "not_applicable": _("Báo không phát sinh"),
    "confirmed": _("Xác nhận"),
    "returned": _("Trả lại"),
    "withdrawn": _("Rút"),
    "superseded": _("Thay thế"),
    "applied": _("Cập nhật theo bản mới"),
    "merged": _("Cập nhật theo bản mới"),
    "reopened": _("Mở lại"),
    "approved": _("Duyệt"),
    "submitted": _("Gửi"),
}
_ENTRY_VERBS = {0: _("Tạo"), 1: _("Sửa"), 2: _("Xóa"), 3: _("Xem")}
# Integers that name a year, a week or a number in a register: written plainly (2026, not
# 2.026), as PRODUCT.md asks of years, ids and codes.
_PLAIN_INTEGER_SUFFIXES = ("year", "week", "number")
_ISO_DATE = re.compile(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b")
_LONGEST_VALUE = 200


@dataclass(frozen=True)
class FieldChange:
    """One field of an entry in words; ``old`` is "" for a creation."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ReadableEntry:
    entry: LogEntry
    action: str  # "Sửa", "Giao lại"…
    kind: str  # the model's verbose name: "Nhiệm vụ"
    name: str  # the object as it was named then
    summary: str  # a domain action's own sentence
    changes: tuple[FieldChange, ...]

    @property
    def actor_name(self) -> str:
        actor = self.entry.actor
        return actor.get_full_name() if actor is not None else ""


def _capital(text: object) -> str:
    words = str(text)
    return words[:1].upper() + words[1:]


def _iso_dates_in_words(text: str) -> str:
    """Names written by a model's ``__str__`` may carry ISO dates: dd/mm/yyyy instead."""
    return _ISO_DATE.sub(lambda m: f"{m[3]}/{m[2]}/{m[1]}", text)


def _shown_fields(model: type[Model] | None) -> dict[str, Field[Any, Any]]:
    """The fields a reader cares about: named in Vietnamese, not stamps or tree internals
    (a field without its own verbose name is bookkeeping: path, depth, order…)."""
    if model is None:
        return {}
    shown: dict[str, Field[Any, Any]] = {}
    for field in model._meta.get_fields():
        if not isinstance(field, Field) or field.auto_created:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        if str(field.verbose_name) == field.name.replace("_", " "):
            continue
        shown[field.name] = field
    return shown


def _fk_keys(entries: Sequence[LogEntry]) -> dict[type[Model], set[Any]]:
    """Every related object the page names, by model: fetched once per model."""
    wanted: dict[type[Model], set[Any]] = {}
    for entry in entries:
        fields = _shown_fields(entry.content_type.model_class())
        for name, values in (entry.changes or {}).items():
            field = fields.get(name)
            if field is None or not field.is_relation or field.many_to_many:
                continue
            related = field.related_model
            if not isinstance(values, list | tuple) or not isinstance(related, type):
                continue
            for raw in values:
                if raw not in (None, "None", ""):
                    with contextlib.suppress(ValidationError, ValueError, TypeError):
                        wanted.setdefault(related, set()).add(related._meta.pk.to_python(raw))
    return wanted


def _fetch_names(wanted: dict[type[Model], set[Any]]) -> dict[tuple[type[Model], str], str]:
    names: dict[tuple[type[Model], str], str] = {}
    for model, keys in wanted.items():
        # One level of relations too: many names say whose they are ("Chi bộ A · Đảng viên").
        joins = [
            f.name
            for f in model._meta.concrete_fields
            if f.many_to_one and not f.null and f.related_model is not model
        ]
        for obj in model._base_manager.select_related(*joins).filter(pk__in=keys):
            names[(model, str(obj.pk))] = _iso_dates_in_words(str(obj))
    return names


def _number(raw: str, plain: bool) -> str:
    try:
        value = Decimal(raw)
    except ArithmeticError:
        return raw
    if not value.is_finite():
        return raw
    return str(int(value)) if plain and value == value.to_integral_value() else format_number(value)


def _local_datetime(raw: str) -> str:
    stamp = datetime.fromisoformat(raw)
    if timezone.is_naive(stamp):  # auditlog keeps UTC without its zone
        stamp = stamp.replace(tzinfo=UTC)
    local = timezone.localtime(stamp)
    return f"{local:%H:%M} {format_date_short(local.date())}"


def _json_words(raw: str) -> str:
    with contextlib.suppress(ValueError):
        data = json.loads(raw)
        if data in (None, [], {}, ""):
            return str(EMPTY)
        if isinstance(data, list):
            return ", ".join(str(item) for item in data)
        if isinstance(data, dict):
            return "; ".join(f"{k}: {v}" for k, v in data.items())
    return raw


def value_in_words(
    field: Field[Any, Any], raw: Any, names: dict[tuple[type[Model], str], str]
) -> str:
    """One stored value as the reader should see it; an empty one is "(trống)"."""
    if raw is None or raw in ("None", ""):
        return str(EMPTY)
    text = str(raw)
    try:
        if field.choices:
            labels = {str(key): label for key, label in field.flatchoices}
            return str(labels.get(text, text))
        if field.is_relation:
            related = field.related_model
            if isinstance(related, type):
                return names.get((related, text), str(_("(đã xóa)")))
            return text
        kind = field.get_internal_type()
        if kind == "BooleanField":
            return str(_("Có") if text == "True" else _("Không"))
        if kind == "DateField":
            return format_date_short(date.fromisoformat(text[:10]))
        if kind == "DateTimeField":
            return _local_datetime(text)
        if kind in ("DecimalField", "FloatField") or kind.endswith("IntegerField"):
            return _number(text, plain=field.name.endswith(_PLAIN_INTEGER_SUFFIXES))
        if kind == "JSONField":
            text = _json_words(text)
        elif kind == "FileField":
            text = text.rsplit("/", 1)[-1]
    except ValueError:
        pass
    if len(text) > _LONGEST_VALUE:
        text = text[: _LONGEST_VALUE - 1] + "…"
    return text


def _m2m_words(change: dict[str, Any]) -> tuple[str, str]:
    objects = ", ".join(_iso_dates_in_words(str(o)) for o in change.get("objects", []))
    if change.get("operation") == "add":
        return "", str(_("thêm %(objects)s") % {"objects": objects})
    return "", str(_("bỏ %(objects)s") % {"objects": objects})


def _changes(entry: LogEntry, names: dict[tuple[type[Model], str], str]) -> tuple[FieldChange, ...]:
    if entry.action == LogEntry.Action.DELETE or entry.changes_text:
        return ()
    fields = _shown_fields(entry.content_type.model_class())
    lines = []
    changes = entry.changes or {}
    # In the model's field order: PostgreSQL's jsonb keeps keys in its own order.
    for name, field in fields.items():
        if name not in changes:
            continue
        values = changes[name]
        label = _capital(field.verbose_name)
        if isinstance(values, dict) and values.get("type") == "m2m":
            old, new = _m2m_words(values)
        elif isinstance(values, list | tuple) and len(values) == 2:
            old, new = (value_in_words(field, v, names) for v in values)
            if entry.action == LogEntry.Action.CREATE:
                if new == str(EMPTY):
                    continue  # a new object's empty fields say nothing
                old = ""
        else:
            continue
        lines.append(FieldChange(label, old, new))
    return tuple(lines)


def action_in_words(entry: LogEntry) -> str:
    code = (
        (entry.additional_data or {}).get("action")
        if isinstance(entry.additional_data, dict)
        else None
    )
    if isinstance(code, str) and code:
        verb = ACTION_VERBS.get(code.rsplit(".", 1)[-1])
        if verb is not None:
            return str(verb)
    return str(_ENTRY_VERBS.get(entry.action, _("Thay đổi")))


def readable_entries(entries: Iterable[LogEntry]) -> list[ReadableEntry]:
    """The entries of one page in words; related objects are named with one query per model
    (the entries come with ``select_related("actor", "content_type")``)."""
    rows = list(entries)
    names = _fetch_names(_fk_keys(rows))
    readable = []
    for entry in rows:
        model = entry.content_type.model_class()
        kind = _capital(model._meta.verbose_name) if model else str(_("Đối tượng đã bỏ"))
        readable.append(
            ReadableEntry(
                entry=entry,
                action=action_in_words(entry),
                kind=kind,
                name=_iso_dates_in_words(entry.object_repr or ""),
                summary=_iso_dates_in_words(entry.changes_text or ""),
                changes=_changes(entry, names),
            )
        )
    return readable
