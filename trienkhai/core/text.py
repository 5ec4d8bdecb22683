"""Normalising Vietnamese text and comparing it the way users expect.

Input arrives in NFC from browsers, NFD from macOS and some Word files, with non-breaking
spaces pasted from documents, and with the tone mark on either vowel ("hoà" or "hòa", "uỷ" or
"ủy") depending on the writer's habit. Stored text is normalised to NFC; comparisons go
through a key so these variants never look like different words.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit

__all__ = ["clean_text", "link_key", "nfc", "same_text", "search_key", "text_key"]

# Non-breaking and fixed-width spaces come from Word and PDF copies; elsewhere they break
# splitting on " " and make equal strings differ.
_SPACE_LIKE = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u2007": " ",  # figure space
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",  # thin space
        "\u200a": " ",  # hair space
        "\u3000": " ",  # ideographic space
        "\ufeff": "",  # BOM / zero-width no-break space, invisible and never meaningful
        "\u200b": "",  # zero-width space
    }
)

_WHITESPACE_RUN = re.compile(r"\s+")

# The five Vietnamese tone marks as combining characters. The other Vietnamese marks
# (circumflex, breve, horn) change the letter and stay with it; only these move between
# vowels depending on the old or new orthography.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def nfc(s: str) -> str:
    """Return ``s`` in NFC with non-breaking and odd spaces made ordinary spaces.

    Content is otherwise untouched: no stripping, no collapsing, line breaks kept.
    """
    return unicodedata.normalize("NFC", s.translate(_SPACE_LIKE))


def clean_text(s: str) -> str:
    """NFC, then every run of whitespace (line breaks included) becomes one space, stripped.

    For single-line values (names, titles, cells of a table); keep ``nfc`` for text whose
    line breaks matter.
    """
    return _WHITESPACE_RUN.sub(" ", nfc(s)).strip()


def search_key(s: str) -> str:
    """Key for searching: lower case, no diacritics (đ → d), whitespace collapsed.

    ``search_key("Thành uỷ") == search_key("Thành ủy") == "thanh uy"``. Dropping every
    mark also makes the key independent of where the tone mark was placed.
    """
    decomposed = unicodedata.normalize("NFD", clean_text(s).lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # đ is a letter of its own, not d plus a combining mark, so NFD leaves it alone.
    return bare.replace("đ", "d")


def text_key(s: str) -> str:
    """Key that keeps diacritics but ignores case, spacing and tone-mark placement.

    Each word's tone mark is moved to the end of the word, so "hoà" and "hòa" give the same
    key while "Bắc" and "Bác" stay different. The key is for comparison only (it is NFD with
    marks in unusual places), never for display.
    """
    decomposed = unicodedata.normalize("NFD", clean_text(s).lower())
    out: list[str] = []
    tones: list[str] = []
    for ch in decomposed:
        if ch in _TONE_MARKS:
            tones.append(ch)
        elif ch.isalnum() or unicodedata.combining(ch):
            out.append(ch)
        else:
            out.extend(tones)
            tones.clear()
            out.append(ch)
    out.extend(tones)
    return "".join(out)


def same_text(a: str, b: str, *, ignore_diacritics: bool = False) -> bool:
    """Whether two texts say the same thing up to case, spacing and tone-mark placement.

    Diacritics count by default because "Bắc" and "Bác" are different words; pass
    ``ignore_diacritics=True`` to compare as a search would.
    """
    if ignore_diacritics:
        return search_key(a) == search_key(b)
    return text_key(a) == text_key(b)


# A link shared on Zalo or Facebook carries tracking parameters that name no other article.
_TRACKING = ("utm_", "fbclid", "gclid", "zarsrc")


def link_key(link: str) -> str:
    """The link as two entries of the same article compare: `https://www.a.vn/x/?utm_source=z`
    and `http://a.vn/x` are one."""
    link = link.strip()
    if not link:
        return ""
    parts = urlsplit(link if "://" in link else f"http://{link}")
    host = parts.netloc.lower().removeprefix("www.")
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING)]
    key = f"{host}{parts.path.rstrip('/')}"
    return f"{key}?{urlencode(sorted(query))}" if query else key
