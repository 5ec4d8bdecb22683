"""The "việc cần làm" list of a unit's home: what is due next and what is missing.

Each item says what to do, by when (a date in Vietnamese format), and links to the page where
it is done. The rules of what counts as due or missing stay in the modules
(`tasks.selectors.todo`, `dissemination.todo`, `media.todo`, `reporting.selectors.due_for`,
`inspections.selectors.open_actions_of`);
this only words and orders them.
Only the unit's own work is listed: another unit's tasks or sessions never appear.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, has_cap
from trienkhai.core.dates import format_date_short
from trienkhai.core.numbers import format_number
from trienkhai.core.periods import parse_period
from trienkhai.dissemination.todo import missing_for
from trienkhai.inspections.selectors import open_actions_of
from trienkhai.media.todo import RuleStanding, standings_by_plan
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.in_force import plans_in_force
from trienkhai.plans.models import Plan
from trienkhai.reporting.selectors import due_for as reports_due
from trienkhai.tasks.selectors.todo import DueTask, due_tasks

MAX_TASKS = 8


@dataclass(frozen=True)
class TodoItem:
    text: str
    url: str
    due: date | None = None
    late: bool = False  # the deadline has passed
    icon: str = "bi-circle"

    @property
    def when(self) -> str:
        """ "Quá hạn 10/06/2026", "Hạn 15/12/2026", or "" when nothing fixes a date."""
        if self.due is None:
            return ""
        day = format_date_short(self.due)
        return _("Quá hạn %(day)s") % {"day": day} if self.late else _("Hạn %(day)s") % {"day": day}


@dataclass(frozen=True)
class Todo:
    items: list[TodoItem]
    more: int  # tasks beyond those listed
    more_url: str


def _plan_query(plan: Plan) -> str:
    return urlencode({"ke_hoach": plan.pk})


def _task_item(row: DueTask) -> TodoItem:
    occurrence = row.occurrence
    task = occurrence.task
    url = reverse("tasks:detail", args=[task.pk])
    if occurrence.period:
        url += "?" + urlencode({"ky": occurrence.period})
    if row.is_unit_plan:
        text = _("Nộp kế hoạch thực hiện của đơn vị (bản đã ký)")
    else:
        text = _("Báo cáo nhiệm vụ: %(task)s") % {"task": _short(task.text)}
        if occurrence.period:
            text += f" ({occurrence.period_label})"
    if row.not_started and not row.is_unit_plan:
        text += " — " + _("chưa cập nhật tiến độ")
    return TodoItem(text, url, row.due, row.overdue, "bi-list-check")


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _sessions(unit: OrgUnit, plans: list[Plan], today: date) -> list[TodoItem]:
    missing = missing_for(unit=unit, plans=plans, today=today)
    items = []
    several = len(plans) > 1
    for session in missing.sessions:
        url = reverse("dissemination:session_create", args=[unit.code])
        text = _("Ghi buổi quán triệt chính (%(noun)s)") % {"noun": session.noun}
        if several:
            text += " — " + session.plan.reference
        late = session.due is not None and session.due < today
        items.append(
            TodoItem(text, f"{url}?{_plan_query(session.plan)}", session.due, late, "bi-people")
        )
    if missing.headcount_groups:
        items.append(
            TodoItem(
                _("Nhập sĩ số (%(nouns)s)") % {"nouns": ", ".join(missing.headcount_nouns)},
                reverse("dissemination:headcount_edit", args=[unit.code]),
                icon="bi-person-lines-fill",
            )
        )
    return items


def _media(plans: list[Plan], standings: dict[int, list[RuleStanding]]) -> list[TodoItem]:
    items = []
    url = reverse("media:item_add")
    for plan in plans:
        for rule in standings[plan.pk]:
            for period in rule.missed:
                text = _("Tuyên truyền %(per)s %(period)s chưa đạt %(rule)s (%(n)s tin, bài)") % {
                    "per": rule.per_word,
                    "period": period.span.label,
                    "rule": rule.text,
                    "n": format_number(period.total),
                }
                items.append(TodoItem(text, url, period.span.end, True, "bi-megaphone"))
            current = rule.current
            if current is not None and not current.reached:
                text = _("Đăng đủ tin, bài %(per)s này: đã có %(have)s/%(need)s") % {
                    "per": rule.per_word,
                    "have": format_number(current.total),
                    "need": format_number(current.required),
                }
                items.append(TodoItem(text, url, current.span.end, False, "bi-megaphone"))
    return items


def _reports(unit: OrgUnit, today: date) -> list[TodoItem]:
    items = []
    for req in reports_due(unit=unit, today=today):
        text = _("Gửi %(report)s (%(period)s)") % {
            "report": req.schedule.title[:1].lower() + req.schedule.title[1:],
            "period": parse_period(req.period).label,
        }
        if req.state == "returned":
            text += " — " + _("bị trả lại, cần sửa")
        due = req.effective_due
        url = reverse("reporting:request", args=[req.pk])
        items.append(TodoItem(text, url, due, due < today, "bi-file-earmark-check"))
    return items


def _corrections(unit: OrgUnit, today: date) -> list[TodoItem]:
    items = []
    for action in open_actions_of(unit=unit):
        text = _("Khắc phục sau kiểm tra: %(text)s") % {"text": _short(action.text)}
        url = reverse("inspections:action", args=[action.pk])
        items.append(TodoItem(text, url, action.due, action.due < today, "bi-clipboard-check"))
    return items


def todo_for(
    *,
    unit: OrgUnit,
    today: date | None = None,
    plans: list[Plan] | None = None,
    standings: dict[int, list[RuleStanding]] | None = None,
) -> Todo:
    """The unit's list, overdue first, then by date; undated items last."""
    today = today or timezone.localdate()
    if plans is None:
        plans = plans_in_force(unit=unit, today=today)
    if standings is None:
        standings = standings_by_plan(plans=plans, unit=unit, today=today)
    rows, total = due_tasks(unit=unit, ref=today, plans=plans, limit=MAX_TASKS)
    items = [_task_item(r) for r in rows]
    items += _sessions(unit, plans, today)
    items += _media(plans, standings)
    items += _reports(unit, today)
    items += _corrections(unit, today)
    items.sort(key=lambda i: (not i.late, i.due is None, i.due or date.max))
    return Todo(items=items, more=total - len(rows), more_url=reverse("tasks:due_soon"))


@dataclass(frozen=True)
class QuickAction:
    text: str
    url: str
    icon: str


def quick_actions(user: User, unit: OrgUnit, plans: list[Plan]) -> list[QuickAction]:
    """The three things a chi bộ, the UBND or the MTTQ records most, one tap each, for the
    units where the user enters data (a viewer or a leader gets none)."""
    actions = []
    plan = plans[0] if plans else None
    if has_cap(user, Cap.DATA_ENTER, unit):
        url = reverse("dissemination:session_create", args=[unit.code])
        if plan is not None:
            url += "?" + _plan_query(plan)
        actions.append(QuickAction(_("Ghi buổi quán triệt"), url, "bi-people"))
        actions.append(QuickAction(_("Thêm tin, bài"), reverse("media:item_add"), "bi-megaphone"))
    if has_cap(user, Cap.TASKS_UPDATE, unit):
        actions.append(QuickAction(_("Cập nhật nhiệm vụ"), reverse("tasks:list"), "bi-list-check"))
    return actions
