"""Turn a plan file (.txt, .docx, .pdf with a text layer) into numbered lines of NFC text.

Every later stage works on ``Line`` objects, so a figure can always be traced back to the
line of the file it came from. Paragraphs broken in two (a page break inside "tỷ ⏎⏎ trọng",
or a PDF wrapping every visual line) are joined here, keeping the first line's number.
A Word file is read by ``docx_reader`` (automatic numbering, merged cells); its target
tables come with the lines (``Reading.tables``), their rows as lines of their own.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from trienkhai.core.errors import gettext_noop as _
from trienkhai.core.text import nfc
from trienkhai.plans.parser.errors import PlanParseError, too_large
from trienkhai.plans.parser.lines import Line

if TYPE_CHECKING:
    from trienkhai.plans.parser.tables import TargetTable

MAX_BYTES = 20 * 1024 * 1024

_WS = re.compile(r"\s+")
# A line ending one of these closes its sentence; the next line starts a new paragraph.
_SENTENCE_END = ".;:!?…"
_CLOSING_QUOTES = "”\"'’)]»*"
# Markers that always begin a new block, even when a PDF line before them looks unfinished.
_STRUCTURE = re.compile(
    r"^(?:[IVX]{1,4}\.\s|\d{1,2}(?:\.\s?\d{1,2})*\.\s|\(\d{1,3}\)|[a-zđ]\)\s|[-+•–—*]\s?)"
)
# A numbered heading ("2.2. Đổi mới…", "II. NỘI DUNG") never runs on into a capitalised line.
_HEADING = re.compile(r"^(?:[IVX]{1,4}\.\s|\d{1,2}(?:\.\s?\d{1,2})*\.\s)")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,;:.!?])(?=\s|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_PAGE_NUMBER = re.compile(r"^[-–\s]*\d{1,3}[-–\s]*$")


@dataclass
class Reading:
    """A file's lines, and the target tables whose rows are some of them (Word only)."""

    lines: list[Line]
    tables: list[TargetTable] = field(default_factory=list)


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _is_upper_line(text: str) -> bool:
    # str.isupper: every cased letter is a capital, and there is at least one.
    return text.isupper()


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSING_QUOTES + " ")
    return not stripped or stripped[-1] in _SENTENCE_END


def _joinable(prev: str, nxt: str, *, reflow: bool, typical: int) -> bool:
    """Whether ``nxt`` continues the paragraph whose last physical line is ``prev``."""
    if _is_upper_line(prev) or _STRUCTURE.match(nxt):
        return False
    first = nxt[0]
    lower = first.isalpha() and first.islower()
    if reflow and lower:
        # A PDF line may end on ";" or ":" in mid-paragraph; a lower-case start continues it.
        return not prev.rstrip(_CLOSING_QUOTES + " ").endswith((".", "!", "?", "…"))
    if _ends_sentence(prev):
        return False
    if lower:
        return True
    # A PDF wraps every visual line: a long unfinished line continues on the next one,
    # while a short one (a heading, the last line of a paragraph) stands alone.
    return reflow and len(prev) >= 0.85 * typical


def _glue(head: str, tail: str) -> str:
    # "20-" ⏎ "CTr/TU" was one token broken at the hyphen: no space, or masking misses it.
    if len(head) >= 2 and head[-1] in "-/" and not head[-2].isspace():
        return head + tail
    return f"{head} {tail}"


def join_lines(raw: list[str], *, reflow: bool = False, fixed: Collection[int] = ()) -> list[Line]:
    """Number the raw lines from 1, drop blank ones and join broken sentences.

    A line whose number is in ``fixed`` (a heading by style, a row of a target table)
    stands alone: it is never joined to the line before or after it.
    """
    numbered = [(i + 1, _clean(text)) for i, text in enumerate(raw)]
    numbered = [(no, text) for no, text in numbered if text]
    if reflow:
        # PDF text layers put a space before punctuation that follows a font change.
        numbered = [
            (no, _SPACE_BEFORE_PUNCT.sub(r"\1", text))
            for no, text in numbered
            if not _PAGE_NUMBER.match(text)
        ]
    lengths = sorted(len(text) for _no, text in numbered)
    typical = lengths[int(len(lengths) * 0.9)] if lengths else 0
    out: list[Line] = []
    last = ""  # the last physical line of the paragraph being built
    for no, text in numbered:
        alone = no in fixed or (out and out[-1].no in fixed)
        if out and (alone or (_HEADING.match(out[-1].text) and not text[0].islower())):
            out.append(Line(no, text))
        elif out and _joinable(last, text, reflow=reflow, typical=typical):
            out[-1] = Line(out[-1].no, _glue(out[-1].text, text))
        else:
            out.append(Line(no, text))
        last = text
    return out


