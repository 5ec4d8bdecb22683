"""Demo register of Tân Kỳ: its 2025–2030 term, numbers recorded from the paper books and
the deputy secretary who signs its reports.

The chi bộ plans recorded here give section IV of the summary report real figures.
"""

from __future__ import annotations

from datetime import date

from trienkhai.accounts.permissions import OPERATOR
from trienkhai.core.demo import DemoContext
from trienkhai.documents import services
from trienkhai.documents.data import DocumentData, Heading, Paragraph, Signature
from trienkhai.documents.models import CommitteeTerm, DocType, OfficialDocument, SigningPost
from trienkhai.orgs.models import OrgUnit

TERM = ("Nhiệm kỳ 2025–2030", date(2025, 7, 1), date(2030, 6, 30))
COMMUNE_RECORDS = [
    (
        DocType.THONG_BAO,
        21,
        date(2026, 5, 20),
        "Về phân công cấp ủy viên theo dõi, phụ trách các chi bộ",
    ),
    (
        DocType.HUONG_DAN,
        3,
        date(2026, 5, 25),
        "Tuyên truyền, quán triệt Chương trình hành động số 20-CTr/TU",
    ),
]
# The standing deputy secretary signs the commune's periodic reports from this day.
SIGNER_FROM = date(2025, 10, 1)
# Chi bộ 01–18 have issued their plans; the others have not, yet.
CELLS_WITH_PLAN = 18


def _record(issuer: OrgUnit, doc_type: str, number: int, day: date, title: str) -> None:
    exists = OfficialDocument.objects.filter(
        issuer=issuer, doc_type=doc_type, number=number, term__start__lte=day, term__end__gte=day
    ).exists()
    if not exists:
        services.document_record_external(
            actor=OPERATOR,
            issuer=issuer,
            doc_type=doc_type,
            number=number,
            day=day,
            title=title,
            note="Ghi từ sổ văn bản đi (dữ liệu minh họa)",
        )


def load(ctx: DemoContext) -> None:
    commune = ctx.commune
    name, start, end = TERM
    for unit in [commune, *(ctx.units[f"chibo{n:02d}"] for n in range(1, 31))]:
        if not CommitteeTerm.objects.filter(org_unit=unit, start=start).exists():
            CommitteeTerm.objects.create(org_unit=unit, name=name, start=start, end=end)
    if not SigningPost.objects.filter(org_unit=commune, start=SIGNER_FROM).exists():
        services.signing_post_create(
            actor=OPERATOR,
            org_unit=commune,
            on_behalf="T/M BAN THƯỜNG VỤ",
            title="PHÓ BÍ THƯ THƯỜNG TRỰC",
            person_name="Nguyễn Duy Thành",
            start=SIGNER_FROM,
        )
    for doc_type, number, day, title in COMMUNE_RECORDS:
        _record(commune, doc_type, number, day, title)
    _draft(commune)
    for n in range(1, CELLS_WITH_PLAN + 1):
        _record(
            ctx.units[f"chibo{n:02d}"],
            DocType.KE_HOACH,
            1,
            date(2026, 6, min(n, 9) + 1),
            "Thực hiện Chương trình hành động số 20-CTr/TU của Ban Thường vụ Thành ủy",
        )


# The office's draft still waiting for its number: the year-end conference plan.
DRAFT_TITLE = "Tổ chức Hội nghị tổng kết năm 2026 thực hiện Kế hoạch số 15-KH/ĐU"


def _draft(commune: OrgUnit) -> None:
    if OfficialDocument.objects.filter(issuer=commune, title=DRAFT_TITLE).exists():
        return
    services.document_draft_create(
        actor=OPERATOR,
        issuer=commune,
        doc_type=DocType.KE_HOACH,
        data=DocumentData(
            superior="ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG",
            issuer="ĐẢNG ỦY XÃ TÂN KỲ",
            issuer_kind="committee",
            symbol="KH/ĐU",
            place="Tân Kỳ",
            doc_type="KẾ HOẠCH",
            title=DRAFT_TITLE,
            body=(
                Heading("I. MỤC ĐÍCH, YÊU CẦU"),
                Paragraph(
                    "Đánh giá kết quả một năm triển khai Kế hoạch; biểu dương các tập thể,"
                    " cá nhân tiêu biểu; đề ra nhiệm vụ năm 2027."
                ),
                Heading("II. THỜI GIAN, ĐỊA ĐIỂM"),
                Paragraph("Dự kiến ngày 26/12/2026, tại Hội trường Đảng ủy xã."),
            ),
            signature=Signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn Bình"),
            recipients=("- Các tổ chức đảng trực thuộc,", "- Lưu Văn phòng Đảng ủy."),
            number=None,
            date=None,
            draft_year=2026,
        ),
    )
