"""`letopis digest`: a period's incidents written up in English, Ukrainian or Russian.

Thin: parses options, calls :func:`letopis.services.digest.build_digest`, renders
with :func:`letopis.publish.digest.render_digest`, writes stdout or a file.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from letopis.cli.support import event_type_option, parse_date, workspace as _workspace
from letopis.errors import UsageError
from letopis.model import EVENT_TYPES


def register(main: click.Group) -> None:
    main.add_command(digest)


def _write(text: str | bytes, output: Path | None) -> None:
    """To stdout, or to ``output`` whole or not at all (a temporary file renamed into place)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"-o: no folder {folder}")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@click.command()
@click.option("--from", "date_from", required=True, help="First day of the period (YYYY-MM-DD).")
@click.option("--to", "date_to", required=True, help="Last day of the period (YYYY-MM-DD).")
@click.option("--lang", type=click.Choice(["uk", "ru", "en"]), required=True, help="The digest's language.")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "pdf"]), default="md", show_default=True,
              help="Markdown, one self-contained HTML page with a bar chart, or a PDF (A4, the same content).")
@click.option("--q", "query", help="Words to find (summaries, quotes, places in any language).")
@click.option("--type", "event_type", callback=event_type_option, help=f"One of: {', '.join(EVENT_TYPES)}.")
@click.option("--admin1", help="Region, in any language and case.")
@click.option("--status", type=click.Choice(["candidate", "verified", "rejected"]),
              help="Only incidents with this status (default: all but rejected).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@click.pass_context
def digest(ctx: click.Context, date_from: str, date_to: str, lang: str, fmt: str, query: str | None,
           event_type: str | None, admin1: str | None, status: str | None, output: Path | None) -> None:
    """A digest of the incidents of a period: totals by type and region, then one paragraph per incident
    (written from the records' fields, no quotes or names) with its sources. With the setting translate_url,
    each paragraph also holds its incident's quote and its sources' titles, redacted, machine-translated into
    --lang and marked so."""
    from letopis.gazetteer import load_gazetteer
    from letopis.publish.digest import render_digest, render_digest_pdf
    from letopis.services.digest import build_digest, quoting_in
    from letopis.services.incidents import IncidentFilters
    from letopis.services.publishing import public_profile
    from letopis.services.translation import open_translator

    filters = IncidentFilters(q=query, event_type=event_type, date_from=parse_date(date_from, "--from"),
                              date_to=parse_date(date_to, "--to"), admin1=admin1, status=status)
    if fmt == "pdf" and output is None and sys.stdout.isatty():
        raise UsageError("a PDF digest is binary: give -o FILE (or redirect standard output)")
    ws = _workspace(ctx)
    translator = open_translator(ws.config, ws.db)
    try:
        quoting = quoting_in(lang, public_profile(ws.config.public_names).redactor, translator) \
            if translator is not None else None
        result = build_digest(ws.db, filters, ws.config.publish_min_count, quoting)
    finally:
        ws.close()
        if translator is not None:
            translator.close()
    gazetteer = load_gazetteer()
    _write(render_digest_pdf(result, gazetteer, lang) if fmt == "pdf" else render_digest(result, gazetteer, lang, fmt),
           output)
    small = (f"; {result.left_out} left out (fewer than publish_min_count in their region and month)"
             if result.left_out else "")
    click.echo(f"{len(result.entries)} incident(s) in the digest" + (f", written to {output}" if output else "")
               + small, err=True)
    if translator is not None:
        click.echo(f"{translator.translated} quote(s) and title(s) machine-translated into {lang} through "
                   f"{translator.backend.name}"
                   + (f", {translator.cached} kept from earlier runs" if translator.cached else "")
                   + (" (stopped: see the warning)" if translator.failure else ""), err=True)
