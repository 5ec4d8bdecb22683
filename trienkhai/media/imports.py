"""XLSX import of news items (sheet "Tin bài") and weekly tallies (sheet "Số lượng").

Every row is checked first; one wrong cell anywhere saves nothing, and each error names the
sheet, the Excel row and the column, so the file can be fixed and sent again.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from trienkhai.accounts.models import User
from trienkhai.core.audit import audit_action
from trienkhai.core.dates import parse_date
from trienkhai.core.errors import DomainError
from trienkhai.core.files import inspect_upload
from trienkhai.core.imports import ImportErrors, RowError, cell_text, find_sheet, read_rows
from trienkhai.core.numbers import parse_number
from trienkhai.core.periods import PeriodKind, parse_period
from trienkhai.core.text import link_key, search_key
from trienkhai.media.compliance import topic_item
from trienkhai.media.duplicates import ItemIndex, duplicate_text
from trienkhai.media.models import Channel, MediaItem, MediaTally
from trienkhai.media.selectors import entry_units
from trienkhai.media.weeks import WeekKey, monday, week_of
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan, Solution, Target
from trienkhai.plans.selectors import plan_targets

# Sheet titles and column heads are what users' files carry: matched as written, so they are
# not marked for translation (a translated head would no longer find its column).
SHEET_ITEMS = "Tin bài"
SHEET_TALLIES = "Số lượng"
ITEM_COLUMNS = (
    "Ngày",
    "Mã đơn vị",
    "Kênh",
    "Thể loại",
    "Tiêu đề",
    "Đường dẫn",
    "Chỉ tiêu",
    "Nhóm giải pháp",
)
TALLY_COLUMNS = ("Tuần", "Mã đơn vị", "Kênh", "Số tin, bài")
OPTIONAL = {"Thể loại", "Đường dẫn", "Chỉ tiêu", "Nhóm giải pháp"}
MAX_ROWS = 5000


def unsaved_item(
    unit: OrgUnit,
    channel: Channel,
    day: date,
    kind: str,
    title: str,
    *,
    link: str = "",
    by: User | None,
) -> MediaItem:
    """A news item to bulk-create: `bulk_create` skips `save()`, so its week and search key
    are filled in here."""
    item = MediaItem(
        org_unit=unit,
        channel=channel,
        date=day,
        kind=kind,
        title=title,
        link=link,
        search_text=search_key(title)[:500],
        created_by=by,
    )
    item.set_week(*week_of(day))
    return item


@dataclass
class ImportResult:
    items: int = 0
    tallies_created: int = 0
    tallies_updated: int = 0


@dataclass
class _Parsed:
    items: list[tuple[MediaItem, list[Target], list[Solution]]] = field(default_factory=list)
    tallies: dict[tuple[int, int, WeekKey], tuple[OrgUnit, Channel, int, int]] = field(
        default_factory=dict
    )


def _rows(
    ws: Worksheet, sheet: str, columns: tuple[str, ...], errors: list[RowError]
) -> list[tuple[int, dict[str, Any]]]:
    return read_rows(ws, sheet, columns, optional=OPTIONAL, errors=errors, max_rows=MAX_ROWS)


class _Checker:
    def __init__(self, actor: User, plan: Plan | None) -> None:
        self.actor = actor
        self.errors: list[RowError] = []
        self.today = timezone.localdate()
        self.units = {u.code.lower(): u for u in entry_units(actor)}
        channels = Channel.objects.filter(active=True).select_related("org_unit")
        paths = {p for u in self.units.values() for p in _prefixes(u.path)}
        self.channels = list(channels.filter(org_unit__path__in=paths))
        self.plan = plan
        self.targets: list[Target] = list(plan_targets(plan=plan)) if plan else []
        self.solutions: list[Solution] = list(Solution.objects.filter(plan=plan)) if plan else []
        self.kinds = {
            **{search_key(str(v)): str(v) for v in MediaItem.Kind.values},
            **{search_key(str(label)): str(v) for v, label in MediaItem.Kind.choices},
        }

    def fail(self, sheet: str, row: int, column: str, message: str, **values: object) -> None:
        """Note a refused cell; `values` fill the message's `%(name)s` placeholders."""
        self.errors.append(RowError(sheet, row, column, message % values if values else message))

    def unit(self, sheet: str, row: int, raw: Any) -> OrgUnit | None:
        code = cell_text(raw)
        if not code:
            self.fail(sheet, row, "Mã đơn vị", _("không được để trống."))
            return None
        unit = self.units.get(code.lower())
        if unit is None:
            # The same words for a missing unit and one outside the actor's rights.
            self.fail(
                sheet,
                row,
                "Mã đơn vị",
                _("không có đơn vị mã “%(code)s” mà đồng chí được nhập số liệu."),
                code=code,
            )
        return unit

    def channel(self, sheet: str, row: int, raw: Any, unit: OrgUnit | None) -> Channel | None:
        name = cell_text(raw)
        if not name:
            self.fail(sheet, row, "Kênh", _("không được để trống."))
            return None
        if unit is None:
            return None
        key = search_key(name)
        for channel in self.channels:
            if search_key(channel.name) == key and unit.path.startswith(channel.org_unit.path):
                return channel
        self.fail(
            sheet,
            row,
            "Kênh",
            _("đơn vị “%(unit)s” không có kênh “%(name)s”."),
            unit=unit.code,
            name=name,
        )
        return None

    def day(self, sheet: str, row: int, column: str, raw: Any) -> date | None:
        if isinstance(raw, datetime):
            value: date = raw.date()
        elif isinstance(raw, date):
            value = raw
        else:
            text = cell_text(raw)
            if not text:
                self.fail(sheet, row, column, _("không được để trống."))
                return None
            try:
                value = parse_date(text)
            except DomainError as exc:
                self.fail(sheet, row, column, str(exc))
                return None
        if value > self.today:
            self.fail(sheet, row, column, _("ngày %(d)s sau hôm nay."), d=f"{value:%d/%m/%Y}")
            return None
        return value

    def week(self, sheet: str, row: int, raw: Any) -> WeekKey | None:
        text = cell_text(raw)
        if text and "w" in text.lower():
            try:
                period = parse_period(text)
            except DomainError as exc:
                self.fail(sheet, row, "Tuần", str(exc))
                return None
            if period.kind is not PeriodKind.WEEK:
                self.fail(sheet, row, "Tuần", _("cần tuần dạng 2026-W23 hoặc một ngày trong tuần."))
                return None
            assert period.index is not None
            key = (period.year, period.index)
            if monday(key) > self.today:
                self.fail(sheet, row, "Tuần", _("tuần %(w)s chưa bắt đầu."), w=text)
                return None
            return key
        day = self.day(sheet, row, "Tuần", raw)
        return week_of(day) if day else None

    def topics(
        self, row: int, targets_raw: Any, solutions_raw: Any
    ) -> tuple[list[Target], list[Solution]]:
        refs = [r.strip() for r in cell_text(targets_raw).replace(";", ",").split(",") if r.strip()]
        groups = [
            r.strip() for r in cell_text(solutions_raw).replace(";", ",").split(",") if r.strip()
        ]
        if (refs or groups) and self.plan is None:
            self.fail(SHEET_ITEMS, row, "Chỉ tiêu", _("chọn kế hoạch trước khi ghi chỉ tiêu."))
            return [], []
        targets: list[Target] = []
        for ref in refs:
            # "21" names the whole numbered item (21.1 … 21.4); "21.2" one of its rows.
            found = [t for t in self.targets if t.ref == ref] or [
                t for t in self.targets if topic_item(t.ref) == ref
            ]
            if not found:
                self.fail(SHEET_ITEMS, row, "Chỉ tiêu", _("không có chỉ tiêu “%(r)s”."), r=ref)
            targets.extend(found)
        solutions: list[Solution] = []
        for ref in groups:
            found_s = [s for s in self.solutions if s.ref == ref or s.ref.endswith("." + ref)]
            if not found_s:
                self.fail(
                    SHEET_ITEMS,
                    row,
                    "Nhóm giải pháp",
                    _("không có nhóm giải pháp “%(r)s”."),
                    r=ref,
                )
            solutions.extend(found_s[:1])
        return targets, solutions


