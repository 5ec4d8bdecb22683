"""Materials: the office publishes; a unit's first opening is its receipt ("đã nhận")."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.dissemination import materials as material_services
from trienkhai.dissemination.models import Material, MaterialReceipt
from trienkhai.plans.models import Plan

# A one-page PDF: uploads are opened and must have a page (core.files).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 9 9]>>endobj\ntrailer<</Root 1 0 R>>"
    b"\nstartxref\n0\n%%EOF\n"
)


def publish(world: World, plan: Plan, title: str = "Đề cương tuyên truyền") -> Material:
    return material_services.material_publish(
        actor=world.office, plan=plan, title=title, data=PDF, name="de-cuong.pdf"
    )


def test_office_publishes_and_cells_receive_on_first_opening(
    client: Any, world: World, plan: Plan
) -> None:
    client.force_login(world.office)
    url = reverse("dissemination:materials") + f"?ke_hoach={plan.pk}"
    response = client.post(
        url,
        {
            "title": "Đề cương tuyên truyền",
            "description": "",
            "file": SimpleUploadedFile("dc.pdf", PDF),
        },
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.file.owner == material
    html = client.get(url).content.decode()
    assert "0/3 đơn vị đã nhận" in html  # chi bộ A and B, UBND

    client.force_login(world.reporter_a)
    html = client.get(url).content.decode()
    assert "Chưa nhận" in html and "Đã nhận" not in html
    opened = client.get(reverse("dissemination:material_open", args=[material.pk]))
    assert opened.status_code == 302
    assert opened["Location"] == reverse("core:file_download", args=[material.file_id]) + "?xem=1"
    assert client.get(opened["Location"]).status_code == 200
    first = MaterialReceipt.objects.get()
    assert (first.org_unit, first.opened_by) == (world.cell_a, world.reporter_a)
    # Opening again changes nothing: the receipt is the first opening.
    client.get(reverse("dissemination:material_open", args=[material.pk]))
    assert MaterialReceipt.objects.get().first_opened_at == first.first_opened_at
    assert "Đã nhận" in client.get(url).content.decode()

    # The office opening it is not a unit receiving it.
    client.force_login(world.office)
    client.get(reverse("dissemination:material_open", args=[material.pk]))
    assert MaterialReceipt.objects.count() == 1
    detail = client.get(reverse("dissemination:material_detail", args=[material.pk]))
    html = detail.content.decode()
    assert "1/3 đơn vị đã nhận." in html and world.reporter_a.full_name in html


def test_rights_and_scope(client: Any, world: World, plan: Plan) -> None:
    material = publish(world, plan)
    with pytest.raises(PermissionDenied):
        material_services.material_publish(
            actor=world.reporter_a, plan=plan, title="x", data=PDF, name="x.pdf"
        )
    client.force_login(world.reporter_a)
    url = reverse("dissemination:materials") + f"?ke_hoach={plan.pk}"
    response = client.post(url, {"title": "x", "file": SimpleUploadedFile("x.pdf", PDF)})
    assert response.status_code == 403
    client.force_login(world.outsider)
    assert client.get(reverse("dissemination:material_open", args=[material.pk])).status_code == 404
    assert (
        client.get(reverse("dissemination:material_detail", args=[material.pk])).status_code == 404
    )
    assert client.get(reverse("core:file_download", args=[material.file_id])).status_code == 404
    assert client.get(url).status_code == 404
    assert not MaterialReceipt.objects.exists()


def test_refuses_a_renamed_program(world: World, plan: Plan) -> None:
    from trienkhai.core.files import UploadRejected

    with pytest.raises(UploadRejected):
        material_services.material_publish(
            actor=world.office, plan=plan, title="x", data=b"MZ\x90\x00" * 50, name="x.pdf"
        )
    assert not Material.objects.exists()
