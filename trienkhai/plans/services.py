"""Writes on plans: read a file into a draft, save a reviewed draft, edit, split targets."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import Cap, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import DateFormatError, parse_date
from trienkhai.core.errors import DomainError
from trienkhai.core.files import stored_file_create
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import (
    Audience,
    CoverageThreshold,
    MediaRule,
    Plan,
    PlanDeadline,
    PlanDraft,
    PlanDuty,
    Programme,
    Solution,
    Target,
)
from trienkhai.plans.parser import PlanParseError, parse_plan_file

# "Chương trình hành động số 20-CTr/TU ngày 24/4/2026 của Ban Thường vụ Thành uỷ Hải Phòng"
PROGRAMME_RE = re.compile(
    r"Chương trình(?: hành động)? số\s+(?P<number>\d+-CTr/[A-ZĐ]+)"
    r"(?:,?\s*ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}))?"
    r"(?:\s+của\s+(?P<issuer>.+?)(?:\s+(?:về|thực hiện)\b|$))?",
    re.IGNORECASE,
)
YEARS_RE = re.compile(r"(20\d\d)\s*[-–]\s*(20\d\d)")


@transaction.atomic
def plan_draft_create(*, actor: Any, unit: OrgUnit, data: bytes, name: str) -> PlanDraft:
    """Read a plan file into a draft for review; a file that fails to parse saves nothing."""
    require_cap(actor, Cap.PLANS_EDIT, unit)
    try:
        parsed = parse_plan_file(data, name)
    except PlanParseError as exc:
        raise DomainError(exc.message) from exc
    stored = None
    if name.lower().endswith((".docx", ".pdf")):
        stored = stored_file_create(data=data, name=name, user=actor, allowed=("docx", "pdf"))
    return PlanDraft.objects.create(
        org_unit=unit,
        created_by=actor,
        source_name=name,
        source_sha256=hashlib.sha256(data).hexdigest(),
        source_file=stored,
        data=parsed.to_dict(),
    )


def programme_facts(title: str) -> dict[str, Any] | None:
    """The superior programme a plan implements, read off its title."""
    match = PROGRAMME_RE.search(title or "")
    if not match:
        return None
    issued = None
    if match.group("date"):
        try:
            issued = parse_date(match.group("date"))
        except DateFormatError:
            issued = None
    years = YEARS_RE.search(title)
    return {
        "title": title[match.start() :].strip(),
        "number": match.group("number").replace("/Tu", "/TU"),
        "date": issued,
        "issuer_name": (match.group("issuer") or "").strip(),
        "start_year": int(years.group(1)) if years else None,
        "end_year": int(years.group(2)) if years else None,
    }


def programme_existing_refs(*, unit: OrgUnit, title: str) -> set[str]:
    """Refs the superior's programme already holds: importing keeps those as they are."""
    facts = programme_facts(title)
    if not facts:
        return set()
    return set(
        Target.objects.filter(
            programme__org_unit=_programme_owner(unit),
            programme__number=facts["number"],
            parent__isnull=True,
        ).values_list("ref", flat=True)
    )


def _programme_owner(unit: OrgUnit) -> OrgUnit:
    """The superior that owns a programme: the nearest ancestor city committee, else the parent."""
    ancestors = list(OrgUnit.objects.get_ancestors(unit))
    for ancestor in reversed(ancestors):
        if ancestor.kind == OrgUnit.Kind.CITY_COMMITTEE:
            return ancestor
    return ancestors[-1] if ancestors else unit


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value))


