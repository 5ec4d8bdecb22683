"""Every change of a scoring round, its scorecards and its commendations.

The office opens the committee's round for a year, sets the weights, bonus, penalty and cap,
and computes: each scored unit's card is counted afresh from the other apps (an override it
carries is kept), the bands suggested, the cap applied within each group of same-kind units.
It overrides a band with a written reason, then signs the round off: from then on nothing
recomputes a card, so the signed figures stay as they were. Commendations are proposed from
the cards and the good practices, and listed in the committee's tờ trình, numbered in its
register at issue. Each step checks the version the page was read at and writes the log.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.permissions import Actor, Cap, person_of, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.errors import DomainError
from trienkhai.core.numbers import format_number
from trienkhai.core.steps import StepRefused, bump, locked
from trienkhai.core.text import clean_text
from trienkhai.documents.models import DocType, OfficialDocument
from trienkhai.documents.services import document_draft_create, document_issue
from trienkhai.emulation import counting, rules
from trienkhai.emulation.documents import proposal_data
from trienkhai.emulation.models import Band, Commendation, Scorecard, ScoreRound
from trienkhai.orgs.models import OrgUnit

ROUND_KINDS = (OrgUnit.Kind.COMMUNE_COMMITTEE, OrgUnit.Kind.CITY_COMMITTEE)


def _locked_round(round_: ScoreRound, version: int | None) -> ScoreRound:
    qs = ScoreRound.objects.select_related("org_unit")
    return locked(qs, round_.pk, version, _("Kỳ bình xét này"))


def _require_draft(round_: ScoreRound) -> None:
    if round_.signed:
        raise StepRefused(_("Kết quả năm %(year)s đã được ký duyệt.") % {"year": round_.year})


@transaction.atomic
def round_open(*, actor: Actor, committee: OrgUnit, year: int) -> ScoreRound:
    """The committee's round for the year, opened with the default settings if none is."""
    require_cap(actor, Cap.EMULATION_MANAGE, committee)
    if committee.kind not in ROUND_KINDS:
        raise DomainError(_("Chỉ đảng bộ xã, phường hoặc thành phố chấm điểm các đơn vị."))
    if not 2000 <= year <= timezone.localdate().year:
        raise DomainError(_("Năm %(year)s chưa đến để chấm điểm.") % {"year": year}, field="year")
    round_, created = ScoreRound.objects.get_or_create(org_unit=committee, year=year)
    if created:
        audit_action(
            actor=actor,
            action="emulation.round.opened",
            obj=round_,
            summary=_("Mở kỳ bình xét năm %(year)s") % {"year": year},
            created=True,
        )
    return round_


@dataclass(frozen=True)
class Settings:
    weights: dict[str, int]
    bonus_per_practice: Decimal
    bonus_max: Decimal
    penalty_per_violation: Decimal
    cap_percent: int


def _check_settings(settings: Settings) -> None:
    unknown = set(settings.weights) - set(rules.CRITERIA)
    if unknown:
        raise DomainError(_("Tiêu chí không có: %(keys)s") % {"keys": ", ".join(sorted(unknown))})
    for key, weight in settings.weights.items():
        if weight < 0:
            raise DomainError(_("Trọng số không được âm."), field=f"w_{key}")
    total = sum(settings.weights.values())
    if total != 100:
        raise DomainError(
            _("Tổng trọng số các tiêu chí phải bằng 100 (hiện là %(total)s).")
            % {"total": format_number(total)},
            field="weights",
        )
    if not 0 <= settings.cap_percent <= 100:
        raise DomainError(_("Tỉ lệ xuất sắc phải từ 0 đến 100%."), field="cap_percent")
    for name in ("bonus_per_practice", "bonus_max", "penalty_per_violation"):
        value = getattr(settings, name)
        if not Decimal(0) <= value <= Decimal(20):
            raise DomainError(_("Điểm cộng, trừ phải từ 0 đến 20."), field=name)


