"""Who issues a Party document, read off the org tree: the header lines, the symbol suffix, the
place and the signature block.

Who signs is data (a `SigningPost` of the issuing unit): the deputy secretary often signs
the periodic reports; without a post the block carries the usual title and no name.

The tree names organisations the way people say them ("Đảng bộ xã Tân Kỳ"); documents are
issued by their committee ("ĐẢNG ỦY XÃ TÂN KỲ") under the organisation above
("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG"). A chi bộ signs for itself ("CHI BỘ …", "T/M CHI BỘ").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from trienkhai.core.errors import DomainError
from trienkhai.documents.data import Block, DocumentData, IssuerKind, Signature
from trienkhai.documents.models import SigningPost, doc_type_heading
from trienkhai.orgs.models import OrgUnit

__all__ = [
    "IssuerInfo",
    "issuer_info",
    "issuer_of",
    "lower_first",
    "party_document",
    "place_name",
]

K = OrgUnit.Kind

_ORGANISATION = re.compile(r"^(đảng bộ|đảng ủy|đảng uỷ)\s+", re.IGNORECASE)
_ADMIN_WORD = re.compile(r"^(bộ phận|xã|phường|thị trấn|đặc khu|thành phố|tỉnh)\s+", re.IGNORECASE)
# Advisory bodies sign with their own name under the committee's, and their own suffix.
_ADVISORY_SUFFIX: dict[str, str] = {
    K.PARTY_OFFICE: "VPĐU",
    K.PARTY_BUILDING_BOARD: "BXDĐ",
    K.INSPECTION_COMMITTEE: "UBKT",
}
# Who heads each advisory body and signs for it: a Ủy ban Kiểm tra has a Chủ nhiệm.
_ADVISORY_HEAD: dict[str, str] = {
    K.PARTY_OFFICE: "CHÁNH VĂN PHÒNG",
    K.INSPECTION_COMMITTEE: "CHỦ NHIỆM",
}
_PARTY_ORGS = (K.CITY_COMMITTEE, K.COMMUNE_COMMITTEE, K.PARTY_SUBCOMMITTEE, K.PARTY_CELL)


@dataclass(frozen=True)
class IssuerInfo:
    superior: str  # "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG"
    issuer: str  # "ĐẢNG ỦY XÃ TÂN KỲ"
    issuer_kind: IssuerKind
    suffix: str  # the part of the symbol after the slash: "ĐU", "CB", "TU"
    place: str  # "Tân Kỳ"
    on_behalf: str  # "T/M BAN THƯỜNG VỤ"
    signer_title: str  # "BÍ THƯ"
    acting_body: str  # who speaks in the text: "Ban Thường vụ Đảng ủy xã Tân Kỳ"
    report_to: str | None  # "Ban Thường vụ Thành ủy Hải Phòng"
    archive: str  # "- Lưu Văn phòng Đảng ủy."
    signer_name: str = ""  # "Nguyễn Duy Thành", from the unit's signing post

    def symbol(self, doc_type: str) -> str:
        return f"{doc_type}/{self.suffix}"

    def recipients(self, *addressees: str) -> tuple[str, ...]:
        """ "Nơi nhận": the body reported to (if any), ``addressees``, the archive line."""
        report = (f"- {self.report_to} (để báo cáo),",) if self.report_to else ()
        return (*report, *addressees, self.archive)


def party_document(
    info: IssuerInfo,
    doc_type: str,
    *,
    title: str,
    body: Sequence[Block],
    recipients: Sequence[str],
    draft_year: int,
    number: int | None = None,
    day: date | None = None,
    extra: dict[str, Any] | None = None,
) -> DocumentData:
    """A Party document of ``doc_type`` issued by ``info``: its header, symbol, place and
    signature block come from the issuer; the caller writes the rest."""
    return DocumentData(
        superior=info.superior,
        issuer=info.issuer,
        issuer_kind=info.issuer_kind,
        symbol=info.symbol(doc_type),
        place=info.place,
        doc_type=doc_type_heading(doc_type),
        title=title,
        body=tuple(body),
        signature=Signature(
            on_behalf=info.on_behalf, signer_title=info.signer_title, signer_name=info.signer_name
        ),
        recipients=tuple(recipients),
        number=number,
        date=day,
        draft_year=draft_year,
        extra=dict(extra or {}),
    )


def lower_first(text: str) -> str:
    """A title or label carried on mid-sentence: "Quý I năm 2027" → "quý I năm 2027"."""
    return text[:1].lower() + text[1:]


def _upper(text: str) -> str:
    return unicodedata.normalize("NFC", text).upper()


def _organisation(unit: OrgUnit) -> str:
    """ "Đảng bộ xã Tân Kỳ", whichever of the two forms the tree holds."""
    return _ORGANISATION.sub("Đảng bộ ", unit.name.strip(), count=1)


def _committee(unit: OrgUnit) -> str:
    """ "Đảng ủy xã Tân Kỳ", "Thành ủy Hải Phòng", "Đảng ủy bộ phận …"."""
    rest = _ORGANISATION.sub("", unit.name.strip(), count=1)
    if unit.kind == K.CITY_COMMITTEE:
        word = _ADMIN_WORD.match(rest)
        if word and word.group(1).lower() == "tỉnh":
            return f"Tỉnh ủy {rest[word.end() :]}"
        if word and word.group(1).lower() == "thành phố":
            return f"Thành ủy {rest[word.end() :]}"
    return f"Đảng ủy {rest}"


def place_name(unit: OrgUnit, ancestors: Sequence[OrgUnit]) -> str:
    """The commune (or city) name written before the date: "Tân Kỳ", "Hải Phòng"."""
    chain = [*ancestors, unit]
    home = next(
        (u for u in reversed(chain) if u.kind in (K.COMMUNE_COMMITTEE, K.CITY_COMMITTEE)),
        unit,
    )
    rest = _ORGANISATION.sub("", home.name.strip(), count=1)
    return _ADMIN_WORD.sub("", rest, count=1).strip()


def _party_parent(ancestors: Sequence[OrgUnit]) -> OrgUnit | None:
    return next((u for u in reversed(ancestors) if u.kind in _PARTY_ORGS), None)


def _issuing_unit(unit: OrgUnit, ancestors: Sequence[OrgUnit]) -> tuple[OrgUnit, Sequence[OrgUnit]]:
    """The unit whose name the document carries, with its ancestors: the Ban Thường vụ
    issues in the name of its committee; every other unit in its own."""
    if unit.kind != K.STANDING_COMMITTEE:
        return unit, ancestors
    parent = _party_parent(ancestors)
    if parent is None:
        raise DomainError(_("Ban Thường vụ phải trực thuộc một đảng bộ."))
    return parent, ancestors[: list(ancestors).index(parent)]


def issuer_info(unit: OrgUnit, ancestors: Sequence[OrgUnit]) -> IssuerInfo:
    """Header lines and signature of ``unit``; ``ancestors`` from the root down."""
    unit, ancestors = _issuing_unit(unit, ancestors)
    place = place_name(unit, ancestors)
    parent = _party_parent(ancestors)
    if unit.kind in _ADVISORY_SUFFIX:
        if parent is None:
            raise DomainError(_("Cơ quan tham mưu phải trực thuộc một đảng bộ."))
        committee = _committee(parent)
        return IssuerInfo(
            superior=_upper(committee),
            issuer=_upper(unit.short_name or unit.name),
            issuer_kind="committee",
            suffix=_ADVISORY_SUFFIX[unit.kind],
            place=place,
            on_behalf=f"T/M {_upper(unit.short_name or unit.name)}",
            signer_title=_ADVISORY_HEAD.get(unit.kind, "TRƯỞNG BAN"),
            acting_body=unit.name,
            report_to=f"Ban Thường vụ {committee}",
            archive=f"- Lưu {unit.short_name or unit.name}.",
        )
    if unit.kind not in _PARTY_ORGS:
        raise DomainError(
            _(
                "“%(unit)s” không phải tổ chức đảng nên không ban hành văn bản "
                "theo thể thức văn bản của Đảng."
            )
            % {"unit": unit.name}
        )
    if unit.kind == K.PARTY_CELL:
        if parent is None:
            raise DomainError(_("Chi bộ phải trực thuộc một đảng bộ."))
        return IssuerInfo(
            superior=_upper(_organisation(parent)),
            issuer=_upper(unit.name),
            issuer_kind="cell",
            suffix="CB",
            place=place,
            on_behalf="T/M CHI BỘ",
            signer_title="BÍ THƯ",
            acting_body=f"Chi ủy {unit.name}",
            report_to=_committee(parent),
            archive="- Lưu Chi bộ.",
        )
    committee = _committee(unit)
    if unit.kind == K.CITY_COMMITTEE:
        return IssuerInfo(
            superior=_upper(_organisation(unit)),
            # "THÀNH ỦY" / "TỈNH ỦY" alone: the city is named on the line above.
            issuer=_upper(committee.split(" ")[0] + " ủy")
            if committee.startswith(("Thành ủy", "Tỉnh ủy"))
            else _upper(committee),
            issuer_kind="committee",
            suffix="TU",
            place=place,
            on_behalf="T/M BAN THƯỜNG VỤ",
            signer_title="BÍ THƯ",
            acting_body=f"Ban Thường vụ {committee}",
            report_to=None,
            archive="- Lưu Văn phòng Thành ủy.",
        )
    has_standing_committee = unit.kind == K.COMMUNE_COMMITTEE
    return IssuerInfo(
        superior=_upper(_organisation(parent)) if parent else "",
        issuer=_upper(committee),
        issuer_kind="committee",
        suffix="ĐU",
        place=place,
        on_behalf="T/M BAN THƯỜNG VỤ" if has_standing_committee else "T/M ĐẢNG ỦY",
        signer_title="BÍ THƯ",
        acting_body=f"Ban Thường vụ {committee}" if has_standing_committee else committee,
        report_to=(
            f"Ban Thường vụ {_committee(parent)}"
            if parent and parent.kind == K.CITY_COMMITTEE
            else (_committee(parent) if parent else None)
        ),
        archive="- Lưu Văn phòng Đảng ủy.",
    )


def issuer_of(unit: OrgUnit, day: date | None = None) -> IssuerInfo:
    """`issuer_info` of ``unit``, its ancestors read from the tree, signed by the default
    signing post the issuing unit has on ``day`` (today if not given), when it has one."""
    ancestors = list(OrgUnit.objects.get_ancestors(unit))
    info = issuer_info(unit, ancestors)
    issuing, _above = _issuing_unit(unit, ancestors)
    post = (
        SigningPost.objects.filter(org_unit=issuing, is_default=True)
        .valid_on(day or timezone.localdate())
        .order_by("-start", "-pk")
        .first()
    )
    if post is None:
        return info
    return replace(
        info, on_behalf=post.on_behalf, signer_title=post.title, signer_name=post.person_name
    )
