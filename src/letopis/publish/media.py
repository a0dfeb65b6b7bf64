"""Images and PDFs for the public: copies re-encoded without metadata, and the check that none is left.

A photo or a document a source carried may say more than its pixels and its
text: where and when it was taken (EXIF, GPS), by whom and on which device
(EXIF, XMP, IPTC, a PDF's author and creator fields), a smaller copy of an
earlier crop (an embedded thumbnail), comments and their authors (PDF
annotations). None of it may leave.

* :func:`clean_image` decodes an image and encodes its pixels alone (the EXIF
  orientation applied first, so the copy looks as the original did) into a
  new JPEG, or a PNG when the image has transparency: no EXIF, XMP, IPTC,
  ICC profile, comment, text chunk or thumbnail, nothing after the image's end;
* :func:`clean_pdf` copies a PDF's pages into a new document with pypdf: no
  document information (author, title, creator, producer, dates), no XMP
  anywhere, no annotations (comments carry their authors; links carry
  addresses, a private one among them), actions, attachments, forms,
  outlines, scripts or page thumbnails, no object that nothing in the new
  document refers to (an annotation taken off its page is gone, not left
  behind unreferenced), each JPEG inside with every APP segment but its
  colour information and every comment taken out, and each JPEG 2000 image
  inside with only its image header and codestream, comments taken out
  (:mod:`letopis.publish.jpeg2000`); both losslessly.

:func:`file_problem` reads a written copy back, independently of the code
that wrote it, and says what is still there: a JPEG segment or PNG chunk that
may hold metadata, bytes after the end, a PDF's information dictionary, XMP or
EXIF bytes in any PDF object, an annotation, link, action or attachment, a
JPEG 2000 box or comment that may hold metadata or text, or a private
person's name in a PDF's text. The static site's check refuses the whole
publish on any of these (:mod:`letopis.publish.site.check`).
"""

from __future__ import annotations

import io
import logging
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from letopis.publish.jpeg2000 import jpeg2000_problem, strip_jpeg2000

__all__ = ["CleanCopy", "NotPublishable", "IMAGE_TYPES", "PDF_TYPE", "clean_file", "clean_image", "clean_pdf",
           "pdf_text", "file_problem", "FILE_SUFFIXES"]

log = logging.getLogger(__name__)

IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/tiff", "image/bmp"})
PDF_TYPE = "application/pdf"
FILE_SUFFIXES = (".jpg", ".png", ".pdf")
MAX_PIXELS = 80_000_000  # larger images are not decoded (a decompression bomb is refused, not published)

# Markers in any byte of a PDF that mean metadata is still inside: XMP packets, EXIF blocks, Photoshop blocks.
_METADATA_MARKERS = (b"<x:xmpmeta", b"http://ns.adobe.com/xap/", b"<?xpacket", b"Exif\x00\x00", b"Photoshop 3.0")
# Keys of a PDF page or object that hold metadata, comments or actions, removed from every page and object.
_PAGE_KEYS = ("/Annots", "/Metadata", "/PieceInfo", "/Thumb", "/B", "/AA", "/LastModified", "/StructParents")
_OBJECT_KEYS = ("/Metadata", "/PieceInfo", "/OPI", "/LastModified")
# What the read-back refuses in any object of a copy: metadata, annotations (links), actions, attachments,
# scripts; and the kinds of action (``/S``) and of object (``/Type``) it refuses wherever they are.
_REFUSED_KEYS = ("/Metadata", "/Annots", "/EmbeddedFile", "/EF", "/FS", "/Thumb", "/PieceInfo", "/JS", "/Author",
                 "/A", "/AA", "/URI")
_ACTIONS = frozenset({"/GoTo", "/GoToR", "/GoToE", "/Launch", "/Thread", "/URI", "/Sound", "/Movie", "/Hide",
                      "/Named", "/SubmitForm", "/ResetForm", "/ImportData", "/JavaScript", "/SetOCGState",
                      "/Rendition", "/GoTo3DView"})