@transaction.atomic
def round_settings(
    *, actor: Actor, round_: ScoreRound, version: int, settings: Settings
) -> ScoreRound:
    require_cap(actor, Cap.EMULATION_MANAGE, round_.org_unit)
    round_ = _locked_round(round_, version)
    _require_draft(round_)
    _check_settings(settings)
    round_.weights = {k: settings.weights.get(k, 0) for k in rules.CRITERIA}
    round_.bonus_per_practice = settings.bonus_per_practice
    round_.bonus_max = settings.bonus_max
    round_.penalty_per_violation = settings.penalty_per_violation
    round_.cap_percent = settings.cap_percent
    bump(
        round_, "weights", "bonus_per_practice", "bonus_max", "penalty_per_violation", "cap_percent"
    )
    return round_


# --- computing -------------------------------------------------------------------------------


def _adjustments(round_: ScoreRound) -> rules.Adjustments:
    return rules.Adjustments(
        bonus_per_practice=round_.bonus_per_practice,
        bonus_max=round_.bonus_max,
        penalty_per_violation=round_.penalty_per_violation,
    )


@transaction.atomic
def round_compute(*, actor: Actor, round_: ScoreRound, today: date | None = None) -> ScoreRound:
    """Count every scored unit afresh and rank them; a signed round is never recomputed."""
    require_cap(actor, Cap.EMULATION_MANAGE, round_.org_unit)
    round_ = _locked_round(round_, None)
    _require_draft(round_)
    today = today or timezone.localdate()
    start, end = counting.window(round_.year, today)
    units = list(counting.scored_units(round_.org_unit, end))
    counted = counting.count(committee=round_.org_unit, units=units, start=start, end=end)
    existing = {c.org_unit_id: c for c in round_.cards.all()}
    cards: list[Scorecard] = []
    for unit in units:
        card = existing.pop(unit.pk, None) or Scorecard(round=round_)
        card.org_unit = unit  # the unit as read, so ranking reads no row per card
        _fill(card, unit, round_, counted)
        cards.append(card)
    _rank(cards, round_.cap_percent)
    for card in cards:
        if card.pk:
            card.version += 1
        card.save()
    # A unit closed during the year leaves the round (its card was not signed).
    Scorecard.objects.filter(pk__in=[c.pk for c in existing.values()]).delete()
    round_.computed_at = timezone.now()
    round_.counted_to = end
    bump(round_, "computed_at", "counted_to")
    audit_action(
        actor=actor,
        action="emulation.round.computed",
        obj=round_,
        summary=_("Tính điểm thực hiện Kế hoạch năm %(year)s của %(n)s đơn vị, số liệu đến %(day)s")
        % {"year": round_.year, "n": format_number(len(cards)), "day": end.strftime("%d/%m/%Y")},
    )
    return round_


def _fill(card: Scorecard, unit: OrgUnit, round_: ScoreRound, counted: counting.Counted) -> None:
    measures = counted.measures[unit.pk]
    practices = counted.practices.get(unit.pk, 0)
    violations = counted.violations.get(unit.pk, 0)
    points = rules.score(
        measures,
        round_.weights,
        practices=practices,
        violations=violations,
        adjustments=_adjustments(round_),
    )
    card.kind = unit.kind
    card.criteria = {k: [m.good, m.counted] for k, m in measures.items()}
    card.practices, card.violations = practices, violations
    card.base, card.bonus, card.penalty, card.score = (
        points.base,
        points.bonus,
        points.penalty,
        points.score,
    )
    if unit.kind in counting.BANDED_KINDS:
        checks = rules.band_checks(points.score, measures[rules.TASKS], violations)
        card.conditions = [
            [c.band, [[cond.text, cond.held] for cond in c.conditions]] for c in checks
        ]
        card.band_suggested = rules.suggested_band(checks)
    else:
        card.conditions, card.band_suggested, card.band_override = [], None, None
        card.override_reason = ""


def _fraction(card: Scorecard, key: str) -> Fraction:
    good, total = card.criteria.get(key, [0, 0])
    return Fraction(good, total) if total else Fraction(1)


