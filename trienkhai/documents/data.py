"""What an official document says, as plain data: the renderer's only input.

Nothing here knows Django: a document can be built in a test, a benchmark or a service, and
stored as JSON on a draft so the same content is rendered again, with its number, at issue.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal, TypeAlias

from trienkhai.core.dates import format_date_long

__all__ = [
    "Block",
    "BulletList",
    "DocumentData",
    "Heading",
    "Paragraph",
    "Signature",
    "Table",
    "block_from_dict",
    "block_to_dict",
    "document_from_dict",
    "document_to_dict",
    "number_line",
]

IssuerKind: TypeAlias = Literal["committee", "cell"]

# Four spaces: room to write the number by hand on a printed draft, as offices do.
DRAFT_NUMBER_GAP = "    "
DRAFT_DAY_GAP = "    "


@dataclass(frozen=True)
class Heading:
    """ "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO" (level 1), "1. Ưu điểm" (2), "a) …" (3)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class BulletList:
    """Items printed as "- item" lines, the way Party documents list things."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A bordered table. A ``None`` header cell merges with the cell on its left."""

    header_rows: tuple[tuple[str | None, ...], ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[float, ...] | None = None
    # Columns printed right-aligned (figures).
    numeric_columns: tuple[int, ...] = ()


Block: TypeAlias = Heading | Paragraph | BulletList | Table
_BLOCK_TYPES: dict[str, type[Any]] = {
    "heading": Heading,
    "paragraph": Paragraph,
    "bullets": BulletList,
    "table": Table,
}
_BLOCK_NAMES = {cls: name for name, cls in _BLOCK_TYPES.items()}


@dataclass(frozen=True)
class Signature:
    on_behalf: str  # "T/M BAN THƯỜNG VỤ", "T/M CHI BỘ"
    signer_title: str  # "BÍ THƯ", "PHÓ BÍ THƯ"
    signer_name: str = ""


@dataclass(frozen=True)
class DocumentData:
    superior: str  # "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG"
    issuer: str  # "ĐẢNG ỦY XÃ TÂN KỲ"
    issuer_kind: IssuerKind
    symbol: str  # "BC/ĐU"
    place: str  # "Tân Kỳ"
    doc_type: str  # "BÁO CÁO"
    title: str  # trích yếu
    body: tuple[Block, ...]
    signature: Signature
    recipients: tuple[str, ...]
    number: int | None = None
    date: date | None = None
    # The year printed on an undated draft ("ngày    tháng    năm 2026").
    draft_year: int | None = None
    format_key: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def number_line(self) -> str:
        return number_line(self.number, self.symbol)

    @property
    def date_line(self) -> str:
        """ "Tân Kỳ, ngày 05 tháng 02 năm 2027"; undated: "Tân Kỳ, ngày    tháng    năm 2026"."""
        if self.date is not None:
            return f"{self.place}, {format_date_long(self.date)}"
        year = str(self.draft_year) if self.draft_year else "20..."
        return f"{self.place}, ngày{DRAFT_DAY_GAP}tháng{DRAFT_DAY_GAP}năm {year}"


def number_line(number: int | None, symbol: str) -> str:
    """ "Số 12-BC/ĐU"; a draft keeps the gap: "Số    -BC/ĐU". No colon after "Số"."""
    if number is None:
        return f"Số{DRAFT_NUMBER_GAP}-{symbol}"
    return f"Số {number:02d}-{symbol}"


def block_to_dict(block: Block) -> dict[str, Any]:
    """A block as JSON, tagged by its type."""
    return {"type": _BLOCK_NAMES[type(block)], **asdict(block)}


def block_from_dict(raw: dict[str, Any]) -> Block:
    fields = {k: _tuples(v) for k, v in raw.items() if k != "type"}
    block: Block = _BLOCK_TYPES[raw["type"]](**fields)
    return block


def document_to_dict(data: DocumentData) -> dict[str, Any]:
    """JSON-ready form, with each block tagged by its type."""
    out = asdict(data)
    out["body"] = [block_to_dict(b) for b in data.body]
    out["date"] = data.date.isoformat() if data.date else None
    return out


def _tuples(value: Any) -> Any:
    # JSON gives lists back; the dataclasses are frozen and hashable with tuples.
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def document_from_dict(raw: dict[str, Any]) -> DocumentData:
    body = [block_from_dict(item) for item in raw.get("body", [])]
    signature = Signature(**raw["signature"])
    day = raw.get("date")
    return DocumentData(
        superior=raw["superior"],
        issuer=raw["issuer"],
        issuer_kind=raw["issuer_kind"],
        symbol=raw["symbol"],
        place=raw["place"],
        doc_type=raw["doc_type"],
        title=raw["title"],
        body=tuple(body),
        signature=signature,
        recipients=tuple(raw.get("recipients", ())),
        number=raw.get("number"),
        date=date.fromisoformat(day) if day else None,
        draft_year=raw.get("draft_year"),
        format_key=raw.get("format_key"),
        extra=dict(raw.get("extra") or {}),
    )
