"""Reading a written export back, text by text, for the check that nothing identifying is left in it.

Every text value of every record is given with where it is (``record 3,
sources[0].title``), except the values that name places or codes (place and
region names, the country, the event type, ACLED's generic actor names):
place names are not personal data, and a town named after a person
("Pushkin") is not a leak. A file that does not read back as the format it
should be raises :class:`UnreadableExport` (the check then refuses it).

The static site's files read back too: an HTML page gives every text and every
``href``, ``title`` and ``alt`` value (the words of an embedded JSON block
included), except inside an element whose ``data-field`` names a place or a
code; a data script (``window.NAME = <JSON>;``) gives its JSON's texts.
"""

from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

__all__ = ["UnreadableExport", "texts_of", "NOT_PERSONAL"]

NOT_PERSONAL = frozenset({
    "location", "location_name", "name", "admin1", "admin2", "admin3", "country", "region", "iso",
    "event_type", "disorder_type", "sub_event_type", "actor1", "actor2", "actors", "kind", "status", "date",
    "date_precision", "date_source", "language", "event_date", "original_sha256", "source_sha256", "type",
    "geometry", "civilian_targeting", "source_scale",
    # the static site: its tables of type, region and place names and dates, and the paragraph the writer
    # makes from an incident's codes and the gazetteer's place names (it reads no source text)
    "types", "regions", "places", "dates", "paragraph",
})


class UnreadableExport(Exception):
    """The written file does not read back as its format."""


def texts_of(path: Path, fmt: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every text value of the export at ``path`` (format ``fmt``)."""
    try:
        if fmt in ("csv", "acled"):
            yield from _csv(path)
        elif fmt == "jsonl":
            yield from _jsonl(path)
        elif fmt == "geojson":
            yield from _geojson(path)
        elif fmt == "xlsx":
            yield from _xlsx(path)
        elif fmt == "html":
            yield from _html(path)
        elif fmt == "js":
            yield from _js(path)
        else:
            raise UnreadableExport(f"no reader for format {fmt!r}")
    except UnreadableExport:
        raise
    except Exception as error:  # noqa: BLE001 - whatever stops the reading, the file is not what was meant
        raise UnreadableExport(f"{type(error).__name__}: {error}") from error


def _csv(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), 1):
            for column, value in row.items():
                if value and column not in NOT_PERSONAL:
                    yield f"record {number}, {column}", value


def _walk(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_PERSONAL:
                yield from _walk(item, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{where}[{index}]")


def _jsonl(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                for where, text in _walk(json.loads(line), ""):
                    yield f"record {number}, {where}", text


def _geojson(path: Path) -> Iterator[tuple[str, str]]:
    """The collection as :mod:`letopis.publish.export` writes it: a feature a line, between an opening and
    a closing line (read a line at a time: memory stays flat)."""
    with path.open(encoding="utf-8") as handle:
        if handle.readline().strip() != '{"type":"FeatureCollection","features":[':
            raise UnreadableExport("not a FeatureCollection as written")
        number = 0
        closed = False
        for line in handle:
            if line.strip() == "]}":
                closed = True
                continue
            if closed:
                raise UnreadableExport("text after the end of the collection")
            number += 1
            feature = json.loads(line.lstrip(","))
            if feature.get("type") != "Feature":
                raise UnreadableExport(f"line {number + 1} is not a Feature")
            for where, text in _walk(feature.get("properties") or {}, ""):
                yield f"feature {number}, {where}", text
        if not closed:
            raise UnreadableExport("the collection is not closed")


def _xlsx(path: Path) -> Iterator[tuple[str, str]]:
    """Every text cell of every sheet, read from the workbook's XML itself (a streamed parse, not openpyxl:
    the check does not share a reader with the writer, and memory stays flat)."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        shared = _shared_strings(archive) if "xl/sharedStrings.xml" in names else []
        sheets = sorted(n for n in names if n.startswith("xl/worksheets/sheet") and n.endswith(".xml"))
        if not sheets:
            raise UnreadableExport("no worksheet in the workbook")
        for sheet in sheets:
            header: dict[str, str] = {}
            with archive.open(sheet) as handle:
                for _, cell in ElementTree.iterparse(handle):
                    if cell.tag != f"{_NS}c":
                        if cell.tag == f"{_NS}row":
                            cell.clear()
                        continue
                    ref = cell.get("r") or ""
                    column, row = ref.rstrip("0123456789"), ref[len(ref.rstrip("0123456789")):]
                    text = _cell_text(cell, shared)
                    if text is not None:
                        if row == "1":
                            header[column] = text
                        elif header.get(column, column) not in NOT_PERSONAL:
                            yield f"{Path(sheet).stem} {ref}, {header.get(column, column)}", text


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _cell_text(cell: ElementTree.Element, shared: list[str]) -> str | None:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_NS}t"))
    value = cell.find(f"{_NS}v")
    if kind == "s" and value is not None and value.text is not None:
        return shared[int(value.text)]
    if kind == "str" and value is not None:
        return value.text or ""
    return None


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    with archive.open("xl/sharedStrings.xml") as handle:
        root = ElementTree.parse(handle).getroot()
    return ["".join(t.text or "" for t in item.iter(f"{_NS}t")) for item in root.iter(f"{_NS}si")]


_ATTRIBUTES = ("href", "title", "alt", "content")


def _element_texts(element: Any, field: str | None) -> Iterator[tuple[str, str]]:
    """The texts of ``element`` and what it holds; ``field`` is the nearest ``data-field`` around it (the texts
    of a place's or a code's element are skipped)."""
    tag = element.tag if isinstance(element.tag, str) else ""
    field = element.get("data-field") or field
    checked = field not in NOT_PERSONAL
    if checked:
        yield from ((f"<{tag} {name}>", value) for name, value in element.attrib.items()
                    if name in _ATTRIBUTES and value)
    text = element.text or ""
    if tag == "script":
        if element.get("type") == "application/json" and text.strip():
            yield from ((f"<script> {where}", value) for where, value in _walk(json.loads(text), ""))
    elif tag and tag != "style" and checked and text.strip():
        yield f"<{tag}>", text
    for child in element:
        yield from _element_texts(child, field)
        if checked and child.tail and child.tail.strip():
            yield f"<{tag}>", child.tail


def _html(path: Path) -> Iterator[tuple[str, str]]:
    from lxml import html as lxml_html

    text = path.read_text(encoding="utf-8")
    if not text.startswith("<!DOCTYPE html>"):
        raise UnreadableExport("not an HTML page")
    for where, value in _element_texts(lxml_html.document_fromstring(text), None):
        yield f"{path.name} {where}", value


def _js(path: Path) -> Iterator[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    head, equals, rest = text.partition(" = ")
    if not equals or not head.startswith("window.") or not head[7:].isidentifier() or not rest.endswith(";\n"):
        raise UnreadableExport("not a data script (window.NAME = <JSON>;)")
    yield from ((f"{path.name} {where}", value) for where, value in _walk(json.loads(rest[:-2]), ""))
