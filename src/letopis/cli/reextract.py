"""``letopis reextract``: the stored texts read again by today's engine, human work kept; ``letopis
reading-flags``: where a new reading disagreed with a person.

Thin: parses options, calls :mod:`letopis.services.reextract`, prints its report.
"""

from __future__ import annotations

import sys
from collections import Counter

import click

from letopis.cli.support import cluster_option, parse_date, workspace as _workspace
from letopis.names import shown

_ACTIONS = ("added", "changed", "removed", "flagged")


def register(main: click.Group) -> None:
    main.add_command(reextract)
    main.add_command(reading_flags)


@click.command()
@click.option("--source", "source_ids", type=int, multiple=True, help="Only this source (repeatable).")
@click.option("--kind", help="Only sources of this kind (file, web, telegram, feed …).")
@click.option("--language", help="Only sources in this language (their own, or their records').")
@click.option("--from", "date_from", help="Only sources published on or after this day (YYYY-MM-DD).")
@click.option("--to", "date_to", help="Only sources published on or before this day (YYYY-MM-DD).")
@click.option("--dry-run", is_flag=True, help="Change nothing: print what would be added, changed, removed "
              "and flagged, by type and region.")
@click.option("--workers", type=click.IntRange(min=0), help="Extraction processes (default: as ingest).")
@cluster_option
@click.pass_context
def reextract(ctx: click.Context, source_ids: tuple[int, ...], kind: str | None, language: str | None,
              date_from: str | None, date_to: str | None, dry_run: bool, workers: int | None,
              cluster: str | None) -> None:
    """Read the stored texts again with today's engine and reconcile: what no person touched takes the
    new reading, what a person decided stays, and a disagreement with it is flagged (reading-flags).
    Testimonies are read too, decrypted in memory, in this process only (never on --cluster); withdrawn
    ones and those whose consent ended are skipped and counted."""
    from letopis.services.reextract import SKIPPED, ReextractFilters, reextract_workspace

    filters = ReextractFilters(source_ids=source_ids or None, kind=kind, language=language,
                               date_from=parse_date(date_from, "--from"), date_to=parse_date(date_to, "--to"))
    workspace = _workspace(ctx)
    try:
        report = reextract_workspace(workspace, filters, dry_run=dry_run, workers=workers, cluster=cluster)
    finally:
        workspace.close()
    counts = report.counts()
    what = "would be" if dry_run else "were"
    click.echo(f"engine {report.engine}: {report.sources_read} source(s) read; "
               + ", ".join(f"{counts[a]} {what} {a}" for a in _ACTIONS)
               + ("; dry run, nothing changed" if dry_run else ""))
    if report.testimonies_read:
        click.echo(f"{report.testimonies_read} of them testimony(ies), read in this process")
    for reason, count in sorted(report.skipped.items()):
        line = f"{count} testimony(ies) not read: {SKIPPED[reason]}"
        click.echo(f"letopis: warning: {line}" if reason == "locked" else line, err=reason == "locked")
    if report.changes:
        _table("type", report.by(lambda c: f"{c.kind}:{c.event_type}"))
        _table("region", report.by(lambda c: c.region or "-"))
    for source_id, reason in report.failures:
        click.echo(f"failed: source {source_id}: {shown(reason)}", err=True)
    if report.failures:
        sys.exit(1)


def _table(title: str, rows: dict[str, Counter[str]]) -> None:
    width = max(len(title), *(len(key) for key in rows))
    click.echo(f"\n{title:<{width}}  " + "  ".join(f"{a:>7}" for a in _ACTIONS))
    for key, counts in rows.items():
        click.echo(f"{shown(key):<{width}}  " + "  ".join(f"{counts[a]:>7}" for a in _ACTIONS))


@click.group("reading-flags", invoke_without_command=True)
@click.option("--incident", "incident_id", type=int, help="Only the flags of this incident.")
@click.pass_context
def reading_flags(ctx: click.Context, incident_id: int | None) -> None:
    """Open reading flags: where a new reading disagreed with what a person decided (kept, not applied)."""
    if ctx.invoked_subcommand is not None:
        return
    from letopis.services.reextract import open_reading_flags

    workspace = _workspace(ctx)
    try:
        flags = open_reading_flags(workspace.db, incident_id=incident_id)
    finally:
        workspace.close()
    for flag in flags:
        subject = f"incident {flag.incident_id}" if flag.incident_id is not None else f"statistic {flag.statistic_id}"
        click.echo(f"{flag.id}  {subject}  {flag.field}: kept {flag.kept!r}, engine {flag.engine} read "
                   f"{flag.proposed!r} in source {flag.source_id} ({shown(flag.reason)})")
    click.echo(f"{len(flags)} open reading flag(s)", err=True)


@reading_flags.command("resolve")
@click.argument("flag_id", type=int)
@click.option("--apply", "decision", flag_value="apply", help="Take the new reading (an edit of yours).")
@click.option("--dismiss", "decision", flag_value="dismiss", help="Keep what is stored.")
@click.option("--reason", required=True, help="Why (kept with the flag and in the custody log).")
@click.pass_context
def resolve(ctx: click.Context, flag_id: int, decision: str | None, reason: str) -> None:
    """Decide a reading flag: --apply the new reading or --dismiss it."""
    from letopis.errors import UsageError
    from letopis.services.reextract import resolve_reading_flag

    if decision is None:
        raise UsageError("say --apply or --dismiss")
    workspace = _workspace(ctx)
    try:
        resolve_reading_flag(workspace.db, flag_id, decision, reason=reason, actor=workspace.config.collector)
    finally:
        workspace.close()
    click.echo(f"reading flag {flag_id}: {'applied' if decision == 'apply' else 'dismissed'}")
