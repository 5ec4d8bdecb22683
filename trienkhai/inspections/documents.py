"""The inspection's two Party documents, as `DocumentData`: the decision (quyết định kiểm
tra / giám sát) and the conclusion (thông báo kết luận).

Both are issued by the inspecting body: the Ủy ban Kiểm tra ("QĐ/UBKT", "T/M ỦY BAN KIỂM
TRA" / "CHỦ NHIỆM") or the Ban Thường vụ in its committee's name ("QĐ/ĐU", "T/M BAN THƯỜNG
VỤ"). They are data only: the services put them in the body's register as a draft and the
register numbers them at issue.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from trienkhai.core.dates import format_date_long, format_date_short
from trienkhai.core.errors import DomainError
from trienkhai.documents.data import Block, BulletList, DocumentData, Heading, Paragraph
from trienkhai.documents.issuers import (
    IssuerInfo,
    issuer_info,
    issuer_of,
    lower_first,
    party_document,
)
from trienkhai.documents.models import DocType
from trienkhai.documents.summary import FILL_LINE
from trienkhai.inspections.models import CorrectiveAction, Finding, Inspection
from trienkhai.orgs.models import OrgUnit
from trienkhai.plans.models import Plan

__all__ = ["conclusion_data", "decision_data"]

# A title typed as "Kiểm tra việc…" must not print "Về việc kiểm tra kiểm tra việc…".
_KIND_WORDS = re.compile(
    r"^\s*(?:về việc\s+)?(?:kiểm tra|giám sát)(?:\s*,\s*(?:kiểm tra|giám sát))?\s+", re.I
)


# --- shared pieces ----------------------------------------------------------------------------


def _subject(inspection: Inspection) -> str:
    """What is inspected, carried on after "kiểm tra": the title without a leading kind word."""
    title = inspection.title.strip().rstrip(".;")
    rest = _KIND_WORDS.sub("", title, count=1).strip()
    return lower_first(rest or title)


def _what(inspection: Inspection) -> str:
    """ "kiểm tra việc thực hiện …" / "giám sát việc thực hiện …"."""
    return f"{inspection.kind_word} {_subject(inspection)}"


def _team_name(inspection: Inspection) -> str:
    """ "Đoàn kiểm tra" / "Đoàn giám sát"."""
    return _("Đoàn %(kind)s") % {"kind": inspection.kind_word}


def _period(inspection: Inspection) -> str:
    """ "từ ngày 10 tháng 6 năm 2026 đến ngày 25 tháng 6 năm 2026"."""
    return _("từ %(start)s đến %(end)s") % {
        "start": format_date_long(inspection.start),
        "end": format_date_long(inspection.end),
    }


def _names(units: Sequence[OrgUnit]) -> str:
    return ", ".join(u.name for u in units) or FILL_LINE


def _lines(text: str) -> list[str]:
    """The non-empty lines of a text field, as written."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _items(text: str) -> list[str]:
    """The lines of a list field, without the bullet the writer may have typed: the
    document prints its own "- "."""
    return [item for line in _lines(text) if (item := line.lstrip("-–•+*").strip())]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _capitals(text: str) -> str:
    return unicodedata.normalize("NFC", text).upper()


def _units(inspection: Inspection) -> list[OrgUnit]:
    return list(inspection.units.order_by("path"))


def _recipients(info: IssuerInfo, inspection: Inspection, units: Sequence[OrgUnit]) -> list[str]:
    """The body reported to "(để báo cáo)", the units inspected, the team, the archive."""
    return list(info.recipients(*(f"- {u.name}," for u in units), f"- {_team_name(inspection)},"))


def _author(plan: Plan) -> str:
    """Who speaks for the plan's issuer ("Ban Thường vụ Đảng ủy xã Tân Kỳ"); a unit that
    is not a Party organisation (a UBND plan) is named as the tree names it."""
    ancestors = list(OrgUnit.objects.get_ancestors(plan.org_unit))
    try:
        return issuer_info(plan.org_unit, ancestors).acting_body
    except DomainError:
        return plan.org_unit.name


def _plan_cite(plan: Plan) -> str:
    """ "Căn cứ Kế hoạch số 15-KH/ĐU, ngày 12/05/2026 của … về …;"; a plan entered without
    a number or a day is cited without them rather than with a blank."""
    reference = f" số {plan.number:02d}-{plan.symbol}" if plan.number else ""
    if plan.date:
        reference += ", " + _("ngày %(day)s") % {"day": format_date_short(plan.date)}
    return _("Căn cứ Kế hoạch%(reference)s của %(author)s về %(title)s;") % {
        "reference": reference,
        "author": _author(plan),
        "title": lower_first(plan.title.strip().rstrip(".;")),
    }