def _prefixes(path: str) -> list[str]:
    from trienkhai.orgs.models import STEPLEN

    return [path[:end] for end in range(STEPLEN, len(path) + 1, STEPLEN)]


def _check_items(checker: _Checker, rows: list[tuple[int, dict[str, Any]]], out: _Parsed) -> None:
    kept: list[tuple[int, MediaItem]] = []
    for number, cells in rows:
        before = len(checker.errors)
        day = checker.day(SHEET_ITEMS, number, "Ngày", cells["Ngày"])
        unit = checker.unit(SHEET_ITEMS, number, cells["Mã đơn vị"])
        channel = checker.channel(SHEET_ITEMS, number, cells["Kênh"], unit)
        kind_text = cell_text(cells["Thể loại"])
        kind = checker.kinds.get(search_key(kind_text)) if kind_text else MediaItem.Kind.TIN
        if kind is None:
            checker.fail(
                SHEET_ITEMS,
                number,
                "Thể loại",
                _("“%(k)s” không phải tin, bài, phóng sự hay chuyên mục."),
                k=kind_text,
            )
        title = cell_text(cells["Tiêu đề"])
        if not title:
            checker.fail(SHEET_ITEMS, number, "Tiêu đề", _("không được để trống."))
        elif len(title) > 500:
            checker.fail(SHEET_ITEMS, number, "Tiêu đề", _("dài quá 500 ký tự."))
        link = cell_text(cells["Đường dẫn"])
        if link and not link.lower().startswith(("http://", "https://")):
            checker.fail(
                SHEET_ITEMS, number, "Đường dẫn", _("phải bắt đầu bằng http:// hoặc https://.")
            )
        targets, solutions = checker.topics(number, cells["Chỉ tiêu"], cells["Nhóm giải pháp"])
        if len(checker.errors) > before:
            continue
        assert day is not None and unit is not None and channel is not None and kind
        item = unsaved_item(unit, channel, day, kind, title, link=link, by=checker.actor)
        out.items.append((item, targets, solutions))
        kept.append((number, item))
    _check_duplicates(checker, kept)


