"""CLI commands over the case database: init, ingest, incidents, show, verify, log, merge, split.

Thin: each parses options and calls one library function.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any, TextIO

import click

from letopis.cli_support import UserError, load_settings as _config, parse_date as _parse_date, workspace as _workspace


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
    from letopis.crypto import CryptoError
    from letopis.workspace import init_workspace

    config = _config(ctx)
    try:
        workspace, created, recovery = init_workspace(config, encrypt=encrypt)
    except CryptoError as exc:
        raise UserError(str(exc)) from None
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
@click.pass_context
def ingest(ctx: click.Context, sources: tuple[str, ...], published: str | None) -> None:
    """Ingest SOURCES (files, folders, URLs, feeds, Telegram exports, - for stdin)."""
    from letopis.collect import Ingestor
    from letopis.extract.engine import Engine
    from letopis.ingest import HttpxFetcher, is_url

    when = _parse_date(published, "--published")
    workspace = _workspace(ctx)
    config = workspace.config
    progress = _Progress() if sys.stderr.isatty() else None
    max_bytes = config.max_file_mb * 1024 * 1024
    fetcher = None
    if any(is_url(source) for source in sources):  # no HTTP client at all unless a URL was asked for
        fetcher = HttpxFetcher(timeout=config.timeout_s, max_bytes=max_bytes, proxy=config.proxy)
    ingestor = Ingestor(db=workspace.db, store=workspace.store, engine=Engine(), collector=config.collector,
                        fetcher=fetcher, max_bytes=max_bytes, progress=progress)
    try:
        summary = ingestor.run(sources, published=when)
    finally:
        if fetcher is not None:
            fetcher.close()
        if progress is not None:
            progress.done()
    for locator, reason in summary.failures:
        click.echo(f"failed: {locator}: {reason}", err=True)
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
@click.option("--q", "query", help="Words to find in summaries, quotes, places and source titles.")
@click.option("--type", "event_type", help="Event type.")
@click.option("--from", "date_from", help="Earliest date (YYYY-MM-DD).")
@click.option("--to", "date_to", help="Latest date (YYYY-MM-DD).")
@click.option("--admin1", help="Region, e.g. 'Kharkiv Oblast'.")
@click.option("--status", type=click.Choice(["candidate", "verified", "rejected"]))
@click.option("--limit", type=int, default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True)
@click.pass_context
def incidents(ctx: click.Context, query: str | None, event_type: str | None, date_from: str | None,
              date_to: str | None, admin1: str | None, status: str | None, limit: int, fmt: str) -> None:
    """List and search stored incidents."""
    from letopis.db import queries
    from letopis.output.incidents import write_incidents

    _parse_date(date_from, "--from")
    _parse_date(date_to, "--to")
    workspace = _workspace(ctx)
    with workspace.db.session(readonly=True) as session:
        page = queries.search_incidents(session, q=query, type=event_type, date_from=date_from,
                                        date_to=date_to, admin1=admin1, status=status, limit=limit)
        sources = {i.id: len(queries.get_incident(session, i.id).sources) for i in page.items}  # type: ignore[union-attr]
    write_incidents(page.items, sources, sys.stdout, fmt)
    if fmt == "table":
        click.echo(f"{page.total} incident(s)" + (f", first {limit} shown" if page.total > limit else ""),
                   err=True)
    workspace.close()


@click.command()
@click.argument("incident_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def show(ctx: click.Context, incident_id: int, as_json: bool) -> None:
    """One incident with all its sources and quotes."""
    from letopis.db import queries
    from letopis.output.incidents import detail_dict, write_detail

    workspace = _workspace(ctx)
    with workspace.db.session(readonly=True) as session:
        detail = queries.get_incident(session, incident_id)
    workspace.close()
    if detail is None:
        raise UserError(f"no incident {incident_id}")
    if as_json:
        click.echo(json.dumps(detail_dict(detail), ensure_ascii=False, indent=2, default=str))
    else:
        write_detail(detail, sys.stdout)


@click.command()
@click.pass_context
def verify(ctx: click.Context) -> None:
    """Re-hash every stored original and text; check database and evidence folder both ways."""
    from letopis.evidence import verify_store

    workspace = _workspace(ctx)
    problems = verify_store(workspace.db, workspace.store, actor=workspace.config.collector)
    workspace.close()
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"verify: {len(problems)} problem(s)", err=True)
        sys.exit(1)
    click.echo("verify: ok")


@click.group("log")
def log_group() -> None:
    """The custody log."""


@log_group.command("verify")
@click.pass_context
def log_verify(ctx: click.Context) -> None:
    """Check the custody log's hash chain."""
    from letopis.evidence import verify_log

    workspace = _workspace(ctx)
    with workspace.db.session(readonly=True) as session:
        problems = verify_log(session)
    workspace.close()
    for problem in problems:
        click.echo(str(problem))
    if problems:
        sys.exit(1)
    click.echo("custody log: ok")


@click.command()
@click.argument("keep", type=int)
@click.argument("drop", type=int)
@click.option("--reason", default="merged by hand", show_default=True)
@click.pass_context
def merge(ctx: click.Context, keep: int, drop: int, reason: str) -> None:
    """Merge incident DROP into KEEP (all sources and quotes move to KEEP)."""
    from letopis.review import ReviewError, merge as merge_incidents

    workspace = _workspace(ctx)
    try:
        moved = merge_incidents(workspace.db, keep, drop, actor=workspace.config.collector, reason=reason)
    except ReviewError as exc:
        raise UserError(str(exc)) from None
    finally:
        workspace.close()
    click.echo(f"merged {drop} into {keep} ({moved} source(s) moved)")


@click.command()
@click.argument("incident_id", type=int)
@click.argument("source_id", type=int)
@click.pass_context
def split(ctx: click.Context, incident_id: int, source_id: int) -> None:
    """Take SOURCE_ID out of INCIDENT_ID into a new incident of its own."""
    from letopis.review import ReviewError, split as split_incident

    workspace = _workspace(ctx)
    try:
        new_id = split_incident(workspace.db, incident_id, source_id, actor=workspace.config.collector)
    except ReviewError as exc:
        raise UserError(str(exc)) from None
    finally:
        workspace.close()
    click.echo(f"source {source_id} split from incident {incident_id} into incident {new_id}")


@click.command()
@click.argument("incident_id", type=int)
@click.argument("new_status", type=click.Choice(["candidate", "verified", "rejected"]))
@click.pass_context
def status(ctx: click.Context, incident_id: int, new_status: str) -> None:
    """Set an incident's status (candidate, verified, rejected)."""
    from letopis.review import ReviewError, set_status

    workspace = _workspace(ctx)
    try:
        set_status(workspace.db, incident_id, new_status, actor=workspace.config.collector)
    except ReviewError as exc:
        raise UserError(str(exc)) from None
    finally:
        workspace.close()
    click.echo(f"incident {incident_id}: {new_status}")



