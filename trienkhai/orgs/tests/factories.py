"""Factories for the org tree: a root, or a child of `parent` (treebeard owns the path)."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from trienkhai.orgs.models import OrgUnit


class OrgUnitFactory(DjangoModelFactory[OrgUnit]):
    """`OrgUnitFactory.create(parent=world.commune, code=…)`; without a parent, a new root.

    Rows go through treebeard's `add_root`/`add_child`, never a bare insert, so the
    materialised path, depth and the parent's child count stay right.
    """

    class Meta:
        model = OrgUnit

    parent: Any = None
    code = factory.Sequence(lambda n: f"dv-{n:03d}")
    kind = OrgUnit.Kind.PARTY_CELL
    name = factory.LazyAttribute(lambda unit: f"Chi bộ {unit.code}")

    @classmethod
    def _create(
        cls, model_class: type[OrgUnit], *args: Any, parent: OrgUnit | None = None, **kwargs: Any
    ) -> OrgUnit:
        if parent is None:
            root: OrgUnit = model_class.objects.add_root(create_kwargs=kwargs)
            return root
        child: OrgUnit = model_class.objects.add_child(parent, create_kwargs=kwargs)
        return child