# --- the decision -----------------------------------------------------------------------------


def _grounds(inspection: Inspection, info: IssuerInfo) -> list[Block]:
    lines = [
        _("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"),
        _("Căn cứ Quy chế làm việc của %(body)s;") % {"body": info.acting_body},
    ]
    if inspection.plan is not None:
        lines.append(_plan_cite(inspection.plan))
    return [Paragraph(line, italic=True) for line in lines]


def _article_one(inspection: Inspection, units: Sequence[OrgUnit]) -> list[Block]:
    blocks: list[Block] = [
        Paragraph(
            _("Điều 1. %(what)s tại: %(units)s.")
            % {"what": _upper_first(_what(inspection)), "units": _names(units)}
        ),
        Paragraph(
            _("Thời gian %(kind)s: %(period)s.")
            % {"kind": inspection.kind_word, "period": _period(inspection)}
        ),
    ]
    content = _items(inspection.content)
    if content:
        blocks += [Paragraph(_("Nội dung, phương pháp:")), BulletList(tuple(content))]
    return blocks


def _article_two(inspection: Inspection, info: IssuerInfo) -> list[Block]:
    team = _team_name(inspection)
    # No team entered yet: a line to write the names on, in Word or on paper.
    members = _items(inspection.team) or [FILL_LINE]
    return [
        Paragraph(_("Điều 2. Thành lập %(team)s gồm các đồng chí có tên sau:") % {"team": team}),
        BulletList(tuple(members)),
        Paragraph(
            _(
                "%(team)s có nhiệm vụ xây dựng kế hoạch, tiến hành %(kind)s theo nội dung tại "
                "Điều 1 và báo cáo kết quả với %(body)s; tự giải thể sau khi hoàn thành nhiệm vụ."
            )
            % {"team": team, "kind": inspection.kind_word, "body": info.acting_body}
        ),
    ]


def _article_three(inspection: Inspection, units: Sequence[OrgUnit]) -> Paragraph:
    return Paragraph(
        _(
            "Điều 3. %(team)s, các đồng chí có tên tại Điều 2, %(units)s và các tổ chức, cá "
            "nhân có liên quan chịu trách nhiệm thi hành Quyết định này. Quyết định có hiệu "
            "lực kể từ ngày ký."
        )
        % {"team": _team_name(inspection), "units": _names(units)}
    )


def decision_data(
    inspection: Inspection, *, day: date | None = None, number: int | None = None
) -> DocumentData:
    """The decision to inspect or supervise, issued by the inspection's body; a draft
    ("Số    -QĐ/UBKT") unless ``number`` is given."""
    info = issuer_of(inspection.org_unit, day)
    units = _units(inspection)
    body: list[Block] = [
        *_grounds(inspection, info),
        Paragraph(_capitals(info.acting_body), bold=True),
        Paragraph(_("QUYẾT ĐỊNH"), bold=True),
        *_article_one(inspection, units),
        *_article_two(inspection, info),
        _article_three(inspection, units),
    ]
    return party_document(
        info,
        DocType.QUYET_DINH,
        title=_("Về việc %(what)s") % {"what": _what(inspection)},
        body=body,
        recipients=_recipients(info, inspection, units),
        draft_year=(day or inspection.start).year,
        number=number,
        day=day,
        extra={"inspection": inspection.pk},
    )


# --- the conclusion ---------------------------------------------------------------------------


def _findings(inspection: Inspection) -> list[Finding]:
    """Every finding of the inspection in tree order, with its actions: two queries."""
    actions = CorrectiveAction.objects.order_by("due", "pk")
    return list(
        Finding.objects.filter(inspection=inspection)
        .select_related("org_unit")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("org_unit__path", "pk")
    )


def _decision_cite(inspection: Inspection, info: IssuerInfo) -> str:
    """ "Quyết định số 03-QĐ/UBKT, ngày 10/06/2026 của …"; a draft decision has neither."""
    decision = inspection.decision
    reference = ""
    if decision is not None and decision.is_issued:
        reference = f" {lower_first(decision.reference)}"
        if decision.date:
            reference += ", " + _("ngày %(day)s") % {"day": format_date_short(decision.date)}
    return _("Quyết định%(reference)s của %(body)s") % {
        "reference": reference,
        "body": info.acting_body,
    }


