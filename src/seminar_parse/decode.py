"""Stage 1: bytes → text, with the detected encoding and the repairs that were needed.

Strict UTF-8 (and BOMs) first because most input is UTF-8 and detection can only lose there;
charset-normalizer for the rest (GBK/GB18030, Big5, UTF-16, cp1252...); then ftfy for mojibake
and HTML entities, configured to keep full-width punctuation and digits as printed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from seminar_parse import patcache
from seminar_parse.errors import InputError
from seminar_parse.fastre import gated

# Signatures of common binary formats, so the error can say what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset-normalizer names → the superset codec we decode with (GB2312/GBK text is valid GB18030).
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "ascii": "utf-8",
             "latin_1": "cp1252", "iso8859_1": "cp1252"}
# ftfy's step names → the words the record uses in ``source.repairs``.
_REPAIR_NAMES = {
    "unescape_html": "html-entities",
    "remove_terminal_escapes": "terminal-escapes",
    "restore_byte_a0": "mojibake",
    "replace_lossy_sequences": "mojibake",
    "decode_inconsistent_utf8": "mojibake",
    "fix_c1_controls": "control-characters",
    "fix_latin_ligatures": "ligatures",
    "fix_line_breaks": "line-breaks",
    "fix_surrogates": "surrogates",
    "remove_control_chars": "control-characters",
    "encode": "mojibake",
    "decode": "mojibake",
    "transcode": "mojibake",
}
_MAX_BAD_CONTROL_RATIO = 0.05
# Code pages charset-normalizer proposes for short Western European texts ("Muñoz", "Lefèvre") that
# cp1252 reads better; Cyrillic, Greek, Hebrew, Arabic and CJK guesses are left alone.
_WESTERN_LOOKALIKES = frozenset({"cp1250", "iso8859_2", "cp1257", "iso8859_13", "iso8859_4", "iso8859_10",
                                 "iso8859_15", "iso8859_16", "mac_latin2", "mac_roman", "cp850", "cp858",
                                 "latin_1", "iso8859_1", "cp1254", "iso8859_9", "iso8859_3"})
# What ftfy fixes leaves traces: a UTF-8 lead byte read as Latin-1/cp1252 ("Ã©", "â€“", "ä¸­") followed by a
# continuation byte read the same way, an HTML entity, or control codes. Text without any (plain English,
# "Zoë", Chinese with full-width punctuation) skips ftfy, which costs about a millisecond a page.
_MAY_NEED_REPAIR = gated(
    r"[\u00c2-\u00ef][\u0080-\u00bf\u0152-\u02dc\u2013-\u203a\u20ac\u2122]"
    r"|&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,9});|[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_CONTROL = patcache.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Cc without tab, newline, CR, FF, VT
# An ampersand escaped again and again ("&amp;amp;amp;lt;", from a page through several CMSs): ftfy unescapes
# one level a pass, so 50,000 levels took 50,000 passes over the text. The run becomes one level; ftfy then
# reads it as before ("&amp;lt;" → "<"). Possessive: a long run of "amp;" is read once.
_NESTED_AMPERSAND = patcache.compile(r"&(?:amp;|#0{0,8}38;|#[xX]0{0,8}26;){2,}+", re.IGNORECASE)
_LONE_SURROGATE = patcache.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    repairs: tuple[str, ...]
    warnings: tuple[str, ...] = ()  # what decoding could not keep: "2 bytes that are not valid UTF-8 ..."


def decode(data: bytes, path: str) -> Decoded:
    """Decode ``data`` (read from ``path``, named in errors) into repaired text."""
    if not data:
        raise InputError(path, "empty file")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"binary file ({what}), not a text announcement")
    text, encoding, warnings = _to_text(data, path)
    if not text.strip():
        raise InputError(path, "no text (only whitespace)")
    _reject_binary_looking(text, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # not a repair, just a convention
    if "&" in text:
        text = _NESTED_AMPERSAND.sub("&amp;", text)
    repaired, repairs = _repair(text) if _MAY_NEED_REPAIR.search(text) else (text, ())
    if not repaired.strip():
        raise InputError(path, "no text after repair")
    return Decoded(repaired, encoding, repairs, warnings)


def _to_text(data: bytes, path: str) -> tuple[str, str, tuple[str, ...]]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.removesuffix("-sig"), ()
            except UnicodeDecodeError:
                if codec.startswith("utf-8"):
                    break  # a stray bad byte after a UTF-8 BOM: read as UTF-8 with a bad byte, below
                text, warnings = _bom_text_with_damage(data, codec)
                return text, codec, warnings
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8", ()
        except UnicodeDecodeError:
            if _mostly_utf8(data):
                text = data.decode("utf-8", errors="replace")
                return text, "utf-8", (_replaced(text.count("\ufffd") - data.count("\ufffd".encode()),
                                                 "bytes that are not valid UTF-8"),)
    return (*_detect(data, path), ())


def _bom_text_with_damage(data: bytes, codec: str) -> tuple[str, tuple[str, ...]]:
    """UTF-16/32 with a BOM and a few bad code units (a lone surrogate, a cut last byte): each bad unit
    becomes one U+FFFD and a warning says how many; the rest of the file is kept."""
    try:
        text = data.decode(codec, errors="surrogatepass")  # lone surrogates come through, to be counted
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")
    else:
        bad = len(_LONE_SURROGATE.findall(text))
        text = _LONE_SURROGATE.sub("\ufffd", text)
    return text, (_replaced(bad, f"code units that are not valid {codec.upper()}"),)


def _replaced(count: int, what: str) -> str:
    """"1 code unit that is not valid UTF-16 was replaced by U+FFFD (�)"."""
    if count == 1:
        what = what.replace("units that are", "unit that is").replace("bytes that are", "byte that is")
        return f"1 {what} was replaced by U+FFFD (\ufffd)"
    return f"{max(count, 1)} {what} were replaced by U+FFFD (\ufffd)"


def _mostly_utf8(data: bytes) -> bool:
    """A UTF-8 file with a stray bad byte or two stays UTF-8: guessing a code page for the whole file
    would turn every correct "naïve" into "naĂŻve" to save one character."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good >= 2 * bad and bad <= max(3, len(data) // 1000)


