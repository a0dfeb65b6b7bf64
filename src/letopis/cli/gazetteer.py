"""CLI commands over the place index: gazetteer build, gazetteer import."""

from __future__ import annotations

from pathlib import Path

import click

from letopis.errors import UsageError


def register(main: click.Group) -> None:
    main.add_command(gazetteer)


@click.group()
def gazetteer() -> None:
    """Build and extend the place index."""


@gazetteer.command("build")
def gazetteer_build() -> None:
    """Compile the gazetteer cache now (it is otherwise built on first use)."""
    from letopis.gazetteer import load_gazetteer

    load_gazetteer()
    click.echo("gazetteer ready")


@gazetteer.command("import")
@click.argument("dump", type=click.Path(path_type=Path))
def gazetteer_import(dump: Path) -> None:
    """Add the places of a full GeoNames country dump (e.g. UA.txt) to the gazetteer."""
    from letopis.gazetteer import import_geonames_dump

    if not dump.is_file():
        raise UsageError(f"no such file: {dump}")
    try:
        added = import_geonames_dump(dump)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    click.echo(f"{added} places added from {dump.name}")
