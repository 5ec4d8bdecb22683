"""Duties of section IV ("Tổ chức thực hiện"): one task per paragraph, under the body named by
its heading ("1. Ban Thường vụ Đảng ủy xã") or at the start of the paragraph ("- Các chi bộ:
xây dựng kế hoạch…")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trienkhai.plans.parser.deadlines import dues_in
from trienkhai.plans.parser.lines import Line
from trienkhai.plans.parser.result import Task
from trienkhai.plans.parser.structure import Block
from trienkhai.plans.parser.words import fold

# Most specific first: "Ủy ban MTTQ" is not UBND, "Văn phòng Đảng ủy" is not the committee.
_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (r"ban thuong vu|thuong truc dang uy", "standing_committee"),
        (r"uy ban kiem tra", "inspection_committee"),
        (r"van phong (?:dang uy|cap uy)", "party_office"),
        (r"ban xay dung dang|ban tuyen giao|ban to chuc|ban dan van", "party_building_board"),
        (
            r"(?:mttq|mat tran to quoc)\b.*\b(?:to chuc chinh tri|doan the|hoi)"
            r"|(?:to chuc chinh tri|doan the)\b.*\b(?:mttq|mat tran)",
            "front_and_mass_orgs",
        ),
        (r"\bmttq\b|mat tran to quoc|\bmat tran\b", "front"),
        (
            r"doan thanh nien|hoi (?:lien hiep )?phu nu|hoi nong dan|hoi cuu chien binh"
            r"|cong doan|to chuc chinh tri - xa hoi|to chuc chinh tri xa hoi|\bdoan the\b",
            "mass_org",
        ),
        (r"hoi dong nhan dan|\bhdnd\b", "peoples_council"),
        (r"uy ban nhan dan|\bubnd\b", "peoples_committee"),
        (r"dang bo bo phan", "party_subcommittee"),
        (
            r"to chuc dang truc thuoc|to chuc co so dang|cac (?:chi|dang) bo, (?:chi|dang) bo"
            r"|cac chi, dang bo|cac chi bo va dang bo|cac dang bo, chi bo",
            "party_orgs",
        ),
        (r"\bcac chi bo\b", "party_cells"),
        (r"^chi bo\b|^chi uy\b|^bi thu chi bo\b", "party_cell"),
        (r"thanh uy|tinh uy|huyen uy|quan uy", "city_committee"),
        (r"ban chap hanh|dang uy|cap uy", "commune_committee"),
    )
)
_INLINE = re.compile(r"^(?P<body>[^:;.]{3,100}?)\s*:\s*(?P<text>\S.*)$")
# "Thời gian: …", "Nội dung: …" label a paragraph; they are not bodies.
_NOT_BODIES = re.compile(
    r"^(?:thoi gian|noi dung|hinh thuc|kinh phi|dia diem|thanh phan|luu y|chu y|yeu cau|muc dich"
    r"|ket qua|tien do)\b"
)


def assignee_kind(body: str) -> str:
    key = fold(body)
    for pattern, kind in _KINDS:
        if pattern.search(key):
            return kind
    return "other"


@dataclass
class TaskResult:
    tasks: list[Task] = field(default_factory=list)
    unparsed: list[Line] = field(default_factory=list)


def _split_inline(text: str, *, relaxed: bool) -> tuple[str, str] | None:
    """ "Ban Xây dựng Đảng: tham mưu…" → (body, duty) when the part before ":" names a body."""
    match = _INLINE.match(text)
    if match is None:
        return None
    body = match["body"].strip()
    if assignee_kind(body) == "other":
        # Outside a body's heading, an unknown short name before ":" ("Các đảng viên: …") is
        # still the body on duty; under a heading it is more likely a label ("Chỉ đạo: …").
        short = len(body.split()) <= 8 and body[:1].isupper()
        if not (relaxed and short) or _NOT_BODIES.match(fold(body)):
            return None
    return body, match["text"].strip()


def _task(body: str, section: str, text: str) -> Task:
    dues = dues_in(text)
    return Task(
        assignee=body,
        assignee_kind=assignee_kind(body),
        section=section,
        text=text,
        due=dues[0][1] if dues else None,
    )


def read_tasks(blocks: list[Block]) -> TaskResult:
    out = TaskResult()
    body: str | None = None
    section = ""
    for block in blocks:
        if block.section_kind != "organisation":
            body = None
            continue
        if block.kind == "heading" and block.level == 1:
            body, section = None, block.path
            continue
        inline = _split_inline(block.title, relaxed=block.kind == "heading" or body is None)
        if block.kind == "heading":
            section = block.path
            body = inline[0] if inline else block.title
            if inline:
                out.tasks.append(_task(inline[0], section, inline[1]))
        elif inline is not None:
            out.tasks.append(_task(inline[0], block.path, inline[1]))
        elif body is not None:
            out.tasks.append(_task(body, section, block.title))
        else:
            out.unparsed.append(block.line)
    return out
