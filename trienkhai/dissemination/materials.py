"""Writes on materials: the office publishes, a unit's first opening is its receipt."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, require_cap, scope_for
from trienkhai.core.audit import audit_action
from trienkhai.core.files import stored_file_create
from trienkhai.dissemination.models import Material, MaterialReceipt
from trienkhai.dissemination.services import SessionInvalid
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan

MATERIAL_FILE_KINDS = ("pdf", "docx", "xlsx", "jpg", "png")
# Units a material is addressed to (those that hold study sessions of their own).
RECIPIENT_KINDS = (
    OrgUnit.Kind.PARTY_SUBCOMMITTEE,
    OrgUnit.Kind.PARTY_CELL,
    OrgUnit.Kind.FRONT,
    OrgUnit.Kind.MASS_ORG,
    OrgUnit.Kind.PEOPLES_COMMITTEE,
)


@transaction.atomic
def material_publish(
    *, actor: User, plan: Plan, title: str, data: bytes, name: str, description: str = ""
) -> Material:
    """The office publishes an outline or a document of the plan to its units."""
    require_cap(actor, Cap.MATERIALS_PUBLISH, plan.org_unit)
    title = title.strip()
    if not title:
        raise SessionInvalid({"title": [_("Cần nhập tên tài liệu.")]})
    material = Material(
        plan=plan,
        org_unit=plan.org_unit,
        title=title[:300],
        description=description.strip(),
        published_at=timezone.now(),
        published_by=actor,
    )
    # The file needs its owner's key: store the row first, then attach the file to it.
    material.file = stored_file_create(
        data=data, name=name, user=actor, owner=None, allowed=MATERIAL_FILE_KINDS
    )
    material.save()
    material.file.owner_type = ContentType.objects.get_for_model(Material)
    material.file.owner_id = str(material.pk)
    material.file.save(update_fields=["owner_type", "owner_id"])
    audit_action(
        actor=actor,
        action="dissemination.material.published",
        obj=material,
        summary=_("Phát hành tài liệu “%(title)s”") % {"title": material.title},
        created=True,
    )
    return material


def receiving_units(*, user: User, material: Material) -> list[OrgUnit]:
    """The units a user opens a material for: their own units among its recipients."""
    publisher = material.org_unit.path
    ids = [
        g.unit_id
        for g in scope_for(user).grants
        if g.path.startswith(publisher) and g.path != publisher
    ]
    if not ids:
        return []
    return list(OrgUnit.objects.filter(pk__in=ids, kind__in=RECIPIENT_KINDS).order_by("path"))


@transaction.atomic
def material_open(*, user: User, material: Material) -> list[MaterialReceipt]:
    """Record "đã nhận" for each of the user's units opening the material the first time."""
    units = receiving_units(user=user, material=material)
    if not units:
        return []
    seen = set(
        MaterialReceipt.objects.filter(material=material, org_unit__in=units).values_list(
            "org_unit_id", flat=True
        )
    )
    created: list[MaterialReceipt] = []
    now = timezone.now()
    for unit in units:
        if unit.pk in seen:
            continue
        receipt, made = MaterialReceipt.objects.get_or_create(
            material=material,
            org_unit=unit,
            defaults={"first_opened_at": now, "opened_by": user},
        )
        if made:
            created.append(receipt)
            audit_action(
                actor=user,
                action="dissemination.material.received",
                obj=receipt,
                summary=_("%(unit)s đã nhận tài liệu “%(title)s”")
                % {"unit": unit.name, "title": material.title},
                unit=unit,
                created=True,
            )
    return created
