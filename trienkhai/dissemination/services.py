"""Writes: headcounts, study sessions and their files (materials: materials.py).

Every rule on a session lives here, so the phone form and the XLSX import refuse the same
things with the same words: a session outside the plan's period, a second main session for
a unit and group, negative numbers, attendees above the headcount (a share above 100 %), a
make-up session with no main session before it. A headcount far from the members already
known is asked to be confirmed with a note (core.plausibility). Outreach: outreach.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.files import stored_file_create
from trienkhai.core.numbers import format_number
from trienkhai.core.plausibility import Doubt, confirm
from trienkhai.dissemination.coverage import headcount_subquery, plan_period, plan_thresholds
from trienkhai.dissemination.models import (
    GROUP_NOUNS,
    GROUP_OWNER_KINDS,
    Headcount,
    SessionAttendance,
    StudySession,
    groups_owned_by,
)
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.lifecycle import require_in_force
from trienkhai.plans.models import Plan

Kind = StudySession.Kind
SESSION_FILE_KINDS = ("pdf", "docx", "jpg", "png")


def attendees_field(group: str) -> str:
    """The form field (and XLSX column key) that holds the attendees of a group."""
    return f"attendees_{group}"


class SessionInvalid(DomainError):
    """One or more fields of a session are wrong; `errors` maps a field to its messages."""

    def __init__(self, errors: Mapping[str | None, list[str]]) -> None:
        self.errors = {k: list(v) for k, v in errors.items() if v}
        name, messages = next(iter(self.errors.items()))
        # The first field, so `core.submit` shows the message under it as well.
        super().__init__(messages[0], "session_invalid", field=name)


@dataclass
class SessionData:
    """What a session says, as typed (already parsed to numbers and dates)."""

    date: date
    kind: str
    form: str
    attendees: dict[str, int]
    essays: int = 0
    place: str = ""
    _errors: dict[str | None, list[str]] = field(default_factory=dict, repr=False)

    def fail(self, name: str | None, message: str) -> None:
        self._errors.setdefault(name, []).append(message)


def unit_groups(*, plan: Plan, unit: OrgUnit) -> list[str]:
    """The plan's threshold groups whose members this unit counts."""
    owned = groups_owned_by(unit.kind)
    return [t.group for t in plan_thresholds(plan) if t.group in owned]


def headcount_as_of(*, unit: OrgUnit, group: str, day: date) -> int | None:
    """The headcount as of a day (latest `as_of` ≤ day), else the earliest one after it."""
    rows = Headcount.objects.filter(org_unit=unit, group=group)
    before = rows.filter(as_of__lte=day).order_by("-as_of", "-pk").first()
    if before is not None:
        return before.count
    after = rows.order_by("as_of", "pk").first()
    return after.count if after is not None else None


# --- headcounts ---------------------------------------------------------------------------------

# A headcount further than this from the members the system already knows for the unit is
# asked to be confirmed with a note: both more than the share and more than the people.
HEADCOUNT_TOLERANCE_SHARE = Fraction(20, 100)
HEADCOUNT_TOLERANCE_PEOPLE = 5


@dataclass(frozen=True)
class KnownMembers:
    """How many members of a group the system knows for a unit, and where from."""

    count: int
    source: str


def known_members(*, unit: OrgUnit, group: str, as_of: date) -> KnownMembers | None:
    """The members already known for the unit: its sub-units that count the group, summed
    (their headcounts in force on the day), else the unit's own headcount on another day —
    the latest before `as_of`, else the earliest after it (the row being replaced is not
    evidence against itself)."""
    owners = (
        OrgUnit.objects.valid_on(as_of)
        .in_subtree(unit)
        .exclude(pk=unit.pk)
        .filter(kind__in=GROUP_OWNER_KINDS.get(group, ()))
    )
    sub = owners.annotate(hc=headcount_subquery(group, as_of)).aggregate(
        total=Sum("hc"), units=Count("hc")
    )
    if sub["units"]:
        return KnownMembers(
            int(sub["total"]),
            _("tổng sĩ số của %(n)s đơn vị trực thuộc") % {"n": format_number(sub["units"])},
        )
    rows = Headcount.objects.filter(org_unit=unit, group=group).exclude(as_of=as_of)
    other = (
        rows.filter(as_of__lt=as_of).order_by("-as_of", "-pk").first()
        or rows.order_by("as_of", "pk").first()
    )
    if other is None:
        return None
    return KnownMembers(
        other.count, _("sĩ số từ ngày %(day)s") % {"day": format_date_short(other.as_of)}
    )


