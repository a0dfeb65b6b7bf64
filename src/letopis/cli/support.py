"""Shared pieces of the command-line layer: option parsing and opening the data directory.

Errors are raised as :mod:`letopis.errors` exceptions; ``letopis.cli`` turns
them into one line and an exit status, in one place.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from letopis.errors import FilterError, UsageError
from letopis.model import EVENT_TYPES

if TYPE_CHECKING:
    from letopis.config import Config
    from letopis.services.incidents import IncidentFilters
    from letopis.services.workspace import Workspace


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} must be a date as YYYY-MM-DD, got {value!r}") from None


def load_settings(ctx: click.Context) -> Config:
    from letopis.config import load_config

    return load_config({"data": ctx.obj.get("data")})


def workspace(ctx: click.Context) -> Workspace:
    """The data directory, opened (and unlocked with the passphrase when it is encrypted)."""
    from letopis.services.workspace import open_workspace

    return open_workspace(load_settings(ctx))


def report_rows(fmt: str, total: int, written: int, shown: int | None, limit: int | None,
                one: str, many: str) -> None:
    """After a listing: the table says how many there are and how many it showed; an export
    cut by --limit says so on stderr and exits 1 (exports are never cut silently)."""
    if fmt == "table":
        click.echo(f"{total} {one}(s)" + (f", first {shown} shown" if total > written else ""), err=True)
    elif total > written:
        click.echo(f"letopis: --limit {limit} cut the export: {written} of {total} {many} written", err=True)
        sys.exit(1)


cluster_option = click.option(
    "--cluster", metavar="ADDRESS",
    help="Run extraction on a cluster: auto (a local Ray), ray://HOST:PORT (a Ray Client server) or "
         "tcp://HOST:PORT (a Dask scheduler); needs letopis[cluster]. Default: worker processes on this machine.")
"""The ``--cluster`` option of the commands that extract (its value goes to
:func:`letopis.services.backends.open_backend`; docs/cluster.md)."""


TABLE_ROWS = 100  # rows a table shows unless --limit says otherwise


def event_type_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Callback of a ``--type`` option: a taxonomy type, or a usage error listing them."""
    from letopis.services.incidents import check_event_type

    if value is None:
        return None
    try:
        return check_event_type(value)
    except FilterError as exc:
        raise UsageError(f"--type: {exc}") from None


def incident_filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The filters of `letopis incidents`, for commands over the same incidents."""
    options = (
        click.option("--q", "query", help="Words to find (summaries, quotes, places in any language)."),
        click.option("--type", "event_type", callback=event_type_option, help=f"One of: {', '.join(EVENT_TYPES)}."),
        click.option("--from", "date_from", help="Earliest date (YYYY-MM-DD)."),
        click.option("--to", "date_to", help="Latest date (YYYY-MM-DD)."),
        click.option("--admin1", help="Region, in any language and case."),
        click.option("--status", type=click.Choice(["candidate", "verified", "rejected"])),
    )
    for option in reversed(options):
        command = option(command)
    return command


def incident_filters(query: str | None, event_type: str | None, date_from: str | None, date_to: str | None,
                     admin1: str | None, status: str | None) -> IncidentFilters:
    """The filters of :func:`incident_filter_options`' values."""
    from letopis.services.incidents import IncidentFilters

    return IncidentFilters(q=query, event_type=event_type, date_from=parse_date(date_from, "--from"),
                           date_to=parse_date(date_to, "--to"), admin1=admin1, status=status)
