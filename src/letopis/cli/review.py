"""CLI commands for a person's decisions: edit, flags list/resolve.

Thin: each parses options and calls :mod:`letopis.services.review`; bad
input is a :class:`~letopis.errors.LetopisError` the group turns into one line.
(``merge``, ``split`` and ``status`` live in :mod:`letopis.cli.store`.)
"""

from __future__ import annotations

import sys
from typing import Any

import click

from letopis.cli.support import workspace as _workspace
from letopis.errors import UsageError
from letopis.model import ACTOR_ROLES, EVENT_TYPES, SENSITIVITY_MARKS


def register(main: click.Group) -> None:
    main.add_command(edit)
    main.add_command(flags_group)


# option name → the field of services.review.EDITABLE it sets
_EDIT_OPTIONS = (
    ("--date", "date", "YYYY, YYYY-MM or YYYY-MM-DD; '' for unknown."),
    ("--precision", "date_precision", "day, week, month, season or year (default: what the date's form says)."),
    ("--type", "event_type", f"One of: {', '.join(EVENT_TYPES)}."),
    ("--place", "place", "A place in any language (Харків, у Харкові, Kharkov): sets name, region, country, "
     "coordinates from the gazetteer."),
    ("--location-name", "location_name", "The place's English name, when the gazetteer does not know it."),
    ("--admin1", "admin1", "The region's English name."),
    ("--country", "country", "Two-letter country code."),
    ("--lat", "lat", "Latitude."),
    ("--lon", "lon", "Longitude."),
    ("--geo-precision", "geo_precision", "1 a named town, 2 near a town or a district, 3 a region or country."),
    ("--fatalities", "fatalities", "Killed ('' for not reported)."),
    ("--injured", "injured", "Injured ('' for not reported)."),
    ("--detained", "detained", "Detained ('' for not reported)."),
    ("--actors", "actors", f"Roles, comma-separated: {', '.join(ACTOR_ROLES)}."),
    ("--summary", "summary", "One sentence."),
    ("--status", "status", "candidate, verified or rejected."),
    ("--sensitivity", "sensitivity", f"Marks, comma-separated: {', '.join(SENSITIVITY_MARKS)}; '' for none."),
)


def _edit_options(command: Any) -> Any:
    for option, field, help_text in reversed(_EDIT_OPTIONS):
        command = click.option(option, field, help=help_text)(command)
    return command


def _shown(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return ",".join(str(v) for v in value) or "-"
    return str(value)


@click.command()
@click.argument("incident_id", type=int)
@_edit_options
@click.option("--reason", required=True, help="Why (kept in the edit history and the custody log). Required.")
@click.pass_context
def edit(ctx: click.Context, incident_id: int, reason: str, **fields: str | None) -> None:
    """Change fields of incident INCIDENT_ID, with a reason.

    Every value is checked before anything is written; each changed field goes
    to the edit history (see `letopis show`) and the custody log.

    \b
    letopis edit 12 --type resistance --detained 2 --reason "second source: two men, freed by neighbours"
    letopis edit 12 --date 2025-10 --place "у Харкові" --reason "the report dates it to the month only"
    """
    from letopis.services.review import edit_incident

    changes = {name: value for name, value in fields.items() if value is not None}
    if not changes:
        raise UsageError("give at least one field to change (letopis edit --help lists them)")
    ws = _workspace(ctx)
    try:
        changed = edit_incident(ws.db, incident_id, changes, reason=reason, actor=ws.config.collector)
    finally:
        ws.close()
    if not changed:
        click.echo(f"incident {incident_id}: nothing changed (the values were already so)")
    for change in changed:
        click.echo(f"incident {incident_id}: {change.field} {_shown(change.old)} -> {_shown(change.new)}")


@click.group("flags")
def flags_group() -> None:
    """Pairs of incidents the merging rules found nearly alike, waiting for a person."""


_FLAG_COLUMNS = ("flag", "status", "score", "a", "a_date", "a_type", "a_place", "b", "b_date", "b_type", "b_place",
                 "reason")


def _flag_row(view: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"flag": view.id, "status": view.status, "score": round(view.score, 2),
                           "reason": view.reason}
    for side, incident in (("a", view.a), ("b", view.b)):
        row[side] = incident.id
        row[f"{side}_date"] = incident.date
        row[f"{side}_type"] = incident.event_type
        row[f"{side}_place"] = incident.location_name
        row[f"{side}_summary"] = incident.summary
    row.update(created_at=view.created_at.isoformat(), resolved_at=view.resolved_at and view.resolved_at.isoformat(),
               resolved_by=view.resolved_by, resolution=view.resolution)
    return row


@flags_group.command("list")
@click.option("--all", "include_resolved", is_flag=True, help="Resolved flags too (merged, dismissed).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.pass_context
def flags_list(ctx: click.Context, include_resolved: bool, fmt: str) -> None:
    """Open merge flags (likeliest pairs first); see both with `letopis show A` and `letopis show B`."""
    from letopis.publish.rows import write_rows
    from letopis.services.review import list_merge_flags

    ws = _workspace(ctx)
    try:
        views = list_merge_flags(ws.db, include_resolved=include_resolved)
    finally:
        ws.close()
    columns = _FLAG_COLUMNS if fmt == "table" else (
        *_FLAG_COLUMNS[:-1], "a_summary", "b_summary", "reason", "created_at", "resolved_at", "resolved_by",
        "resolution")
    write_rows((_flag_row(view) for view in views), columns, sys.stdout, fmt)
    if fmt == "table":
        click.echo(f"{len(views)} {'' if include_resolved else 'open '}merge flag(s)", err=True)


@flags_group.command("resolve")
@click.argument("flag_id", type=int)
@click.option("--merge", "merge", is_flag=True, help="Same incident: merge the pair.")
@click.option("--keep-apart", is_flag=True, help="Different incidents: keep both.")
@click.option("--keep", type=int, help="With --merge: the incident to keep (default: the older one).")
@click.option("--reason", required=True, help="Why (kept on the flag and in the custody log). Required.")
@click.pass_context
def flags_resolve(ctx: click.Context, flag_id: int, merge: bool, keep_apart: bool, keep: int | None,
                  reason: str) -> None:
    """Decide merge flag FLAG_ID: --merge or --keep-apart, with --reason."""
    from letopis.services.review import resolve_merge_flag

    if merge == keep_apart:
        raise UsageError("give one of --merge or --keep-apart")
    if keep is not None and not merge:
        raise UsageError("--keep goes with --merge")
    ws = _workspace(ctx)
    try:
        view = resolve_merge_flag(ws.db, flag_id, "merge" if merge else "keep_apart", reason=reason,
                                  actor=ws.config.collector, keep=keep)
    finally:
        ws.close()
    if merge:
        kept, dropped = (view.a, view.b) if view.b.merged_into == view.a.id else (view.b, view.a)
        click.echo(f"flag {flag_id}: incident {dropped.id} merged into incident {kept.id}")
    else:
        click.echo(f"flag {flag_id}: incidents {view.a.id} and {view.b.id} kept apart")
