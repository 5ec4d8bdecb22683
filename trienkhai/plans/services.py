"""Writes on plans: read a file into a draft, save a reviewed draft, edit, split targets."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import DateFormatError, parse_date
from trienkhai.core.errors import DomainError
from trienkhai.core.files import stored_file_create
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.identity import (
    HEADER_FIELDS,
    TARGET_FIELDS,
    Difference,
    differences,
    existing_plan,
    issuer_mismatch,
)
from trienkhai.plans.lifecycle import require_in_force
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
from trienkhai.plans.parser import ParsedPlan, PlanParseError, parse_plan_file
from trienkhai.plans.parser.result import TargetRow

# "Chương trình hành động số 20-CTr/TU ngày 24/4/2026 của Ban Thường vụ Thành uỷ Hải Phòng"
PROGRAMME_RE = re.compile(
    r"Chương trình(?: hành động)? số\s+(?P<number>\d+-CTr/[A-ZĐ]+)"
    r"(?:,?\s*ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}))?"
    r"(?:\s+của\s+(?P<issuer>.+?)(?:\s+(?:về|thực hiện)\b|$))?",
    re.IGNORECASE,
)
YEARS_RE = re.compile(r"(20\d\d)\s*[-–]\s*(20\d\d)")


@transaction.atomic
def plan_draft_create(*, actor: User, unit: OrgUnit, data: bytes, name: str) -> PlanDraft:
    """Read a plan file into a draft for review; a file that fails to parse saves nothing."""
    require_cap(actor, Cap.PLANS_EDIT, unit)
    try:
        parsed = parse_plan_file(data, name)
    except PlanParseError as exc:
        raise DomainError(exc.message) from exc
    mismatch = issuer_mismatch(unit, parsed)
    if mismatch:
        parsed.warnings.insert(0, mismatch)
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


@dataclass(frozen=True)
class ProgrammeFacts:
    """What a plan's title says of the superior programme it implements."""

    number: str
    title: str
    issuer_name: str
    date: date | None
    start_year: int | None
    end_year: int | None


def programme_facts(title: str) -> ProgrammeFacts | None:
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
    return ProgrammeFacts(
        number=match.group("number").replace("/Tu", "/TU"),
        title=title[match.start() :].strip(),
        issuer_name=(match.group("issuer") or "").strip(),
        date=issued,
        start_year=int(years.group(1)) if years else None,
        end_year=int(years.group(2)) if years else None,
    )


