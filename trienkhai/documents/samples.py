"""Sample document data: the tests, the benchmark and anyone trying the renderer use it."""

from __future__ import annotations

from datetime import date

from trienkhai.documents.data import (
    Block,
    BulletList,
    DocumentData,
    Heading,
    Paragraph,
    Signature,
    Table,
)

COMMITTEE_RECIPIENTS = (
    "- Ban Thường vụ Thành ủy Hải Phòng (để báo cáo),",
    "- Các tổ chức đảng trực thuộc,",
    "- Lưu Văn phòng Đảng ủy.",
)


def committee_report(
    *, number: int | None = 12, day: date | None = date(2027, 2, 5), body: tuple[Block, ...] = ()
) -> DocumentData:
    return DocumentData(
        superior="ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG",
        issuer="ĐẢNG ỦY XÃ TÂN KỲ",
        issuer_kind="committee",
        symbol="BC/ĐU",
        place="Tân Kỳ",
        doc_type="BÁO CÁO",
        title="Kết quả triển khai thực hiện kế hoạch quý I năm 2027",
        body=body
        or (
            Heading("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"),
            Paragraph("Ban Thường vụ Đảng ủy đã ban hành kế hoạch thực hiện."),
        ),
        signature=Signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn An"),
        recipients=COMMITTEE_RECIPIENTS,
        number=number,
        date=day,
        draft_year=2027,
    )


def cell_report() -> DocumentData:
    return DocumentData(
        superior="ĐẢNG BỘ XÃ TÂN KỲ",
        issuer="CHI BỘ THÔN ĐÔNG TÂN",
        issuer_kind="cell",
        symbol="BC/CB",
        place="Tân Kỳ",
        doc_type="BÁO CÁO",
        title="Kết quả học tập, quán triệt 6 tháng đầu năm 2026",
        body=(Paragraph("Chi bộ đã tổ chức học tập đầy đủ."),),
        signature=Signature("T/M CHI BỘ", "BÍ THƯ", "Trần Thị Bình"),
        recipients=("- Đảng ủy xã Tân Kỳ (để báo cáo),", "- Lưu Chi bộ."),
        number=5,
        date=date(2026, 6, 10),
    )


def realistic_summary(cells: int = 31) -> DocumentData:
    """A summary the size of Tân Kỳ's: six sections, a table of every party organisation."""
    rows = tuple(
        (
            str(i),
            f"Chi bộ thôn số {i}",
            f"{20 + i % 7}",
            f"{22 + i % 7}",
            f"{(20 + i % 7) * 100 / (22 + i % 7):.2f}".replace(".", ","),
        )
        for i in range(1, cells + 1)
    )
    text = (
        "Ban Thường vụ Đảng ủy đã chỉ đạo các chi bộ, đảng bộ trực thuộc tổ chức học tập, "
        "quán triệt và xây dựng kế hoạch thực hiện phù hợp với tình hình thực tế của địa "
        "phương, bảo đảm đúng tiến độ đề ra."
    )
    body: list[Block] = [Paragraph(text)]
    for heading in (
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        "II. KẾT QUẢ HỌC TẬP, QUÁN TRIỆT",
        "III. CÔNG TÁC TUYÊN TRUYỀN",
        "IV. XÂY DỰNG CHƯƠNG TRÌNH, KẾ HOẠCH THỰC HIỆN",
        "V. ĐÁNH GIÁ CHUNG",
        "VI. ĐỀ XUẤT, KIẾN NGHỊ",
    ):
        body += [Heading(heading), Paragraph(text), Paragraph(text)]
        body.append(BulletList(("2.909/3.044 đảng viên, đạt 95,57%;", "98 cán bộ chủ chốt.")))
    body.insert(
        5,
        Table(
            header_rows=(
                ("TT", "Tổ chức đảng", "Đảng viên", None, "Tỷ lệ (%)"),
                ("", "", "Tham gia", "Tổng số", ""),
            ),
            rows=rows,
            widths_mm=(12, 68, 28, 28, 29),
            numeric_columns=(2, 3, 4),
        ),
    )
    return committee_report(body=tuple(body))