def _rank(cards: list[Scorecard], cap_percent: int) -> None:
    """Rank each group of same-kind units; the cap on "xuất sắc" for the banded ones."""
    groups: dict[str, list[Scorecard]] = defaultdict(list)
    for card in cards:
        groups[card.kind].append(card)
    for group in groups.values():
        candidates = [
            rules.Candidate(
                key=card.org_unit.pk,
                code=card.org_unit.code,
                score=card.score,
                tasks=_fraction(card, rules.TASKS),
                reports_on_time=_fraction(card, rules.REPORTS_ON_TIME),
                band=card.band_suggested or rules.UNFULFILLED,
            )
            for card in group
        ]
        ranked = rules.apply_cap(candidates, cap_percent)
        for card in group:
            row = ranked[card.org_unit.pk]
            card.rank_in_group = row.rank
            card.band_capped = row.band if card.band_suggested else None
            card.cap_note = row.note
            card.tie_break = "; ".join(row.tie)


# --- the office's word -----------------------------------------------------------------------


def _locked_card(card: Scorecard, version: int) -> Scorecard:
    qs = Scorecard.objects.select_related("round__org_unit", "org_unit")
    return locked(qs, card.pk, version, _("Điểm của đơn vị này"))


@transaction.atomic
def card_override(
    *, actor: Actor, card: Scorecard, version: int, band: str, reason: str
) -> Scorecard:
    """The office rates the unit otherwise than suggested, and says why."""
    require_cap(actor, Cap.EMULATION_MANAGE, card.round.org_unit)
    card = _locked_card(card, version)
    _require_draft(card.round)
    if card.band_suggested is None:
        raise StepRefused(
            _("%(unit)s không phải tổ chức đảng: chỉ có điểm, không xếp loại theo 366-QĐ/TW.")
            % {"unit": card.org_unit.name}
        )
    if band not in Band.values:
        raise DomainError(_("Hãy chọn mức xếp loại."), field="band")
    if not clean_text(reason):
        raise DomainError(_("Hãy ghi lý do điều chỉnh mức xếp loại."), field="reason")
    card.band_override = band
    card.override_reason = reason.strip()
    card.overridden_by = person_of(actor)
    card.overridden_at = timezone.now()
    bump(card, "band_override", "override_reason", "overridden_by", "overridden_at")
    audit_action(
        actor=actor,
        action="emulation.card.overridden",
        obj=card,
        summary=_("Điều chỉnh mức của %(unit)s thành “%(band)s”: %(reason)s")
        % {"unit": card.org_unit.name, "band": Band(band).label, "reason": card.override_reason},
    )
    return card


@transaction.atomic
def card_clear_override(*, actor: Actor, card: Scorecard, version: int) -> Scorecard:
    require_cap(actor, Cap.EMULATION_MANAGE, card.round.org_unit)
    card = _locked_card(card, version)
    _require_draft(card.round)
    card.band_override, card.override_reason = None, ""
    card.overridden_by, card.overridden_at = None, None
    bump(card, "band_override", "override_reason", "overridden_by", "overridden_at")
    audit_action(
        actor=actor,
        action="emulation.card.override_cleared",
        obj=card,
        summary=_("Bỏ điều chỉnh mức của %(unit)s") % {"unit": card.org_unit.name},
    )
    return card


@transaction.atomic
def round_sign_off(*, actor: Actor, round_: ScoreRound, version: int) -> ScoreRound:
    """Freeze the round: the cards keep the figures and bands they have now."""
    require_cap(actor, Cap.EMULATION_MANAGE, round_.org_unit)
    round_ = _locked_round(round_, version)
    _require_draft(round_)
    if round_.computed_at is None or not round_.cards.exists():
        raise StepRefused(_("Hãy tính điểm trước khi ký duyệt."))
    round_.state = ScoreRound.State.SIGNED
    round_.signed_by = person_of(actor)
    round_.signed_at = timezone.now()
    bump(round_, "state", "signed_by", "signed_at")
    audit_action(
        actor=actor,
        action="emulation.round.signed",
        obj=round_,
        summary=_("Ký duyệt kết quả điểm thực hiện Kế hoạch năm %(year)s") % {"year": round_.year},
    )
    return round_


