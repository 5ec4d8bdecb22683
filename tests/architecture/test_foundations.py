"""The foundations every app stands on, checked over the whole project."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

from trienkhai.accounts.permissions import ROLE_CAPABILITIES, Cap
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.scoping import UnitScopedQuerySet

PACKAGE = Path(__file__).resolve().parents[2] / "trienkhai"


def _owned_by_a_unit(model: type[models.Model]) -> bool:
    return any(
        field.is_relation and field.related_model is OrgUnit and not field.auto_created
        for field in model._meta.get_fields()
    )


def test_every_model_owned_by_a_unit_is_scoped_by_the_one_base() -> None:
    owned = [
        m
        for m in apps.get_models()
        if m.__module__.startswith("trienkhai.") and _owned_by_a_unit(m)
    ]
    assert OrgUnit in owned and len(owned) > 15
    unscoped = [
        m._meta.label for m in owned if not isinstance(m._default_manager.all(), UnitScopedQuerySet)
    ]
    assert unscoped == []


def test_the_base_reads_what_its_hooks_say(db: None) -> None:
    # A model without a unit relation cannot pass the walk by accident.
    assert not _owned_by_a_unit(apps.get_model("auth", "Permission"))


def _cap_literals(source: str) -> list[tuple[int, str]]:
    values = {c.value for c in Cap}
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value in values
        and id(node) not in docstrings
    ]


def test_no_capability_is_written_as_a_string_outside_the_table() -> None:
    table = PACKAGE / "accounts" / "permissions.py"
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {value!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != table and "migrations" not in path.parts
        for line, value in _cap_literals(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_literal_finder_finds_a_literal() -> None:
    assert _cap_literals('has_cap(user, "plans.edit", unit)') == [(1, "plans.edit")]
    assert _cap_literals('"""Needs "plans.edit"."""\nx = Cap.PLANS_EDIT') == []


@pytest.mark.parametrize("cap", list(Cap))
def test_every_capability_is_granted_by_some_role(cap: Cap) -> None:
    assert any(cap in caps for caps in ROLE_CAPABILITIES.values())


def test_one_subtree_condition_and_one_require_cap() -> None:
    defined: dict[str, list[str]] = {"subtree_q": [], "require_cap": []}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name in defined:
                defined[node.name].append(str(path.relative_to(PACKAGE)))
    assert defined == {
        "subtree_q": ["orgs/scoping.py"],
        "require_cap": ["accounts/permissions.py"],
    }
    hand_built = [
        f"{path.relative_to(PACKAGE)}"
        for path in PACKAGE.rglob("*.py")
        if not {"migrations", "tests"} & set(path.parts)
        and path.name != "scoping.py"
        and "path__startswith" in path.read_text(encoding="utf-8")
    ]
    assert hand_built == []


def _apps() -> list[Path]:
    return sorted(p.parent for p in PACKAGE.glob("*/apps.py"))


def test_every_app_splits_its_views_by_one_rule() -> None:
    # One page family: views.py. More: a views/ package, one module per family. Never
    # views_items.py beside views.py, or user_views.py beside both.
    stray = [
        str(path.relative_to(PACKAGE))
        for app in _apps()
        for path in app.glob("*.py")
        if path.stem != "views" and (path.stem.startswith("views_") or path.stem.endswith("_views"))
    ]
    both = [app.name for app in _apps() if (app / "views.py").exists() and (app / "views").is_dir()]
    assert stray == [] and both == []


def _untyped_people(source: str) -> list[int]:
    """Lines where a `user` or `actor` parameter is typed `Any`."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args
            for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
                if (
                    arg.arg in {"user", "actor"}
                    and isinstance(arg.annotation, ast.Name)
                    and arg.annotation.id == "Any"
                ):
                    lines.append(arg.lineno)
    return lines


def test_services_and_selectors_name_the_user_type() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if not {"migrations", "tests"} & set(path.parts)
        and any(part.startswith(("services", "selectors")) for part in path.parts)
        for line in _untyped_people(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_untyped_finder_finds_one() -> None:
    assert _untyped_people("def f(*, user: Any, n: int) -> None: ...") == [1]
    assert _untyped_people("def f(*, user: User) -> None: ...") == []
