"""The parser's output: plain dataclasses whose ``to_dict`` is the contract JSON of PRODUCT.md.

Numbers stay ``Decimal`` inside so a figure is never rounded on its way through; they become
JSON numbers only in ``to_dict`` (an int when integral, so 11247 prints as 11247, not 11247.0).
``from_dict`` reads that JSON back (a draft kept in the database) into the same dataclasses:
both go by the fields and their types, so the contract's keys are spelled once, here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import Field, dataclass, field, fields
from datetime import date
from decimal import Decimal
from types import UnionType
from typing import Any, ClassVar, Self, get_args, get_origin, get_type_hints

KINDS = (
    "growth_avg",
    "level",
    "share",
    "count",
    "cumulative",
    "rank",
    "reduction",
    "change",
    "index",
    "ratio",
    "rate",
    "qualitative",
)
COMPARATORS = (">", ">=", "=", "~", "<", "<=", "range", "rank<=")
BOUNDS = ("[]", "()", "[)", "(]")
RECURRENCES = ("yearly", "half_yearly", "quarterly", "monthly")
GROUPS = ("key_cadres", "party_members", "union_members", "civil_servants", "public")
PERIODS = ("day", "week", "month", "quarter", "year")
CHANNELS = ("radio", "website", "social", "zalo", "press")


def json_number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: int when integral, else the shortest float that prints it."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# A field with this metadata is the parser's own working data, not part of the contract.
NOT_IN_CONTRACT = {"contract": False}


class Record:
    """A dataclass of the contract: ``to_dict`` writes its JSON, ``from_dict`` reads it back."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _to_json(getattr(self, f.name)) for f in _contract_fields(type(self))}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """The record a ``to_dict`` gave (a missing key takes the field's default)."""
        hints = get_type_hints(cls)
        return cls(
            **{
                f.name: _from_json(hints[f.name], data[f.name])
                for f in _contract_fields(cls)
                if f.name in data
            }
        )


def _contract_fields(cls: type[Record]) -> list[Field[Any]]:
    return [f for f in fields(cls) if f.metadata.get("contract", True)]


def _to_json(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_to_json(item) for item in value]
    return value


def _from_json(hint: Any, value: Any) -> Any:
    """A JSON value as the field's type says (``X | None`` reads as X, or None)."""
    if get_origin(hint) is list:
        (item_type,) = get_args(hint)
        return [_from_json(item_type, item) for item in value or ()]
    if isinstance(hint, UnionType):
        (hint,) = (arg for arg in get_args(hint) if arg is not type(None))
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_dict(value or {})
    if hint in (Decimal, date) and value in (None, ""):
        return None
    if hint is Decimal:
        return Decimal(str(value))
    if hint is date and not isinstance(value, date):
        return date.fromisoformat(value)
    return value


@dataclass
class Source(Record):
    line: int | None = None  # None only for a row added or kept without its sentence
    text: str = ""


@dataclass
class TargetRow(Record):
    ref: str
    text: str
    label: str
    kind: str
    comparator: str | None
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    stretch: Decimal | None
    unit: str | None
    year: int | None
    base_year: int | None
    direction: str
    scope: str
    confidence: str
    source: Source
    # Whether a range's ends count: "[]" both (the default), "()" neither ("trên X và dưới
    # Y"), "[)" or "(]" one. Meaningful for a "range" row only.
    bounds: str = "[]"
    # The words before the figure, used to spot restatements.
    subject: str = field(default="", repr=False, metadata=NOT_IN_CONTRACT)


@dataclass
class CoverageTarget(Record):
    audience: str
    group: str
    comparator: str
    value: Decimal


@dataclass
class Solution(Record):
    ref: str
    title: str


@dataclass
class Audience(Record):
    text: str
    group: str


@dataclass
class Task(Record):
    assignee: str
    assignee_kind: str
    section: str
    text: str
    due: date | None


@dataclass
class Deadline(Record):
    text: str
    due: date | None  # the parser always finds one; a stored draft may have lost it
    # A deadline that comes back: "yearly", "half_yearly", "quarterly", "monthly"; `due` is
    # then its first occurrence after the plan's date.
    recurrence: str | None = None


@dataclass
class MediaRule(Record):
    min_items: int
    per: str
    channels: list[str]


@dataclass
class Unparsed(Record):
    line: int
    text: str


@dataclass
class DocumentHeader:
    """The header block of a Party document (thể thức): who issued it, its number and date."""

    superior: str | None = None
    issuer: str | None = None
    doc_type: str | None = None
    symbol: str | None = None
    number: int | None = None
    place: str | None = None
    date: date | None = None
    date_partial: str | None = None
    title: str | None = None


@dataclass
class ParsedPlan(DocumentHeader, Record):
    targets: list[TargetRow] = field(default_factory=list)
    coverage_targets: list[CoverageTarget] = field(default_factory=list)
    solutions: list[Solution] = field(default_factory=list)
    audiences: list[Audience] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    media_rules: list[MediaRule] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
