"""Writing stored incidents (database rows) for the CLI."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

COLUMNS = ("id", "status", "date", "date_precision", "event_type", "location_name", "admin1", "country",
           "lat", "lon", "geo_precision", "fatalities", "injured", "detained", "actors", "summary",
           "confidence", "sources")


def incident_dict(incident: Any, sources: int | None = None) -> dict[str, Any]:
    data = {c: getattr(incident, c, None) for c in COLUMNS if c != "sources"}
    data["actors"] = list(incident.actors or [])
    if sources is not None:
        data["sources"] = sources
    return data


def write_incidents(items: Sequence[Any], sources: Mapping[int, int], out: TextIO, fmt: str) -> None:
    if fmt == "jsonl":
        for item in items:
            out.write(json.dumps(incident_dict(item, sources.get(item.id)), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
        writer.writeheader()
        for item in items:
            row = incident_dict(item, sources.get(item.id))
            row["actors"] = ";".join(row["actors"])
            writer.writerow(row)
    else:
        _table(items, sources, out)


def _table(items: Sequence[Any], sources: Mapping[int, int], out: TextIO) -> None:
    rows = [("id", "status", "date", "type", "place", "k/i/d", "src", "summary")]
    for i in items:
        place = f"{i.location_name} ({i.geo_precision})" if i.location_name else "-"
        counts = "/".join("-" if v is None else str(v) for v in (i.fatalities, i.injured, i.detained))
        rows.append((str(i.id), i.status, i.date or "-", i.event_type, place, counts,
                     str(sources.get(i.id, "")), (i.summary or "")[:70]))
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]) - 1)]
    for r in rows:
        out.write("  ".join([cell.ljust(widths[c]) for c, cell in enumerate(r[:-1])] + [r[-1]]).rstrip() + "\n")


def detail_dict(detail: Any) -> dict[str, Any]:
    data = incident_dict(detail.incident, len(detail.sources))
    data["sources"] = [
        {"source_id": s.source_id, "locator": s.locator, "kind": s.kind, "title": s.title,
         "published": s.published, "quote": s.quote, "start": s.start, "end": s.end,
         "language": s.language, "merge_reason": s.merge_reason, "original_sha256": s.original_sha256}
        for s in detail.sources
    ]
    data["edits"] = [{"at": e.at, "actor": e.actor, "field": e.field, "old": e.old, "new": e.new}
                     for e in detail.edits]
    return data


def write_detail(detail: Any, out: TextIO) -> None:
    i = detail.incident
    out.write(f"Incident {i.id} [{i.status}] {i.event_type}\n")
    out.write(f"  date      {i.date or '-'} ({i.date_precision or '-'})\n")
    place = f"{i.location_name}, {i.admin1 or '-'}, {i.country} ({i.lat}, {i.lon}; precision {i.geo_precision})" \
        if i.location_name else "-"
    out.write(f"  place     {place}\n")
    out.write(f"  killed/injured/detained  {i.fatalities}/{i.injured}/{i.detained}\n")
    out.write(f"  actors    {', '.join(i.actors or []) or '-'}\n")
    out.write(f"  summary   {i.summary}\n")
    out.write(f"  sources   {len(detail.sources)}\n")
    for s in detail.sources:
        out.write(f"\n  [source {s.source_id}] {s.kind} {s.locator}\n")
        if s.title:
            out.write(f"    title: {s.title}\n")
        if s.published:
            out.write(f"    published: {s.published}\n")
        out.write(f"    sha256: {s.original_sha256}\n")
        if s.merge_reason:
            out.write(f"    merged because: {s.merge_reason}\n")
        out.write(f"    quote [{s.start}:{s.end}] ({s.language}): {' '.join(s.quote.split())}\n")
    if detail.edits:
        out.write("\n  edits\n")
        for e in detail.edits:
            out.write(f"    {e.at} {e.actor}: {e.field} {e.old!r} -> {e.new!r}\n")
