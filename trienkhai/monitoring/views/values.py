"""Pages of monitoring data: the unit's yearly grid and Excel template, a target's page,
its chart (SVG for the page, PNG for documents) and the form to enter one value."""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, has_cap, require_cap
from trienkhai.core.csp import svg_image
from trienkhai.core.errors import DomainError
from trienkhai.core.files import read_upload
from trienkhai.core.pages import PageQuery
from trienkhai.core.submit import submit
from trienkhai.core.xlsx import xlsx_response
from trienkhai.monitoring import chart, progress, selectors, services, xlsx
from trienkhai.monitoring.bands import points_unit
from trienkhai.monitoring.forms import GridForm, ObservationForm, TargetBandForm, UploadForm
from trienkhai.monitoring.models import MIN_YEAR
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.selectors import unit_get
from trienkhai.plans.models import Target
from trienkhai.plans.selectors import figure, target_get


def _unit_year(request: AuthenticatedRequest, code: str, year: int) -> tuple[OrgUnit, int]:
    """The unit the user reads and a year values may exist for (another year: 404)."""
    unit = unit_get(user=request.user, code=code)
    if not MIN_YEAR <= year <= selectors.current_year():
        raise Http404
    return unit, year


def _is_htmx(request: AuthenticatedRequest) -> bool:
    return bool(getattr(request, "htmx", False))


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "monitoring/index.html",
        {
            "title": _("Số liệu chỉ tiêu"),
            "units": selectors.units_with_targets(user=request.user),
            "year": selectors.current_year(),
        },
    )


@login_required
def unit_grid(request: AuthenticatedRequest, code: str, year: int) -> HttpResponse:
    unit, year = _unit_year(request, code, year)
    if request.method == "POST":
        require_cap(request.user, Cap.DATA_ENTER, unit)
    form = GridForm(request.POST or None, rows=selectors.grid_rows(unit=unit, year=year), year=year)
    if submit(
        request,
        form,
        lambda data: services.observations_save_many(
            actor=request.user, unit=unit, items=form.items(), confirm_note=data["confirm_note"]
        ),
        success=lambda result: _("Đã lưu: %(n)s giá trị thay đổi.") % {"n": result.changed},
    ):
        return redirect("monitoring:grid", code=unit.code, year=year)
    context = {
        "title": _("Số liệu chỉ tiêu năm %(year)s — %(unit)s") % {"year": year, "unit": unit.name},
        "unit": unit,
        "year": year,
        "form": form,
        "rows": form.bound_rows(),
        "can_enter": has_cap(request.user, Cap.DATA_ENTER, unit),
        "previous_year": year - 1 if year - 1 >= MIN_YEAR else None,
        "next_year": year + 1 if year < selectors.current_year() else None,
        "imports": selectors.recent_imports(unit=unit, year=year),
    }
    return render(request, "monitoring/grid.html", context)


@login_required
def unit_template(request: AuthenticatedRequest, code: str, year: int) -> HttpResponse:
    unit, year = _unit_year(request, code, year)
    rows = selectors.grid_rows(unit=unit, year=year)
    content = xlsx.build_template(unit=unit, year=year, rows=rows)
    return xlsx_response(content, f"Số liệu chỉ tiêu {year} - {unit.code}.xlsx")


