"""The ``letopis`` command: thin commands over the services.

Errors a user can act on are one line on stderr and a non-zero exit (2 for bad
input or usage, 1 when some items of a batch failed), never a traceback: every
:class:`~letopis.errors.LetopisError` a command lets through is turned into
``letopis: error: <message>`` and its exit status here, in ``_Letopis.invoke``.

Commands by subject: :mod:`~letopis.cli.extract` (extract, eval),
:mod:`~letopis.cli.gazetteer`, :mod:`~letopis.cli.store` (init, ingest,
incidents, show, verify, log, merge, split, status), :mod:`~letopis.cli.review`
(edit, flags), :mod:`~letopis.cli.statistics` (statistics, counts, map),
:mod:`~letopis.cli.protect` (key, testimony), :mod:`~letopis.cli.web` (serve), :mod:`~letopis.cli.accounts`
(user), :mod:`~letopis.cli.reliability` (origins, source-profile), :mod:`~letopis.cli.publish` (export),
:mod:`~letopis.cli.reextract` (reextract, reading-flags);
:mod:`~letopis.cli.support` holds what they share.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import click

from letopis._version import __version__
from letopis.cli import (
    accounts,
    digest,
    extract,
    gazetteer,
    protect,
    publish,
    reextract,
    reliability,
    review,
    sources,
    statistics,
    store,
    web,
)
from letopis.errors import LetopisError
from letopis.names import shown


class _OneLine(logging.Formatter):
    """Log messages on one line: a name or text holding a newline or control character is escaped."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        record.message = shown(record.message)
        return super().formatMessage(record)


class _Letopis(click.Group):
    """The command group; the one place a :class:`LetopisError` becomes a message and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LetopisError as error:
            click.echo(f"letopis: error: {shown(error)}", err=True)
            ctx.exit(error.exit_code)
        except Exception as error:
            from letopis.services.verify import damage_of  # imported late: sqlalchemy costs every command's start

            damage = damage_of(error)
            if damage is None:
                raise
            click.echo(f"letopis: error: the database is damaged ({shown(damage)}): restore it from a backup",
                       err=True)
            ctx.exit(2)


@click.group(cls=_Letopis, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="letopis")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("--data", type=click.Path(path_type=Path), help="Data directory (default ./letopis-data, "
              "or LETOPIS_DATA).")
@click.pass_context
def main(ctx: click.Context, verbose: int, data: Path | None) -> None:
    """Letopis: turn reports of war-time coercion into sourced incident records."""
    level = logging.WARNING - 10 * verbose
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLine("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=max(level, logging.DEBUG), handlers=[handler])
    ctx.obj = {"data": data}


for _commands in (extract, gazetteer, store, review, statistics, digest, sources, protect, publish, web, accounts,
                  reliability, reextract):
    _commands.register(main)
