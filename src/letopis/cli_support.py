"""Shared pieces of the command-line layer: the user-facing error and option parsing."""

from __future__ import annotations

from datetime import date
from typing import IO, TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from letopis.config import Config
    from letopis.workspace import Workspace


class UserError(click.ClickException):
    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"letopis: error: {self.format_message()}", err=True)


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{option} must be a date as YYYY-MM-DD, got {value!r}") from None


def load_settings(ctx: click.Context) -> Config:
    from letopis.config import load_config

    try:
        return load_config({"data": ctx.obj.get("data")})
    except ValueError as exc:
        raise UserError(str(exc)) from None


def workspace(ctx: click.Context) -> Workspace:
    """The data directory, opened (and unlocked with the passphrase when it is encrypted)."""
    from letopis.crypto import CryptoError
    from letopis.workspace import NotInitialised, open_workspace

    try:
        return open_workspace(load_settings(ctx))
    except (NotInitialised, CryptoError) as exc:
        raise UserError(str(exc)) from None


