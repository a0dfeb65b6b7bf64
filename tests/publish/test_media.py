"""Clean copies of images and PDFs (letopis.publish.media): what was planted in the original (GPS EXIF, an
author, XMP, a comment, an annotation, a text chunk; in JPEG 2000 images XMP, EXIF, an ICC profile and
comments; a link to a private address) is gone from the copy, and the read-back finds each of them in a file
that was not cleaned."""

from __future__ import annotations

import io
import struct
from collections.abc import Callable

import pytest

from letopis.publish.jpeg2000 import jpeg2000_problem, strip_jpeg2000
from letopis.publish.media import NotPublishable, clean_file, clean_image, clean_pdf, file_problem, pdf_text
from tests.publish.media_files import (
    AUTHOR,
    DEVICE,
    PRIVATE_URL,
    authored_pdf,
    gps_jpeg,
    jp2_file,
    jpeg2000_codestream,
    jpeg2000_pdf,
    text_png,
)


def no_names(text: str) -> bool:
    return False


def test_an_image_copy_has_its_pixels_and_nothing_else() -> None:
    from PIL import Image

    original = gps_jpeg()
    assert "EXIF" in (file_problem("a.jpg", original, no_names) or "")
    copy = clean_image(original)
    assert copy.suffix == ".jpg" and file_problem("a.jpg", copy.data, no_names) is None
    assert AUTHOR.encode() not in copy.data and DEVICE.encode() not in copy.data and b"Exif" not in copy.data
    with Image.open(io.BytesIO(copy.data)) as image:
        assert image.size == (48, 64)  # the orientation is in the pixels now
        assert not image.getexif() and "exif" not in image.info and "comment" not in image.info
    png = text_png()
    assert "tEXt" in (file_problem("b.png", png, no_names) or "")
    clean_png = clean_image(png)
    assert clean_png.suffix == ".png" and file_problem("b.png", clean_png.data, no_names) is None
    assert AUTHOR.encode() not in clean_png.data
    assert file_problem("c.jpg", copy.data + b"appended", no_names) == "bytes after the image's end"


def test_a_pdf_copy_has_its_pages_and_no_author_xmp_annotation_or_exif() -> None:
    import pypdf

    original = authored_pdf()
    assert file_problem("d.pdf", original, no_names) is not None
    copy = clean_pdf(original)
    assert file_problem("d.pdf", copy, no_names) is None
    for planted in (AUTHOR.encode(), DEVICE.encode(), b"xmpmeta", b"Exif", b"/Annots", b"/Producer"):
        assert planted not in copy, planted
    reader = pypdf.PdfReader(io.BytesIO(copy))
    assert reader.metadata is None and len(reader.pages) == 1 and reader.xmp_metadata is None
    assert "A report from Kharkiv" in pdf_text(copy)
    assert len(reader.pages[0].images) == 1  # the photo is still on the page, its EXIF gone
    assert clean_pdf(original) == copy  # the same original, the same copy (stable across publishes)


def test_the_read_back_names_what_is_left_in_a_pdf() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Detained: Ivan Petrenko")
    data = clean_pdf(bytes(pdf.output()))
    assert file_problem("e.pdf", data, lambda text: "Petrenko" in text) == "a private person's name in its text"
    pdf.set_author(AUTHOR)
    assert "information dictionary" in (file_problem("e.pdf", bytes(pdf.output()), no_names) or "")
    assert file_problem("e.txt", b"x", no_names) == "a file the site does not make"


def test_what_cannot_be_cleaned_is_not_publishable() -> None:
    with pytest.raises(NotPublishable, match="does not decode"):
        clean_file(b"\xff\xd8 not really a jpeg", "image/jpeg")
    with pytest.raises(NotPublishable, match="does not read"):
        clean_file(b"%PDF-1.4 garbage", "application/pdf")
    with pytest.raises(NotPublishable, match="not an image or a PDF"):
        clean_file(b"<html>", "text/html")


