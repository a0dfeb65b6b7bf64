"""Record writers for the CLI: ``jsonl`` (the full record, :mod:`letopis.publish.shape`), ``csv`` and ``table``."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from letopis.model import Record
from letopis.publish.shape import RECORD_FIELDS, dumps, flat_columns, flat_row, record_json

FORMATS = ("jsonl", "table", "csv")

_FLAT_COLUMNS = tuple(flat_columns(RECORD_FIELDS))


def flatten(record: Record) -> dict[str, Any]:
    row = flat_row(record_json(record))
    return {column: row.get(column) for column in _FLAT_COLUMNS}


def write_records(records: Iterable[Record], out: TextIO, fmt: str) -> int:
    if fmt == "jsonl":
        return _jsonl(records, out)
    if fmt == "csv":
        return _csv(records, out)
    if fmt == "table":
        return _table(records, out)
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def _jsonl(records: Iterable[Record], out: TextIO) -> int:
    n = 0
    for record in records:
        out.write(dumps(record_json(record)) + "\n")
        n += 1
    return n


def _csv(records: Iterable[Record], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=list(_FLAT_COLUMNS))
    writer.writeheader()
    n = 0
    for record in records:
        writer.writerow(flatten(record))
        n += 1
    return n


def _table(records: Iterable[Record], out: TextIO) -> int:
    rows = [("date", "prec", "type", "place", "k/i/d", "quote")]
    for r in records:
        place = f"{r.location.name} ({r.location.geo_precision})" if r.location else "-"
        kind = r.event_type if r.kind == "incident" else f"stat:{r.metric}={r.value}"
        counts = "/".join("-" if v is None else str(v) for v in (r.fatalities, r.injured, r.detained))
        quote = " ".join(r.quote.split())
        rows.append((r.date or "-", r.date_precision or "-", kind, place, counts,
                     quote[:60] + ("…" if len(quote) > 60 else "")))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        out.write("  ".join(cells).rstrip() + "\n")
    return len(rows) - 1
