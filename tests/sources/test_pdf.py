from __future__ import annotations

from letopis.sources import iter_captures
from letopis.sources.pdf import NO_TEXT_LAYER, needs_ocr

from .conftest import assert_provenance, image_only_pdf


def one(path):
    [c] = list(iter_captures(str(path)))
    assert_provenance(c)
    return c


def test_pdf_text_layer(fixtures):
    c = one(fixtures / "report.pdf")
    assert c.source_kind == "pdf" and c.error is None
    assert "mobilisation officers detained a man in Kharkiv" in c.text
    assert "12 October 2025" in c.text
    assert c.title == "Kharkiv detention report"
    assert c.text_method.startswith("pypdf ")
    assert c.metadata["pages"] == "1"
    assert c.artefacts[0].media_type == "application/pdf"
    assert c.artefacts[0].data == (fixtures / "report.pdf").read_bytes()


def test_pdf_without_text_layer_needs_ocr_and_keeps_its_original(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_only_pdf())
    c = one(path)
    assert c.error == NO_TEXT_LAYER == "needs OCR: the PDF has no text layer (scanned?)"
    assert c.metadata["needs"] == "ocr" and c.metadata["pages"] == "1"
    assert needs_ocr(c) and c.text is None and c.source_kind == "pdf"
    [original] = c.artefacts
    assert original.role == "original" and original.media_type == "application/pdf"
    assert original.data == path.read_bytes()


def test_broken_pdf(fixtures):
    c = one(fixtures / "broken.pdf")
    assert c.error.startswith("unreadable PDF") or c.error == NO_TEXT_LAYER
