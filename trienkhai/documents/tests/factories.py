"""Factories for documents: a draft written through the service, issued on request."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory
from factory.django import DjangoModelFactory

from trienkhai.documents import services
from trienkhai.documents.models import DocType, OfficialDocument
from trienkhai.documents.samples import cell_report, committee_report
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory


def _sample(document: Any) -> Any:
    is_cell = document.issuer.kind == OrgUnit.Kind.PARTY_CELL
    return cell_report() if is_cell else committee_report()


class DocumentFactory(DjangoModelFactory[OfficialDocument]):
    """`DocumentFactory.create(actor=world.office, issuer=world.commune)`: a draft report
    written by `actor` through `services.document_draft_create` (the sample content of a
    chi bộ or a committee); with `issued_on=day`, also issued that day (so numbered)."""

    class Meta:
        model = OfficialDocument

    actor: Any = None
    issuer = factory.SubFactory(OrgUnitFactory, kind=OrgUnit.Kind.COMMUNE_COMMITTEE)
    doc_type = DocType.BAO_CAO
    data = factory.LazyAttribute(_sample)
    issued_on: date | None = None

    @classmethod
    def _create(
        cls,
        model_class: type[OfficialDocument],
        *args: Any,
        actor: Any,
        issued_on: date | None,
        **kwargs: Any,
    ) -> OfficialDocument:
        document = services.document_draft_create(actor=actor, **kwargs)
        if issued_on is None:
            return document
        return services.document_issue(actor=actor, document=document, day=issued_on)
