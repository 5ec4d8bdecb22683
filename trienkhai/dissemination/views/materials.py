"""Materials: the office publishes, units open them ("đã nhận"), the office sees who has."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from trienkhai.accounts.permissions import AuthenticatedRequest, Cap, has_cap
from trienkhai.core.errors import DomainError
from trienkhai.core.files import read_upload
from trienkhai.dissemination import materials as material_services
from trienkhai.dissemination import selectors
from trienkhai.dissemination.forms import MaterialForm
from trienkhai.dissemination.materials import receiving_units
from trienkhai.dissemination.services import SessionInvalid
from trienkhai.dissemination.views.page import View, plan_page, view_for


@login_required
@plan_page
def material_list(request: AuthenticatedRequest, view: View) -> HttpResponse:
    can_publish = has_cap(request.user, Cap.MATERIALS_PUBLISH, view.plan.org_unit)
    if request.method == "POST" and not can_publish:
        raise PermissionDenied
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            material_services.material_publish(
                actor=request.user,
                plan=view.plan,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                data=read_upload(upload),
                name=upload.name,
            )
        except SessionInvalid as exc:
            for name, errors in exc.errors.items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("Đã phát hành tài liệu đến các đơn vị."))
            return redirect(reverse("dissemination:materials") + "?" + view.query())
    materials = list(selectors.materials_for(user=request.user, plan=view.plan))
    recipients = selectors.recipients(plan=view.plan, root=view.root)
    expected = recipients.count()
    received = selectors.received_counts(materials=materials, units=recipients)
    # A unit's own view: has each of its units received each material? All materials of a
    # plan come from the same publisher, so the user's receiving units are the same for all.
    own_units = receiving_units(user=request.user, material=materials[0]) if materials else []
    pairs = selectors.receipts_by_material(materials=materials, units=own_units)
    rows = [
        (
            m,
            received.get(m.pk, 0),
            [(unit, (m.pk, unit.pk) in pairs) for unit in own_units],
        )
        for m in materials
    ]
    return render(
        request,
        "dissemination/materials.html",
        {
            **view.context(),
            "title": _("Tài liệu quán triệt"),
            "rows": rows,
            "expected": expected,
            "form": form,
            "can_publish": can_publish,
            "show_counts": can_publish or expected > len(own_units),
        },
    )


@login_required
@require_GET
def material_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    material = selectors.material_get(user=request.user, pk=pk)
    view = view_for(request, plan=material.plan)
    assert view is not None
    units = list(selectors.material_receipts(material=material, root=view.root))
    received = sum(1 for u in units if u.opened_at)
    return render(
        request,
        "dissemination/material_detail.html",
        {
            **view.context(),
            "title": material.title,
            "material": material,
            "units": units,
            "received": received,
        },
    )


@login_required
@require_GET
def material_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Open the file; the first opening by a user of a recipient unit is its receipt."""
    material = selectors.material_get(user=request.user, pk=pk)
    material_services.material_open(user=request.user, material=material)
    url = reverse("core:file_download", args=[material.file_id])
    if material.file.kind in ("pdf", "jpg", "png"):
        url += "?xem=1"
    return redirect(url)
