"""Writes on monitoring data: one value, a yearly grid, an Excel file — all or nothing.

Rules every write keeps:
- the value belongs to the unit that owns the target (reference targets are entered once,
  by the level that owns them, and are read-only below): `data.enter` on `target.org_unit`,
  else PermissionDenied (403);
- the period is a year or a shorter period (6 tháng, 9 tháng, quý, tháng) that has begun;
- one value per target × unit × period × status: writing again replaces it. An official
  value and a provisional one may both be stored; readers take the official one;
- a value its target kind makes impossible (a share above 100 %, a negative count) is
  refused; one outside the target's plausible band, or too far from the previous value, is
  saved only with a note confirming it (`monitoring.bands`, `core.plausibility`), kept on
  the observation and in the audit entry. A value already confirmed stays confirmed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.accounts.models import User
from trienkhai.accounts.permissions import Cap, has_cap, require_cap
from trienkhai.core.audit import audit_action
from trienkhai.core.errors import DomainError
from trienkhai.core.files import inspect_upload, stored_file_create
from trienkhai.core.numbers import format_number
from trienkhai.core.periods import Period, PeriodError, PeriodKind, parse_period
from trienkhai.core.plausibility import Doubt, confirm
from trienkhai.monitoring import selectors
from trienkhai.monitoring.bands import doubts, impossible
from trienkhai.monitoring.models import MIN_YEAR, Observation, ObservationImport, TargetBand
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.lifecycle import require_in_force
from trienkhai.plans.models import Target

# Weeks and multi-year spans are not periods a target is measured on.
PERIOD_KINDS = (
    PeriodKind.YEAR,
    PeriodKind.HALF,
    PeriodKind.NINE_MONTHS,
    PeriodKind.QUARTER,
    PeriodKind.MONTH,
)
# The column holds 24 digits, 6 of them after the comma.
MAX_DECIMALS = 6
MAX_INTEGER_DIGITS = 18


@dataclass(frozen=True)
class ValueInput:
    """One value to store, as the grid or an Excel row gives it."""

    target: Target
    period: str
    value: Decimal
    status: str = Observation.Status.OFFICIAL
    source: str = ""
    # An Excel row's own note confirming a doubtful value, and the cell the value came from.
    note: str = ""
    row: int | None = None
    column: str = ""


@dataclass(frozen=True)
class Finding:
    """What is wrong with one value: why it is impossible, or what makes it doubtful."""

    item: ValueInput
    impossible: str
    doubts: tuple[str, ...]


def grid_field(target: Target) -> str:
    """The grid's form field of a target's value, which a finding is shown under."""
    return f"v{target.pk}"


@dataclass(frozen=True)
class SaveResult:
    created: int
    updated: int
    unchanged: int

    @property
    def changed(self) -> int:
        return self.created + self.updated


def check_period(code: str, *, today: date | None = None) -> Period:
    """A period a value may be entered for, or DomainError saying why not."""
    try:
        period = parse_period(str(code))
    except PeriodError as exc:
        raise DomainError(exc.message) from exc
    if period.kind not in PERIOD_KINDS:
        raise DomainError(
            _("Kỳ “%(code)s”: chỉ nhập số liệu theo năm, 6 tháng, 9 tháng, quý hoặc tháng.")
            % {"code": period.code}
        )
    today = today or timezone.localdate()
    if period.year < MIN_YEAR:
        raise DomainError(
            _("Kỳ “%(code)s” quá xa: chỉ nhập từ năm %(min)s.")
            % {
                "code": period.code,
                "min": MIN_YEAR,
            }
        )
    if period.start > today:
        raise DomainError(
            _("Kỳ “%(code)s” chưa bắt đầu: chưa thể có số liệu.") % {"code": period.code}
        )
    return period


def check_value(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise DomainError(_("Giá trị phải là một số."))
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if -exponent > MAX_DECIMALS and value != value.quantize(Decimal(1).scaleb(-MAX_DECIMALS)):
        raise DomainError(
            _("Giá trị %(value)s có quá %(n)s chữ số sau dấu phẩy.")
            % {"value": format_number(value), "n": MAX_DECIMALS}
        )
    if value.adjusted() >= MAX_INTEGER_DIGITS:
        raise DomainError(_("Giá trị %(value)s quá lớn.") % {"value": format_number(value)})
    return value


def check_target(target: Target) -> None:
    if target.plan_id is not None and target.plan is not None:
        require_in_force(target.plan)  # the figures of a superseded plan stay as they were
    if target.kind == Target.Kind.QUALITATIVE:
        raise DomainError(
            _("Chỉ tiêu (%(ref)s) là chỉ tiêu định tính, không có số liệu.") % {"ref": target.ref}
        )


def judge(items: Sequence[ValueInput], periods: Mapping[str, Period]) -> list[Finding]:
    """The values that are impossible or doubtful, each with its messages (bounded queries:
    the bands and the previous values of all the items at once)."""
    targets = list({i.target.pk: i.target for i in items}.values())
    bands = selectors.bands_for(targets=targets)
    previous = selectors.previous_values(wanted=[(i.target, periods[i.period]) for i in items])
    found = []
    for item in items:
        target, band = item.target, bands[item.target.pk]
        hard = impossible(item.value, band, kind=target.kind, ref=target.ref)
        soft = doubts(
            item.value,
            band,
            kind=target.kind,
            ref=target.ref,
            unit=target.measure_unit,
            previous=previous.get((target.pk, periods[item.period].code)),
        )
        if hard or soft:
            found.append(Finding(item, hard, tuple(soft)))
    return found


def _confirmed(obs: Observation | None, item: ValueInput) -> str:
    """The note already kept for this very value (a confirmed value stays confirmed)."""
    if obs is not None and obs.value == item.value and obs.confirm_note:
        return obs.confirm_note
    return item.note.strip()


def _fields(item: ValueInput, period: Period) -> dict[str, Any]:
    return {
        "period_kind": str(period.kind),
        "year": period.year,
        "period_start": period.start,
        "period_end": period.end,
        "value": item.value,
        "measure": item.target.measure,
        "source": item.source.strip(),
    }


@transaction.atomic
def observation_record(
    *,
    actor: User,
    target: Target,
    period: str,
    value: Decimal,
    status: str = Observation.Status.OFFICIAL,
    source: str = "",
    confirm_note: str = "",
) -> Observation:
    """Store one value of a target (replacing the same period and status).

    An impossible value is refused under the form's `value`; a doubtful one needs
    `confirm_note` (else `NeedsConfirmation`), which is kept with it."""
    require_cap(actor, Cap.DATA_ENTER, target.org_unit)
    check_target(target)
    checked = check_period(period)
    if status not in Observation.Status.values:
        raise DomainError(_("Tình trạng số liệu không hợp lệ."))
    item = ValueInput(target, checked.code, check_value(value), status, source)
    stored = Observation.objects.filter(
        target=target, org_unit=target.org_unit, period=checked.code, status=status
    ).first()
    note = ""
    for finding in judge([item], {item.period: checked}):
        if finding.impossible:
            raise DomainError(finding.impossible, field="value")
        note = _confirmed(stored, item) or confirm(
            [Doubt(m, "value") for m in finding.doubts], confirm_note
        )
    obs, _created = Observation.objects.update_or_create(
        target=target,
        org_unit=target.org_unit,
        period=checked.code,
        status=status,
        defaults={
            **_fields(item, checked),
            "confirm_note": note,
            "entered_by": actor,
            "entered_at": timezone.now(),
        },
    )
    return obs


@transaction.atomic
def observation_delete(*, actor: User, observation: Observation) -> None:
    require_cap(actor, Cap.DATA_ENTER, observation.target.org_unit)
    observation.delete()


def _same(obs: Observation, item: ValueInput) -> bool:
    return obs.value == item.value and obs.source == item.source.strip()


@transaction.atomic
def observations_save_many(
    *,
    actor: User,
    unit: OrgUnit,
    items: Sequence[ValueInput],
    action: str = "monitoring.observation.grid_saved",
    summary: str = "",
    data: dict[str, Any] | None = None,
    confirm_note: str = "",
) -> SaveResult:
    """Store many values of one unit at once, all or nothing, with one audit entry.

    Rows equal to what is stored are left alone (their author and time stay). `summary`
    may use %(n)s (values changed) and %(unit)s. The values that change are judged: an
    impossible one is refused under its grid field; doubtful ones need their row's own
    note or `confirm_note` (else `NeedsConfirmation`, each doubt under its grid field).
    """
    periods: dict[str, Period] = {}
    for item in items:
        if item.target.org_unit_id != unit.pk:
            raise DomainError(
                _("Chỉ tiêu (%(ref)s) không do %(unit)s nhập số liệu.")
                % {"ref": item.target.ref, "unit": unit.name}
            )
        require_cap(actor, Cap.DATA_ENTER, item.target.org_unit)
        check_target(item.target)
        check_value(item.value)
        if item.status not in Observation.Status.values:
            raise DomainError(_("Tình trạng số liệu không hợp lệ."))
        periods.setdefault(item.period, check_period(item.period))
    existing = {
        (o.target_id, o.period, o.status): o
        for o in Observation.objects.select_for_update().filter(
            org_unit=unit,
            target__in={i.target.pk for i in items},
            period__in=[p.code for p in periods.values()],
        )
    }

    def stored(item: ValueInput) -> Observation | None:
        return existing.get((item.target.pk, periods[item.period].code, item.status))

    changing = [i for i in items if (obs := stored(i)) is None or not _same(obs, i)]
    notes = _notes(changing, periods, stored, confirm_note)
    now = timezone.now()
    to_create: list[Observation] = []
    to_update: list[Observation] = []
    changes: list[dict[str, str]] = []
    unchanged = len(items) - len(changing)
    for item in changing:
        period = periods[item.period]
        key = (item.target.pk, period.code, item.status)
        obs = existing.get(key)
        note = notes.get(id(item), "")
        changes.append(
            {
                "ref": item.target.ref,
                "period": period.code,
                "status": item.status,
                "old": "" if obs is None else format_number(obs.value),
                "new": format_number(item.value),
                **({"note": note} if note else {}),
            }
        )
        fields = {
            **_fields(item, period),
            "confirm_note": note,
            "entered_by": actor,
            "entered_at": now,
        }
        if obs is None:
            obs = Observation(
                target=item.target,
                org_unit=unit,
                period=period.code,
                status=item.status,
                **fields,
            )
            to_create.append(obs)
            existing[key] = obs
        else:
            for name, value in fields.items():
                setattr(obs, name, value)
            to_update.append(obs)
    Observation.objects.bulk_create(to_create)
    Observation.objects.bulk_update(
        to_update,
        [
            "period_kind",
            "year",
            "period_start",
            "period_end",
            "value",
            "measure",
            "source",
            "confirm_note",
            "entered_by",
            "entered_at",
        ],
    )
    result = SaveResult(created=len(to_create), updated=len(to_update), unchanged=unchanged)
    if result.changed:
        # bulk writes skip auditlog's signals: one entry says what changed.
        audit_action(
            actor=actor,
            action=action,
            obj=unit,
            unit=unit,
            summary=(summary or _("Cập nhật %(n)s số liệu chỉ tiêu của %(unit)s"))
            % {"n": result.changed, "unit": unit.name},
            data={**(data or {}), "changes": changes},
        )
    return result


def _notes(
    items: Sequence[ValueInput],
    periods: Mapping[str, Period],
    stored: Any,
    confirm_note: str,
) -> dict[int, str]:
    """The confirming note of each doubtful item (by id), or DomainError / NeedsConfirmation."""
    findings = judge(items, periods)
    refused = [f for f in findings if f.impossible]
    if refused:
        raise DomainError(
            " ".join(f.impossible for f in refused),
            field=grid_field(refused[0].item.target) if len(refused) == 1 else None,
        )
    notes: dict[int, str] = {}
    unconfirmed: list[Doubt] = []
    for finding in findings:
        own = _confirmed(stored(finding.item), finding.item)
        if own:
            notes[id(finding.item)] = own
        else:
            field = grid_field(finding.item.target)
            unconfirmed += [Doubt(m, field) for m in finding.doubts]
    note = confirm(unconfirmed, confirm_note)
    for finding in findings:
        notes.setdefault(id(finding.item), note)
    return notes


@transaction.atomic
def observations_import_xlsx(
    *, actor: User, unit: OrgUnit, year: int, data: bytes, name: str
) -> tuple[ObservationImport, SaveResult]:
    """Read a filled template and store its values; one wrong row and nothing is saved.

    Raises `xlsx.WorkbookErrors` (a DomainError listing every wrong cell by sheet, row and
    column) when the file does not pass; the file itself is kept only when it is accepted.
    """
    from trienkhai.monitoring import xlsx

    if not has_cap(actor, Cap.DATA_ENTER, unit):
        raise PermissionDenied
    info = inspect_upload(data, name=name, allowed=("xlsx",))
    targets = {t.pk: t for t in Target.objects.filter(org_unit=unit).select_related("org_unit")}
    try:
        items = xlsx.read_template(data, unit=unit, year=year, targets=targets)
        # Doubtful rows carry their own note in the file (column "Ghi chú xác nhận").
        periods = {item.period: check_period(item.period) for item in items}
        problems = xlsx.finding_errors(judge(items, periods))
        if problems:
            raise xlsx.WorkbookErrors(problems)
    except xlsx.WorkbookErrors as exc:
        raise xlsx.WorkbookErrors(exc.errors, name=info.safe_name) from exc
    if not items:
        raise DomainError(
            _("Tệp “%(name)s” chưa có giá trị nào để nhập.") % {"name": info.safe_name}
        )
    result = observations_save_many(
        actor=actor,
        unit=unit,
        items=items,
        action="monitoring.observation.imported",
        summary=_("Nhập số liệu năm %(year)s từ tệp “%(name)s”: %(rows)s dòng")
        # The name is formatted twice (here, then with the count): keep its "%" literal.
        % {"year": year, "name": info.safe_name.replace("%", "%%"), "rows": len(items)}
        + ", %(n)s thay đổi (%(unit)s)",
        data={"file": info.safe_name, "sha256": info.sha256, "rows": len(items)},
    )
    stored = stored_file_create(data=data, name=name, user=actor, allowed=("xlsx",))
    record = ObservationImport.objects.create(
        org_unit=unit,
        year=year,
        file=stored,
        rows=len(items),
        changed=result.changed,
        created_by=actor,
        created_at=timezone.now(),
    )
    stored.owner = record
    stored.save(update_fields=["owner_type", "owner_id"])
    return record, result


# --- a target's own plausible band ---------------------------------------------------------


@transaction.atomic
def target_band_save(
    *,
    actor: User,
    target: Target,
    low: Decimal | None,
    high: Decimal | None,
    max_jump: Decimal | None,
    reason: str = "",
) -> TargetBand:
    """Set the band a target's values are judged by, in place of its kind's default.

    Only the office of the unit that owns the target sets it (`plans.edit`): the band is part
    of how the target is read, like its figure."""
    require_cap(actor, Cap.PLANS_EDIT, target.org_unit)
    check_target(target)
    for value in (low, high, max_jump):
        if value is not None:
            check_value(value)
    if low is not None and high is not None and low > high:
        raise DomainError(
            _("Giá trị thấp nhất (%(low)s) phải nhỏ hơn giá trị cao nhất (%(high)s).")
            % {"low": format_number(low), "high": format_number(high)},
            field="low",
        )
    if max_jump is not None and max_jump <= 0:
        raise DomainError(_("Mức chênh tối đa phải lớn hơn 0."), field="max_jump")
    band = TargetBand.objects.filter(target=target).first() or TargetBand(
        target=target, org_unit=target.org_unit
    )
    band.low, band.high, band.max_jump = low, high, max_jump
    band.reason = reason.strip()
    band.updated_by, band.updated_at = actor, timezone.now()
    band.save()
    return band


@transaction.atomic
def target_band_reset(*, actor: User, target: Target) -> None:
    """Judge the target by its kind's default band again."""
    require_cap(actor, Cap.PLANS_EDIT, target.org_unit)
    TargetBand.objects.filter(target=target).delete()