def _opening(inspection: Inspection, info: IssuerInfo, units: Sequence[OrgUnit]) -> Paragraph:
    return Paragraph(
        _(
            "Thực hiện %(decision)s về việc %(what)s, %(period)s, %(team)s đã tiến hành "
            "%(kind)s tại %(units)s. Xét báo cáo của %(team)s, %(body)s kết luận như sau:"
        )
        % {
            "decision": _decision_cite(inspection, info),
            "what": _what(inspection),
            "period": _period(inspection),
            "team": _team_name(inspection),
            "kind": inspection.kind_word,
            "units": _names(units),
            "body": info.acting_body,
        }
    )


def _action_line(action: CorrectiveAction) -> str:
    return _("%(text)s, hoàn thành trước ngày %(due)s;") % {
        "text": action.text.strip().rstrip(".;,"),
        "due": format_date_short(action.due),
    }


def _finding_line(finding: Finding) -> str:
    text = finding.text.strip().rstrip(".;,")
    if finding.severity == Finding.Severity.VIOLATION:
        return _("%(text)s (vi phạm);") % {"text": text}
    return f"{text};"


def _unit_blocks(number: int, unit: OrgUnit, findings: Sequence[Finding]) -> list[Block]:
    """One inspected unit's part: its findings, then what it must correct and by when."""
    blocks: list[Block] = [
        Heading(f"{number}. {unit.name}", level=2),
        Paragraph(_("Hạn chế, thiếu sót:"), italic=True),
        BulletList(tuple(_finding_line(f) for f in findings)),
    ]
    actions = [a for f in findings for a in f.actions.all()]
    if actions:
        blocks.append(Paragraph(_("Yêu cầu khắc phục:"), italic=True))
        blocks.append(BulletList(tuple(_action_line(a) for a in actions)))
    return blocks


def _corrections(units: Sequence[OrgUnit], findings: Sequence[Finding]) -> list[Block]:
    """Per inspected unit in tree order, those with findings first; then the others."""
    by_unit: dict[int, list[Finding]] = {}
    for finding in findings:
        by_unit.setdefault(finding.org_unit_id, []).append(finding)
    # A finding at a unit taken off the list since must still be in the notice.
    known = {u.pk: u for u in units} | {f.org_unit_id: f.org_unit for f in findings}
    ordered = sorted(known.values(), key=lambda u: u.path)
    blocks: list[Block] = [Heading(_("Hạn chế, thiếu sót và yêu cầu khắc phục"))]
    with_findings = [u for u in ordered if u.pk in by_unit]
    for number, unit in enumerate(with_findings, start=1):
        blocks += _unit_blocks(number, unit, by_unit[unit.pk])
    clean = [u for u in ordered if u.pk not in by_unit]
    if clean:
        blocks.append(Heading(_("Các đơn vị không có hạn chế cần khắc phục"), level=2))
        blocks.append(BulletList(tuple(u.name for u in clean)))
    return blocks


def _closing(inspection: Inspection, info: IssuerInfo, any_findings: bool) -> Paragraph:
    values = {"kind": inspection.kind_word, "body": info.acting_body}
    if not any_findings:
        return Paragraph(
            _(
                "Đề nghị các đơn vị được %(kind)s tiếp tục phát huy ưu điểm, thực hiện tốt các "
                "nhiệm vụ đã đề ra."
            )
            % values
        )
    return Paragraph(
        _(
            "Đề nghị các đơn vị được %(kind)s nghiêm túc thực hiện các yêu cầu khắc phục nêu "
            "trên, đúng thời hạn; báo cáo kết quả khắc phục, kèm tài liệu chứng minh, về "
            "%(body)s để theo dõi, xác nhận."
        )
        % values
    )


def conclusion_data(
    inspection: Inspection, *, day: date | None = None, number: int | None = None
) -> DocumentData:
    """The notice of the conclusion: the body's conclusion, what was found at each unit and
    what it must correct by when."""
    info = issuer_of(inspection.org_unit, day)
    units = _units(inspection)
    findings = _findings(inspection)
    text = [Paragraph(line) for line in _lines(inspection.conclusion)] or [Paragraph(FILL_LINE)]
    body: list[Block] = [
        _opening(inspection, info, units),
        *text,
        *_corrections(units, findings),
        _closing(inspection, info, bool(findings)),
    ]
    return party_document(
        info,
        DocType.THONG_BAO,
        title=_("Kết luận %(what)s") % {"what": _what(inspection)},
        body=body,
        recipients=_recipients(info, inspection, units),
        draft_year=(day or inspection.end).year,
        number=number,
        day=day,
        extra={"inspection": inspection.pk},
    )
