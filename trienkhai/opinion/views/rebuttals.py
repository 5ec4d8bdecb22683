"""The rebuttals of false or hostile posts online (đấu tranh phản bác): the list with its
totals (page, print, XLSX), the form a unit records one with, its correction and removal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import (
    AuthenticatedRequest,
    Cap,
    cap_paths,
    has_cap,
    page_unit,
    signed_in,
)
from trienkhai.core.forms import blank_initial
from trienkhai.core.listing import ListPage
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import submit
from trienkhai.media import selectors as media_selectors
from trienkhai.opinion import exports, selectors, services
from trienkhai.opinion.forms import RebuttalForm, StepForm
from trienkhai.opinion.models import Rebuttal
from trienkhai.opinion.views.reports import entry_unit
from trienkhai.orgs.models import OrgUnit

PLATFORM, FROM, TO = "nen_tang", "tu_ngay", "den_ngay"
# The rebuttal items offered are the unit's recent ones: a rebuttal answers a post of the day.
RECENT_ITEMS = timedelta(days=90)


@dataclass(frozen=True)
class RebuttalFilter:
    root: OrgUnit
    platform: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _selected(request: HttpRequest, state: RebuttalFilter) -> QuerySet[Rebuttal]:
    return selectors.rebuttals_for(
        user=signed_in(request).user,
        root=state.root,
        platform=state.platform,
        date_from=state.date_from,
        date_to=state.date_to,
    )


def _list_url(unit: OrgUnit) -> str:
    return f"{reverse('opinion:rebuttals')}?don_vi={unit.code}"


# --- the list ---------------------------------------------------------------------------------


class RebuttalList(ListPage[RebuttalFilter]):
    template = "opinion/rebuttal_list.html"
    print_template = "opinion/rebuttal_list_print.html"

    def state(self, request: HttpRequest, **kwargs: Any) -> RebuttalFilter:
        query = PageQuery.of(request)
        platform = query.get(PLATFORM)
        return RebuttalFilter(
            root=page_unit(signed_in(request)),
            platform=platform if platform in Rebuttal.Platform.values else "",
            date_from=query.date(FROM),
            date_to=query.date(TO),
        )

    def rows(self, request: HttpRequest, state: RebuttalFilter) -> Any:  # a queryset, sliced
        return _selected(request, state)

    def decorate(self, request: HttpRequest, state: RebuttalFilter, rows: list[Any]) -> list[Any]:
        # The user's grants once, not a permission query per row.
        paths = cap_paths(signed_in(request).user, Cap.DATA_ENTER)
        for row in rows:
            row.can_edit = any(row.org_unit.path.startswith(p) for p in paths)
        return rows

    def title(self, request: HttpRequest, state: RebuttalFilter) -> str:
        return _("Đấu tranh phản bác quan điểm sai trái, thù địch")

    def context(self, request: HttpRequest, state: RebuttalFilter) -> dict[str, Any]:
        user = signed_in(request).user
        totals = selectors.rebuttal_totals(_selected(request, state))
        return {
            "where": state,
            "root": state.root,
            "unit_name": state.root.name,
            "platforms": Rebuttal.Platform.choices,
            "totals": totals,
            "can_record": selectors.entry_units(user).exists(),
            "heading": f"{self.title(request, state)} — {state.root.name}",
        }

    def workbook(self, request: HttpRequest, state: RebuttalFilter, rows: list[Any]) -> bytes:
        heading = f"{self.title(request, state)} — {state.root.name}"
        return exports.rebuttals_workbook(rows, heading=heading)

    def filename(self, request: HttpRequest, state: RebuttalFilter) -> str:
        return f"Dau tranh phan bac {state.root.code} {timezone.localdate():%d-%m-%Y}.xlsx"


LIST = RebuttalList()


# --- recording and correcting -------------------------------------------------------------------


def _input(data: dict[str, Any]) -> services.RebuttalInput:
    return services.RebuttalInput(
        noted_on=data["noted_on"],
        platform=data["platform"],
        post_summary=data["post_summary"],
        post_link=data.get("post_link") or "",
        media_item=data.get("media_item"),
        rebuttal_link=data.get("rebuttal_link") or "",
        comments=data.get("comments") or 0,
        reported=bool(data.get("reported")),
        plan=data.get("plan"),
        note=data.get("note") or "",
    )


def _media_items(request: AuthenticatedRequest, unit: OrgUnit, since: date) -> QuerySet[Any]:
    return media_selectors.items_for(user=request.user, unit=unit, date_from=since)


def _form_page(
    request: AuthenticatedRequest, form: RebuttalForm, rebuttal: Rebuttal | None, unit: OrgUnit
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "rebuttal": rebuttal,
        "unit": unit,
        "title": _("Sửa bản ghi phản bác") if rebuttal else _("Ghi kết quả đấu tranh phản bác"),
    }
    if rebuttal is not None:
        context["remove_form"] = StepForm(initial={"version": rebuttal.version})
    return render(request, "opinion/rebuttal_form.html", context)


@login_required
def rebuttal_create(request: AuthenticatedRequest) -> HttpResponse:
    units = selectors.entry_units(request.user)
    unit = entry_unit(request, units)
    form = RebuttalForm(
        request.POST or None,
        units=units,
        plans=selectors.plans_for_unit(unit),
        media_items=_media_items(request, unit, timezone.localdate() - RECENT_ITEMS),
        initial=blank_initial(unit=unit),
    )

    def record(data: dict[str, Any]) -> Rebuttal:
        return services.rebuttal_record(
            actor=request.user,
            unit=data["unit"],
            data=_input(data),
            token=data.get("entry_token"),
        )

    done = submit(request, form, record, success=_("Đã ghi kết quả đấu tranh phản bác."))
    if done is not None:
        return redirect(_list_url(done.result.org_unit))
    return _form_page(request, form, None, unit)


def _editable(request: AuthenticatedRequest, pk: int) -> Rebuttal:
    rebuttal = selectors.rebuttal_get(user=request.user, pk=pk)
    if not has_cap(request.user, Cap.DATA_ENTER, rebuttal.org_unit):
        raise PermissionDenied
    return rebuttal


@login_required
def rebuttal_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    rebuttal = _editable(request, pk)
    unit = rebuttal.org_unit
    since = timezone.localdate() - RECENT_ITEMS
    if rebuttal.media_item is not None:
        # The item chosen stays on offer, however old.
        since = min(since, rebuttal.media_item.date)
    initial = {
        "unit": unit,
        "noted_on": rebuttal.noted_on,
        "platform": rebuttal.platform,
        "post_link": rebuttal.post_link,
        "post_summary": rebuttal.post_summary,
        "media_item": rebuttal.media_item,
        "rebuttal_link": rebuttal.rebuttal_link,
        "comments": rebuttal.comments,
        "reported": rebuttal.reported,
        "note": rebuttal.note,
        "version": rebuttal.version,
    }
    form = RebuttalForm(
        request.POST or None,
        editing=True,
        units=selectors.entry_units(request.user).filter(pk=unit.pk),
        plans=selectors.plans_for_unit(unit),
        media_items=_media_items(request, unit, since),
        initial=initial,
    )

    def save(data: dict[str, Any]) -> Rebuttal:
        return services.rebuttal_update(
            actor=request.user, rebuttal=rebuttal, version=data["version"], data=_input(data)
        )

    if submit(request, form, save, success=_("Đã lưu bản ghi phản bác.")) is not None:
        return redirect(_list_url(unit))
    return _form_page(request, form, rebuttal, unit)


@login_required
@require_POST
def rebuttal_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    rebuttal = _editable(request, pk)
    form = StepForm(request.POST)

    def remove(data: dict[str, Any]) -> None:
        services.rebuttal_remove(actor=request.user, rebuttal=rebuttal, version=data["version"])

    if submit(request, form, remove, success=_("Đã xóa bản ghi phản bác.")) is not None:
        return redirect(_list_url(rebuttal.org_unit))
    for error in form.non_field_errors() or [_("Trang đã cũ: hãy tải lại rồi làm lại.")]:
        messages.error(request, str(error))
    return redirect("opinion:rebuttal_edit", rebuttal.pk)
