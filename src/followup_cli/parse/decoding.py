"""Bytes to text for pages published in UTF-8, Shift_JIS (really Windows-31J) or EUC-JP.

libxml2 is not trusted with the bytes: on a page declared Shift_JIS that uses
Windows-31J characters (①, ㈱, ～) it gives up on the whole page. We decode
ourselves, strictly, and hand lxml text. A page that no candidate decodes is an
error: mojibake passed on as data would be silent loss.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from followup_cli.errors import DecodeError, NotAFollowupPageError

# Pages declared Shift_JIS are in practice written by Windows tools, so they
# hold Windows-31J extensions; cp932 is the codec that reads both.
_ENCODING_ALIASES: dict[str, str] = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "s-jis": "cp932",
    "ms_kanji": "cp932",
    "csshiftjis": "cp932",
    "windows-31j": "cp932",
    "cp932": "cp932",
    "ms932": "cp932",
    "euc-jp": "euc_jp",
    "x-euc-jp": "euc_jp",
    "eucjp": "euc_jp",
    "euc_jp": "euc_jp",
    "cseucpkdfmtjapanese": "euc_jp",
    "iso-2022-jp": "iso2022_jp_ext",
    "csiso2022jp": "iso2022_jp_ext",
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
}

# Tried in this order when nothing is declared, or when the declaration lies.
_CANDIDATES: tuple[str, ...] = ("utf-8", "cp932", "euc_jp")

_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]{1,40})""",
)

# Words every follow-up page holds; a decoding that yields them is the right one.
_EVIDENCE = ("外部評価", "担当課", "方向性", "意見")

_SNIFF_BYTES = 4096
# Bytes no text file holds: C0 controls other than tab, newlines, form feed, CR.
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
# Bytes XML cannot hold: every C0 control but tab, line feed and carriage return.
_UNREPRESENTABLE_BYTES = bytes([*range(9), 11, 12, *range(14, 32)])
_UNREPRESENTABLE_SINGLE = tuple(bytes([byte]) for byte in _UNREPRESENTABLE_BYTES)
_PLAUSIBILITY_SAMPLE = 32_768
_HIRAGANA = re.compile("[\u3041-\u3096]")
_HALFWIDTH_KATAKANA = re.compile("[\uff61-\uff9f]")


class DecodedPage(NamedTuple):
    text: str
    encoding: str
    # Set when the page declared one encoding but is written in another.
    note: str | None = None
    # Control bytes taken out before decoding (see strip_control_bytes).
    removed_controls: int = 0
    # For UTF-8 pages, the bytes ``text`` was decoded from: libxml2 reads them
    # without the round trip through a Python string.
    utf8: bytes | None = None


def declared_encoding(data: bytes) -> str | None:
    """The charset named in a <meta> or XML declaration near the top, as written."""
    # Lowered first: a case-blind pattern costs several times more per byte.
    match = _DECLARED_CHARSET.search(data[:_SNIFF_BYTES].lower())
    if not match:
        return None
    raw = match.group(1) or match.group(2)
    return raw.decode("ascii").strip().lower()


def _codec_for(label: str) -> str | None:
    if label in _ENCODING_ALIASES:
        return _ENCODING_ALIASES[label]
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _evidence(text: str) -> int:
    return sum(1 for word in _EVIDENCE if word in text)


def _plausibility(text: str) -> tuple[int, int]:
    """Rank decodings: follow-up label words first, then kana that real Japanese holds."""
    evidence = _evidence(text)
    sample = text[:_PLAUSIBILITY_SAMPLE]
    hiragana = len(_HIRAGANA.findall(sample))
    # Half-width katakana is what EUC-JP bytes turn into when read as cp932.
    halfwidth = len(_HALFWIDTH_KATAKANA.findall(sample))
    return evidence, hiragana - 2 * halfwidth


def strip_control_bytes(data: bytes) -> tuple[bytes, int]:
    """The bytes without C0 control characters (tab and newlines kept), and how many went.

    They are never page text, XML (so lxml) cannot hold them, and as escape
    sequences they would act on a terminal. In UTF-8, Shift_JIS and EUC-JP no
    multi-byte character contains these bytes, so removing them from the raw
    bytes is exact, and far cheaper than a pass over the decoded text.
    """
    # A memchr per control byte finds none far sooner than translate() copies
    # the page a byte at a time, and the usual page has none.
    if not any(control in data for control in _UNREPRESENTABLE_SINGLE):
        return data, 0
    stripped = data.translate(None, _UNREPRESENTABLE_BYTES)
    return stripped, len(data) - len(stripped)


# What the first bytes of a file say it is, when it is not a page at all.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office document (Excel or Word, .xls/.doc)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"WARC/", "a WARC web archive"),
)
# Inside a ZIP container, the first entry's name says which Office format it is.
_ZIP_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"xl/", "an Excel workbook (.xlsx)"),
    (b"word/", "a Word document (.docx)"),
    (b"ppt/", "a PowerPoint presentation (.pptx)"),
    (b"mimetypeapplication/vnd.oasis.opendocument", "an OpenDocument file (.ods/.odt)"),
)