_REFUSED_TYPES = frozenset({"/Annot", "/Action", "/Filespec", "/EmbeddedFile"})
_IMAGE_FILTERS = ("/DCTDecode", "/JPXDecode")


class NotPublishable(Exception):
    """A file that cannot be made into a clean copy (damaged, too large, not an image or a PDF): left out."""


@dataclass(frozen=True)
class CleanCopy:
    """A copy fit to publish: its bytes and the suffix of its kind (``.jpg``, ``.png``, ``.pdf``)."""

    data: bytes
    suffix: str


def clean_file(data: bytes, media_type: str) -> CleanCopy:
    """The clean copy of an image or a PDF (raises :class:`NotPublishable`)."""
    if media_type == PDF_TYPE or data.startswith(b"%PDF-"):
        return CleanCopy(clean_pdf(data), ".pdf")
    if media_type in IMAGE_TYPES or media_type.startswith("image/"):
        return clean_image(data)
    raise NotPublishable(f"not an image or a PDF ({media_type})")


# ---------------------------------------------------------------------------------------------- images

def clean_image(data: bytes) -> CleanCopy:
    """The image's pixels alone, as a new JPEG (or PNG, with transparency); see the module's notes."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as opened:
            upright = ImageOps.exif_transpose(opened) or opened
            alpha = upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info)
            mode = "RGBA" if alpha else ("L" if upright.mode in ("1", "L", "I;16") else "RGB")
            converted = upright.convert(mode)
            pixels = Image.frombytes(mode, converted.size, converted.tobytes())  # a new image: no info carried
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError) as error:
        raise NotPublishable(f"the image does not decode ({type(error).__name__})") from None
    out = io.BytesIO()
    if alpha:
        pixels.save(out, "PNG", optimize=True)
        return CleanCopy(out.getvalue(), ".png")
    pixels.save(out, "JPEG", quality=88, optimize=True)
    return CleanCopy(out.getvalue(), ".jpg")


def _jpeg_segments(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(marker, start, end) of each segment of a baseline or progressive JPEG up to and including EOI; the
    entropy-coded data after a SOS belongs to the SOS segment. Raises ValueError on a malformed stream."""
    if not data.startswith(b"\xff\xd8"):
        raise ValueError("no JPEG start marker")
    yield 0xD8, 0, 2
    at = 2
    while at < len(data):
        if data[at] != 0xFF:
            raise ValueError(f"no marker at byte {at}")
        while at + 1 < len(data) and data[at + 1] == 0xFF:  # fill bytes
            at += 1
        marker = data[at + 1] if at + 1 < len(data) else -1
        if marker == 0xD9:
            yield marker, at, at + 2
            return
        if marker < 0 or at + 4 > len(data):
            raise ValueError("the JPEG ends inside a marker")
        (length,) = struct.unpack(">H", data[at + 2:at + 4])
        end = at + 2 + length
        if length < 2 or end > len(data):
            raise ValueError("a JPEG segment runs past the end")
        if marker == 0xDA:  # entropy-coded data up to the next marker that is not a stuffed byte or a restart
            while end < len(data) - 1 and not (data[end] == 0xFF and data[end + 1] not in (0x00, 0xFF)
                                               and not 0xD0 <= data[end + 1] <= 0xD7):
                end += 1
        yield marker, at, end
        at = end
    raise ValueError("the JPEG has no end marker")


def _kept_jpeg_segment(marker: int, body: bytes) -> bool:
    """Is a JPEG segment free of metadata: not an APPn or comment, except JFIF without a thumbnail and Adobe's
    colour-transform segment (which decoding needs)?"""
    if marker == 0xE0:
        return body.startswith(b"JFIF\x00") and len(body) >= 14 and body[12] == 0 and body[13] == 0
    if marker == 0xEE:
        return body.startswith(b"Adobe") and len(body) <= 16
    return not (0xE0 <= marker <= 0xEF or marker == 0xFE)


