"""Factories for people: a user who signs in with PASSWORD, and their memberships."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from trienkhai.accounts.models import Membership, Role, User
from trienkhai.orgs.tests.factories import OrgUnitFactory

PASSWORD = "Mat-khau-thu-2026"


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory("trienkhai.accounts.tests.factories.UserFactory")
    org_unit = factory.SubFactory(OrgUnitFactory)
    role = Role.REPORTER


class UserFactory(DjangoModelFactory[User]):
    """`UserFactory.create(username="van_phong", unit=commune, role=Role.OFFICE)`.

    With `unit`, the user is also a member there (as `role`, a reporter by default);
    without it, a user with no membership. `password=None` leaves no usable password.
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        unit = None
        role = Role.REPORTER

    username = factory.Sequence(lambda n: f"nguoi_dung_{n:03d}")
    full_name = factory.LazyAttribute(lambda user: user.username.title())
    password: Any = PASSWORD
    membership = factory.Maybe(
        "unit",
        factory.RelatedFactory(
            MembershipFactory,
            factory_related_name="user",
            org_unit=factory.SelfAttribute("..unit"),
            role=factory.SelfAttribute("..role"),
        ),
    )

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        # `create_user` hashes the password the way sign-in checks it.
        user: User = model_class.objects.create_user(*args, **kwargs)
        return user
