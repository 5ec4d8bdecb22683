"""Build the binary and byte-exact files of the plan corpus (issue 16).

    .venv/bin/python trienkhai/plans/tests/corpus/build_corpus.py   # from the checkout's root

Writes, next to this script:

- ``phuong_docx_table.docx``: a ward plan in Word, its targets in a table (a two-row header
  whose "Kết quả" cell spans two columns, group rows merged across the table), its solution
  groups numbered by Word itself (``w:numPr``: "1.", "a)"), its sections in Heading styles;
- ``ke_hoach_pdf.pdf``: ``ke_hoach_pdf.source.txt`` as a PDF with a text layer (WeasyPrint,
  else LibreOffice from a .docx);
- ``bom_crlf.txt``: a plan as UTF-8 with a byte order mark and CRLF line endings.

The other plans of the corpus are plain UTF-8 text written by hand. Every golden file
(``<file>.golden.json``) was written by hand from what the plan says, never from the parser.
"""

from __future__ import annotations

import html
import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.table import _Cell

HERE = Path(__file__).resolve().parent
FIXED_TIME = datetime(2026, 4, 8, 8, 0, 0)
NUM_ID = 42  # our own list definition, clear of the template's numbering ids

# --------------------------------------------------------------------------------------------
# 1. The ward plan in Word.

HEADER_LEFT = ("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG ỦY PHƯỜNG LÊ CHÂN", "*", "Số 27-KH/ĐU")
HEADER_RIGHT = ("ĐẢNG CỘNG SẢN VIỆT NAM", "Lê Chân, ngày 08 tháng 4 năm 2026")
TITLE = (
    "thực hiện Nghị quyết Đại hội Đảng bộ phường Lê Chân lần thứ I, nhiệm kỳ 2025 - 2030, "
    "về phát triển kinh tế - xã hội, xây dựng đô thị văn minh"
)
INTRO = (
    "Thực hiện Nghị quyết Đại hội Đảng bộ phường lần thứ I, nhiệm kỳ 2025 - 2030, Ban Thường "
    "vụ Đảng ủy phường xây dựng Kế hoạch thực hiện như sau:"
)

# (STT, chỉ tiêu, đơn vị tính, thực hiện 2025, mục tiêu 2030) and group rows (label, title).
TABLE_ROWS: tuple[tuple[str, ...], ...] = (
    ("A", "Về kinh tế"),
    ("1", "Thu nhập bình quân đầu người", "triệu đồng/người/năm", "95", "Tối thiểu 150"),
    ("2", "Số hộ kinh doanh cá thể đang hoạt động", "hộ", "1.120", "Từ 1.500 trở lên"),
    (
        "3",
        "Tỷ lệ giao dịch thanh toán không dùng tiền mặt của hộ kinh doanh",
        "%",
        "52",
        "Đạt từ 70 đến 75",
    ),
    ("B", "Về văn hóa - xã hội và môi trường"),
    ("4", "Tỷ lệ lao động qua đào tạo", "%", "72", "Tối thiểu 80"),
    ("5", "Số tổ dân phố đạt danh hiệu “Tổ dân phố văn minh”", "tổ dân phố", "18", "24"),
    ("6", "Tỷ lệ chất thải rắn sinh hoạt được phân loại tại nguồn", "%", "45", "Trên 90"),
    ("C", "Về quốc phòng, an ninh và cải cách hành chính"),
    ("7", "Số vụ cháy, nổ trên địa bàn", "vụ/năm", "5", "≤ 3"),
    (
        "8",
        "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình",
        "%",
        "86",
        "100",
    ),
)

# Solution groups: (level, text); level 0 prints "1.", "2."…, level 1 prints "a)", "b)"….
SOLUTIONS: tuple[tuple[int, str], ...] = (
    (0, "Phát triển kinh tế đô thị, thương mại, dịch vụ"),
    (
        1,
        "Tạo điều kiện cho hộ kinh doanh chuyển đổi lên doanh nghiệp; đẩy mạnh thanh toán "
        "không dùng tiền mặt tại các chợ, tuyến phố thương mại.",
    ),
    (1, "Khai thác hiệu quả quỹ đất, không gian công cộng; phát triển kinh tế ban đêm."),
    (0, "Đẩy mạnh cải cách hành chính, chuyển đổi số"),
    (1, "Phấn đấu 100% tổ dân phố có nhóm Zalo kết nối với chính quyền phường."),
    (1, "Nâng cao chất lượng phục vụ của Trung tâm phục vụ hành chính công phường."),
    (0, "Xây dựng Đảng và hệ thống chính trị"),
    (1, "Nâng cao chất lượng sinh hoạt chi bộ; hằng năm kết nạp ít nhất 20 đảng viên mới."),
)

DUTIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "1. Ban Thường vụ Đảng ủy phường",
        ("Chỉ đạo, kiểm tra, giám sát việc triển khai thực hiện Kế hoạch.",),
    ),
    (
        "2. Ủy ban nhân dân phường",
        (
            "Xây dựng kế hoạch thực hiện các chỉ tiêu, hoàn thành trước ngày 30/5/2026.",
            "Chỉ đạo Trang thông tin điện tử phường đăng tải tối thiểu 03 tin, bài/tuần về kết "
            "quả thực hiện Kế hoạch.",
        ),
    ),
    (
        "3. Các chi bộ trực thuộc",
        ("Quán triệt, xây dựng chương trình hành động của chi bộ, hoàn thành trong quý II/2026.",),
    ),
)

CLOSING = (
    "Nơi nhận:",
    "- Ban Thường vụ Thành ủy (để b/c),",
    "- Các chi bộ trực thuộc,",
    "- Lưu VPĐU.",
    "T/M BAN THƯỜNG VỤ",
    "BÍ THƯ",
    "Hoàng Văn Nam",
)


def _add_list_numbering(document: DocxDocument) -> None:
    """A two-level list definition: "1." then "a)", referenced as ``NUM_ID``."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_ID}">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%2)"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )
    # Every w:abstractNum must come before the first w:num.
    first_num = numbering.find(qn("w:num"))
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>'
        )
    )


def _numbered(document: DocxDocument, text: str, level: int) -> None:
    paragraph = document.add_paragraph(text, style="List Number" if level == 0 else "List Number 2")
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{NUM_ID}"/>'
            "</w:numPr>"
        )
    )


def _cell(cell: _Cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    cell.text = ""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _targets_table(document: DocxDocument) -> None:
    table = document.add_table(rows=2, cols=5)
    table.style = "Table Grid"
    top, second = table.rows[0].cells, table.rows[1].cells
    for i, text in enumerate(("STT", "Chỉ tiêu", "Đơn vị tính")):
        merged = top[i].merge(second[i])  # vertical merge over the two header rows
        _cell(merged, text, bold=True, center=True)
    results = top[3].merge(top[4])  # "Kết quả" spans "Thực hiện 2025" and "Mục tiêu 2030"
    _cell(results, "Kết quả", bold=True, center=True)
    _cell(second[3], "Thực hiện 2025", bold=True, center=True)
    _cell(second[4], "Mục tiêu 2030", bold=True, center=True)
    for row in TABLE_ROWS:
        cells = table.add_row().cells
        if len(row) == 2:  # a group row: its title spans the four other columns
            _cell(cells[0], row[0], bold=True, center=True)
            _cell(cells[1].merge(cells[4]), row[1], bold=True)
            continue
        for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
            _cell(cell, text, center=i != 1)


def build_docx() -> bytes:
    document = docx.Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    _add_list_numbering(document)
    for text in HEADER_LEFT + HEADER_RIGHT:
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("KẾ HOẠCH").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(TITLE).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(INTRO)

    document.add_heading("I. MỤC ĐÍCH, YÊU CẦU", level=1)
    document.add_paragraph(
        "Cụ thể hóa Nghị quyết Đại hội Đảng bộ phường thành các chỉ tiêu, nhiệm vụ, giải pháp "
        "sát với thực tiễn; phát huy vai trò tiên phong, gương mẫu của cán bộ, đảng viên."
    )
    document.add_paragraph(
        "Phấn đấu 100% cán bộ, công chức phường và ít nhất 90% đảng viên trong Đảng bộ được "
        "học tập, quán triệt nội dung Kế hoạch."
    )

    document.add_heading("II. CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030", level=1)
    document.add_paragraph("Các chỉ tiêu chủ yếu của phường như sau:")
    _targets_table(document)

    document.add_heading("III. NHIỆM VỤ, GIẢI PHÁP", level=1)
    for level, text in SOLUTIONS:
        _numbered(document, text, level)

    document.add_heading("IV. TỔ CHỨC THỰC HIỆN", level=1)
    for heading, paragraphs in DUTIES:
        document.add_heading(heading, level=2)
        for text in paragraphs:
            document.add_paragraph(text)
    for text in CLOSING:
        document.add_paragraph(text)

    props = document.core_properties
    props.author = props.last_modified_by = "Văn phòng Đảng ủy phường Lê Chân"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same package with fixed entry times, so a rebuild gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 4, 8, 8, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# 2. The PDF, from its source text.


def build_pdf(source: Path) -> bytes:
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    try:
        import weasyprint
    except ImportError:
        return _pdf_with_libreoffice(lines)
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = (
        '<html><head><meta charset="utf-8"><title>Kế hoạch</title>'
        "<style>@page { size: A4; margin: 20mm 20mm 20mm 30mm }"
        " body { font-family: 'DejaVu Serif', 'Liberation Serif', serif; font-size: 12pt }"
        " p { margin: 0 0 6pt 0; text-align: justify }</style></head>"
        f"<body>{body}</body></html>"
    )
    return weasyprint.HTML(string=page).write_pdf()


def _pdf_with_libreoffice(lines: list[str]) -> bytes:
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ke_hoach_pdf.docx"
        document.save(str(path))
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(path)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return (Path(tmp) / "ke_hoach_pdf.pdf").read_bytes()


# --------------------------------------------------------------------------------------------
# 3. A plan saved by an editor that writes a BOM and CRLF.

BOM_CRLF_TEXT = """\
ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG
ĐẢNG ỦY XÃ NGUYÊN GIÁP
*
Số 22-KH/ĐU