def _check_duplicates(checker: _Checker, rows: list[tuple[int, MediaItem]]) -> None:
    """An item already in the system, or twice in the file, is refused on its row."""
    if not rows:
        return
    index = ItemIndex(units={i.org_unit_id for _, i in rows}, days={i.date for _, i in rows})
    seen: dict[tuple[object, ...], int] = {}
    for number, item in rows:
        found = index.find(
            unit=item.org_unit,
            channel=item.channel,
            day=item.date,
            title=item.title,
            link=item.link,
        )
        if found is not None:
            existing, field = found
            column = "Đường dẫn" if field == "link" else "Tiêu đề"
            checker.fail(SHEET_ITEMS, number, column, duplicate_text(existing))
            continue
        keys: list[tuple[object, ...]] = [("title", item.org_unit_id, item.date, item.search_text)]
        if item.link:
            keys.append(("link", item.org_unit_id, item.channel_id, link_key(item.link)))
        repeated = next((key for key in keys if key in seen), None)
        if repeated is not None:
            checker.fail(
                SHEET_ITEMS,
                number,
                "Đường dẫn" if repeated[0] == "link" else "Tiêu đề",
                _("trùng với tin, bài ở dòng %(earlier)s của tệp."),
                earlier=seen[repeated],
            )
            continue
        for key in keys:
            seen[key] = number