def programme_existing_refs(*, unit: OrgUnit, title: str) -> set[str]:
    """Refs the superior's programme already holds: importing keeps those as they are."""
    facts = programme_facts(title)
    if not facts:
        return set()
    return set(
        Target.objects.filter(
            programme__org_unit=_programme_owner(unit),
            programme__number=facts.number,
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


def _programme_for(unit: OrgUnit, facts: ProgrammeFacts) -> Programme:
    """The superior's programme, matched by its number or created from the plan's title."""
    defaults = asdict(facts)
    number = defaults.pop("number")
    programme, _created = Programme.objects.get_or_create(
        org_unit=_programme_owner(unit), number=number, defaults=defaults
    )
    return programme


def _target_fields(row: TargetRow) -> dict[str, Any]:
    kind = row.kind or Target.Kind.QUALITATIVE
    return {
        "ref": row.ref,
        "label": (row.label or row.text or "")[:300],
        "text": row.text or row.label or "",
        "kind": kind,
        "comparator": row.comparator or "",
        "value": row.value,
        "low": row.low,
        "high": row.high,
        "stretch": row.stretch,
        "measure_unit": row.unit or "",
        "target_year": row.year,
        "base_year": row.base_year,
        "direction": row.direction or Target.Direction.INCREASE,
        # Cumulative counts add up over the period; everything else is a level.
        "measure": Target.Measure.FLOW if kind == Target.Kind.CUMULATIVE else Target.Measure.STOCK,
        "scope": row.scope or Target.Scope.OWN,
        "confidence": row.confidence or "high",
        "bounds": row.bounds or "[]",
        "source_line": row.source.line,
        "source_text": row.source.text or "",
    }


def _check_ranges(rows: list[TargetRow]) -> None:
    for row in rows:
        if row.comparator == "range" and (row.low is None or row.high is None):
            raise DomainError(
                _("Chỉ tiêu (%(ref)s): khoảng giá trị cần đủ cả “từ” và “đến”.") % {"ref": row.ref}
            )


def _plan_targets(
    rows: list[TargetRow], *, plan: Plan, programme: Programme | None
) -> list[Target]:
    """The plan's own targets, and the reference ones its superior's programme lacks."""
    existing_refs = set(programme.targets.values_list("ref", flat=True)) if programme else set()
    targets = []
    for order, row in enumerate(rows):
        fields = _target_fields(row)
        if fields["scope"] == Target.Scope.REFERENCE and programme is not None:
            if fields["ref"] in existing_refs:
                continue
            targets.append(
                Target(programme=programme, org_unit=programme.org_unit, order=order, **fields)
            )
        else:
            fields["scope"] = Target.Scope.OWN
            targets.append(Target(plan=plan, org_unit=plan.org_unit, order=order, **fields))
    for target in targets:
        target.refresh_search_text()
    return targets


def _plan_parts(plan: Plan, parsed: ParsedPlan) -> None:
    """What the plan asks for beside its targets: solutions, duties, deadlines, audiences…"""
    Solution.objects.bulk_create(
        Solution(plan=plan, ref=row.ref, title=row.title, order=order)
        for order, row in enumerate(parsed.solutions)
    )
    PlanDuty.objects.bulk_create(
        PlanDuty(
            plan=plan,
            section=row.section or "",
            body=row.assignee or "",
            kind=row.assignee_kind or "other",
            text=row.text,
            due=row.due,
            order=order,
        )
        for order, row in enumerate(parsed.tasks)
    )
    deadlines = []
    for deadline in parsed.deadlines:
        if deadline.due is None:
            raise DomainError(_("Thời hạn “%(text)s” chưa có ngày.") % {"text": deadline.text[:80]})
        deadlines.append(
            PlanDeadline(
                plan=plan,
                text=deadline.text,
                due=deadline.due,
                recurrence=deadline.recurrence or "",
            )
        )
    PlanDeadline.objects.bulk_create(deadlines)
    Audience.objects.bulk_create(
        Audience(plan=plan, text=row.text, group=row.group, order=order)
        for order, row in enumerate(parsed.audiences)
    )
    # One threshold per group: the first the text gives.
    thresholds: dict[str, CoverageThreshold] = {}
    for row in parsed.coverage_targets:
        thresholds.setdefault(
            row.group,
            CoverageThreshold(
                plan=plan,
                audience=row.audience,
                group=row.group,
                comparator=row.comparator,
                value=row.value,
            ),
        )
    CoverageThreshold.objects.bulk_create(thresholds.values())
    MediaRule.objects.bulk_create(
        MediaRule(plan=plan, min_items=row.min_items, per=row.per, channels=row.channels)
        for row in parsed.media_rules
    )


@transaction.atomic
def plan_save_from_draft(*, actor: User, draft: PlanDraft, parsed: ParsedPlan) -> Plan:
    """Store a reviewed draft as a plan, all or nothing.

    `parsed` is the draft as corrected on the review screen. Reference targets go to the
    superior's programme (created or matched by its number); when the programme already
    has them they are kept, not duplicated.
    """
    unit = draft.org_unit
    require_cap(actor, Cap.PLANS_EDIT, unit)
    _check_ranges(parsed.targets)
    title = (parsed.title or "").strip()
    if not title:
        raise DomainError(_("Kế hoạch cần có trích yếu."))
    if (existing := existing_plan(unit, parsed)) is not None:
        raise DomainError(
            _(
                "Kế hoạch này đã có: %(plan)s (mã %(pk)s). Hãy áp dụng các thay đổi vào kế hoạch "
                "đó thay vì lưu một bản thứ hai."
            )
            % {"plan": existing.label, "pk": existing.pk},
            code="plan_exists",
        )
    facts = programme_facts(title)
    plan = Plan.objects.create(
        org_unit=unit,
        programme=_programme_for(unit, facts) if facts else None,
        superior=parsed.superior or "",
        issuer=parsed.issuer or "",
        doc_type=parsed.doc_type or "KH",
        symbol=parsed.symbol or "KH/ĐU",
        number=parsed.number,
        place=parsed.place or "",
        date=parsed.date,
        date_partial=parsed.date_partial or "",
        title=title,
        start_year=facts.start_year if facts else None,
        end_year=facts.end_year if facts else None,
        source_name=draft.source_name,
        source_sha256=draft.source_sha256,
        source_file=draft.source_file,
        created_by=actor,
    )
    if draft.source_file is not None:
        draft.source_file.owner = plan
        draft.source_file.save(update_fields=["owner_type", "owner_id"])
    # Rows go in with bulk_create, which skips auditlog's signals: an import is recorded by
    # the one summary entry below, not by a hundred row entries.
    targets = _plan_targets(parsed.targets, plan=plan, programme=plan.programme)
    Target.objects.bulk_create(targets)
    _plan_parts(plan, parsed)
    audit_action(
        actor=actor,
        action="plans.plan.imported",
        obj=plan,
        created=True,
        summary=_("Nhập kế hoạch từ tệp “%(name)s”: %(n)s chỉ tiêu, %(d)s nhiệm vụ")
        % {"name": draft.source_name, "n": len(targets), "d": len(parsed.tasks)},
        data={"file": draft.source_name, "sha256": draft.source_sha256},
    )
    draft.delete()
    return plan


@transaction.atomic
def plan_update(*, actor: User, plan: Plan, **fields: Any) -> Plan:
    require_cap(actor, Cap.PLANS_EDIT, plan.org_unit)
    require_in_force(plan)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save(update_fields=[*fields, "updated_at"])
    return plan


@transaction.atomic
def target_update(*, actor: User, target: Target, **fields: Any) -> Target:
    """Reference targets are edited only by the level that owns them."""
    require_cap(actor, Cap.PLANS_EDIT, target.org_unit)
    if target.plan is not None:
        require_in_force(target.plan)
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
    *, actor: User, target: Target, shares: Sequence[tuple[OrgUnit, Decimal | None, Decimal]]
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


@transaction.atomic
def plan_apply_differences(*, actor: User, plan: Plan, parsed: ParsedPlan) -> list[Difference]:
    """Bring the plan in line with a re-uploaded text, in place.

    Header fields, the figures of its own targets (by ref) and its duties' text and due dates
    are updated; new targets and duties are added. Nothing is deleted: a target or duty the
    new text lacks may carry observations and tasks, so it stays and the review says so."""
    require_cap(actor, Cap.PLANS_EDIT, plan.org_unit)
    require_in_force(plan)
    _check_ranges(parsed.targets)
    found = differences(plan, parsed)
    if not found:
        return found
    for name in HEADER_FIELDS:
        if (value := getattr(parsed, name)) not in (None, ""):
            setattr(plan, name, value)
    plan.save()
    own = {t.ref: t for t in plan.targets.all()}
    order = max((t.order for t in own.values()), default=0)
    for row in parsed.targets:
        if row.scope == Target.Scope.REFERENCE:
            continue
        fields = _target_fields(row)
        target = own.get(row.ref)
        if target is None:
            order += 1
            fields["scope"] = Target.Scope.OWN
            Target.objects.create(plan=plan, org_unit=plan.org_unit, order=order, **fields)
            continue
        changed = {k: fields[k] for k in TARGET_FIELDS if getattr(target, k) != fields[k]}
        if changed:
            for key, value in changed.items():
                setattr(target, key, value)
            target.save()
    duties = list(plan.duties.order_by("order", "pk"))
    for position, task in enumerate(parsed.tasks):
        if position >= len(duties):
            PlanDuty.objects.create(
                plan=plan,
                section=task.section or "",
                body=task.assignee or "",
                kind=task.assignee_kind or "other",
                text=task.text,
                due=task.due,
                order=position,
            )
            continue
        duty = duties[position]
        if (duty.text, duty.due) != (task.text, task.due):
            duty.text, duty.due = task.text, task.due
            duty.save()
    audit_action(
        actor=actor,
        action="plans.plan.updated_from_file",
        obj=plan,
        created=False,
        summary=_("Áp dụng %(n)s thay đổi từ tệp kế hoạch tải lên lại") % {"n": len(found)},
        data={"changes": len(found)},
    )
    return found
