"""Small real files with metadata planted in them, for the tests of clean copies: a JPEG with GPS EXIF, an
artist and a comment; a PNG with an author text chunk; a PDF with an author, XMP, an annotation by a named
person and that JPEG inside it (EXIF and all); a PDF whose text names a private person; JPEG 2000 images
(a JP2 file, a bare codestream) with XMP, EXIF, an ICC profile and comments, in a PDF with a link to a
private address. All made here, with Pillow (OpenJPEG), fpdf2 and pypdf."""

from __future__ import annotations

import io
import struct
from typing import Any

AUTHOR = "Ivan Petrenko"
DEVICE = "Olena's phone"


def gps_jpeg() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x013B] = AUTHOR  # Artist
    exif[0x0110] = DEVICE  # Model
    exif[0x0112] = 6  # Orientation: rotated; the copy's pixels are turned instead
    exif[0x8825] = {1: "N", 2: (50.0, 0.0, 15.0), 3: "E", 4: (36.0, 13.0, 30.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=AUTHOR.encode())
    return out.getvalue()


def text_png() -> bytes:
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", AUTHOR)
    out = io.BytesIO()
    Image.new("RGBA", (20, 10), (0, 0, 255, 128)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def authored_pdf(text: str = "A report from Kharkiv, October 2025.") -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    pdf.set_author(AUTHOR)
    pdf.set_creator(DEVICE)
    pdf.set_xmp_metadata('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
                         'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
                         f'xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="{AUTHOR}"/></rdf:RDF></x:xmpmeta>')
    pdf.image(io.BytesIO(gps_jpeg()), x=10, y=30, w=40)
    pdf.text_annotation(x=10, y=90, text="checked", title=AUTHOR)
    return bytes(pdf.output())


# ---------------------------------------------------------------------------------------------- JPEG 2000, links

PRIVATE_URL = "https://files.example.org/~ivan.petrenko/scan.pdf"  # a link to a private person's folder
XMP = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="{AUTHOR}"/></rdf:RDF>'
       "</x:xmpmeta>")


def _picture(size: tuple[int, int] = (40, 30)) -> Any:
    from PIL import Image

    image = Image.new("RGB", size)
    image.putdata([(x * 6 % 256, y * 8 % 256, (x + y) * 3 % 256) for y in range(size[1]) for x in range(size[0])])
    return image


def _box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I4s", len(body) + 8, kind) + body


def _boxes(data: bytes) -> list[tuple[bytes, bytes]]:
    out, at = [], 0
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        out.append((kind, data[at + 8:at + length]))
        at += length
    return out


def _comment(text: str) -> bytes:
    body = struct.pack(">H", 1) + text.encode()  # Rcom 1: Latin text
    return b"\xff\x64" + struct.pack(">H", len(body) + 2) + body


def _comment_in_tile_parts(code: bytes, text: str) -> bytes:
    """The codestream with a COM segment in each tile-part's header (after SOT), each tile-part's length set."""
    out, at = bytearray(), code.index(b"\xff\x90")  # the first SOT: the main header ends here
    out += code[:at]
    while code[at:at + 2] == b"\xff\x90":
        (psot,) = struct.unpack(">I", code[at + 6:at + 10])
        comment = _comment(text)
        out += code[at:at + 6] + struct.pack(">I", psot + len(comment)) + code[at + 10:at + 12] + comment
        out += code[at + 12:at + psot]
        at += psot
    return bytes(out + code[at:])


def jpeg2000_codestream() -> bytes:
    """A bare JPEG 2000 codestream (four tiles, lossless) with the author in a comment in its main header
    (OpenJPEG writes one) and in each of its tile-parts' headers."""
    image = _picture()
    out = io.BytesIO()
    image.save(out, "JPEG2000", no_jp2=True, tile_size=(20, 15), irreversible=False, comment=AUTHOR)
    return _comment_in_tile_parts(out.getvalue(), f"scanned by {DEVICE}")


def jp2_file() -> bytes:
    """A JP2 file (lossless) carrying the author in XMP (an xml box), EXIF with GPS (a uuid box), an
    intellectual-property box, an ICC profile (sRGB's, as the colour specification) and comments in its
    codestream."""
    from PIL import Image, ImageCms

    image = _picture()
    out = io.BytesIO()
    image.save(out, "JPEG2000", irreversible=False, comment=AUTHOR)
    exif = Image.Exif()
    exif[0x013B] = AUTHOR
    exif[0x8825] = {1: "N", 2: (50.0, 0.0, 15.0), 3: "E", 4: (36.0, 13.0, 30.0)}
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    boxes = []
    for kind, body in _boxes(out.getvalue()):
        if kind == b"jp2h":
            inner = []
            for sub, content in _boxes(body):
                if sub == b"colr":  # the same colours, told by an ICC profile (METH 2)
                    content = b"\x02\x00\x00" + profile.tobytes()
                if sub == b"ihdr":
                    content = content[:-1] + b"\x01"  # an IPR box follows
                inner.append(_box(sub, content))
            body = b"".join(inner)
        if kind == b"jp2c":
            boxes.append(_box(b"jp2i", f"(c) {AUTHOR}".encode()))
            body = _comment_in_tile_parts(body, f"scanned by {DEVICE}")
        boxes.append(_box(kind, body))
    boxes.append(_box(b"xml ", XMP.encode()))
    boxes.append(_box(b"uuid", bytes(16) + b"Exif\x00\x00" + exif.tobytes()))
    return b"".join(boxes)


def jpeg2000_pdf(jp2: bytes | None = None, codestream: bytes | None = None, *, link: bool = False) -> bytes:
    """A PDF with a line of text and two JPEG 2000 images, written from nothing with pypdf (no document
    information): a JP2 file (:func:`jp2_file` unless given) under /JPXDecode, a bare codestream
    (:func:`jpeg2000_codestream` unless given) under [/FlateDecode /JPXDecode]. With ``link``: a link to a
    private person's folder over the text, and an outline item opening it too."""
    import zlib

    import pypdf
    from pypdf.annotations import Link
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        StreamObject,
        TextStringObject,
    )

    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(300, 200)

    def image(data: bytes, filters: list[str]) -> object:
        stream = StreamObject()
        stream._data = zlib.compress(data) if len(filters) > 1 else data
        stream.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                       NameObject("/Width"): NumberObject(40), NameObject("/Height"): NumberObject(30),
                       NameObject("/Filter"): (ArrayObject(NameObject(f) for f in filters) if len(filters) > 1
                                               else NameObject(filters[0]))})
        return writer._add_object(stream)

    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): font}),
        NameObject("/XObject"): DictionaryObject({
            NameObject("/Im1"): image(jp2 or jp2_file(), ["/JPXDecode"]),
            NameObject("/Im2"): image(codestream or jpeg2000_codestream(), ["/FlateDecode", "/JPXDecode"])})})
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 20 170 Td (A report from Kharkiv, October 2025.) Tj ET\n"
                     b"q 80 0 0 60 20 60 cm /Im1 Do Q q 80 0 0 60 150 60 cm /Im2 Do Q\n")
    page[NameObject("/Contents")] = writer._add_object(content)
    if link:
        writer.add_annotation(0, Link(rect=(20, 165, 250, 185), url=PRIVATE_URL))
        item = writer.add_outline_item(title="the scan", page_number=0).get_object()
        assert isinstance(item, DictionaryObject)
        item[NameObject("/A")] = DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                                   NameObject("/URI"): TextStringObject(PRIVATE_URL)})
    writer.metadata = None
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
