"""News items: the list with its filters, export and print view, the quick entry on a phone,
detail, edit and delete, and the XLSX import of items and tallies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import (
    AuthenticatedRequest,
    Cap,
    has_cap,
    require_cap,
    signed_in,
)
from trienkhai.core.errors import DomainError
from trienkhai.core.files import read_upload
from trienkhai.core.listing import ListPage
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import submit
from trienkhai.core.xlsx import xlsx_response
from trienkhai.media import exports, imports, selectors, services
from trienkhai.media.forms import ImportForm, ItemFilterForm, ItemForm
from trienkhai.media.models import MediaItem
from trienkhai.media.views.page import (
    entry_units_or_403,
    page_context,
    page_plan,
    page_unit,
    upload_of,
    with_unit,
)
from trienkhai.media.weeks import week_label
from trienkhai.orgs.models import OrgUnit

# --- the list ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemFilters:
    """The unit and filters of the list, read once for the page, its print view and file."""

    unit: OrgUnit
    form: ItemFilterForm
    items: QuerySet[MediaItem]


class ItemList(ListPage[ItemFilters]):
    """The news items of a subtree, filtered: the page, its print view and its file."""

    template = "media/item_list.html"
    print_template = "media/item_print.html"
    max_rows = exports.MAX_ROWS

    def state(self, request: HttpRequest, **kwargs: Any) -> ItemFilters:
        request = signed_in(request)
        unit = page_unit(request)
        query = PageQuery.of(request)
        form = ItemFilterForm(query.params or None)
        values = form.cleaned_data if form.is_valid() else {}
        # A topic link from the overview narrows the list to items about a target or group.
        targets = [int(pk) for pk in query.params.getlist("chi_tieu") if pk.isdigit()][:50]
        solution = query.get("giai_phap")
        items = selectors.items_for(
            user=request.user,
            unit=unit,
            target_ids=targets,
            solution_id=int(solution) if solution.isdigit() else None,
            **{k: v for k, v in values.items() if v},
        )
        return ItemFilters(unit, form, items)

    def rows(self, request: HttpRequest, state: ItemFilters) -> Any:  # a queryset, sliced
        return state.items

    def title(self, request: HttpRequest, state: ItemFilters) -> str:
        return _("Tin, bài tuyên truyền")

    def context(self, request: HttpRequest, state: ItemFilters) -> dict[str, Any]:
        return {
            **page_context(signed_in(request), state.unit, None, "items"),
            "unit_name": state.unit.name,
            "filters": state.form,
        }

    def workbook(self, request: HttpRequest, state: ItemFilters, rows: list[Any]) -> bytes:
        return exports.items_workbook(unit=state.unit, items=rows)

    def filename(self, request: HttpRequest, state: ItemFilters) -> str:
        return f"Tin bai {state.unit.code}.xlsx"


ITEMS = ItemList()


# --- one item --------------------------------------------------------------------------------


def _item_fields(data: dict[str, Any]) -> services.ItemFields:
    """What an item form gives the create and update services alike."""
    return {
        "channel": data["channel"],
        "day": data["date"],
        "title": data["title"],
        "kind": data["kind"],
        "link": data.get("link") or "",
        "targets": data.get("targets") or [],
        "solutions": data.get("solutions") or [],
        "file": upload_of(data, "file"),
    }


def _initial(item: MediaItem | None, recent: list[MediaItem]) -> dict[str, Any]:
    if item is not None:
        return {
            "unit": item.org_unit,
            "date": item.date,
            "channel": item.channel,
            "kind": item.kind,
            "title": item.title,
            "link": item.link,
            "targets": list(item.targets.all()),
            "solutions": list(item.solutions.all()),
        }
    # A reporter usually posts on the same channel for the same unit: start from the last one.
    return {"unit": recent[0].org_unit_id, "channel": recent[0].channel_id} if recent else {}


def _item_save(request: AuthenticatedRequest, item: MediaItem | None, data: Any) -> MediaItem:
    if item is None:
        return services.media_item_create(
            actor=request.user, unit=data["unit"], **_item_fields(data)
        )
    return services.media_item_update(actor=request.user, item=item, **_item_fields(data))


@login_required
def item_form(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """Adding an item (the quick entry on a phone) and editing one (`pk`): one body. A new
    item goes to one of the units the user enters for; an edited one stays in its unit."""
    item = selectors.item_get(user=request.user, pk=pk) if pk is not None else None
    units: Iterable[OrgUnit]
    if item is None:
        units, unit = entry_units_or_403(request)
        recent = selectors.recent_items(user=request.user)
    else:
        require_cap(request.user, Cap.DATA_ENTER, item.org_unit)
        units, unit, recent = [item.org_unit], item.org_unit, []
    plan = page_plan(request, unit)
    form = ItemForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        plan=plan,
        item=item,
        initial=_initial(item, recent),
        owner=request.user.pk,
    )
    if submit(
        request,
        form,
        lambda data: _item_save(request, item, data),
        success=_("Đã lưu tin, bài.")
        if item
        else lambda new: _("Đã lưu tin, bài “%(title)s”.") % {"title": new.title},
    ):
        if item is not None:
            return redirect("media:item", pk=item.pk)
        # The next item, on the same page: a reporter often enters several in a row.
        return redirect(request.get_full_path())
    return render(
        request,
        "media/item_edit.html" if item else "media/item_add.html",
        {
            **page_context(request, unit, plan, "add"),
            "title": _("Sửa tin, bài") if item else _("Nhập nhanh tin, bài"),
            "item": item,
            "form": form,
            "recent": recent,
        },
    )


@login_required
def item_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = selectors.item_get(user=request.user, pk=pk)
    return render(
        request,
        "media/item_detail.html",
        {
            "title": item.title,
            "item": item,
            "targets": item.targets.all(),
            "solutions": item.solutions.all(),
            "week": week_label((item.iso_year, item.iso_week)),
            "can_edit": has_cap(request.user, Cap.DATA_ENTER, item.org_unit),
        },
    )


# --- import ---------------------------------------------------------------------------------------


@login_required
def import_view(request: AuthenticatedRequest) -> HttpResponse:
    _units, first = entry_units_or_403(request)
    plans = selectors.plans_with_rules(user=request.user)
    form = ImportForm(request.POST or None, request.FILES or None, plans=plans)
    errors: list[imports.RowError] = []
    error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = imports.media_import(
                actor=request.user,
                data=read_upload(upload),
                name=upload.name,
                plan=form.cleaned_data.get("plan"),
            )
        except imports.ImportErrors as exc:
            error, errors = exc.message, exc.errors
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                _(
                    "Đã nhập %(items)d tin, bài; %(created)d ô số lượng mới, "
                    "%(updated)d ô được cập nhật."
                )
                % {
                    "items": result.items,
                    "created": result.tallies_created,
                    "updated": result.tallies_updated,
                },
            )
            return redirect(with_unit("media:items", first))
    return render(
        request,
        "media/import.html",
        {
            **page_context(request, first, None, "import"),
            "title": _("Nhập tin, bài từ Excel"),
            "form": form,
            "errors": errors,
            "error": error,
        },
    )


@login_required
def import_template(request: AuthenticatedRequest) -> HttpResponse:
    entry_units_or_403(request)
    return xlsx_response(exports.import_template(), "Mau nhap tin bai.xlsx")
