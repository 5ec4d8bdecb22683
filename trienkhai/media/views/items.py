"""News items: the list with its filters, export and print view, the quick entry on a phone,
detail, edit and delete, and the XLSX import of items and tallies."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, has_cap, require_cap
from trienkhai.core.errors import DomainError
from trienkhai.core.files import read_upload
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import submit
from trienkhai.core.xlsx import xlsx_response
from trienkhai.media import exports, imports, selectors, services
from trienkhai.media.forms import (
    ImportForm,
    ItemFilterForm,
    ItemForm,
)
from trienkhai.media.models import MediaItem
from trienkhai.media.views.page import (
    entry_units_or_403,
    page_context,
    page_plan,
    page_unit,
    with_unit,
)
from trienkhai.media.weeks import week_label
from trienkhai.plans.models import Solution, Target

# --- items ------------------------------------------------------------------------------------


def _filtered_items(request: AuthenticatedRequest, unit: Any) -> tuple[ItemFilterForm, Any]:
    query = PageQuery.of(request)
    filters = ItemFilterForm(query.params or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    solution = None
    wanted = [pk for pk in query.params.getlist("chi_tieu") if pk.isdigit()][:50]
    targets = (
        list(Target.objects.visible_to(request.user).filter(pk__in=wanted)) if wanted else None
    )
    if query.get("giai_phap").isdigit():
        solution = (
            Solution.objects.visible_to(request.user).filter(pk=query.get("giai_phap")).first()
        )
    items = selectors.items_for(
        user=request.user,
        unit=unit,
        targets=targets,
        solution=solution,
        **{k: v for k, v in values.items() if v},
    )
    return filters, items


@login_required
def item_list(request: AuthenticatedRequest) -> HttpResponse:
    unit = page_unit(request)
    filters, items = _filtered_items(request, unit)
    query = PageQuery.of(request)
    page = query.paginate(items, 50)
    return render(
        request,
        "media/item_list.html",
        {
            **page_context(request, unit, None, "items"),
            "title": _("Tin, bài tuyên truyền"),
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
        },
    )


@login_required
def item_list_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    unit = page_unit(request)
    _filters, items = _filtered_items(request, unit)
    return xlsx_response(
        exports.items_workbook(unit=unit, items=items), f"Tin bai {unit.code}.xlsx"
    )


@login_required
def item_list_print(request: AuthenticatedRequest) -> HttpResponse:
    unit = page_unit(request)
    _filters, items = _filtered_items(request, unit)
    return render(
        request,
        "media/item_print.html",
        {
            "title": _("Danh sách tin, bài tuyên truyền"),
            "unit": unit,
            "unit_name": unit.name,
            "items": items[: exports.MAX_ROWS],
        },
    )


def _item_fields(data: dict[str, Any]) -> dict[str, Any]:
    """What an item form gives the create and update services alike."""
    upload = data.get("file")
    return {
        "channel": data["channel"],
        "day": data["date"],
        "title": data["title"],
        "kind": data["kind"],
        "link": data.get("link") or "",
        "targets": data.get("targets") or [],
        "solutions": data.get("solutions") or [],
        "file_data": read_upload(upload) if upload else None,
        "file_name": upload.name if upload else "",
    }


@login_required
def item_add(request: AuthenticatedRequest) -> HttpResponse:
    units, first = entry_units_or_403(request)
    plan = page_plan(request, first)
    recent = list(
        MediaItem.objects.visible_to(request.user)
        .filter(created_by=request.user)
        .select_related("channel", "org_unit")
        .order_by("-created_at", "-pk")[:5]
    )
    # A reporter usually posts on the same channel for the same unit: start from the last one.
    initial = {"unit": recent[0].org_unit_id, "channel": recent[0].channel_id} if recent else {}
    form = ItemForm(
        request.POST or None, request.FILES or None, units=units, plan=plan, initial=initial
    )
    if submit(
        request,
        form,
        lambda data: services.media_item_create(
            actor=request.user, unit=data["unit"], **_item_fields(data)
        ),
        success=lambda item: _("Đã lưu tin, bài “%(title)s”.") % {"title": item.title},
    ):
        # The next item, on the same page: a reporter often enters several in a row.
        return redirect(request.get_full_path())
    return render(
        request,
        "media/item_add.html",
        {
            **page_context(request, first, plan, "add"),
            "title": _("Nhập nhanh tin, bài"),
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


@login_required
def item_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = selectors.item_get(user=request.user, pk=pk)
    require_cap(request.user, Cap.DATA_ENTER, item.org_unit)
    plan = page_plan(request, item.org_unit)
    initial = {
        "unit": item.org_unit,
        "date": item.date,
        "channel": item.channel,
        "kind": item.kind,
        "title": item.title,
        "link": item.link,
        "targets": list(item.targets.all()),
        "solutions": list(item.solutions.all()),
    }
    form = ItemForm(
        request.POST or None,
        request.FILES or None,
        units=[item.org_unit],
        plan=plan,
        item=item,
        initial=initial,
    )
    if submit(
        request,
        form,
        lambda data: services.media_item_update(
            actor=request.user, item=item, **_item_fields(data)
        ),
        success=_("Đã lưu tin, bài."),
    ):
        return redirect("media:item", pk=item.pk)
    return render(
        request, "media/item_edit.html", {"title": _("Sửa tin, bài"), "item": item, "form": form}
    )


@login_required
@require_POST
def item_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = selectors.item_get(user=request.user, pk=pk)
    require_cap(request.user, Cap.DATA_ENTER, item.org_unit)
    unit = item.org_unit
    services.media_item_delete(actor=request.user, item=item)
    messages.success(request, _("Đã xóa tin, bài."))
    return redirect(with_unit("media:items", unit))


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