def _target_fields(row: dict[str, Any]) -> dict[str, Any]:
    kind = row.get("kind") or Target.Kind.QUALITATIVE
    return {
        "ref": row["ref"],
        "label": (row.get("label") or row.get("text") or "")[:300],
        "text": row.get("text") or row.get("label") or "",
        "kind": kind,
        "comparator": row.get("comparator") or "",
        "value": _decimal(row.get("value")),
        "low": _decimal(row.get("low")),
        "high": _decimal(row.get("high")),
        "stretch": _decimal(row.get("stretch")),
        "measure_unit": row.get("unit") or "",
        "target_year": row.get("year"),
        "base_year": row.get("base_year"),
        "direction": row.get("direction") or Target.Direction.INCREASE,
        # Cumulative counts add up over the period; everything else is a level.
        "measure": Target.Measure.FLOW if kind == Target.Kind.CUMULATIVE else Target.Measure.STOCK,
        "scope": row.get("scope") or Target.Scope.OWN,
        "confidence": row.get("confidence") or "high",
        "source_line": (row.get("source") or {}).get("line"),
        "source_text": (row.get("source") or {}).get("text") or "",
    }


def _validate_rows(targets: list[dict[str, Any]]) -> None:
    for row in targets:
        if row.get("comparator") == "range" and (row.get("low") is None or row.get("high") is None):
            raise DomainError(
                _("Chỉ tiêu (%(ref)s): khoảng giá trị cần đủ cả “từ” và “đến”.")
                % {"ref": row["ref"]}
            )


@transaction.atomic
def plan_save_from_draft(*, actor: Any, draft: PlanDraft, data: dict[str, Any]) -> Plan:
    """Store a reviewed draft as a plan, all or nothing.

    `data` has the contract's shape, as corrected on the review screen. Reference
    targets go to the superior's programme (created or matched by its number);
    when the programme already has them they are kept, not duplicated.
    """
    unit = draft.org_unit
    require_cap(actor, Cap.PLANS_EDIT, unit)
    targets = data.get("targets") or []
    _validate_rows(targets)
    title = (data.get("title") or "").strip()
    if not title:
        raise DomainError(_("Kế hoạch cần có trích yếu."))
    facts = programme_facts(title)
    programme = None
    if facts:
        programme, _created = Programme.objects.get_or_create(
            org_unit=_programme_owner(unit),
            number=facts["number"],
            defaults={
                "title": facts["title"],
                "issuer_name": facts["issuer_name"],
                "date": facts["date"],
                "start_year": facts["start_year"],
                "end_year": facts["end_year"],
            },
        )
    plan_date = data.get("date")
    plan = Plan.objects.create(
        org_unit=unit,
        programme=programme,
        superior=data.get("superior") or "",
        issuer=data.get("issuer") or "",
        doc_type=data.get("doc_type") or "KH",
        symbol=data.get("symbol") or "KH/ĐU",
        number=data.get("number"),
        place=data.get("place") or "",
        date=date.fromisoformat(plan_date) if isinstance(plan_date, str) else plan_date,
        date_partial=data.get("date_partial") or "",
        title=title,
        start_year=facts["start_year"] if facts else None,
        end_year=facts["end_year"] if facts else None,
        source_name=draft.source_name,
        source_sha256=draft.source_sha256,
        source_file=draft.source_file,
        created_by=actor,
    )
    if draft.source_file is not None:
        draft.source_file.owner = plan
        draft.source_file.save(update_fields=["owner_type", "owner_id"])
    existing_refs = set(programme.targets.values_list("ref", flat=True)) if programme else set()
    owner = programme.org_unit if programme else unit
    new_targets = []
    for order, row in enumerate(targets):
        fields = _target_fields(row)
        if fields["scope"] == Target.Scope.REFERENCE and programme is not None:
            if fields["ref"] in existing_refs:
                continue
            new_targets.append(Target(programme=programme, org_unit=owner, order=order, **fields))
        else:
            fields["scope"] = Target.Scope.OWN
            new_targets.append(Target(plan=plan, org_unit=unit, order=order, **fields))
    # Rows go in with bulk_create, which skips auditlog's signals: an import is recorded by
    # the one summary entry below, not by a hundred row entries.
    for target in new_targets:
        target.refresh_search_text()
    Target.objects.bulk_create(new_targets)
    Solution.objects.bulk_create(
        Solution(plan=plan, ref=row["ref"], title=row["title"], order=order)
        for order, row in enumerate(data.get("solutions") or [])
    )
    PlanDuty.objects.bulk_create(
        PlanDuty(
            plan=plan,
            section=row.get("section") or "",
            body=row.get("assignee") or "",
            kind=row.get("assignee_kind") or "other",
            text=row["text"],
            due=_as_date(row.get("due")),
            order=order,
        )
        for order, row in enumerate(data.get("tasks") or [])
    )
    deadlines = []
    for row in data.get("deadlines") or []:
        due = _as_date(row.get("due"))
        if due is None:
            raise DomainError(_("Thời hạn “%(text)s” chưa có ngày.") % {"text": row["text"][:80]})
        deadlines.append(PlanDeadline(plan=plan, text=row["text"], due=due))
    PlanDeadline.objects.bulk_create(deadlines)
    Audience.objects.bulk_create(
        Audience(plan=plan, text=row["text"], group=row["group"], order=order)
        for order, row in enumerate(data.get("audiences") or [])
    )
    # One threshold per group: the first the text gives.
    thresholds: dict[str, CoverageThreshold] = {}
    for row in data.get("coverage_targets") or []:
        thresholds.setdefault(
            row["group"],
            CoverageThreshold(
                plan=plan,
                audience=row["audience"],
                group=row["group"],
                comparator=row["comparator"],
                value=Decimal(str(row["value"])),
            ),
        )
    CoverageThreshold.objects.bulk_create(thresholds.values())
    MediaRule.objects.bulk_create(
        MediaRule(plan=plan, min_items=row["min_items"], per=row["per"], channels=row["channels"])
        for row in data.get("media_rules") or []
    )
    audit_action(
        actor=actor,
        action="plans.plan.imported",
        obj=plan,
        created=True,
        summary=_("Nhập kế hoạch từ tệp “%(name)s”: %(n)s chỉ tiêu, %(d)s nhiệm vụ")
        % {"name": draft.source_name, "n": len(new_targets), "d": len(data.get("tasks") or [])},
        data={"file": draft.source_name, "sha256": draft.source_sha256},
    )
    draft.delete()
    return plan