def lines_from_text(text: str) -> list[Line]:
    """Lines of a plain text: NFC, any line ending (CRLF, CR, LF, U+2028…)."""
    return join_lines(nfc(text).splitlines())


def _decode(data: bytes, name: str) -> str:
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise PlanParseError(
            _(
                "Không đọc được tệp “%(name)s”: đây không phải văn bản UTF-8, .docx hay PDF "
                "(có thể là tệp nhị phân hoặc văn bản mã cũ TCVN3/VNI)."
            )
            % {"name": name}
        ) from exc
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise PlanParseError(
            _("Tệp “%(name)s” chứa dữ liệu nhị phân, không phải văn bản kế hoạch.") % {"name": name}
        )
    return text


def _read_docx(data: bytes, name: str) -> Reading:
    from trienkhai.core.files import UploadRejected, check_archive

    try:
        archive = check_archive(data, name=name)
    except UploadRejected as exc:
        raise PlanParseError(exc.message) from exc
    if "word/document.xml" not in archive.namelist():
        raise PlanParseError(
            _("Tệp “%(name)s” là tệp nén nhưng không phải tệp Word (.docx).") % {"name": name}
        )
    from trienkhai.plans.parser.docx_reader import read_docx

    try:
        content = read_docx(data)
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise PlanParseError(
            _("Tệp Word “%(name)s” bị hỏng, không đọc được nội dung.") % {"name": name}
        ) from exc
    raw = [piece.text for piece in content.pieces]
    fixed = {i + 1 for i, piece in enumerate(content.pieces) if piece.fixed}
    for i, piece in enumerate(content.pieces):
        if piece.table is not None:
            piece.table.line_nos[piece.row] = i + 1
    return Reading(join_lines(raw, fixed=fixed), content.tables)


def _pdf_texts(data: bytes, name: str) -> list[str]:
    import pypdf

    # pypdf logs every repair it attempts; the user gets one clear message instead.
    pdf_logger = logging.getLogger("pypdf")
    level = pdf_logger.level
    pdf_logger.setLevel(logging.CRITICAL)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PlanParseError(
                _("Tệp PDF “%(name)s” có mật khẩu, không đọc được.") % {"name": name}
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except PlanParseError:
        raise
    except Exception as exc:  # pypdf raises many kinds on a broken file
        raise PlanParseError(
            _("Tệp PDF “%(name)s” bị hỏng, không đọc được nội dung.") % {"name": name}
        ) from exc
    finally:
        pdf_logger.setLevel(level)
    text = nfc("\n".join(pages))
    if sum(1 for ch in text if ch.isalpha()) < 20:
        raise PlanParseError(
            _(
                "Không đọc được “%(name)s”: tệp PDF không có lớp chữ (có thể là bản "
                "chụp/scan): hãy dùng tệp .docx hoặc PDF xuất trực tiếp từ Word."
            )
            % {"name": name}
        )
    return text.splitlines()


def read_lines(data: bytes, name: str) -> list[Line]:
    """The lines of a plan file (see ``read_file``)."""
    return read_file(data, name).lines


def read_file(data: bytes, name: str) -> Reading:
    """Read a plan file's bytes; its kind is decided by content, the name only sharpens errors."""
    shown = PurePath(name or _("tệp")).name
    if not data or not data.strip():
        raise PlanParseError(_("Tệp “%(name)s” rỗng, không có nội dung để đọc.") % {"name": shown})
    if len(data) > MAX_BYTES:
        raise too_large(shown)
    ext = PurePath(shown).suffix.lower()
    tables: list[TargetTable] = []
    if data.startswith(b"%PDF-"):
        lines = join_lines(_pdf_texts(data, shown), reflow=True)
    elif data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        reading = _read_docx(data, shown)
        lines, tables = reading.lines, reading.tables
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise PlanParseError(
            _("Tệp “%(name)s” là định dạng Word cũ (.doc): hãy lưu lại thành .docx rồi tải lên.")
            % {"name": shown}
        )
    elif ext in {".docx", ".pdf", ".doc"}:
        raise PlanParseError(
            _("Tệp “%(name)s” không phải tệp %(ext)s thật (nội dung không khớp).")
            % {"name": shown, "ext": ext}
        )
    else:
        lines = lines_from_text(_decode(data, shown))
    if not any(ch.isalpha() for line in lines for ch in line.text):
        raise PlanParseError(
            _("Tệp “%(name)s” không có chữ nào để đọc thành kế hoạch.") % {"name": shown}
        )
    return Reading(lines, tables)
