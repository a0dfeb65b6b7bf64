"""Writing stored incidents for the CLI: JSON Lines and CSV streamed, or a terminal table."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from letopis.publish.shape import STORED_FIELDS, dumps, flat_columns, flat_row, stored_incident_json

COLUMNS = tuple(flat_columns(STORED_FIELDS))


def write_incidents(details: Iterable[Any], out: TextIO, fmt: str) -> int:
    """Write incidents (``letopis.model.IncidentDetail``) as they come; returns how many were written."""
    written = 0
    if fmt == "jsonl":
        for detail in details:
            out.write(dumps(stored_incident_json(detail)) + "\n")
            written += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
        writer.writeheader()
        for detail in details:
            row = flat_row(stored_incident_json(detail))
            writer.writerow({column: row.get(column) for column in COLUMNS})
            written += 1
    else:
        written = _table([stored_incident_json(detail) for detail in details], out)
    return written


def _table(items: list[dict[str, Any]], out: TextIO) -> int:
    rows = [("id", "status", "date", "type", "place", "k/i/d", "src", "orig", "inf", "summary")]
    for i in items:
        location = i["location"]
        place = f"{location['name']} ({location['geo_precision']})" if location else "-"
        counts = "/".join("-" if i[k] is None else str(i[k]) for k in ("fatalities", "injured", "detained"))
        origins = i["corroboration"]["origins"]
        reported = i["corroboration"]["reported_by"]
        information = i["corroboration"].get("information")
        summary = (f"[reported by {reported['name']}] " if reported else "") + (i["summary"] or "")
        rows.append((str(i["id"]), i["status"], i["date"] or "-", i["event_type"], place, counts,
                     str(len(i["sources"])), "-" if origins is None else str(origins),
                     information["grade"] if information else "-", summary[:90]))
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]) - 1)]
    for r in rows:
        out.write("  ".join([cell.ljust(widths[c]) for c, cell in enumerate(r[:-1])] + [r[-1]]).rstrip() + "\n")
    return len(items)


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
    out.write(f"  engine    {getattr(i, 'engine', None) or 'unknown (stored before engine versions)'}\n")
    out.write(f"  sources   {len(detail.sources)}\n")
    out.write(f"  corroboration  {detail.corroboration.line()}\n")
    if getattr(detail, "information", None) is not None:
        out.write(f"  information  {detail.information.line()}\n")
    if getattr(detail, "reported_by", None) is not None:
        out.write(f"  claim     {detail.reported_by.line()}\n")
    for s in detail.sources:
        out.write(f"\n  [source {s.source_id}] {s.kind} {s.locator}\n")
        if s.origin_source_id is not None:
            role = (f"origin ({s.origin_kind})" if s.is_origin
                    else f"copy of source {s.origin_source_id} ({s.origin_kind}): {s.copy_reason}")
            out.write(f"    {role}\n")
        if s.profile is not None:
            p = s.profile
            out.write(f"    site: {p.name or p.host} ({p.host}); stance {p.stance}; "
                      f"grade {p.grade or 'not graded'}\n")
        if s.title:
            out.write(f"    title: {s.title}\n")
        if s.published:
            out.write(f"    published: {s.published}\n")
        out.write(f"    sha256: {s.original_sha256}\n")
        if s.merge_reason:
            out.write(f"    merged because: {s.merge_reason}\n")
        out.write(f"    quote [{s.start}:{s.end}] ({s.language}): {' '.join(s.quote.split())}\n")
        if s.engine:
            out.write(f"    read by engine {s.engine}\n")
    if detail.edits:
        out.write("\n  edits\n")
        for e in detail.edits:
            why = f"  ({e.reason})" if getattr(e, "reason", None) else ""
            out.write(f"    {e.at} {e.actor}: {e.field} {e.old!r} -> {e.new!r}{why}\n")
