"""Clean copies of images and PDFs (letopis.publish.media): what was planted in the original (GPS EXIF, an
author, XMP, a comment, an annotation, a text chunk) is gone from the copy, and the read-back finds each of
them in a file that was not cleaned."""

from __future__ import annotations

import io

import pytest

from letopis.publish.media import NotPublishable, clean_file, clean_image, clean_pdf, file_problem, pdf_text
from tests.publish.media_files import AUTHOR, DEVICE, authored_pdf, gps_jpeg, text_png


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