def strip_jpeg(data: bytes) -> bytes:
    """The JPEG without its metadata segments and without anything after its end, losslessly."""
    kept = []
    for marker, start, end in _jpeg_segments(data):
        if marker in (0xD8, 0xD9) or _kept_jpeg_segment(marker, data[start + 4:end]):
            kept.append(data[start:end])
    return b"".join(kept)


def _jpeg_problem(data: bytes) -> str | None:
    try:
        segments = list(_jpeg_segments(data))
    except ValueError as error:
        return f"not a JPEG as written ({error})"
    for marker, start, end in segments:
        if marker not in (0xD8, 0xD9) and not _kept_jpeg_segment(marker, data[start + 4:end]):
            exif = ", EXIF" if data[start + 4:start + 10] == b"Exif\x00\x00" else ""
            return f"a metadata segment (marker 0x{marker:02X}{exif})"
    if segments[-1][2] != len(data):
        return "bytes after the image's end"
    return None


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEPT = frozenset({b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"pHYs", b"sBIT"})


def _png_problem(data: bytes) -> str | None:
    if not data.startswith(_PNG_SIGNATURE):
        return "not a PNG as written"
    at = len(_PNG_SIGNATURE)
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind = data[at + 4:at + 8]
        if kind not in _PNG_KEPT:
            return f"a {kind.decode('latin-1')} chunk (text or metadata)"
        at += 12 + length
        if kind == b"IEND":
            return None if at == len(data) else "bytes after the image's end"
    return "the PNG has no end chunk"


# ---------------------------------------------------------------------------------------------- PDFs

def clean_pdf(data: bytes) -> bytes:
    """The PDF's pages in a new document without metadata; see the module's notes."""
    import pypdf
    from pypdf.generic import NameObject, StreamObject

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise NotPublishable("the PDF is encrypted")
        writer = pypdf.PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        writer.metadata = None  # no document information dictionary at all (pypdf would add its Producer)
        for page in writer.pages:
            for key in _PAGE_KEYS:
                page.pop(NameObject(key), None)
        _drop_unreferenced(writer)
        for obj in _objects(writer):
            for key in _OBJECT_KEYS:
                obj.pop(NameObject(key), None)
            if isinstance(obj, StreamObject) and _filters(obj) and _filters(obj)[-1] in _IMAGE_FILTERS:
                _strip_image(obj)
        out = io.BytesIO()
        writer.write(out)
    except NotPublishable:
        raise
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        raise NotPublishable(f"the PDF does not read ({type(error).__name__})") from None
    return out.getvalue()


def _strip_image(obj: Any) -> None:
    """A JPEG or JPEG 2000 image stream without its metadata, stored under its image filter alone (filters
    before it, such as Flate, are undone), losslessly; a JPEG 2000 image it cannot read makes the PDF
    :class:`NotPublishable`."""
    from pypdf.generic import DictionaryObject, NameObject

    filters = _filters(obj)
    data = obj._data if len(filters) == 1 else obj.get_data()  # the image filters decode nothing in pypdf
    if filters[-1] == "/DCTDecode":
        data = strip_jpeg(data)
    else:
        try:
            data = strip_jpeg2000(data)
        except ValueError as error:
            raise NotPublishable(f"a JPEG 2000 image in the PDF does not read ({error})") from None
    if len(filters) > 1:
        obj[NameObject("/Filter")] = NameObject(filters[-1])
        parameters = obj.pop(NameObject("/DecodeParms"), None)
        last = parameters[-1] if isinstance(parameters, list) and parameters else None
        if last is not None and isinstance(last.get_object(), DictionaryObject):
            obj[NameObject("/DecodeParms")] = last  # the image filter's own parameters (a JPEG's ColorTransform)
    obj._data = data  # set_data() re-encodes Flate only; /Length is set on writing