# --- commendations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    kind: str
    unit: OrgUnit
    reason: str
    level: str = Commendation.Level.COMMUNE
    person: str = ""
    scorecard: Scorecard | None = None
    practice: Any = None  # an opinion.GoodPractice


@transaction.atomic
def commendation_add(*, actor: Actor, round_: ScoreRound, proposal: Proposal) -> Commendation:
    require_cap(actor, Cap.EMULATION_MANAGE, round_.org_unit)
    if round_.proposal_id is not None:
        raise StepRefused(_("Tờ trình đã ban hành: không thêm đề nghị được nữa."))
    if not proposal.unit.path.startswith(round_.org_unit.path):
        raise DomainError(
            _("%(unit)s không thuộc %(committee)s.")
            % {"unit": proposal.unit.name, "committee": round_.org_unit.name},
            field="unit",
        )
    if proposal.kind == Commendation.Kind.INDIVIDUAL and not clean_text(proposal.person):
        raise DomainError(_("Hãy ghi họ tên, chức vụ của cá nhân."), field="person")
    if not clean_text(proposal.reason):
        raise DomainError(_("Hãy ghi thành tích được đề nghị khen thưởng."), field="reason")
    same = round_.commendations.filter(kind=proposal.kind, unit=proposal.unit)
    if proposal.kind == Commendation.Kind.COLLECTIVE and same.exists():
        raise DomainError(
            _("%(unit)s đã có trong danh sách đề nghị.") % {"unit": proposal.unit.name},
            field="unit",
        )
    item = Commendation.objects.create(
        round=round_,
        org_unit=round_.org_unit,
        kind=proposal.kind,
        unit=proposal.unit,
        person=clean_text(proposal.person),
        reason=proposal.reason.strip(),
        level=proposal.level,
        scorecard=proposal.scorecard,
        practice=proposal.practice,
        created_by=person_of(actor),
    )
    audit_action(
        actor=actor,
        action="emulation.commendation.proposed",
        obj=item,
        summary=_("Đề nghị khen thưởng %(who)s") % {"who": item.person or item.unit.name},
        created=True,
    )
    return item


@transaction.atomic
def commendation_remove(*, actor: Actor, item: Commendation) -> None:
    require_cap(actor, Cap.EMULATION_MANAGE, item.org_unit)
    if item.round.proposal_id is not None:
        raise StepRefused(_("Tờ trình đã ban hành: không bỏ đề nghị được nữa."))
    audit_action(
        actor=actor,
        action="emulation.commendation.removed",
        obj=item,
        summary=_("Bỏ đề nghị khen thưởng %(who)s") % {"who": item.person or item.unit.name},
    )
    item.delete()


@transaction.atomic
def proposal_issue(
    *, actor: Actor, round_: ScoreRound, version: int, day: date | None = None
) -> OfficialDocument:
    """The tờ trình of the round's commendations, numbered in the committee's register."""
    require_cap(actor, Cap.EMULATION_MANAGE, round_.org_unit)
    round_ = _locked_round(round_, version)
    if not round_.signed:
        raise StepRefused(_("Hãy ký duyệt kết quả chấm điểm trước khi trình khen thưởng."))
    if round_.proposal_id is not None:
        raise StepRefused(_("Tờ trình của năm này đã được ban hành."))
    items = list(round_.commendations.select_related("unit", "scorecard").order_by("kind", "pk"))
    if not items:
        raise StepRefused(_("Chưa có đề nghị khen thưởng nào để trình."))
    day = day or timezone.localdate()
    draft = document_draft_create(
        actor=actor,
        issuer=round_.org_unit,
        doc_type=DocType.TO_TRINH,
        data=proposal_data(round_, items, day),
    )
    round_.proposal = document_issue(actor=actor, document=draft, day=day)
    bump(round_, "proposal")
    return round_.proposal
