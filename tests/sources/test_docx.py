"""Word .docx documents: their text, in order, tables included; not refused as zip archives."""

from __future__ import annotations

import io
import sys
import zipfile

from letopis.sources import iter_captures
from letopis.sources.content import ZIP_REFUSED
from letopis.sources.docx import DOCX_MEDIA_TYPE

from .conftest import assert_provenance, docx_bytes

PARAGRAPHS = ["Звіт монітора", "12 жовтня у Полтаві працівники ТЦК затримали\tчоловіка біля вокзалу.",
              "Рядок один\nрядок два"]


def test_docx_text_in_document_order(tmp_path):
    path = tmp_path / "звіт.docx"
    data = docx_bytes(PARAGRAPHS, table=[["Дата", "Місце"], ["12.10", "Полтава"]], title="Звіт за жовтень")
    path.write_bytes(data)
    [c] = list(iter_captures(str(path)))
    assert_provenance(c)
    assert c.error is None and c.source_kind == "file"
    assert c.text == "\n".join(PARAGRAPHS) + "\nДата\nМісце\n12.10\nПолтава"
    assert c.title == "Звіт за жовтень" and c.metadata["docx_author"] == "Letopis tests"
    assert c.text_method.startswith("python-docx ") and "python-docx/" in c.tool
    [original] = [a for a in c.artefacts if a.role == "original"]
    assert original.data == data and original.media_type == DOCX_MEDIA_TYPE


def test_docx_is_known_by_its_content_not_its_name(monkeypatch):
    data = docx_bytes(["Звіт зі стандартного входу."])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [c] = list(iter_captures("-"))
    assert c.error is None and c.text == "Звіт зі стандартного входу."


def test_docx_in_a_folder_and_a_plain_zip_still_refused(tmp_path):
    (tmp_path / "a.docx").write_bytes(docx_bytes(["Перший документ."]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a document")
    (tmp_path / "b.docx").write_bytes(buffer.getvalue())  # a zip named .docx
    caps = {c.locator.rsplit("/", 1)[1]: c for c in iter_captures(str(tmp_path))}
    assert caps["a.docx"].text == "Перший документ."
    assert caps["b.docx"].error == ZIP_REFUSED


def test_docx_whose_unpacked_parts_pass_the_cap_is_refused_unread(tmp_path):
    path = tmp_path / "big.docx"
    path.write_bytes(docx_bytes(["Нуль. " * 40_000]))
    [c] = list(iter_captures(str(path), max_bytes=100_000))
    assert c.error is not None and "larger than" in c.error and c.text is None


def test_damaged_docx_is_a_failed_capture(tmp_path):
    data = docx_bytes(["Текст."])
    damaged = data.replace(b"word/document.xml", b"word/documenx.xml", 1)  # the local name no longer matches
    path = tmp_path / "damaged.docx"
    path.write_bytes(damaged)
    [c] = list(iter_captures(str(path)))
    assert c.error is not None and c.text is None and "\n" not in c.error
