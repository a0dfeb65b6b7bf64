"""CLI command over the sources read API: `letopis sources [--failed]`.

Thin: parses options, calls :mod:`letopis.services.sources`, renders rows.
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import datetime
from typing import Any

import click

from letopis.cli.support import TABLE_ROWS, report_rows, workspace as _workspace

_SOURCE_COLUMNS = ("id", "kind", "captures", "incidents", "statistics", "language", "locator")
_SOURCE_EXPORT = ("id", "kind", "locator", "title", "language", "published", "original_sha256", "captures",
                  "last_captured", "incidents", "statistics")
_FAILURE_COLUMNS = ("what", "id", "at", "locator", "reason", "kept")


def _row(view: Any) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in asdict(view).items()}


def _failure_row(view: Any, *, short: bool) -> dict[str, Any]:
    """``kept``: the SHA-256 of the bytes kept as evidence (its first 12 digits in the table), blank if none."""
    row = _row(view)
    kept = row.pop("kept_sha256")
    row["kept"] = (kept[:12] if short else kept) if kept else ""
    return row


def register(main: click.Group) -> None:
    main.add_command(sources)


@click.command()
@click.option("--failed", is_flag=True,
              help="What could not be read instead: captures kept with a reason (a scan that needs OCR) "
                   "and ingest items that failed.")
@click.option("--kind", help="Only sources of this kind (file, web, telegram, feed, testimony …).")
@click.option("--limit", type=click.IntRange(min=0), help=f"At most this many (the table shows {TABLE_ROWS} "
              "unless told; csv and jsonl write all, and say on stderr and exit 1 when --limit cut them).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.pass_context
def sources(ctx: click.Context, failed: bool, kind: str | None, limit: int | None, fmt: str) -> None:
    """Sources read so far, newest first, with their captures, incidents and statistics."""
    from letopis.publish.rows import write_rows
    from letopis.services.sources import count_sources, failures, list_sources

    shown = TABLE_ROWS if fmt == "table" and limit is None else limit
    ws = _workspace(ctx)
    try:
        if failed:
            found = failures(ws.db)
            rows = [_failure_row(f, short=fmt == "table") for f in (found if shown is None else found[:shown])]
            written = write_rows(iter(rows), _FAILURE_COLUMNS if fmt == "table" else
                                 ("what", "id", "at", "locator", "reason", "source_id", "kept"), sys.stdout, fmt)
            total = len(found)
            noun = "failure"
        else:
            views = list_sources(ws.db, kind=kind, limit=shown)
            written = write_rows((_row(v) for v in views), _SOURCE_COLUMNS if fmt == "table" else _SOURCE_EXPORT,
                                 sys.stdout, fmt)
            total = count_sources(ws.db, kind=kind) if shown is not None and written == shown else written
            noun = "source"
        sys.stdout.flush()
    finally:
        ws.close()
    report_rows(fmt, total, written, shown, limit, noun, f"{noun}s")
