"""Bytes to text: UTF-8 first, a detected legacy encoding (cp1251, koi8-r ...) second.

Every decode returns the method used, so the capture records how its text was
obtained. Binary content is refused rather than turned into mojibake.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass

from letopis.errors import SourceError
from letopis.sources.provenance import package_version

log = logging.getLogger(__name__)

# Share of characters that may be control characters (other than \t \n \r \f
# \v) before a decoded text counts as binary.
_MAX_CONTROL_SHARE = 0.02
# How much cleaner (charset-normalizer's mess ratio, 0..1) a detected decoding
# must read than the declared charset's to be taken instead of it.
_MESS_MARGIN = 0.05
LIKELY_ENCODINGS = ("cp1251", "koi8_r", "koi8_u", "cp866", "iso8859_5", "cp1252", "iso8859_2")
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENC_RE = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    method: str


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:200_000]
    bad = sum(
        1 for ch in sample
        if ch not in "\t\n\r\f\v" and unicodedata.category(ch) in ("Cc", "Cs", "Co")
    )
    return bad / len(sample)


def _check_textual(text: str, encoding: str) -> None:
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise SourceError(f"binary content: decodes as {encoding} but is mostly control characters")


def decode_text(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` as text.

    Order: a BOM; UTF-16 without a BOM told by its NUL bytes; strict UTF-8
    (valid multi-byte UTF-8 is almost never an accident, and wrong
    ``charset=`` labels are common); the ``declared`` charset (HTTP header,
    XML declaration or HTML meta) when it decodes without error and reads
    no worse than the best detected decoding (:func:`_plausibler_than`);
    then charset-normalizer's best guess among
    :data:`LIKELY_ENCODINGS`, then among all encodings.
    NUL bytes (outside UTF-16/32) and undecodable bytes raise
    :class:`SourceError`.
    """
    if not data:
        return Decoded("", "utf-8", "utf-8 decode")
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise SourceError(f"undecodable: {enc} BOM but invalid data at byte {exc.start}") from None
            _check_textual(text, enc)
            return Decoded(text, enc, f"{enc} decode (BOM)")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise SourceError("binary content (NUL bytes), not text")
        return utf16

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_textual(text, "utf-8")
        return Decoded(text, "utf-8", "utf-8 decode")

    if declared:
        declared_enc = _normalise_encoding(declared)
        if declared_enc and declared_enc not in ("utf-8", "utf_8"):
            try:
                text = data.decode(declared_enc)
            except (UnicodeDecodeError, LookupError):
                log.debug("declared charset %s does not decode; detecting", declared)
            else:
                _check_textual(text, declared_enc)
                better = _plausibler_than(data, declared_enc)
                if better is None:
                    return Decoded(text, declared_enc, f"{declared_enc} decode (declared)")
                return better

    import charset_normalizer

    # The sources are Ukrainian, Russian and English: legacy Cyrillic and
    # Western code pages first (free detection calls short cp1251 text Big5),
    # then any encoding charset-normalizer knows.
    best = charset_normalizer.from_bytes(data, cp_isolation=list(LIKELY_ENCODINGS)).best()
    if best is None or not best.encoding:
        best = charset_normalizer.from_bytes(data).best()
    if best is None or not best.encoding:
        raise SourceError("undecodable: not UTF-8 and no encoding detected")
    enc = best.encoding
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        raise SourceError(f"undecodable: detected {enc} but it does not decode") from None
    _check_textual(text, enc)
    method = f"charset-normalizer {package_version('charset-normalizer')} ({enc})"
    log.info("decoded with detected encoding %s", enc)
    return Decoded(text, enc, method)


def _plausibler_than(data: bytes, declared: str) -> Decoded | None:
    """A detected decoding that reads clearly better than the declared charset's, or None.

    A declared charset that decodes without error is not yet right: a
    Cyrillic page labelled windows-1252 or koi8-r decodes to mojibake without
    one invalid byte. charset-normalizer measures how "messy" each candidate
    decoding reads (0: plausible text); the declared charset is kept unless
    another one among :data:`LIKELY_ENCODINGS` reads at least
    :data:`_MESS_MARGIN` cleaner (a declared charset too messy to be listed
    at all counts as messy as can be).
    """
    import charset_normalizer

    candidates = list(dict.fromkeys([declared, *LIKELY_ENCODINGS]))
    results = charset_normalizer.from_bytes(data, cp_isolation=candidates)
    best = results.best()
    if best is None or not best.encoding or _normalise_encoding(best.encoding) == declared:
        return None
    declared_mess = min((m.chaos for m in results if _normalise_encoding(m.encoding) == declared), default=1.0)
    if declared_mess - best.chaos < _MESS_MARGIN:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if _control_share(text) > _MAX_CONTROL_SHARE:
        return None
    log.info("declared charset %s reads as mojibake (mess %.2f); %s reads cleanly (%.2f)",
             declared, declared_mess, best.encoding, best.chaos)
    method = (f"charset-normalizer {package_version('charset-normalizer')} ({best.encoding}; "
              f"declared {declared} reads as mojibake)")
    return Decoded(text, best.encoding, method)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 told by where its NUL bytes fall, or None.

    Text in UTF-16 has a NUL as the high byte of every ASCII character
    (spaces, digits, punctuation, Latin letters) and none elsewhere in
    Cyrillic: so the NULs sit (almost) all on odd offsets (little-endian) or
    all on even ones (big-endian). Binary data has them on both. The
    decoded text must also pass the control-character check.
    """
    if len(data) % 2:
        return None
    sample = data[:200_000]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    pairs = len(sample) // 2
    for nuls, other, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= pairs * 0.05 and other <= nuls * 0.01:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            if _control_share(text) > _MAX_CONTROL_SHARE:
                return None
            return Decoded(text, enc, f"{enc} decode (no BOM; told by its NUL bytes)")
    return None


def _normalise_encoding(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def sniff_declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset a document declares: HTTP content type, XML declaration or HTML meta."""
    if content_type:
        m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
        if m:
            return m.group(1)
    head = data[:4096]
    found = _XML_ENC_RE.search(head.lstrip()) or _CHARSET_RE.search(head)
    if found:
        return found.group(1).decode("ascii", "replace")
    return None


_IANA = {
    "utf_8": "utf-8", "utf-8": "utf-8", "utf-8-sig": "utf-8", "utf_8_sig": "utf-8",
    "utf-16": "utf-16", "utf_16": "utf-16", "utf-32": "utf-32", "utf_32": "utf-32",
    "cp1251": "windows-1251", "cp1252": "windows-1252", "cp1250": "windows-1250",
    "koi8_r": "koi8-r", "koi8-r": "koi8-r", "koi8_u": "koi8-u", "koi8-u": "koi8-u",
    "cp866": "ibm866", "mac_cyrillic": "x-mac-cyrillic", "iso8859_5": "iso-8859-5",
    "latin_1": "iso-8859-1", "iso8859_1": "iso-8859-1", "ascii": "us-ascii",
}


def iana_charset(encoding: str) -> str:
    """The MIME charset label for a Python codec name (``cp1251`` -> ``windows-1251``)."""
    key = encoding.lower()
    return _IANA.get(key, _IANA.get(key.replace("-", "_"), key.replace("_", "-")))