def _check_tallies(checker: _Checker, rows: list[tuple[int, dict[str, Any]]], out: _Parsed) -> None:
    for number, cells in rows:
        before = len(checker.errors)
        week = checker.week(SHEET_TALLIES, number, cells["Tuần"])
        unit = checker.unit(SHEET_TALLIES, number, cells["Mã đơn vị"])
        channel = checker.channel(SHEET_TALLIES, number, cells["Kênh"], unit)
        raw = cells["Số tin, bài"]
        count = None
        try:
            value = parse_number(cell_text(raw)) if not isinstance(raw, int) else raw
            if value < 0 or value != int(value):
                raise DomainError(_("cần một số nguyên không âm."))
            count = int(value)
        except DomainError as exc:
            checker.fail(SHEET_TALLIES, number, "Số tin, bài", str(exc))
        if len(checker.errors) > before:
            continue
        assert week is not None and unit is not None and channel is not None and count is not None
        key = (unit.pk, channel.pk, week)
        if key in out.tallies:
            checker.fail(
                SHEET_TALLIES,
                number,
                "Tuần",
                _("trùng đơn vị, kênh và tuần với dòng %(r)d."),
                r=out.tallies[key][3],
            )
            continue
        out.tallies[key] = (unit, channel, count, number)


@transaction.atomic
def media_import(*, actor: User, data: bytes, name: str, plan: Plan | None = None) -> ImportResult:
    """Import a workbook: all rows or none."""
    if not entry_units(actor).exists():
        raise PermissionDenied
    inspect_upload(data, name=name, allowed=("xlsx",))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise DomainError(_("Không đọc được tệp Excel “%(n)s”.") % {"n": name}) from exc
    checker = _Checker(actor, plan)
    parsed = _Parsed()
    items_ws = find_sheet(workbook, SHEET_ITEMS)
    tallies_ws = find_sheet(workbook, SHEET_TALLIES)
    if items_ws is None and tallies_ws is None:
        raise DomainError(
            _("Tệp cần trang “%(a)s” hoặc trang “%(b)s”.") % {"a": SHEET_ITEMS, "b": SHEET_TALLIES}
        )
    if items_ws is not None:
        _check_items(checker, _rows(items_ws, SHEET_ITEMS, ITEM_COLUMNS, checker.errors), parsed)
    if tallies_ws is not None:
        rows = _rows(tallies_ws, SHEET_TALLIES, TALLY_COLUMNS, checker.errors)
        _check_tallies(checker, rows, parsed)
    if checker.errors:
        raise ImportErrors(checker.errors)
    if not parsed.items and not parsed.tallies:
        raise DomainError(_("Tệp không có dòng số liệu nào."))
    return _save(actor, parsed, name)


def _save(actor: User, parsed: _Parsed, name: str) -> ImportResult:
    result = ImportResult()
    created = MediaItem.objects.bulk_create([item for item, _t, _s in parsed.items])
    target_links, solution_links = [], []
    for item, (_i, targets, solutions) in zip(created, parsed.items, strict=True):
        target_links += [MediaItem.targets.through(mediaitem=item, target=t) for t in targets]
        solution_links += [
            MediaItem.solutions.through(mediaitem=item, solution=s) for s in solutions
        ]
    MediaItem.targets.through.objects.bulk_create(target_links, ignore_conflicts=True)
    MediaItem.solutions.through.objects.bulk_create(solution_links, ignore_conflicts=True)
    result.items = len(created)
    for (_u, _c, week), (unit, channel, count, _row) in parsed.tallies.items():
        existing = MediaTally.objects.filter(
            org_unit=unit, channel=channel, iso_year=week[0], iso_week=week[1]
        ).first()
        if existing is None:
            new = MediaTally(org_unit=unit, channel=channel, count=count, updated_by=actor)
            new.set_week(*week)
            new.save()
            result.tallies_created += 1
        elif existing.count != count:
            existing.count, existing.updated_by = count, actor
            existing.save(update_fields=["count", "updated_by", "updated_at"])
            result.tallies_updated += 1
    units = {item.org_unit for item, _t, _s in parsed.items} | {
        v[0] for v in parsed.tallies.values()
    }
    anchor = min(units, key=lambda u: len(u.path))
    audit_action(
        actor=actor,
        action="media.import",
        obj=anchor,
        unit=anchor,
        summary=_("Nhập từ tệp “%(name)s”: %(i)d tin, bài; %(t)d ô số lượng theo tuần")
        % {"name": name, "i": result.items, "t": result.tallies_created + result.tallies_updated},
        data={"file": name, "items": result.items, "tallies": len(parsed.tallies)},
    )
    return result