ĐẢNG CỘNG SẢN VIỆT NAM

Nguyên Giáp, ngày 10 tháng 4 năm 2026

KẾ HOẠCH
tuyên truyền, vận động bảo vệ môi trường và bảo đảm an toàn thực phẩm trên địa bàn xã

Căn cứ tình hình thực tế của địa phương, Ban Thường vụ Đảng ủy xã xây dựng Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

Nâng cao nhận thức, trách nhiệm của cán bộ, đảng viên và Nhân dân trong bảo vệ môi trường, \
bảo đảm an toàn thực phẩm.

Phấn đấu 100% cán bộ chủ chốt, trên 90% đảng viên và ít nhất 80% hộ gia đình được tuyên \
truyền, phổ biến nội dung Kế hoạch.

II. NỘI DUNG

1. Chỉ tiêu

(1) Tỷ lệ chất thải rắn sinh hoạt được phân loại tại nguồn đạt ít nhất 70% vào năm 2027.
(2) Tỷ lệ hộ dân sử dụng nước sạch theo quy chuẩn đạt 100%.
(3) Diện tích cây xanh công cộng bình quân đạt 8 m2/người.
(4) Giảm 30% lượng túi ni lông khó phân hủy sử dụng tại các chợ so với năm 2025.
(5) Hằng năm kiểm tra tối thiểu 200 hộ kinh doanh thực phẩm.

2. Nội dung tuyên truyền

Hệ thống truyền thanh xã mỗi tuần phát ít nhất 02 chương trình về an toàn thực phẩm, bảo vệ \
môi trường.

Tuyên truyền, hướng dẫn Nhân dân phân loại rác thải tại nguồn, hạn chế sử dụng sản phẩm nhựa \
dùng một lần.

III. TỔ CHỨC THỰC HIỆN

1. Ủy ban nhân dân xã
Xây dựng kế hoạch kiểm tra an toàn thực phẩm, hoàn thành trong tháng 6/2026.

2. Ủy ban MTTQ và các tổ chức chính trị - xã hội
Vận động đoàn viên, hội viên tham gia thực hiện; báo cáo kết quả về Ban Thường vụ Đảng ủy \
trước ngày 15/11/2026.

Nơi nhận:
- Ban Thường vụ Thành ủy (để b/c),
- Lưu VPĐU.

T/M BAN THƯỜNG VỤ
BÍ THƯ

Ngô Thị Lan
"""


def build_bom_crlf() -> bytes:
    return b"\xef\xbb\xbf" + BOM_CRLF_TEXT.replace("\n", "\r\n").encode("utf-8")


def main() -> int:
    (HERE / "phuong_docx_table.docx").write_bytes(build_docx())
    (HERE / "ke_hoach_pdf.pdf").write_bytes(build_pdf(HERE / "ke_hoach_pdf.source.txt"))
    (HERE / "bom_crlf.txt").write_bytes(build_bom_crlf())
    for name in ("phuong_docx_table.docx", "ke_hoach_pdf.pdf", "bom_crlf.txt"):
        print(f"{name}: {(HERE / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
