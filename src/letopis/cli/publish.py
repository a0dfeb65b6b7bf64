"""CLI commands that publish: export (CSV, XLSX, JSON Lines, GeoJSON, ACLED) and publish (a static site).

Thin: parses options and calls :func:`letopis.services.publishing.export_incidents`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from letopis.cli.support import incident_filter_options, incident_filters, workspace as _workspace
from letopis.errors import UsageError


def register(main: click.Group) -> None:
    main.add_command(export)
    main.add_command(publish)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "jsonl", "geojson", "acled"]), required=True,
              help="csv (UTF-8 with BOM), xlsx, jsonl (full records), geojson (RFC 7946), acled (ACLED's columns).")
@incident_filter_options
@click.option("--profile", type=click.Choice(["public", "internal"]), default="public", show_default=True,
              help="public: private persons' names replaced by a role, testimonies and edit history left out, "
                   "coordinates coarsened, the file checked before it is kept; internal: the full records.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write (default: standard output). It appears only once complete and checked.")
@click.pass_context
def export(ctx: click.Context, fmt: str, query: str | None, event_type: str | None, date_from: str | None,
           date_to: str | None, admin1: str | None, status: str | None, profile: str, output: Path | None) -> None:
    """Export every matching incident (no limit, streamed), with a custody entry saying what went out.

    A public export that still names a private person after redaction is
    refused: exit status 1, no file written.
    """
    from letopis.services.publishing import export_incidents

    if output is None and fmt == "xlsx" and sys.stdout.isatty():
        raise UsageError("an xlsx export is binary: give -o FILE (or redirect standard output)")
    filters = incident_filters(query, event_type, date_from, date_to, admin1, status)
    workspace = _workspace(ctx)
    try:
        result = export_incidents(workspace, filters, fmt, profile=profile, output=output,
                                  stream=None if output is not None else sys.stdout.buffer)
        encrypted = workspace.master is not None
    finally:
        workspace.close()
    left = f"; {result.left_out} left out ({result.left_out_reason})" if result.left_out else ""
    if result.small_counts_left_out:
        left += (f"; {result.small_counts_left_out} left out (fewer than publish_min_count in their region and "
                 "month)")
    click.echo(f"exported {result.count} incident(s) as {fmt} ({profile}) to {result.output}{left}; "
               f"sha256 {result.sha256}; custody entry {result.custody_seq}", err=True)
    if encrypted and profile == "internal":
        click.echo("note: the export is not encrypted; it holds the full records", err=True)


@click.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--lang", "langs", default="en,uk,ru", show_default=True,
              help="The site's languages, comma-separated (en, uk, ru); the first is the folder's start page.")
@incident_filter_options
@click.option("--include-unverified", is_flag=True,
              help="Publish incidents not yet verified too (never rejected ones). Default: verified only.")
@click.option("--files", "with_files", is_flag=True,
              help="Publish the sources' images and PDFs too, as copies re-encoded without metadata (a PDF whose "
                   "text names a private person is left out). Look at them first: no check sees faces.")
@click.pass_context
def publish(ctx: click.Context, outdir: Path, langs: str, query: str | None, event_type: str | None,
            date_from: str | None, date_to: str | None, admin1: str | None, status: str | None,
            include_unverified: bool, with_files: bool) -> None:
    """Publish the matching incidents as a static site in OUTDIR (map, timeline, filters, a page per incident,
    en/uk/ru, data files), public profile, with a custody entry saying what went out.

    The site is written to a temporary folder and read back; it replaces OUTDIR only when no private
    person's name is left. Otherwise: exit status 1 and OUTDIR untouched.
    """
    from letopis.services.publishing import publish_site

    filters = incident_filters(query, event_type, date_from, date_to, admin1, status)
    workspace = _workspace(ctx)
    try:
        result = publish_site(workspace, filters, outdir, langs=[p.strip() for p in langs.split(",") if p.strip()],
                              include_unverified=include_unverified, files=with_files)
    finally:
        workspace.close()
    click.echo(f"published {result.count} incident(s) in {', '.join(result.languages)} to {result.output} "
               f"({result.files} files, {result.size} bytes); open {result.output}/index.html; "
               f"manifest sha256 {result.manifest_sha256}; custody entry {result.custody_seq}", err=True)
    if result.machine_translated or result.machine_translated_before or result.translation_failure:
        click.echo(f"{result.machine_translated} text(s) machine-translated"
                   + (f", {result.machine_translated_before} kept from earlier runs"
                      if result.machine_translated_before else "")
                   + (" (stopped: see the warning)" if result.translation_failure else ""), err=True)
    if result.small_counts_left_out:
        click.echo(f"{result.small_counts_left_out} incident(s) left out: fewer than publish_min_count in their "
                   "region and month", err=True)
    if with_files:
        left = "; ".join(f"{n} {reason}" for reason, n in sorted((result.files_left_out or {}).items()))
        click.echo(f"{result.files_written} image(s) and PDF(s) published as clean copies"
                   + (f"; not published: {left}" if left else ""), err=True)