def file_kind(data: bytes) -> str | None:
    """What kind of non-page file the bytes are, by their signature; None for text."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data.startswith(b"PK\x03\x04"):
        head = data[:4096]
        for marker, kind in _ZIP_KINDS:
            if marker in head:
                return kind
        return "a ZIP archive"
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        return "a WebP image"
    return None


def _looks_binary(data: bytes) -> bool:
    # A stray NUL or escape in a page is removed with a warning; a file that is
    # mostly control bytes is no page at all.
    head = data[:_SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) // 10


def decode_page(data: bytes, source: str) -> DecodedPage:
    """Decode a page's bytes, or raise a FollowupError naming what is wrong."""
    if not data or data.isspace():
        raise NotAFollowupPageError(source, "the file is empty")
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            # UTF-16 is the one encoding whose bytes hold NULs and controls by
            # design: its text is checked after decoding instead.
            return DecodedPage(_decode_with_bom(data[len(bom) :], encoding, source), encoding)
    kind = file_kind(data)
    if kind is not None:
        raise NotAFollowupPageError(source, f"this is {kind}, not an HTML page")
    has_utf8_bom = data.startswith(codecs.BOM_UTF8)
    if has_utf8_bom:
        data = data[len(codecs.BOM_UTF8) :]
    elif _looks_binary(data):
        raise DecodeError(source, "this is a binary file, not an HTML page")
    if _ISO_2022_JP_SHIFT in data and not has_utf8_bom:
        iso = _decode_iso_2022_jp(data)
        if iso is not None:
            return iso
    data, removed = strip_control_bytes(data)
    if has_utf8_bom:
        return DecodedPage(_decode_with_bom(data, "utf-8", source), "utf-8", None, removed, data)

    return _decode_without_bom(data, source, removed)


def _decode_without_bom(data: bytes, source: str, removed: int) -> DecodedPage:
    """Text without a BOM: the declared charset if it holds, else the best candidate."""
    label = declared_encoding(data)
    declared = _codec_for(label) if label else None
    if declared is not None and declared != "utf-8":
        # Bytes that are valid UTF-8 with Japanese in them are UTF-8 whatever
        # an old template's <meta> says: read as Shift_JIS they would decode,
        # wrongly, into mojibake.
        as_utf8 = _try_decode(data, "utf-8")
        if as_utf8 is not None and not as_utf8.isascii():
            return DecodedPage(
                as_utf8,
                "utf-8",
                f"the page declares charset {label!r} but is written in utf-8",
                removed,
                data,
            )
    if declared is not None:
        text = _try_decode(data, declared)
        if text is not None:
            return DecodedPage(text, declared, None, removed, data if declared == "utf-8" else None)

    decoded: list[tuple[str, str]] = []
    for candidate in _CANDIDATES:
        text = _try_decode(data, candidate)
        if text is None:
            continue
        decoded.append((candidate, text))
        # UTF-8 is strict enough that bytes which pass it are UTF-8, and a
        # legacy decoding that yields the follow-up labels is the right one.
        if candidate == "utf-8" or _evidence(text) >= 2:
            break
    if not decoded:
        declared_note = f"the declared {label!r}, " if label else ""
        raise DecodeError(
            source,
            f"cannot decode the page as {declared_note}UTF-8, Shift_JIS (Windows-31J) or EUC-JP; "
            "it may be damaged or in another encoding (save it again as UTF-8)",
        )
    # Between the two legacy encodings the bytes often pass both: the text decides.
    encoding, best = max(decoded, key=lambda pair: _plausibility(pair[1]))
    note = None
    if label is not None:
        note = f"the page declares charset {label!r} but is written in {encoding}"
    return DecodedPage(best, encoding, note, removed, data if encoding == "utf-8" else None)


# ISO-2022-JP (old mail-style pages) shifts into JIS X 0208 with ESC $ B or
# ESC $ @: its ESC bytes are the encoding itself, so they must be decoded
# before control bytes are taken out.
_ISO_2022_JP_SHIFT = b"\x1b$"
_CONTROLS = {code: None for code in range(32) if chr(code) not in "\t\n\r"}


def _decode_iso_2022_jp(data: bytes) -> DecodedPage | None:
    text = _try_decode(data, "iso2022_jp_ext")
    if text is None:
        return None
    cleaned = text.translate(_CONTROLS)
    return DecodedPage(cleaned, "iso-2022-jp", None, len(text) - len(cleaned))


def _decode_with_bom(data: bytes, encoding: str, source: str) -> str:
    text = _try_decode(data, encoding)
    if text is None:
        raise DecodeError(
            source, f"the file starts with a {encoding} byte-order mark but is not valid {encoding}"
        )
    return text
