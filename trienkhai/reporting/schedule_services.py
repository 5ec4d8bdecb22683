"""The office's writes on what units must report: schedules and the holiday calendar.

A schedule is written by the office of the plan's unit (`plans.edit` there); once saved, the
periods whose data window has begun are opened at once, so the units see their requests
without waiting for the night's job. A holiday belongs to the unit that keeps it (the office
on that unit) and moves the due dates of its whole subtree. Every write is one audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import Actor, Cap, person_of, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.core.periods import PeriodError, parse_period
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan
from trienkhai.reporting import opening
from trienkhai.reporting.models import Holiday, ReportSchedule, ScheduleKind

# A schedule spans at most a term and a half: a typo in a year ("2206") is refused.
MAX_YEARS = 10
# What cannot change once units have requests: their periods and due dates hang on it.
FIXED_ONCE_OPENED = ("plan", "kind", "period")


@dataclass(frozen=True)
class ScheduleData:
    """What the editor says about a schedule, parsed (the form's fields)."""

    title: str
    plan: Plan
    kind: str
    unit_kinds: list[str] = field(default_factory=list)
    period: str = ""
    due_date: date | None = None
    first_year: int | None = None
    last_year: int | None = None
    cutoff_day: int = 15
    due_working_days: int = 1
    reviewer: OrgUnit | None = None


def default_reviewer(plan: Plan) -> OrgUnit:
    """The plan unit's Ban Xây dựng Đảng when it has one, else the plan's unit itself."""
    unit = plan.org_unit
    board = (
        OrgUnit.objects.in_subtree(unit)
        .filter(depth=unit.depth + 1, kind=OrgUnit.Kind.PARTY_BUILDING_BOARD)
        .order_by("path")
        .first()
    )
    return board or unit


def _values(data: ScheduleData) -> dict[str, object]:
    """The schedule's field values from the form's, checked; a refusal names its field."""
    title = data.title.strip()
    if not title:
        raise DomainError(_("Cần ghi tên báo cáo."), field="title")
    if data.kind not in ScheduleKind.values:
        raise DomainError(_("Loại báo cáo không hợp lệ."), field="kind")
    kinds = list(dict.fromkeys(data.unit_kinds))
    if not kinds:
        raise DomainError(_("Chọn ít nhất một loại đơn vị phải báo cáo."), field="unit_kinds")
    if any(k not in OrgUnit.Kind.values for k in kinds):
        raise DomainError(_("Loại đơn vị không hợp lệ."), field="unit_kinds")
    if not 1 <= data.cutoff_day <= 28:
        raise DomainError(_("Ngày chốt số liệu phải từ 1 đến 28."), field="cutoff_day")
    if data.due_working_days < 1:
        raise DomainError(_("Số ngày làm việc để nộp phải từ 1 trở lên."), field="due_working_days")
    period, due_date = "", None
    if data.kind == ScheduleKind.ONE_OFF:
        if not data.period.strip():
            raise DomainError(
                _('Báo cáo một lần cần ghi kỳ báo cáo, ví dụ "2026-Q2".'), field="period"
            )
        try:
            period = parse_period(data.period).code
        except PeriodError as exc:
            raise DomainError(exc.message, field="period") from exc
        if data.due_date is None:
            raise DomainError(_("Báo cáo một lần cần ghi hạn nộp."), field="due_date")
        due_date = data.due_date
    first, last = data.first_year, data.last_year
    if first is not None and last is not None:
        if last < first:
            raise DomainError(_("Năm kết thúc không được trước năm bắt đầu."), field="last_year")
        if last - first > MAX_YEARS:
            raise DomainError(
                _("Một lịch báo cáo kéo dài tối đa %(n)s năm.") % {"n": MAX_YEARS},
                field="last_year",
            )
    reviewer = data.reviewer or default_reviewer(data.plan)
    if not data.plan.org_unit.contains(reviewer):
        raise DomainError(
            _("Cơ quan tiếp nhận phải là %(unit)s hoặc một cơ quan trực thuộc.")
            % {"unit": data.plan.org_unit.name},
            field="reviewer",
        )
    return {
        "title": title[:200],
        "plan": data.plan,
        "org_unit": data.plan.org_unit,
        "kind": data.kind,
        "period": period,
        "due_date": due_date,
        "first_year": first,
        "last_year": last,
        "cutoff_day": data.cutoff_day,
        "due_working_days": data.due_working_days,
        "unit_kinds": kinds,
        "reviewer": reviewer,
    }


def _check_periods(schedule: ReportSchedule) -> None:
    """The periods the schedule asks for can be named (a multi-year report needs two years)."""
    try:
        periods = opening.schedule_periods(schedule)
    except PeriodError as exc:
        raise DomainError(
            _("Không xác định được các kỳ báo cáo từ năm bắt đầu, năm kết thúc: %(why)s")
            % {"why": exc.message},
            field="last_year",
        ) from exc
    if not periods:
        raise DomainError(_("Lịch này không có kỳ báo cáo nào."), field="period")


def _summary(schedule: ReportSchedule, created: int) -> str:
    text = _("%(title)s (%(kind)s) của %(unit)s") % {
        "title": schedule.title,
        "kind": schedule.get_kind_display().lower(),
        "unit": schedule.org_unit.name,
    }
    if created:
        text += _("; mở %(n)s yêu cầu báo cáo") % {"n": created}
    return text


@transaction.atomic
def schedule_create(
    *, actor: Actor, data: ScheduleData, today: date | None = None
) -> ReportSchedule:
    """A new schedule of a plan; the periods already begun are opened for the units."""
    require_cap(actor, Cap.PLANS_EDIT, data.plan.org_unit)
    schedule = ReportSchedule(**_values(data), created_by=person_of(actor))
    _check_periods(schedule)
    schedule.save()
    created = opening.open_due(today or timezone.localdate(), [schedule])
    audit_action(
        actor=actor,
        action="reporting.schedule.created",
        obj=schedule,
        summary=_("Thêm lịch báo cáo %(what)s") % {"what": _summary(schedule, created)},
        unit=schedule.org_unit,
        created=True,
    )
    return schedule


@transaction.atomic
def schedule_update(
    *, actor: Actor, schedule: ReportSchedule, data: ScheduleData, today: date | None = None
) -> ReportSchedule:
    """Change a schedule (only the fields that changed); the periods begun are opened for
    the units it now names. Plan, kind and period stay once units have requests."""
    require_cap(actor, Cap.PLANS_EDIT, schedule.plan.org_unit)
    require_cap(actor, Cap.PLANS_EDIT, data.plan.org_unit)
    schedule = ReportSchedule.objects.select_for_update().get(pk=schedule.pk)
    values = _values(data)
    changed = [name for name, value in values.items() if getattr(schedule, name) != value]
    if schedule.requests.exists():
        fixed = [name for name in FIXED_ONCE_OPENED if name in changed]
        if fixed:
            raise DomainError(
                _(
                    "Lịch này đã có yêu cầu báo cáo gửi các đơn vị nên không đổi được kế hoạch, "
                    "loại và kỳ báo cáo; hãy tạo lịch mới."
                ),
                field="kind" if "kind" in fixed else fixed[0],
            )
    for name in changed:
        setattr(schedule, name, values[name])
    _check_periods(schedule)
    if changed:
        schedule.save(update_fields=[*changed, "updated_at"])
    created = opening.open_due(today or timezone.localdate(), [schedule])
    # A new cut-off day or number of working days moves the due dates not reached yet.
    opening.redate([schedule], today or timezone.localdate())
    if changed or created:
        audit_action(
            actor=actor,
            action="reporting.schedule.updated",
            obj=schedule,
            summary=_("Sửa lịch báo cáo %(what)s") % {"what": _summary(schedule, created)},
            unit=schedule.org_unit,
            data={"fields": changed},
        )
    return schedule


# --- the holiday calendar ---------------------------------------------------------------------


@transaction.atomic
def holiday_add(*, actor: Actor, unit: OrgUnit, day: date, name: str) -> Holiday:
    """A day off kept by `unit` for its subtree; the same day twice is refused."""
    require_cap(actor, Cap.PLANS_EDIT, unit)
    name = name.strip()
    if not name:
        raise DomainError(_("Cần ghi tên ngày nghỉ."), field="name")
    existing = Holiday.objects.filter(org_unit=unit, day=day).first()
    if existing is not None:
        raise DomainError(
            _("Ngày %(day)s đã có trong lịch nghỉ (%(name)s).")
            % {"day": format_date_short(day), "name": existing.name},
            field="day",
        )
    try:
        with transaction.atomic():
            holiday = Holiday.objects.create(org_unit=unit, day=day, name=name[:120])
    except IntegrityError as exc:  # the same day added at the same moment by someone else
        raise DomainError(
            _("Ngày %(day)s đã có trong lịch nghỉ.") % {"day": format_date_short(day)},
            field="day",
        ) from exc
    opening.redate(opening.schedules_under(unit), timezone.localdate())
    audit_action(
        actor=actor,
        action="reporting.holiday.added",
        obj=holiday,
        summary=_("Thêm ngày nghỉ %(day)s (%(name)s) của %(unit)s")
        % {"day": format_date_short(day), "name": holiday.name, "unit": unit.name},
        unit=unit,
        created=True,
    )
    return holiday


@transaction.atomic
def holiday_delete(*, actor: Actor, holiday: Holiday) -> None:
    require_cap(actor, Cap.PLANS_EDIT, holiday.org_unit)
    audit_action(
        actor=actor,
        action="reporting.holiday.deleted",
        obj=holiday,
        summary=_("Xóa ngày nghỉ %(day)s (%(name)s) của %(unit)s")
        % {
            "day": format_date_short(holiday.day),
            "name": holiday.name,
            "unit": holiday.org_unit.name,
        },
        unit=holiday.org_unit,
    )
    unit = holiday.org_unit
    holiday.delete()
    opening.redate(opening.schedules_under(unit), timezone.localdate())
