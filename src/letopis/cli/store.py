"""CLI commands over the case database: init, ingest, incidents, show, verify, log, merge, split, status.

Thin: each parses options and calls one service (:mod:`letopis.services`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from letopis.cli.support import (
    TABLE_ROWS,
    cluster_option,
    event_type_option,
    load_settings as _config,
    parse_date as _parse_date,
    workspace as _workspace,
)
from letopis.errors import UsageError
from letopis.model import EVENT_TYPES
from letopis.names import shown


def register(main: click.Group) -> None:
    for command in (init, ingest, incidents, show, verify, merge, split, status):
        main.add_command(command)
    main.add_command(log_group)


@click.command()
@click.option("--encrypt", is_flag=True, help="Encrypt the database and every evidence file with a key "
              "derived from a passphrase (LETOPIS_PASSPHRASE or a prompt).")
@click.pass_context
def init(ctx: click.Context, encrypt: bool) -> None:
    """Create the data directory, its database and evidence folder."""
    from letopis.services.workspace import init_workspace

    config = _config(ctx)
    workspace, created, recovery = init_workspace(config, encrypt=encrypt)
    workspace.close()
    where = config.database_url or config.sqlite_path
    state = ("created, encrypted" if encrypt else "created") if created else "already initialised"
    click.echo(f"{state}: {config.data} (database: {where})")
    if recovery:
        click.echo("\nRECOVERY KEY (shown once; write it down and keep it apart from this computer):")
        click.echo(f"  {recovery}")
        click.echo("It opens this store if the passphrase is lost: letopis key recover")


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for sources that carry none of their own.")
@cluster_option
@click.pass_context
def ingest(ctx: click.Context, sources: tuple[str, ...], published: str | None, cluster: str | None) -> None:
    """Ingest SOURCES (files, folders, URLs, feeds, Telegram exports, - for stdin).

    Standard error lists what a folder walk skipped, what was kept as
    evidence without text (a scanned PDF: needs OCR), and what failed; the
    exit status is 1 only when something failed.
    """
    from letopis.services.ingest import ingest_sources

    when = _parse_date(published, "--published")
    workspace = _workspace(ctx)
    progress = _Progress() if sys.stderr.isatty() else None
    try:
        summary = ingest_sources(workspace, sources, published=when, progress=progress, cluster=cluster)
    finally:
        if progress is not None:
            progress.done()
    for path, reason in summary.skipped:  # names of any bytes: one escaped line each (letopis.names)
        click.echo(f"skipped: {shown(path)}: {shown(reason)}", err=True)
    for locator, reason in summary.notices:
        click.echo(f"kept, not read: {shown(locator)}: {shown(reason)}", err=True)
    for locator, reason in summary.failures:
        click.echo(f"failed: {shown(locator)}: {shown(reason)}", err=True)
    click.echo(summary.line())
    workspace.close()
    if summary.failed:
        sys.exit(1)


class _Progress:
    """Ingest progress on a terminal, with click's progress display (the total of a stream is unknown).

    One line, redrawn in place and shorter than 80 columns; the
    caller makes none when standard error is not a terminal.
    """

    def __init__(self, file: TextIO | None = None) -> None:
        self._bar = click.progressbar(
            _unknown_length(), label="ingest", file=file or sys.stderr, width=12, show_eta=False,
            show_percent=False, bar_template="%(label)s [%(bar)s] %(info)s", item_show_func=self._info,
        )

    def __call__(self, summary: Any, capture: Any) -> None:
        self._bar.update(1, summary)

    def done(self) -> None:
        self._bar.render_finish()

    def _info(self, summary: Any) -> str | None:
        if summary is None:
            return None
        return f"{self._bar.pos} items, {summary.incidents_new} new incidents, {summary.failed} failed"


def _unknown_length() -> Iterator[Any]:
    yield from ()


@click.command()
@click.option("--q", "query", help="Words to find in summaries, quotes, places and source titles; a place "
              "may be named in any language and case form (Харків, у Харкові, Kharkov).")
@click.option("--type", "event_type", callback=event_type_option,
              help=f"Event type, one of: {', '.join(EVENT_TYPES)} (see docs/taxonomy.md).")
@click.option("--from", "date_from", help="Earliest date (YYYY-MM-DD).")
@click.option("--to", "date_to", help="Latest date (YYYY-MM-DD).")
@click.option("--admin1", help="Region, in any language and case: 'Kharkiv Oblast', 'Харківська область', "
              "'на Харківщині'.")
@click.option("--status", type=click.Choice(["candidate", "verified", "rejected"]))
@click.option("--min-origins", type=click.IntRange(min=0), help="At least this many independent origins (copies "
              "and reposts of one text count once).")
@click.option("--origin-kind", help="With an independent origin of this kind: official, media, channel, testimony, "
              "court_record.")
@click.option("--court-record", is_flag=True, help="Confirmed by a court record (--origin-kind court_record).")
@click.option("--info-grade", type=click.IntRange(1, 6), help="An information grade this good or better (the "
              "Admiralty digit derived from the corroboration: 1 confirmed, 2 probably true, 3 possibly true, "
              "4 doubtful, 6 cannot be judged); 2 lists grades 1 and 2.")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many incidents. Without it csv and "
              "jsonl write every match; when it cuts an export, what it left out is said on stderr and the exit "
              f"status is 1. The table shows the first {TABLE_ROWS} by default.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True)
@click.pass_context
def incidents(ctx: click.Context, query: str | None, event_type: str | None, date_from: str | None,
              date_to: str | None, admin1: str | None, status: str | None, min_origins: int | None,
              origin_kind: str | None, court_record: bool, info_grade: int | None, limit: int | None,
              fmt: str) -> None:
    """List, search and export stored incidents (newest first)."""
    from letopis.publish.incidents import write_incidents
    from letopis.services.incidents import IncidentFilters, check_origin_kind, count_incidents, iter_incidents

    if court_record and origin_kind and check_origin_kind(origin_kind) != "court_record":
        raise UsageError("--court-record and --origin-kind name different kinds; give one")
    kind = "court_record" if court_record else (check_origin_kind(origin_kind) if origin_kind else None)
    filters = IncidentFilters(q=query, event_type=event_type, date_from=_parse_date(date_from, "--from"),
                              date_to=_parse_date(date_to, "--to"), admin1=admin1, status=status,
                              min_origins=min_origins, origin_kind=kind, info_grade=info_grade)
    workspace = _workspace(ctx)
    try:
        if fmt == "table":
            shown = TABLE_ROWS if limit is None else limit
            written = write_incidents(iter_incidents(workspace.db, filters, limit=shown), sys.stdout, fmt)
            total = count_incidents(workspace.db, filters) if written == shown else written
            click.echo(f"{total} incident(s)" + (f", first {shown} shown" if total > shown else ""), err=True)
            return
        written = write_incidents(iter_incidents(workspace.db, filters, limit=limit), sys.stdout, fmt)
        sys.stdout.flush()
        total = count_incidents(workspace.db, filters) if limit is not None and written == limit else written
    finally:
        workspace.close()
    if total > written:
        click.echo(f"letopis: --limit {limit} cut the export: {written} of {total} incidents written, "
                   f"{total - written} left out", err=True)
        sys.exit(1)


@click.command()
@click.argument("incident_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print as JSON (the shape of `incidents --format jsonl`).")
@click.pass_context
def show(ctx: click.Context, incident_id: int, as_json: bool) -> None:
    """One incident with all its sources and quotes."""
    from letopis.publish.incidents import write_detail
    from letopis.publish.shape import dumps, stored_incident_json
    from letopis.services.incidents import get_incident
    from letopis.services.reextract import open_reading_flags

    workspace = _workspace(ctx)
    try:
        detail = get_incident(workspace.db, incident_id)
        flags = open_reading_flags(workspace.db, incident_id=incident_id)
    finally:
        workspace.close()
    if detail is None:
        raise UsageError(f"no incident {incident_id}")
    if as_json:
        click.echo(dumps(stored_incident_json(detail), pretty=True))
        return
    write_detail(detail, sys.stdout)
    if flags:
        click.echo("\n  reading flags (a new reading disagrees with a person's decision; kept, not applied)")
        for flag in flags:
            click.echo(f"    {flag.id}: {flag.field}: kept {flag.kept!r}; engine {flag.engine} read {flag.proposed!r} "
                       f"in source {flag.source_id} ({shown(flag.reason)})")


@click.command()
@click.pass_context
def verify(ctx: click.Context) -> None:
    """Re-hash every stored original and text; check database and evidence folder both ways."""
    from letopis.services.verify import verify_evidence

    workspace = _workspace(ctx)
    try:
        problems = verify_evidence(workspace)
    finally:
        workspace.close()
    for problem in problems:
        click.echo(shown(str(problem)))
    if problems:
        click.echo(f"verify: {len(problems)} problem(s)", err=True)
        sys.exit(1)
    click.echo("verify: ok")


@click.group("log")
def log_group() -> None:
    """The custody log."""


@log_group.command("verify")
@click.option("--anchor", "anchor", type=click.Path(path_type=Path, dir_okay=False),
              help="A receipt from `letopis log anchor`: prove the log still holds that entry.")
@click.pass_context
def log_verify(ctx: click.Context, anchor: Path | None) -> None:
    """Check the custody log's hash chain (and, with --anchor, that nothing anchored was removed or rewritten,
    and the receipt's RFC 3161 time-stamp, offline)."""
    from letopis.services.verify import check_log

    workspace = _workspace(ctx)
    try:
        checked = check_log(workspace, anchor)
    finally:
        workspace.close()
    for problem in checked.problems:
        click.echo(shown(str(problem)))
    if checked.problems:
        sys.exit(1)
    held = f"holds the entry anchored in {shown(str(anchor))}" if anchor else ""
    if checked.stamp is not None:
        held += f"; {shown(checked.stamp.describe())}"
    click.echo("custody log: ok" + (f" ({held})" if held else ""))


