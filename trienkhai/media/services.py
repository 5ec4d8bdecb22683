"""Writes on the media log: each one atomic, checked against the actor's rights on the unit
it writes for, with a Vietnamese `DomainError` when the data breaks a rule.

Single objects are logged by django-auditlog (registered in apps.py); grid saves and
imports add one summary entry of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.errors import DomainError
from trienkhai.core.files import stored_file_create
from trienkhai.core.text import clean_text, text_key
from trienkhai.media.models import (
    Banner,
    Channel,
    ExemptWeek,
    MediaItem,
    MediaTally,
    RuleSetting,
)
from trienkhai.media.weeks import WeekKey, monday, week_code
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import MediaRule, Plan, Solution, Target

PHOTO_KINDS = ("jpg", "png", "pdf")
PHOTO_ONLY = ("jpg", "png")


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


# --- items -------------------------------------------------------------------------------------


def _attach_file(item: MediaItem, actor: User, data: bytes | None, name: str) -> None:
    if data:
        item.file = stored_file_create(
            data=data, name=name, user=actor, owner=item, allowed=PHOTO_KINDS
        )
        item.save(update_fields=["file", "updated_at"])


@transaction.atomic
def media_item_create(
    *,
    actor: User,
    unit: OrgUnit,
    channel: Channel,
    day: date,
    title: str,
    kind: str = MediaItem.Kind.TIN,
    link: str = "",
    targets: Iterable[Target] = (),
    solutions: Iterable[Solution] = (),
    file_data: bytes | None = None,
    file_name: str = "",
) -> MediaItem:
    require_cap(actor, Cap.DATA_ENTER, unit)
    _check_channel(channel, unit)
    _check_day(day)
    title = clean_text(title)
    if not title:
        raise DomainError(_("Chưa nhập tiêu đề tin, bài."))
    targets, solutions = list(targets), list(solutions)
    _check_topics(actor, targets, solutions)
    item = MediaItem.objects.create(
        org_unit=unit,
        channel=channel,
        date=day,
        title=title[:500],
        kind=kind,
        link=_check_link(link),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if targets:
        item.targets.set(targets)
    if solutions:
        item.solutions.set(solutions)
    _attach_file(item, actor, file_data, file_name)
    return item


@transaction.atomic
def media_item_update(
    *,
    actor: User,
    item: MediaItem,
    channel: Channel,
    day: date,
    title: str,
    kind: str,
    link: str = "",
    targets: Iterable[Target] = (),
    solutions: Iterable[Solution] = (),
    file_data: bytes | None = None,
    file_name: str = "",
) -> MediaItem:
    require_cap(actor, Cap.DATA_ENTER, item.org_unit)
    _check_channel(channel, item.org_unit)
    _check_day(day)
    title = clean_text(title)
    if not title:
        raise DomainError(_("Chưa nhập tiêu đề tin, bài."))
    targets, solutions = list(targets), list(solutions)
    _check_topics(actor, targets, solutions)
    item.channel, item.date, item.title, item.kind = channel, day, title[:500], kind
    item.link = _check_link(link)
    item.save()
    item.targets.set(targets)
    item.solutions.set(solutions)
    _attach_file(item, actor, file_data, file_name)
    return item


@transaction.atomic
def media_item_delete(*, actor: User, item: MediaItem) -> None:
    require_cap(actor, Cap.DATA_ENTER, item.org_unit)
    item.delete()


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


def _check_banner(count: int, date_from: date, date_to: date | None, place: str) -> str:
    place = clean_text(place)
    if not place:
        raise DomainError(_("Chưa nhập địa điểm treo."))
    if count < 1:
        raise DomainError(_("Số lượng phải từ 1 trở lên."))
    if date_to is not None and date_to < date_from:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."))
    return place


@transaction.atomic
def banner_create(
    *,
    actor: User,
    unit: OrgUnit,
    place: str,
    kind: str,
    count: int,
    date_from: date,
    date_to: date | None = None,
    content: str = "",
    photo_data: bytes | None = None,
    photo_name: str = "",
) -> Banner:
    require_cap(actor, Cap.DATA_ENTER, unit)
    place = _check_banner(count, date_from, date_to, place)
    banner = Banner.objects.create(
        org_unit=unit,
        place=place,
        kind=kind,
        count=count,
        date_from=date_from,
        date_to=date_to,
        content=clean_text(content),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if photo_data:
        banner.photo = stored_file_create(
            data=photo_data, name=photo_name, user=actor, owner=banner, allowed=PHOTO_ONLY
        )
        banner.save(update_fields=["photo", "updated_at"])
    return banner


@transaction.atomic
def banner_update(
    *,
    actor: User,
    banner: Banner,
    place: str,
    kind: str,
    count: int,
    date_from: date,
    date_to: date | None = None,
    content: str = "",
    photo_data: bytes | None = None,
    photo_name: str = "",
) -> Banner:
    require_cap(actor, Cap.DATA_ENTER, banner.org_unit)
    banner.place = _check_banner(count, date_from, date_to, place)
    banner.kind, banner.count = kind, count
    banner.date_from, banner.date_to, banner.content = date_from, date_to, clean_text(content)
    if photo_data:
        banner.photo = stored_file_create(
            data=photo_data, name=photo_name, user=actor, owner=banner, allowed=PHOTO_ONLY
        )
    banner.save()
    return banner


@transaction.atomic
def banner_delete(*, actor: User, banner: Banner) -> None:
    require_cap(actor, Cap.DATA_ENTER, banner.org_unit)
    banner.delete()


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