def strings_of(pdf: bytes) -> set[str]:
    """Every string in every object of a PDF, referred to or not (as pypdf reads them: escapes undone)."""
    import pypdf
    from pypdf.generic import ArrayObject, DictionaryObject, TextStringObject

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found: set[str] = set()
    todo: list[object] = [reader.get_object(n) for entries in reader.xref.values() for n in entries]
    while todo:
        item = todo.pop()
        if isinstance(item, TextStringObject):
            found.add(str(item))
        elif isinstance(item, DictionaryObject):
            todo.extend(item.values())
        elif isinstance(item, ArrayObject):
            todo.extend(item)
    return found


def _pixels(data: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB").tobytes()


@pytest.mark.parametrize("make", [jp2_file, jpeg2000_codestream])
def test_a_jpeg2000_image_keeps_its_pixels_and_loses_its_metadata_and_comments(make: Callable[[], bytes]) -> None:
    original = make()
    assert jpeg2000_problem(original) is not None
    stripped = strip_jpeg2000(original)
    assert jpeg2000_problem(stripped) is None
    for planted in (AUTHOR.encode(), DEVICE.encode(), b"xmpmeta", b"Exif", b"OpenJPEG", b"jp2i", b"uuid"):
        assert planted not in stripped, planted
    assert _pixels(stripped) == _pixels(original)  # losslessly: nothing decoded or encoded again
    assert strip_jpeg2000(stripped) == stripped


def test_the_read_back_names_what_a_jpeg2000_image_still_holds() -> None:
    jp2 = jp2_file()
    assert jpeg2000_problem(jp2) == "an ICC profile (colr box)"
    assert "comment" in (jpeg2000_problem(jpeg2000_codestream()) or "")
    clean = strip_jpeg2000(jp2)
    assert jpeg2000_problem(clean + struct.pack(">I4s", 13, b"xml ") + b"<x/>!") == "a 'xml ' box (metadata or text)"
    assert "not a JPEG 2000 image" in (jpeg2000_problem(clean[:-5]) or "")  # cut inside the codestream
    with pytest.raises(ValueError):
        strip_jpeg2000(b"\xff\x4f\xff\x51\x00")


def test_a_pdf_copy_keeps_its_jpeg2000_images_without_their_metadata() -> None:
    import pypdf

    original = jpeg2000_pdf()
    # a PDF whose only fault is the comments in its images is refused by the read-back too
    commented = jpeg2000_pdf(strip_jpeg2000(jp2_file()), jpeg2000_codestream())
    assert "JPEG 2000 image" in (file_problem("j.pdf", commented, no_names) or "")
    assert "comment" in (file_problem("j.pdf", commented, no_names) or "")
    copy = clean_pdf(original)
    assert file_problem("j.pdf", copy, no_names) is None
    for planted in (AUTHOR.encode(), DEVICE.encode(), b"xmpmeta", b"Exif", b"OpenJPEG", b"FlateDecode /JPX"):
        assert planted not in copy, planted
    before = pypdf.PdfReader(io.BytesIO(original)).pages[0].images
    after = pypdf.PdfReader(io.BytesIO(copy)).pages[0].images
    pixels = [[i.image.tobytes() for i in images if i.image] for images in (before, after)]
    assert len(pixels[1]) == 2 and pixels[1] == pixels[0]
    assert "A report from Kharkiv" in pdf_text(copy)


def test_a_pdf_copy_has_no_link_and_the_read_back_finds_one_left_unreferenced() -> None:
    import pypdf
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    original = jpeg2000_pdf(link=True)
    assert PRIVATE_URL in strings_of(original) and file_problem("k.pdf", original, no_names) is not None
    copy = clean_pdf(original)
    assert PRIVATE_URL not in strings_of(copy) and b"/URI" not in copy and b"/Link" not in copy
    assert file_problem("k.pdf", copy, no_names) is None
    # a link annotation nothing refers to any more (what pypdf left in a copy before) is still found
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(copy))
    writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/A"): DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                            NameObject("/URI"): TextStringObject(PRIVATE_URL)})}))
    writer.metadata = None
    out = io.BytesIO()
    writer.write(out)
    assert PRIVATE_URL in strings_of(out.getvalue())
    assert (file_problem("k.pdf", out.getvalue(), no_names) or "").endswith("holds A")
