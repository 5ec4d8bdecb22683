"""Writes on the media log: each one atomic, checked against the actor's rights on the unit
it writes for, with a Vietnamese `DomainError` when the data breaks a rule.

Single objects are logged by django-auditlog (registered in apps.py); grid saves and
imports add one summary entry of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import NamedTuple, Required, TypedDict, Unpack

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.errors import DomainError
from trienkhai.core.files import stored_file_create
from trienkhai.core.text import clean_text, link_key, text_key
from trienkhai.media.duplicates import duplicate_of, refuse_duplicate
from trienkhai.media.models import Banner, Channel, ExemptWeek, MediaItem, MediaTally, RuleSetting
from trienkhai.media.weeks import WeekKey, monday, week_code
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import MediaRule, Plan, Solution, Target

Kinds = tuple[str, ...]
PHOTO_KINDS: Kinds = ("jpg", "png", "pdf")
PHOTO_ONLY: Kinds = ("jpg", "png")


class Upload(NamedTuple):
    """A file sent with a form: its bytes and the name it was sent under."""

    data: bytes
    name: str


def _check_channel(channel: Channel, unit: OrgUnit) -> None:
    if not channel.active or not unit.path.startswith(channel.org_unit.path):
        raise DomainError(
            _("Đơn vị “%(unit)s” không đăng tin trên kênh “%(channel)s”.")
            % {"unit": unit.name, "channel": channel.name}
        )


def _check_day(day: date) -> None:
    if day > timezone.localdate():
        raise DomainError(_("Ngày đăng, phát không được sau hôm nay."))


def _check_link(link: str) -> str:
    link = (link or "").strip()
    if link and not link.lower().startswith(("http://", "https://")):
        raise DomainError(_("Đường dẫn phải bắt đầu bằng http:// hoặc https://."))
    return link


def _check_topics(actor: User, targets: Iterable[Target], solutions: Iterable[Solution]) -> None:
    target_ids = {t.pk for t in targets}
    solution_ids = {s.pk for s in solutions}
    if target_ids and Target.objects.visible_to(actor).filter(pk__in=target_ids).count() != len(
        target_ids
    ):
        raise DomainError(_("Có chỉ tiêu không thuộc phạm vi của đồng chí."))
    ended = Target.objects.filter(pk__in=target_ids, plan__isnull=False).exclude(
        plan__state=Plan.State.IN_FORCE
    )
    if target_ids and ended.exists():
        raise DomainError(
            _(
                "Có chỉ tiêu thuộc kế hoạch đã được thay thế hoặc đã rút: hãy gắn chỉ tiêu của "
                "kế hoạch đang thực hiện."
            ),
            field="targets",
        )
    if solution_ids and Solution.objects.visible_to(actor).filter(
        pk__in=solution_ids
    ).count() != len(solution_ids):
        raise DomainError(_("Có nhóm giải pháp không thuộc phạm vi của đồng chí."))


# --- channels --------------------------------------------------------------------------------


@transaction.atomic
def channel_create(*, actor: User, unit: OrgUnit, kind: str, name: str) -> Channel:
    require_cap(actor, Cap.DATA_ENTER, unit)
    name = clean_text(name)
    if not name:
        raise DomainError(_("Chưa nhập tên kênh."))
    # Compared in Python: SQLite's case folding stops at ASCII ("Đài" vs "đài").
    names = Channel.objects.filter(org_unit=unit).values_list("name", flat=True)
    if any(text_key(other) == text_key(name) for other in names):
        raise DomainError(_("Đơn vị đã có kênh “%(name)s”.") % {"name": name})
    return Channel.objects.create(org_unit=unit, kind=kind, name=name)


@transaction.atomic
def channel_set_active(*, actor: User, channel: Channel, active: bool) -> Channel:
    require_cap(actor, Cap.DATA_ENTER, channel.org_unit)
    channel.active = active
    channel.save(update_fields=["active", "updated_at"])
    return channel


# --- entries: news items and banners ---------------------------------------------------------


def _save_with_file(
    row: MediaItem | Banner, field: str, *, actor: User, upload: Upload | None, allowed: Kinds
) -> None:
    """Save the row with its uploaded file, if any (an item's photo or scan, a banner's photo).

    An edited row is written once, so one save is one audit entry; only a new row with a file
    is written first, as the stored file names its owner by id.
    """
    if upload and upload.data:
        if row.pk is None:
            row.save()
        data, name = upload
        stored = stored_file_create(data=data, name=name, user=actor, owner=row, allowed=allowed)
        setattr(row, field, stored)
    row.save()


class ItemFields(TypedDict, total=False):
    """What an item form gives: the same for a new item and an edited one."""

    channel: Required[Channel]
    day: Required[date]
    title: Required[str]
    kind: str
    link: str
    targets: Iterable[Target]
    solutions: Iterable[Solution]
    file: Upload | None


def media_item_create(*, actor: User, unit: OrgUnit, **fields: Unpack[ItemFields]) -> MediaItem:
    return _item_save(actor, MediaItem(org_unit=unit, created_by=actor), fields)


def media_item_update(*, actor: User, item: MediaItem, **fields: Unpack[ItemFields]) -> MediaItem:
    """Change an item; it keeps its unit (and its kind unless a new one is given)."""
    return _item_save(actor, item, fields)


@transaction.atomic
def _item_save(actor: User, item: MediaItem, fields: ItemFields) -> MediaItem:
    require_cap(actor, Cap.DATA_ENTER, item.org_unit)
    _check_channel(fields["channel"], item.org_unit)
    _check_day(fields["day"])
    title = clean_text(fields["title"])
    if not title:
        raise DomainError(_("Chưa nhập tiêu đề tin, bài."))
    targets, solutions = list(fields.get("targets", ())), list(fields.get("solutions", ()))
    _check_topics(actor, targets, solutions)
    link = _check_link(fields.get("link", ""))
    existing = duplicate_of(
        unit=item.org_unit,
        channel=fields["channel"],
        day=fields["day"],
        title=title,
        link=link,
        exclude=item.pk,
    )
    if existing is not None:
        same_link = bool(link) and link_key(existing.link) == link_key(link)
        raise refuse_duplicate(existing, field="link" if same_link else "title")
    item.channel, item.date, item.title = fields["channel"], fields["day"], title[:500]
    item.kind = fields.get("kind", item.kind)
    item.link = link
    _save_with_file(item, "file", actor=actor, upload=fields.get("file"), allowed=PHOTO_KINDS)
    item.targets.set(targets)
    item.solutions.set(solutions)
    return item


@transaction.atomic
def entry_delete(*, actor: User, entry: MediaItem | Banner) -> None:
    """Delete a news item or a banner, by someone who enters data for its unit."""
    require_cap(actor, Cap.DATA_ENTER, entry.org_unit)
    entry.delete()


# --- weekly tallies ---------------------------------------------------------------------


@transaction.atomic
def media_tallies_save(
    *, actor: User, unit: OrgUnit, counts: Mapping[tuple[Channel, WeekKey], int | None]
) -> int:
    """Set a unit's weekly counts per channel; an empty or zero cell removes the count.

    Returns how many cells changed; one audit entry sums the grid up.
    """
    require_cap(actor, Cap.DATA_ENTER, unit)
    this_week = timezone.localdate()
    existing = {
        (t.channel_id, (t.iso_year, t.iso_week)): t
        for t in MediaTally.objects.filter(org_unit=unit, channel__in={c.pk for c, _w in counts})
    }
    changed = 0
    for (channel, week), value in counts.items():
        _check_channel(channel, unit)
        if monday(week) > this_week:
            raise DomainError(
                _("Tuần %(week)s chưa bắt đầu, chưa nhập được.") % {"week": week_code(week)}
            )
        if value is not None and value < 0:
            raise DomainError(_("Số tin, bài không được âm."))
        current = existing.get((channel.pk, week))
        if not value:
            if current is not None:
                current.delete()
                changed += 1
            continue
        if current is None:
            tally = MediaTally(org_unit=unit, channel=channel, count=value, updated_by=actor)
            tally.set_week(*week)
            tally.save()
            changed += 1
        elif current.count != value:
            current.count, current.updated_by = value, actor
            current.save(update_fields=["count", "updated_by", "updated_at"])
            changed += 1
    if changed:
        audit_action(
            actor=actor,
            action="media.tallies.saved",
            obj=unit,
            unit=unit,
            summary=_("Cập nhật %(n)d ô số lượng tin, bài theo tuần") % {"n": changed},
        )
    return changed


# --- banners -------------------------------------------------------------------------------


class BannerFields(TypedDict, total=False):
    """What a banner form gives: the same for a new banner and an edited one."""

    place: Required[str]
    kind: Required[str]
    count: Required[int]
    date_from: Required[date]
    date_to: date | None
    content: str
    photo: Upload | None


def banner_create(*, actor: User, unit: OrgUnit, **fields: Unpack[BannerFields]) -> Banner:
    return _banner_save(actor, Banner(org_unit=unit, created_by=actor), fields)


def banner_update(*, actor: User, banner: Banner, **fields: Unpack[BannerFields]) -> Banner:
    return _banner_save(actor, banner, fields)


@transaction.atomic
def _banner_save(actor: User, banner: Banner, fields: BannerFields) -> Banner:
    require_cap(actor, Cap.DATA_ENTER, banner.org_unit)
    place, count = clean_text(fields["place"]), fields["count"]
    date_from, date_to = fields["date_from"], fields.get("date_to")
    if not place:
        raise DomainError(_("Chưa nhập địa điểm treo."))
    if count < 1:
        raise DomainError(_("Số lượng phải từ 1 trở lên."))
    if date_to is not None and date_to < date_from:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."))
    banner.place, banner.kind, banner.count = place, fields["kind"], count
    banner.date_from, banner.date_to = date_from, date_to
    banner.content = clean_text(fields.get("content", ""))
    _save_with_file(banner, "photo", actor=actor, upload=fields.get("photo"), allowed=PHOTO_ONLY)
    return banner


# --- rule settings and exempt weeks --------------------------------------------------------


@transaction.atomic
def rule_setting_save(
    *, actor: User, rule: MediaRule, count_mode: str, applies_to: str, start: date | None
) -> RuleSetting:
    require_cap(actor, Cap.PLANS_EDIT, rule.plan.org_unit)
    if start is not None and start.weekday() != 0:
        raise DomainError(_("Ngày bắt đầu tính phải là thứ Hai (đầu một tuần)."))
    setting, _created = RuleSetting.objects.get_or_create(rule=rule)
    setting.count_mode, setting.applies_to, setting.start = count_mode, applies_to, start
    setting.save()
    return setting


@transaction.atomic
def exempt_week_add(*, actor: User, plan: Plan, week: WeekKey, reason: str) -> ExemptWeek:
    require_cap(actor, Cap.PLANS_EDIT, plan.org_unit)
    reason = clean_text(reason)
    if not reason:
        raise DomainError(_("Chưa nhập lý do không tính tuần này."))
    if ExemptWeek.objects.filter(plan=plan, iso_year=week[0], iso_week=week[1]).exists():
        raise DomainError(_("Tuần %(week)s đã có trong danh sách.") % {"week": week_code(week)})
    exempt = ExemptWeek(plan=plan, reason=reason)
    exempt.set_week(*week)
    exempt.save()
    return exempt


@transaction.atomic
def exempt_week_remove(*, actor: User, exempt: ExemptWeek) -> None:
    require_cap(actor, Cap.PLANS_EDIT, exempt.plan.org_unit)
    exempt.delete()