@log_group.command("anchor")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Receipt file to write (default letopis-anchor-SEQ.json); keep it outside the data directory.")
@click.pass_context
def log_anchor(ctx: click.Context, output: Path | None) -> None:
    """Write the custody log's head (sequence, hash, time) to a small receipt to keep elsewhere (time-stamped by
    the RFC 3161 authority the setting tsa_url names, if any; without its token, exit status 1)."""
    from letopis.services.verify import anchor_log

    workspace = _workspace(ctx)
    try:
        anchored = anchor_log(workspace, output)
    finally:
        workspace.close()
    receipt = anchored.receipt
    click.echo(f"anchored seq {receipt.seq} {receipt.hash} in {shown(str(anchored.path))}")
    if anchored.stamp is not None:
        click.echo(shown(anchored.stamp.describe()))
    if anchored.warning is not None:
        click.echo(f"letopis: warning: {shown(anchored.warning)}", err=True)
        sys.exit(1)


@click.command()
@click.argument("keep", type=int)
@click.argument("drop", type=int)
@click.option("--reason", default="merged by hand", show_default=True)
@click.pass_context
def merge(ctx: click.Context, keep: int, drop: int, reason: str) -> None:
    """Merge incident DROP into KEEP (all sources and quotes move to KEEP)."""
    from letopis.services.review import merge as merge_incidents

    workspace = _workspace(ctx)
    try:
        moved = merge_incidents(workspace.db, keep, drop, actor=workspace.config.collector, reason=reason)
    finally:
        workspace.close()
    click.echo(f"merged {drop} into {keep} ({moved} source(s) moved)")


@click.command()
@click.argument("incident_id", type=int)
@click.argument("source_id", type=int)
@click.pass_context
def split(ctx: click.Context, incident_id: int, source_id: int) -> None:
    """Take SOURCE_ID out of INCIDENT_ID into a new incident of its own."""
    from letopis.services.review import split as split_incident

    workspace = _workspace(ctx)
    try:
        new_id = split_incident(workspace.db, incident_id, source_id, actor=workspace.config.collector)
    finally:
        workspace.close()
    click.echo(f"source {source_id} split from incident {incident_id} into incident {new_id}")


@click.command()
@click.argument("incident_id", type=int)
@click.argument("new_status", type=click.Choice(["candidate", "verified", "rejected"]))
@click.pass_context
def status(ctx: click.Context, incident_id: int, new_status: str) -> None:
    """Set an incident's status (candidate, verified, rejected)."""
    from letopis.services.review import set_status

    workspace = _workspace(ctx)
    try:
        set_status(workspace.db, incident_id, new_status, actor=workspace.config.collector)
    finally:
        workspace.close()
    click.echo(f"incident {incident_id}: {new_status}")