def headcount_doubt(*, unit: OrgUnit, group: str, as_of: date, count: int) -> Doubt | None:
    """A doubt when the count is far from the members known (HEADCOUNT_TOLERANCE_*)."""
    known = known_members(unit=unit, group=group, as_of=as_of)
    if known is None:
        return None
    gap = abs(count - known.count)
    if gap <= HEADCOUNT_TOLERANCE_PEOPLE or gap <= HEADCOUNT_TOLERANCE_SHARE * known.count:
        return None
    return Doubt(
        _(
            "Sĩ số %(noun)s của %(unit)s (%(count)s) chênh %(gap)s người so với số hệ thống "
            "đang có (%(known)s, %(source)s)."
        )
        % {
            "noun": GROUP_NOUNS.get(group, group),
            "unit": unit.name,
            "count": format_number(count),
            "gap": format_number(gap),
            "known": format_number(known.count),
            "source": known.source,
        },
        field="count",
    )


def _headcount_check(*, unit: OrgUnit, group: str, count: int | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if group not in groups_owned_by(unit.kind):
        errors["group"] = _(
            "%(unit)s (%(kind)s) không quản lý sĩ số %(noun)s: đảng viên tính ở chi bộ, "
            "đoàn viên và hội viên ở tổ chức chính trị - xã hội, cán bộ chủ chốt ở Đảng bộ xã."
        ) % {
            "unit": unit.name,
            "kind": unit.get_kind_display().lower(),
            "noun": GROUP_NOUNS.get(group, group),
        }
    if count is None:
        errors["count"] = _("Cần nhập sĩ số.")
    elif count < 0:
        errors["count"] = _("Sĩ số không được là số âm.")
    return errors


def _headcount_save(
    *,
    actor: User,
    unit: OrgUnit,
    group: str,
    as_of: date,
    count: int,
    note: str = "",
    confirm_note: str = "",
) -> tuple[Headcount, bool]:
    """Hard rules (SessionInvalid), then the doubt (NeedsConfirmation without a note)."""
    errors = _headcount_check(unit=unit, group=group, count=count)
    if errors:
        raise SessionInvalid({k: [v] for k, v in errors.items()})
    kept = confirm(
        [headcount_doubt(unit=unit, group=group, as_of=as_of, count=count)], confirm_note
    )
    headcount, created = Headcount.objects.update_or_create(
        org_unit=unit,
        group=group,
        as_of=as_of,
        defaults={
            "count": count,
            "note": note.strip()[:300],
            "confirm_note": kept[:500],
            "entered_by": actor,
        },
    )
    return headcount, created


@transaction.atomic
def headcount_set(
    *,
    actor: User,
    unit: OrgUnit,
    group: str,
    as_of: date,
    count: int,
    note: str = "",
    confirm_note: str = "",
) -> Headcount:
    """Record a unit's headcount from a date on; the earlier values stay as history.

    A count far from the members already known needs `confirm_note`, kept with the row."""
    require_cap(actor, Cap.DATA_ENTER, unit)
    headcount, created = _headcount_save(
        actor=actor,
        unit=unit,
        group=group,
        as_of=as_of,
        count=count,
        note=note,
        confirm_note=confirm_note,
    )
    audit_action(
        actor=actor,
        action="dissemination.headcount.set",
        obj=headcount,
        summary=_("Sĩ số %(noun)s của %(unit)s từ ngày %(day)s: %(count)s")
        % {
            "noun": GROUP_NOUNS[group],
            "unit": unit.name,
            "day": format_date_short(as_of),
            "count": format_number(count),
        },
        data={"confirm_note": headcount.confirm_note} if headcount.confirm_note else None,
        created=created,
    )
    return headcount


# --- sessions -----------------------------------------------------------------------------------


def _check_session(
    *, plan: Plan, unit: OrgUnit, data: SessionData, session: StudySession | None
) -> None:
    """Every rule on a session; raises SessionInvalid with all the fields that are wrong."""
    if not unit.path.startswith(plan.org_unit.path):
        data.fail(
            None,
            _("%(unit)s không thuộc phạm vi của %(plan)s.") % {"unit": unit.name, "plan": plan},
        )
    groups = unit_groups(plan=plan, unit=unit)
    if not groups:
        data.fail(
            None,
            _(
                "%(unit)s không quản lý nhóm đối tượng nào có chỉ tiêu trong kế hoạch; số người "
                "học tập được tính ở chi bộ, tổ chức chính trị - xã hội hoặc Đảng ủy xã."
            )
            % {"unit": unit.name},
        )
    unknown = set(data.attendees) - set(groups)
    for group in sorted(unknown):
        data.fail(
            attendees_field(group),
            _("%(unit)s không quản lý sĩ số %(noun)s.")
            % {"unit": unit.name, "noun": GROUP_NOUNS.get(group, group)},
        )
    if data.kind not in Kind.values:
        data.fail("kind", _("Loại buổi không hợp lệ."))
    if data.form not in StudySession.Form.values:
        data.fail("format", _("Hình thức không hợp lệ."))
    start, end = plan_period(plan)
    if (start and data.date < start) or (end and data.date > end):
        data.fail(
            "date",
            _(
                "Ngày %(day)s nằm ngoài thời gian thực hiện kế hoạch "
                "(từ ngày %(start)s đến ngày %(end)s)."
            )
            % {
                "day": format_date_short(data.date),
                "start": format_date_short(start) if start else "…",
                "end": format_date_short(end) if end else "…",
            },
        )
    elif data.date > timezone.localdate():
        data.fail("date", _("Ngày học tập không được sau ngày hôm nay: chỉ ghi buổi đã tổ chức."))
    if data.essays < 0:
        data.fail("essays", _("Số bài thu hoạch không được là số âm."))
    for group in groups:
        name = attendees_field(group)
        count = data.attendees.get(group)
        if count is None:
            data.fail(name, _("Cần nhập số người dự."))
            continue
        if count < 0:
            data.fail(name, _("Số người dự không được là số âm."))
            continue
        if data.kind in (Kind.MAIN, Kind.MAKE_UP) and count == 0:
            data.fail(name, _("Buổi được tính vào tỷ lệ phải có ít nhất 1 người dự."))
            continue
        _check_group(plan=plan, unit=unit, group=group, count=count, data=data, session=session)
    total = sum(max(v, 0) for v in data.attendees.values())
    if data.essays > total and not data._errors.get("essays"):
        data.fail(
            "essays",
            _("Số bài thu hoạch (%(essays)s) nhiều hơn số người dự (%(total)s).")
            % {"essays": format_number(data.essays), "total": format_number(total)},
        )
    if data._errors:
        raise SessionInvalid(data._errors)


def _check_group(
    *,
    plan: Plan,
    unit: OrgUnit,
    group: str,
    count: int,
    data: SessionData,
    session: StudySession | None,
) -> None:
    name = attendees_field(group)
    noun = GROUP_NOUNS[group]
    rows = SessionAttendance.objects.filter(plan=plan, org_unit=unit, group=group)
    if session is not None:
        rows = rows.exclude(session=session)
    main = rows.filter(kind=Kind.MAIN).select_related("session").first()
    if data.kind == Kind.MAIN and main is not None:
        data.fail(
            "kind",
            _(
                "%(unit)s đã có buổi quán triệt chính cho %(noun)s của kế hoạch này "
                "(ngày %(day)s); mỗi đơn vị chỉ có một buổi chính. Buổi sau hãy ghi là "
                "“Học bù” (cho người vắng buổi chính) hoặc “Buổi khác”."
            )
            % {"unit": unit.name, "noun": noun, "day": format_date_short(main.session.date)},
        )
        return
    if data.kind == Kind.MAKE_UP:
        if main is None:
            data.fail(
                "kind",
                _(
                    "%(unit)s chưa có buổi quán triệt chính cho %(noun)s: học bù chỉ dành cho "
                    "người vắng buổi chính. Hãy ghi buổi này là buổi chính."
                )
                % {"unit": unit.name, "noun": noun},
            )
            return
        if data.date < main.session.date:
            data.fail(
                "date",
                _("Buổi học bù phải sau buổi quán triệt chính (ngày %(day)s).")
                % {"day": format_date_short(main.session.date)},
            )
    headcount = headcount_as_of(unit=unit, group=group, day=data.date)
    if headcount is None:
        return
    # More people than the group has is refused: a share above 100 % is never true. For a
    # make-up, the people still absent from the main session are the most who can come.
    figures = {
        "unit": unit.name,
        "count": format_number(count),
        "noun": noun,
        "headcount": format_number(headcount),
    }
    if data.kind == Kind.MAKE_UP and main is not None:
        earlier = rows.filter(kind=Kind.MAKE_UP).aggregate(n=Sum("count"))["n"] or 0
        absent = max(headcount - main.count - earlier, 0)
        if count <= absent:
            return
        figures |= {
            "absent": format_number(absent),
            "main": format_number(main.count),
            "earlier": format_number(earlier),
        }
        # Two whole sentences rather than an optional piece, so each reads as one to translate.
        if earlier:
            message = _(
                "%(unit)s: số người học bù (%(count)s) vượt số %(noun)s còn vắng buổi chính "
                "(%(absent)s = sĩ số %(headcount)s − %(main)s đã dự buổi chính "
                "− %(earlier)s đã học bù)."
            )
        else:
            message = _(
                "%(unit)s: số người học bù (%(count)s) vượt số %(noun)s còn vắng buổi chính "
                "(%(absent)s = sĩ số %(headcount)s − %(main)s đã dự buổi chính)."
            )
    else:
        if count <= headcount:
            return
        message = _("%(unit)s: số %(noun)s dự (%(count)s) vượt sĩ số %(noun)s (%(headcount)s).")
    data.fail(
        name,
        _("%(message)s Nếu sĩ số đã thay đổi, hãy cập nhật sĩ số trước.")
        % {"message": message % figures},
    )


def _write_attendance(session: StudySession, attendees: Mapping[str, int]) -> None:
    session.attendance.all().delete()
    rows = [
        SessionAttendance(
            session=session,
            plan=session.plan,
            org_unit=session.org_unit,
            kind=session.kind,
            group=group,
            count=count,
        )
        for group, count in attendees.items()
    ]
    try:
        with transaction.atomic():
            SessionAttendance.objects.bulk_create(rows)
    except IntegrityError as exc:
        # Two people saving a main session at the same moment: the constraint decides.
        raise SessionInvalid(
            {"kind": [_("Đơn vị đã có buổi quán triệt chính cho nhóm này của kế hoạch.")]}
        ) from exc


def _session_save(
    *,
    actor: User,
    plan: Plan,
    unit: OrgUnit,
    data: SessionData,
    session: StudySession | None = None,
) -> StudySession:
    require_in_force(plan)  # a superseded plan is kept as it was
    _check_session(plan=plan, unit=unit, data=data, session=session)
    values = {
        "date": data.date,
        "kind": data.kind,
        "form": data.form,
        "place": data.place.strip()[:200],
        "essays": data.essays,
    }
    if session is None:
        session = StudySession.objects.create(plan=plan, org_unit=unit, created_by=actor, **values)
    else:
        for key, value in values.items():
            setattr(session, key, value)
        session.save(update_fields=[*values, "updated_at"])
    _write_attendance(session, data.attendees)
    return session


def _attendance_summary(data: SessionData) -> str:
    return "; ".join(
        _("%(noun)s: %(count)s") % {"noun": GROUP_NOUNS[g], "count": format_number(n)}
        for g, n in data.attendees.items()
    )


@transaction.atomic
def session_create(*, actor: User, plan: Plan, unit: OrgUnit, data: SessionData) -> StudySession:
    require_cap(actor, Cap.DATA_ENTER, unit)
    session = _session_save(actor=actor, plan=plan, unit=unit, data=data)
    audit_action(
        actor=actor,
        action="dissemination.session.created",
        obj=session,
        summary=_("%(kind)s ngày %(day)s của %(unit)s: %(attendance)s")
        % {
            "kind": session.get_kind_display(),
            "day": format_date_short(session.date),
            "unit": unit.name,
            "attendance": _attendance_summary(data),
        },
        created=True,
    )
    return session


@transaction.atomic
def session_update(*, actor: User, session: StudySession, data: SessionData) -> StudySession:
    require_cap(actor, Cap.DATA_ENTER, session.org_unit)
    session = _session_save(
        actor=actor, plan=session.plan, unit=session.org_unit, data=data, session=session
    )
    audit_action(
        actor=actor,
        action="dissemination.session.updated",
        obj=session,
        summary=_("Sửa buổi ngày %(day)s: %(attendance)s")
        % {"day": format_date_short(session.date), "attendance": _attendance_summary(data)},
    )
    return session


@transaction.atomic
def session_delete(*, actor: User, session: StudySession) -> None:
    require_cap(actor, Cap.DATA_ENTER, session.org_unit)
    require_in_force(session.plan)
    if session.kind == Kind.MAIN:
        later = StudySession.objects.filter(
            plan=session.plan, org_unit=session.org_unit, kind=Kind.MAKE_UP
        )
        if later.exists():
            raise DomainError(
                _("Buổi chính đã có buổi học bù đi kèm: hãy xóa các buổi học bù trước.")
            )
    audit_action(
        actor=actor,
        action="dissemination.session.deleted",
        obj=session,
        summary=_("Xóa %(kind)s ngày %(day)s của %(unit)s")
        % {
            "kind": session.get_kind_display().lower(),
            "day": format_date_short(session.date),
            "unit": session.org_unit.name,
        },
    )
    session.delete()


@transaction.atomic
def session_file_add(*, actor: User, session: StudySession, data: bytes, name: str) -> Any:
    """Attach a record of the session (biên bản, danh sách ký, ảnh)."""
    require_cap(actor, Cap.DATA_ENTER, session.org_unit)
    stored = stored_file_create(
        data=data, name=name, user=actor, owner=session, allowed=SESSION_FILE_KINDS
    )
    audit_action(
        actor=actor,
        action="dissemination.session.file_added",
        obj=session,
        summary=_("Đính kèm tệp “%(name)s”") % {"name": stored.original_name},
    )
    return stored
