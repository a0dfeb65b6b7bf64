"""Shared pieces of the command-line layer: option parsing and opening the data directory.

Errors are raised as :mod:`letopis.errors` exceptions; ``letopis.cli`` turns
them into one line and an exit status, in one place.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from letopis.errors import UsageError

if TYPE_CHECKING:
    from letopis.config import Config
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
