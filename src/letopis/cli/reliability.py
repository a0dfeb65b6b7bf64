"""CLI commands over the reliability services: `letopis origins recompute` and `letopis source-profile
set/list/show/seed`.

Thin: each parses options, calls :mod:`letopis.services.origins` or
:mod:`letopis.services.profiles`, and prints.
"""

from __future__ import annotations

import click

from letopis.cli.support import workspace as _workspace
from letopis.names import shown


def register(main: click.Group) -> None:
    main.add_command(origins_group)
    main.add_command(profile_group)


@click.group("origins")
def origins_group() -> None:
    """Independent origins of incidents: which sources are copies of which."""


@origins_group.command("recompute")
@click.pass_context
def origins_recompute(ctx: click.Context) -> None:
    """Group every incident's sources into origins again (after an upgrade, or to apply changed rules)."""
    from letopis.services.origins import recompute_origins

    workspace = _workspace(ctx)
    try:
        summary = recompute_origins(workspace.db)
    finally:
        workspace.close()
    click.echo(f"origins: {summary.incidents} incident(s), {summary.sources} source(s), "
               f"{summary.origins} independent origin(s)")


@click.group("source-profile")
def profile_group() -> None:
    """Profiles of sites and channels: name, kind, country, language, stance, Admiralty grade."""


@profile_group.command("set")
@click.argument("host")
@click.option("--grade", help="Admiralty grade: a letter A-F for the source's reliability, optionally a digit 1-6 "
              "for the usual credibility of its information (B, B2).")
@click.option("--stance", help="state_media, state_aligned, independent, officials_channel, monitor or unknown.")
@click.option("--kind", help="Kind of origin its posts are: official, media, channel, testimony, court_record.")
@click.option("--name", help="The outlet's or channel's name.")
@click.option("--country", help="Two-letter country code (UA, RU, …).")
@click.option("--language", help="Its main language (uk, ru, en, …).")
@click.option("--reason", required=True, help="Why (kept in the profile's history and the custody log).")
@click.pass_context
def profile_set(ctx: click.Context, host: str, grade: str | None, stance: str | None, kind: str | None,
                name: str | None, country: str | None, language: str | None, reason: str) -> None:
    """Create or change the profile of HOST: a site (meduza.io), a channel (t.me/name, @name) or telegram:ID."""
    from letopis.reliability.profiles import ProfileFields
    from letopis.services.profiles import set_profile

    workspace = _workspace(ctx)
    try:
        detail = set_profile(workspace.db, host, ProfileFields(name=name, kind=kind, country=country,
                                                              language=language, stance=stance),
                             grade=grade, reason=reason, actor=workspace.config.collector)
    finally:
        workspace.close()
    _print_profile(detail.profile)


@profile_group.command("list")
@click.pass_context
def profile_list(ctx: click.Context) -> None:
    """Every profile: host, grade, stance, kind, country, language, name."""
    from letopis.services.profiles import list_profiles

    workspace = _workspace(ctx)
    try:
        profiles = list_profiles(workspace.db)
    finally:
        workspace.close()
    rows = [("host", "grade", "stance", "kind", "country", "lang", "name")]
    rows += [(p.host, p.grade or "-", p.stance, p.kind or "-", p.country or "-", p.language or "-", p.name or "")
             for p in profiles]
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]) - 1)]
    for r in rows:
        click.echo(shown("  ".join([cell.ljust(widths[c]) for c, cell in enumerate(r[:-1])] + [r[-1]]).rstrip()))
    click.echo(f"{len(profiles)} profile(s)", err=True)


@profile_group.command("show")
@click.argument("host")
@click.pass_context
def profile_show(ctx: click.Context, host: str) -> None:
    """One profile with its history: who changed what, when, and why."""
    from letopis.services.profiles import show_profile

    workspace = _workspace(ctx)
    try:
        detail = show_profile(workspace.db, host)
    finally:
        workspace.close()
    _print_profile(detail.profile)
    click.echo("  history")
    for change in detail.history:
        click.echo(shown(f"    {change.at.isoformat()} {change.actor}: {change.field} {change.old!r} -> "
                         f"{change.new!r}  ({change.reason})"))


@profile_group.command("seed")
@click.pass_context
def profile_seed(ctx: click.Context) -> None:
    """Add the starting list of well-known outlets shipped with Letopis (no grades) for sites without a profile."""
    from letopis.services.profiles import seed_profiles

    workspace = _workspace(ctx)
    try:
        added = seed_profiles(workspace.db, actor=workspace.config.collector)
    finally:
        workspace.close()
    click.echo(f"{added} profile(s) added from the starting list")


def _print_profile(p: object) -> None:
    from letopis.model.views import SourceProfileView
    from letopis.reliability.profiles import CREDIBILITY, RELIABILITY

    assert isinstance(p, SourceProfileView)
    grade = "not graded"
    if p.reliability:
        grade = f"{p.grade} ({RELIABILITY[p.reliability]}" + (
            f"; information {CREDIBILITY[p.credibility]})" if p.credibility else ")")
    click.echo(shown(f"{p.host}: {p.name or '-'}"))
    click.echo(shown(f"  grade     {grade}"))
    click.echo(shown(f"  stance    {p.stance}"))
    click.echo(shown(f"  kind      {p.kind or '-'}; country {p.country or '-'}; language {p.language or '-'}"))