def _detect(data: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # lazy: only non-UTF-8 input pays for it

    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is None or best.encoding is None:
        if b"\x00" in data:
            raise InputError(path, "binary file (contains NUL bytes), not a text announcement")
        raise InputError(path, "cannot tell the text encoding")
    codec = _SUPERSET.get(best.encoding, best.encoding)
    if codec in _WESTERN_LOOKALIKES and _decodes(data, "cp1252"):
        codec = "cp1252"  # single-byte Western text is far more common than its Central European twin
    if b"\x00" in data and not codec.startswith(("utf_16", "utf_32", "utf-16", "utf-32")):
        raise InputError(path, "binary file (contains NUL bytes), not a text announcement")
    return data.decode(codec, errors="replace"), codec.replace("_", "-")


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _reject_binary_looking(text: str, path: str) -> None:
    sample = text[:20_000]
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    if bad > _MAX_BAD_CONTROL_RATIO * len(sample):
        raise InputError(path, "binary or corrupt data (too many control characters)")


def _repair(text: str) -> tuple[str, tuple[str, ...]]:
    import ftfy  # lazy: ftfy's import is a good part of a cold start

    config = ftfy.TextFixerConfig(
        fix_character_width=False,  # keep full-width ：（）１２ as printed
        uncurl_quotes=False,  # keep “quotes” as printed
        fix_latin_ligatures=True,
        normalization="NFC",
        explain=True,
    )
    fixed, steps = ftfy.fix_and_explain(text, config=config)
    repairs: list[str] = []
    for step, name in steps or ():
        label = _REPAIR_NAMES.get(name) or _REPAIR_NAMES.get(step)
        if label and label not in repairs:
            repairs.append(label)
    return fixed, tuple(repairs)
