"""Small real files with metadata planted in them, for the tests of clean copies: a JPEG with GPS EXIF, an
artist and a comment; a PNG with an author text chunk; a PDF with an author, XMP, an annotation by a named
person and that JPEG inside it (EXIF and all); a PDF whose text names a private person."""

from __future__ import annotations

import io

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