def _drop_unreferenced(writer: Any) -> None:
    """Take out of the new document every object its catalogue does not lead to (pypdf writes every object it
    copied: an annotation taken off its page, with its link, would be left behind otherwise)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    reached: set[int] = set()
    todo: list[Any] = [writer.root_object.indirect_reference]
    while todo:
        item = todo.pop()
        if isinstance(item, IndirectObject):
            if item.pdf is writer and item.idnum not in reached:
                reached.add(item.idnum)
                todo.append(writer._objects[item.idnum - 1])
        elif isinstance(item, DictionaryObject):
            todo.extend(item.values())
        elif isinstance(item, ArrayObject):
            todo.extend(item)
    for number in range(1, len(writer._objects) + 1):
        if number not in reached:
            writer._objects[number - 1] = None


def _filters(obj: Any) -> list[str]:
    value = obj.get("/Filter")
    if value is None:
        return []
    return [str(value)] if not isinstance(value, list) else [str(item) for item in value]


def _objects(writer: Any) -> Iterator[Any]:
    """Every dictionary and stream object the written document holds."""
    from pypdf.generic import DictionaryObject

    for item in writer._objects:
        obj = item.get_object() if item is not None else None
        if isinstance(obj, DictionaryObject):
            yield obj


def pdf_text(data: bytes) -> str:
    """The PDF's text layer (empty for a scan); raises :class:`NotPublishable` when it does not read."""
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        raise NotPublishable(f"the PDF's text does not read ({type(error).__name__})") from None


def _pdf_problem(data: bytes, names: Callable[[str], object]) -> str | None:
    import pypdf
    from pypdf.generic import DictionaryObject, StreamObject

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
        if "/Info" in reader.trailer:
            return "a document information dictionary (author, title, creator fields)"
        root = reader.trailer["/Root"].get_object()
        if not isinstance(root, DictionaryObject):
            return "no document catalogue"
        for key in ("/Metadata", "/Names", "/AcroForm", "/Outlines", "/OpenAction", "/AA", "/URI"):
            if key in root:
                return f"the document's {key[1:]}"
        numbers = sorted({n for entries in reader.xref.values() for n in entries} | set(reader.xref_objStm))
        for number in numbers:
            obj = reader.get_object(number)
            if not isinstance(obj, DictionaryObject):
                continue
            for key in _REFUSED_KEYS:
                if key in obj:
                    return f"object {number} holds {key[1:]}"
            kind, action = str(obj.get("/Type")), str(obj.get("/S"))
            if action in _ACTIONS or kind in _REFUSED_TYPES:
                what = action if action in _ACTIONS else kind
                return f"object {number} is an annotation, action or attachment ({what})"
            if isinstance(obj, StreamObject):
                filters = _filters(obj)
                raw = obj._data
                decoded = raw if filters in ([], *([f] for f in _IMAGE_FILTERS)) else obj.get_data()
                for marker in _METADATA_MARKERS:
                    if marker in raw or marker in decoded:
                        return f"object {number} holds metadata ({marker.decode('latin-1').strip(chr(0))!r})"
                if filters[-1:] == ["/DCTDecode"]:
                    problem = _jpeg_problem(decoded.rstrip(b"\r\n"))
                    if problem is not None:
                        return f"the image in object {number} has {problem}"
                if filters[-1:] == ["/JPXDecode"]:
                    problem = jpeg2000_problem(decoded.rstrip(b"\r\n"))
                    if problem is not None:
                        return f"the JPEG 2000 image in object {number} has {problem}"
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as error:  # noqa: BLE001 - whatever stops the reading, the file is not what was meant
        return f"it does not read back as a PDF ({type(error).__name__}: {error})"
    if any(names(line) for line in text.splitlines() if line.strip()):
        return "a private person's name in its text"
    return None


def file_problem(name: str, data: bytes, names: Callable[[str], object]) -> str | None:
    """What a written copy still holds that it may not (None: nothing); ``names(text)`` is truthy when
    ``text`` names a private person."""
    if name.endswith(".jpg"):
        problem = _jpeg_problem(data)
    elif name.endswith(".png"):
        problem = _png_problem(data)
    elif name.endswith(".pdf"):
        return _pdf_problem(data, names)
    else:
        return "a file the site does not make"
    return problem
