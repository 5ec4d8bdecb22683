"""The office's board (việc cần làm hôm nay của Văn phòng): what waits on the office today,
each with its count and the page where it is done.

Each count is the length of the list its link opens (the same selector, the same filter), so
"3 báo cáo chờ duyệt" opens a list of three. The office's unit is the top of its widest
office subtree, or `?don_vi=` among those (`accounts.permissions.page_unit`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.core.numbers import format_number
from trienkhai.core.pages import page_link
from trienkhai.dissemination.selectors import materials_for, received_counts, recipients
from trienkhai.documents.models import OfficialDocument
from trienkhai.documents.selectors import documents_of
from trienkhai.opinion.selectors import UNANSWERED, OpinionFilter, opinions_for
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.in_force import plans_in_force
from trienkhai.reminders.selectors import zalo_texts
from trienkhai.reporting.selectors import review_queue
from trienkhai.tasks import selectors as task_selectors

# Materials named on the board; the list page has them all.
MATERIALS_SHOWN = 5


@dataclass(frozen=True)
class Named:
    text: str
    url: str
    note: str = ""


@dataclass
class Duty:
    """One kind of work waiting: its count, where it is done, and a few of its rows."""

    key: str
    title: str
    icon: str
    count: int
    url: str
    action: str  # what the button says
    rows: list[Named] = field(default_factory=list)

    @property
    def waiting(self) -> bool:
        return self.count > 0


def _reviews(user: User) -> Duty:
    queue = review_queue(user=user)
    rows = [
        Named(
            f"{r.org_unit.name}: {r.schedule.title} ({r.period})",
            reverse("reporting:request", args=[r.pk]),
        )
        for r in queue[:MATERIALS_SHOWN]
    ]
    return Duty(
        "reviews",
        _("Báo cáo chờ duyệt"),
        "bi-file-earmark-check",
        queue.count(),
        reverse("reporting:queue"),
        _("Duyệt báo cáo"),
        rows,
    )


def unconfirmed_tasks(*, user: User, today: date) -> int:
    """Occurrences reported done and not yet confirmed: what `/nhiem-vu/?tinh_trang=
    unconfirmed` lists for the user."""
    filters = task_selectors.TaskFilters(status="unconfirmed")
    return task_selectors.occurrences(user=user, ref=today, filters=filters).count()


def _confirmations(user: User, today: date) -> Duty:
    return Duty(
        "confirm",
        _("Nhiệm vụ báo hoàn thành, chờ xác nhận"),
        "bi-patch-check",
        unconfirmed_tasks(user=user, today=today),
        page_link(reverse("tasks:list"), tinh_trang="unconfirmed"),
        _("Xác nhận"),
    )


def _reminders(unit: OrgUnit, today: date) -> Duty:
    texts = zalo_texts(unit=unit, day=today)
    return Duty(
        "zalo",
        _("Tin nhắc việc gửi qua Zalo hôm nay"),
        "bi-chat-dots",
        len(texts),
        page_link(reverse("remindlog:list"), don_vi=unit.code) + "#tin-zalo",
        _("Sao chép và gửi"),
        [
            Named(t.unit.name, page_link(reverse("remindlog:list"), don_vi=unit.code) + "#tin-zalo")
            for t in texts[:MATERIALS_SHOWN]
        ],
    )


def _drafts(user: User, unit: OrgUnit) -> Duty:
    drafts = documents_of(user=user, issuer=unit, status=OfficialDocument.Status.DRAFT)
    url = page_link(
        reverse("documents:list"), don_vi=unit.code, trang_thai=OfficialDocument.Status.DRAFT.value
    )
    rows = [
        Named(d.title, reverse("documents:detail", args=[d.pk]), d.get_doc_type_display())
        for d in drafts[:MATERIALS_SHOWN]
    ]
    return Duty(
        "drafts",
        _("Văn bản dự thảo chờ cấp số, ban hành"),
        "bi-journal-text",
        drafts.count(),
        url,
        _("Mở sổ văn bản"),
        rows,
    )


def _materials(user: User, unit: OrgUnit, today: date) -> Duty:
    """Materials of the unit's own plans in force that some recipient has not opened yet."""
    rows = []
    own = [p for p in plans_in_force(unit=unit, today=today) if p.org_unit_id == unit.pk]
    for plan in own:
        materials = list(materials_for(user=user, plan=plan))
        if not materials:
            continue
        units = recipients(plan=plan, root=unit)
        expected = units.count()
        opened = received_counts(materials=materials, units=units)
        for material in materials:
            got = opened.get(material.pk, 0)
            if got < expected:
                note = _("%(got)s/%(all)s đơn vị đã mở") % {
                    "got": format_number(got),
                    "all": format_number(expected),
                }
                url = reverse("dissemination:material_detail", args=[material.pk])
                rows.append(Named(material.title, url, note))
    first = own[0] if own else None
    url = page_link(reverse("dissemination:materials"), ke_hoach=first.pk) if first else ""
    return Duty(
        "materials",
        _("Tài liệu còn đơn vị chưa mở"),
        "bi-folder2-open",
        len(rows),
        url,
        _("Xem ai chưa mở"),
        rows[:MATERIALS_SHOWN],
    )


def _opinions(user: User, unit: OrgUnit) -> Duty:
    qs = opinions_for(user=user, where=OpinionFilter(root=unit, state=UNANSWERED))
    rows = [
        Named(r.content[:120], reverse("opinion:detail", args=[r.pk]), r.org_unit.name)
        for r in qs[:MATERIALS_SHOWN]
    ]
    return Duty(
        "opinions",
        _("Phản ánh dư luận chưa trả lời"),
        "bi-chat-square-text",
        qs.count(),
        page_link(reverse("opinion:list"), don_vi=unit.code, tinh_trang=UNANSWERED),
        _("Trả lời"),
        rows,
    )


def office_board(*, user: User, unit: OrgUnit, today: date) -> list[Duty]:
    return [
        _reviews(user),
        _confirmations(user, today),
        _reminders(unit, today),
        _drafts(user, unit),
        _materials(user, unit, today),
        _opinions(user, unit),
    ]