@login_required
def unit_upload(request: AuthenticatedRequest, code: str, year: int) -> HttpResponse:
    unit, year = _unit_year(request, code, year)
    require_cap(request.user, Cap.DATA_ENTER, unit)
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {
        "unit": unit,
        "year": year,
        "form": form,
        "title": _("Tải lên số liệu năm %(year)s") % {"year": year},
    }
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record, result = services.observations_import_xlsx(
                actor=request.user,
                unit=unit,
                year=year,
                data=read_upload(upload),
                name=upload.name,
            )
        except xlsx.WorkbookErrors as exc:
            # A file input cannot keep its file: offer an empty form next to the errors.
            context.update(
                {
                    "errors": [str(e) for e in exc.errors],
                    "file_name": exc.name,
                    "form": UploadForm(),
                }
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            context.update({"record": record, "result": result, "form": UploadForm()})
    template = "monitoring/_upload_form.html" if _is_htmx(request) else "monitoring/upload.html"
    return render(request, template, context)


@login_required
def target_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    target = target_get(user=request.user, pk=pk)
    series = selectors.target_series(target=target)
    flow = series.measure == "flow"
    rows = [(p, series.cumulative(p) if flow else None) for p in reversed(series.points)]
    context = {
        "title": _("Số liệu (%(ref)s) %(label)s") % {"ref": target.ref, "label": target.label},
        "target": target,
        "figure": figure(target),
        "series": series,
        "rows": rows,
        "flow": flow,
        "history": selectors.observation_history(target=target),
        "can_enter": selectors.can_enter(request.user, target),
        # The honest status and how it was reached (issue 11), beside the data.
        "assessment": progress.target_progress(target=target).assessment,
        **_band_context(request, target),
    }
    return render(request, "monitoring/target_detail.html", context)


def _band_context(
    request: AuthenticatedRequest, target: Target, form: TargetBandForm | None = None
) -> dict[str, Any]:
    """The band the target's values are judged by, and the office's form to change it."""
    band = selectors.band_of(target=target)
    can_edit = target.kind != Target.Kind.QUALITATIVE and has_cap(
        request.user, Cap.PLANS_EDIT, target.org_unit
    )
    if can_edit and form is None:
        form = TargetBandForm(band=band, kind=target.kind, measure_unit=target.measure_unit)
    return {
        "band": band,
        "own_band": selectors.target_band_get(target=target),
        "band_form": form if can_edit else None,
        "band_unit": points_unit(target.kind, target.measure_unit),
    }


@login_required
def target_band(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The office sets a target's own plausible band (or goes back to its kind's default)."""
    target = target_get(user=request.user, pk=pk)
    require_cap(request.user, Cap.PLANS_EDIT, target.org_unit)
    if request.method == "POST" and "reset" in request.POST:
        services.target_band_reset(actor=request.user, target=target)
        messages.success(request, _("Đã dùng lại khoảng mặc định của loại chỉ tiêu."))
        return redirect("monitoring:target", pk=target.pk)
    form = TargetBandForm(
        request.POST or None,
        band=selectors.band_of(target=target),
        kind=target.kind,
        measure_unit=target.measure_unit,
    )
    if submit(
        request,
        form,
        lambda data: services.target_band_save(actor=request.user, target=target, **data),
        success=_("Đã lưu khoảng giá trị hợp lý của chỉ tiêu."),
    ):
        return redirect("monitoring:target", pk=target.pk)
    title = _("Khoảng giá trị hợp lý (%(ref)s) %(label)s") % {
        "ref": target.ref,
        "label": target.label,
    }
    return render(
        request,
        "monitoring/target_band.html",
        {"title": title, "target": target, **_band_context(request, target, form)},
    )


def _chart(request: AuthenticatedRequest, pk: int, fmt: Literal["svg", "png"]) -> HttpResponse:
    target = target_get(user=request.user, pk=pk)
    series = selectors.target_series(target=target)
    data = chart.chart_data(target, series, figure_text=figure(target))
    path = progress.target_progress(target=target).assessment.required_path
    if len(path) > 1:
        # The path the remaining years need, so the gap is seen, not only read.
        points = tuple((float(y), float(v)) for y, v in path)
        line = chart.ChartLine(_("Lộ trình cần đạt"), points)
        data = dataclasses.replace(data, lines=(*data.lines, line))
    response = HttpResponse(chart.draw(data, fmt), content_type=chart.CONTENT_TYPES[fmt])
    if fmt == "png":
        response["Content-Disposition"] = f'inline; filename="chi-tieu-{target.pk}.png"'
    add_never_cache_headers(response)
    return response


@login_required
@svg_image
def target_chart_svg(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _chart(request, pk, "svg")


@login_required
def target_chart_png(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The same drawing as a PNG, for documents (DOCX, PDF) and to download."""
    return _chart(request, pk, "png")


@login_required
def target_entry(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    target = target_get(user=request.user, pk=pk)
    if not selectors.can_enter(request.user, target):
        # A reference target is read-only below the level that owns it.
        raise PermissionDenied
    periods = [p.code for p in selectors.entry_periods(target=target)]
    form = ObservationForm(
        request.POST or None,
        periods=periods,
        initial={"period": PageQuery.of(request).get("ky") or (periods[0] if periods else "")},
    )
    if submit(
        request,
        form,
        lambda data: services.observation_record(
            actor=request.user,
            target=target,
            period=data["period"],
            value=data["value"],
            status=form.status,
            source=data["source"],
            confirm_note=data["confirm_note"],
        ),
        success=_("Đã lưu số liệu."),
    ):
        return redirect("monitoring:target", pk=target.pk)
    title = _("Nhập số liệu (%(ref)s) %(label)s") % {"ref": target.ref, "label": target.label}
    return render(
        request,
        "monitoring/target_entry.html",
        {
            "title": title,
            "target": target,
            "figure": figure(target),
            "form": form,
            "periods": periods,
        },
    )


@login_required
@require_POST
def observation_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    observation = selectors.observation_get(user=request.user, pk=pk)
    services.observation_delete(actor=request.user, observation=observation)
    messages.info(request, _("Đã xóa giá trị."))
    return redirect(reverse("monitoring:target", args=[observation.target_id]))