def _as_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@transaction.atomic
def plan_update(*, actor: Any, plan: Plan, **fields: Any) -> Plan:
    require_cap(actor, Cap.PLANS_EDIT, plan.org_unit)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save(update_fields=[*fields, "updated_at"])
    return plan


@transaction.atomic
def target_update(*, actor: Any, target: Target, **fields: Any) -> Target:
    """Reference targets are edited only by the level that owns them."""
    require_cap(actor, Cap.PLANS_EDIT, target.org_unit)
    if fields.get("comparator") == "range" and (
        fields.get("low") is None or fields.get("high") is None
    ):
        raise DomainError(_("Khoảng giá trị cần đủ cả “từ” và “đến”."))
    for name, value in fields.items():
        setattr(target, name, value)
    target.save(update_fields=[*fields, "updated_at"])
    return target


@transaction.atomic
def target_split(
    *, actor: Any, target: Target, shares: Sequence[tuple[OrgUnit, Decimal | None, Decimal]]
) -> list[Target]:
    """Give each commune its part of a city target: (unit, value, weight) per commune."""
    require_cap(actor, Cap.PLANS_EDIT, target.org_unit)
    children = []
    for unit, value, weight in shares:
        if not (target.org_unit.contains(unit) and unit.pk != target.org_unit.pk):
            raise DomainError(_("Chỉ giao chỉ tiêu cho đơn vị trực thuộc."))
        if value is None:
            continue
        child, _created = Target.objects.update_or_create(
            parent=target,
            org_unit=unit,
            defaults={
                "programme": target.programme,
                "ref": target.ref,
                "label": target.label,
                "text": target.text,
                "kind": target.kind,
                "comparator": target.comparator if target.comparator != "range" else ">=",
                "value": value,
                "measure_unit": target.measure_unit,
                "target_year": target.target_year,
                "direction": target.direction,
                "measure": target.measure,
                "scope": Target.Scope.OWN,
                "weight": weight,
                "order": target.order,
            },
        )
        children.append(child)
    return children
