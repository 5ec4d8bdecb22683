"""The parser's output: plain dataclasses whose ``to_dict`` is the contract JSON of PRODUCT.md.

Numbers stay ``Decimal`` inside so a figure is never rounded on its way through; they become
JSON numbers only in ``to_dict`` (an int when integral, so 11247 prints as 11247, not 11247.0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

KINDS = (
    "growth_avg",
    "level",
    "share",
    "count",
    "cumulative",
    "rank",
    "reduction",
    "index",
    "ratio",
    "rate",
    "qualitative",
)
COMPARATORS = (">", ">=", "=", "~", "<", "<=", "range", "rank<=")
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


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass
class Source:
    line: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text}


@dataclass
class TargetRow:
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
    # Not part of the contract: the words before the figure, used to spot restatements.
    subject: str = field(default="", repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "text": self.text,
            "label": self.label,
            "kind": self.kind,
            "comparator": self.comparator,
            "value": json_number(self.value),
            "low": json_number(self.low),
            "high": json_number(self.high),
            "stretch": json_number(self.stretch),
            "unit": self.unit,
            "year": self.year,
            "base_year": self.base_year,
            "direction": self.direction,
            "scope": self.scope,
            "confidence": self.confidence,
            "source": self.source.to_dict(),
        }


@dataclass
class CoverageTarget:
    audience: str
    group: str
    comparator: str
    value: Decimal

    def to_dict(self) -> dict[str, Any]:
        return {
            "audience": self.audience,
            "group": self.group,
            "comparator": self.comparator,
            "value": json_number(self.value),
        }


@dataclass
class Solution:
    ref: str
    title: str

    def to_dict(self) -> dict[str, Any]:
        return {"ref": self.ref, "title": self.title}


@dataclass
class Audience:
    text: str
    group: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "group": self.group}


@dataclass
class Task:
    assignee: str
    assignee_kind: str
    section: str
    text: str
    due: date | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "assignee": self.assignee,
            "assignee_kind": self.assignee_kind,
            "section": self.section,
            "text": self.text,
            "due": _iso(self.due),
        }


@dataclass
class Deadline:
    text: str
    due: date

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "due": _iso(self.due)}


@dataclass
class MediaRule:
    min_items: int
    per: str
    channels: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"min_items": self.min_items, "per": self.per, "channels": list(self.channels)}


@dataclass
class Unparsed:
    line: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text}


@dataclass
class ParsedPlan:
    superior: str | None = None
    issuer: str | None = None
    doc_type: str | None = None
    symbol: str | None = None
    number: int | None = None
    place: str | None = None
    date: date | None = None
    date_partial: str | None = None
    title: str | None = None
    targets: list[TargetRow] = field(default_factory=list)
    coverage_targets: list[CoverageTarget] = field(default_factory=list)
    solutions: list[Solution] = field(default_factory=list)
    audiences: list[Audience] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    media_rules: list[MediaRule] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "superior": self.superior,
            "issuer": self.issuer,
            "doc_type": self.doc_type,
            "symbol": self.symbol,
            "number": self.number,
            "place": self.place,
            "date": _iso(self.date),
            "date_partial": self.date_partial,
            "title": self.title,
            "targets": [t.to_dict() for t in self.targets],
            "coverage_targets": [c.to_dict() for c in self.coverage_targets],
            "solutions": [s.to_dict() for s in self.solutions],
            "audiences": [a.to_dict() for a in self.audiences],
            "tasks": [t.to_dict() for t in self.tasks],
            "deadlines": [d.to_dict() for d in self.deadlines],
            "media_rules": [m.to_dict() for m in self.media_rules],
            "unparsed": [u.to_dict() for u in self.unparsed],
            "warnings": list(self.warnings),
        }
