"""Export files of incidents, streamed: CSV, XLSX, JSON Lines, GeoJSON, ACLED CSV.

Each writer takes incident shapes (:mod:`letopis.publish.shape`, with
``updated_at``) one at a time and keeps none: memory stays flat however many
there are. They write bytes to a binary file.

* ``csv``: the rows of ``letopis incidents --format csv`` plus the sources'
  addresses and hashes, UTF-8 with a byte-order mark (spreadsheet programs
  then read Cyrillic right);
* ``xlsx``: the same rows in a sheet ``incidents`` and one row per supporting
  source in a sheet ``sources``, written with openpyxl's write-only mode;
* ``jsonl``: the full shape of ``letopis incidents --format jsonl``;
* ``geojson``: an RFC 7946 FeatureCollection, one Point feature per incident
  with coordinates (longitude first); those without are counted as left out;
* ``acled``: ACLED's public columns (:mod:`letopis.publish.acled`), UTF-8
  without a byte-order mark; undated incidents are left out and counted.

A text cell that a spreadsheet would read as a formula (``=``, ``+``, ``-``,
``@`` first) gets a leading ``'`` in CSV and is stored as text in XLSX: the
text comes from sources, and sources may be hostile.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO

from letopis.publish.acled import ACLED_COLUMNS, acled_row
from letopis.publish.shape import STORED_FIELDS, dumps, flat_columns, flat_row

__all__ = ["EXPORT_FORMATS", "EXPORT_COLUMNS", "SOURCE_COLUMNS", "Written", "write_export", "geojson_feature"]

EXPORT_FORMATS = ("csv", "xlsx", "jsonl", "geojson", "acled")
EXPORT_COLUMNS = (*flat_columns(STORED_FIELDS), "source_locators", "source_sha256", "updated_at")
SOURCE_COLUMNS = ("incident_id", "source_id", "kind", "locator", "title", "published", "original_sha256",
                  "language", "start", "end", "quote", "merge_reason", "origin_source_id", "origin_kind",
                  "copy_reason", "source_grade")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_CORROBORATION_COLUMNS = ("origins", "origin_kinds", "origin_grades", "reported_by", "info_grade")
_XLSX_CELL = 32_767  # the longest text a spreadsheet cell holds


@dataclass
class Written:
    """What a writer wrote: incidents written, and those the format has no room for (with why)."""

    count: int = 0
    left_out: int = 0
    left_out_reason: str | None = None


def write_export(shapes: Iterable[Mapping[str, Any]], out: BinaryIO, fmt: str) -> Written:
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    return writer(shapes, out)


def csv_row(shape: Mapping[str, Any]) -> dict[str, Any]:
    row = flat_row(shape)
    sources = shape.get("sources") or []
    row["source_locators"] = " | ".join(s.get("locator") or f"({s.get('kind')})" for s in sources)
    row["source_sha256"] = " | ".join(s.get("original_sha256") or "" for s in sources)
    return {column: row.get(column) for column in EXPORT_COLUMNS}


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def _text(out: BinaryIO, encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(out, encoding=encoding, newline="", write_through=False)


def _csv(shapes: Iterable[Mapping[str, Any]], out: BinaryIO) -> Written:
    text = _text(out, "utf-8-sig")
    writer = csv.DictWriter(text, fieldnames=list(EXPORT_COLUMNS))
    writer.writeheader()
    written = Written()
    for shape in shapes:
        writer.writerow({key: _safe(value) for key, value in csv_row(shape).items()})
        written.count += 1
    text.flush()
    text.detach()
    return written


def _acled(shapes: Iterable[Mapping[str, Any]], out: BinaryIO) -> Written:
    text = _text(out, "utf-8")
    writer = csv.DictWriter(text, fieldnames=list(ACLED_COLUMNS))
    writer.writeheader()
    written = Written(left_out_reason="undated (ACLED needs an event date)")
    for shape in shapes:
        row = acled_row(shape)
        if row is None:
            written.left_out += 1
            continue
        writer.writerow({key: _safe(value) for key, value in row.items()})
        written.count += 1
    text.flush()
    text.detach()
    return written


def _jsonl(shapes: Iterable[Mapping[str, Any]], out: BinaryIO) -> Written:
    written = Written()
    for shape in shapes:
        out.write((dumps(shape) + "\n").encode("utf-8"))
        written.count += 1
    return written


def geojson_feature(shape: Mapping[str, Any]) -> dict[str, Any] | None:
    """An RFC 7946 Feature (a Point, longitude first) of an incident with coordinates; else None."""
    location = shape.get("location") or {}
    if location.get("lat") is None or location.get("lon") is None:
        return None
    properties = {key: value for key, value in shape.items() if key not in ("location", "edits")}
    properties.update({"location_name": location.get("name"), "admin1": location.get("admin1"),
                       "country": location.get("country"), "geo_precision": location.get("geo_precision")})
    if shape.get("corroboration") is not None:  # flat, for GIS tools that read no nested property
        row = flat_row(shape)
        properties.update({key: row.get(key) for key in _CORROBORATION_COLUMNS})
    return {"type": "Feature", "id": shape["id"],
            "geometry": {"type": "Point", "coordinates": [location["lon"], location["lat"]]},
            "properties": properties}


def _geojson(shapes: Iterable[Mapping[str, Any]], out: BinaryIO) -> Written:
    written = Written(left_out_reason="without coordinates")
    out.write(b'{"type":"FeatureCollection","features":[\n')
    for shape in shapes:
        feature = geojson_feature(shape)
        if feature is None:
            written.left_out += 1
            continue
        out.write((("," if written.count else "") + json.dumps(feature, ensure_ascii=False, default=str)
                   + "\n").encode("utf-8"))
        written.count += 1
    out.write(b"]}\n")
    return written


def _source_rows(shape: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for source in shape.get("sources") or []:
        grade = (source.get("profile") or {}).get("grade")
        yield {"incident_id": shape["id"], **{c: source.get(c) for c in SOURCE_COLUMNS[1:-1]}, "source_grade": grade}


def _xlsx(shapes: Iterable[Mapping[str, Any]], out: BinaryIO) -> Written:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    incidents, sources = book.create_sheet("incidents"), book.create_sheet("sources")

    def cells(sheet: Any, values: Iterable[Any]) -> list[Any]:
        row = []
        for value in values:
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)[:_XLSX_CELL]
                if value.startswith("="):  # openpyxl would write it as a formula: a text cell instead
                    value = WriteOnlyCell(sheet, value)
                    value.data_type = "s"
            row.append(value)
        return row

    incidents.append(list(EXPORT_COLUMNS))
    sources.append(list(SOURCE_COLUMNS))
    written = Written()
    for shape in shapes:
        incidents.append(cells(incidents, csv_row(shape).values()))
        for row in _source_rows(shape):
            sources.append(cells(sources, row.values()))
        written.count += 1
    book.save(out)
    return written


_WRITERS: dict[str, Callable[[Iterable[Mapping[str, Any]], BinaryIO], Written]] = {
    "csv": _csv, "xlsx": _xlsx, "jsonl": _jsonl, "geojson": _geojson, "acled": _acled,
}
