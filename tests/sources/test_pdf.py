from __future__ import annotations

from letopis.sources import iter_captures
from letopis.sources.pdf import NO_TEXT_LAYER

from .conftest import assert_provenance


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


def test_pdf_without_text_layer(fixtures):
    c = one(fixtures / "scanned.pdf")
    assert c.error == NO_TEXT_LAYER == "PDF has no text layer (scanned?)"
    assert c.text is None
    assert c.artefacts[0].data == (fixtures / "scanned.pdf").read_bytes()


def test_broken_pdf(fixtures):
    c = one(fixtures / "broken.pdf")
    assert c.error.startswith("unreadable PDF") or c.error == NO_TEXT_LAYER
