"""CLI commands for protection: passphrase and recovery keys, testimonies.

Thin: each parses options and calls one library function (the testimony
commands call :mod:`letopis.testimony` over the opened store, and
:mod:`letopis.services.testimony` to add one). Secrets come from
the environment (``LETOPIS_PASSPHRASE``, ``LETOPIS_NEW_PASSPHRASE``,
``LETOPIS_RECOVERY_KEY``) or a terminal prompt, never from a flag (flags end
up in shell history and process lists).
"""

from __future__ import annotations

import getpass
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from letopis.cli.support import load_settings, parse_date, workspace
from letopis.errors import UsageError

if TYPE_CHECKING:
    from letopis.testimony import WitnessIdentity


def register(main: click.Group) -> None:
    main.add_command(key_group)
    main.add_command(testimony_group)


def _new_passphrase() -> str:
    value = os.environ.get("LETOPIS_NEW_PASSPHRASE")
    if value:
        return value
    if not sys.stdin.isatty():
        raise UsageError("set LETOPIS_NEW_PASSPHRASE or run the command in a terminal")
    first = getpass.getpass("New passphrase: ")
    if getpass.getpass("Repeat the new passphrase: ") != first:
        raise UsageError("the two passphrases differ")
    return first


@click.group("key")
def key_group() -> None:
    """Passphrase and recovery key of an encrypted store."""


@key_group.command("change")
@click.pass_context
def key_change(ctx: click.Context) -> None:
    """Change the passphrase (keys are re-wrapped; no file is re-encrypted)."""
    from letopis.crypto import change_passphrase, passphrase_from_env_or_prompt

    config = load_settings(ctx)
    current = passphrase_from_env_or_prompt(prompt="Current passphrase: ")
    change_passphrase(config.data, current, _new_passphrase())
    click.echo("passphrase changed")


@key_group.command("recover")
@click.pass_context
def key_recover(ctx: click.Context) -> None:
    """Set a new passphrase with the recovery key printed at init (LETOPIS_RECOVERY_KEY or a prompt)."""
    from letopis.crypto import change_passphrase, unlock_with_recovery

    config = load_settings(ctx)
    recovery = os.environ.get("LETOPIS_RECOVERY_KEY")
    if not recovery:
        if not sys.stdin.isatty():
            raise UsageError("set LETOPIS_RECOVERY_KEY or run the command in a terminal")
        recovery = getpass.getpass("Recovery key: ")
    master = unlock_with_recovery(config.data, recovery)
    change_passphrase(config.data, master, _new_passphrase())
    click.echo("passphrase reset with the recovery key")


@click.group("testimony")
def testimony_group() -> None:
    """First-hand accounts with the witness's consent (encrypted stores only)."""


@testimony_group.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--consent", type=click.Choice(["public", "internal", "restricted"]), required=True,
              help="What the witness agreed to.")
@click.option("--until", help="Consent lapses after this date (YYYY-MM-DD).")
@click.option("--pseudonym", help="Name to show instead of the witness's.")
@click.option("--recorded-by", help="Who recorded the account (default: the collector).")
@click.option("--recorded-on", help="When it was recorded (YYYY-MM-DD; default: now).")
@click.option("--witness-file", type=click.File("r", encoding="utf-8"),
              help="A file holding the witness's real name and contact (stored apart, encrypted): .toml or "
              ".json with keys name, contact, notes, or plain text with the name on the first line and the "
              "contact on the second; - for standard input. Never on the command line.")
@click.option("--ask-witness", is_flag=True, help="Ask for the witness's name and contact at the terminal.")
@click.option("--lang", type=click.Choice(["auto", "en", "uk", "ru"]), default="auto")
@click.pass_context
def testimony_add(ctx: click.Context, files: tuple[Path, ...], consent: str, until: str | None,
                  pseudonym: str | None, recorded_by: str | None, recorded_on: str | None,
                  witness_file: TextIO | None, ask_witness: bool, lang: str) -> None:
    """Add a testimony (text, audio or image FILES); extraction runs on its text.

    The witness's identity comes from --witness-file or --ask-witness, never
    from a flag of its own (shell history and the process list would keep it).
    """
    from letopis.services.testimony import add_and_extract

    parse_date(until, "--until")
    recorded = parse_date(recorded_on, "--recorded-on")
    witness = _witness(witness_file, ask_witness)
    ws = workspace(ctx)
    try:
        result = add_and_extract(ws, files, consent=consent, until=until, pseudonym=pseudonym,
                                 recorded_by=recorded_by or ws.config.collector, recorded_on=recorded,
                                 witness=witness, language=None if lang == "auto" else lang)
    finally:
        ws.close()
    click.echo(f"testimony {result.testimony_id} stored ({consent}); "
               f"incidents: {result.incidents} new, {result.merged} merged, {result.flagged} flagged for review; "
               f"statistics: {result.statistics} (linked without quotes)")


def _witness(witness_file: TextIO | None, ask: bool) -> WitnessIdentity | None:
    """The witness's identity from a file or the terminal, or None when neither is asked for."""
    from letopis.testimony import WitnessIdentity
    from letopis.testimony.witness_file import parse_witness

    if witness_file is not None and ask:
        raise UsageError("give the witness's identity either in --witness-file or with --ask-witness, not both")
    if witness_file is not None:
        try:
            return parse_witness(witness_file.read(), witness_file.name)
        except UnicodeDecodeError:
            raise UsageError(f"witness file {witness_file.name}: not UTF-8 text") from None
    if not ask:
        return None
    if not sys.stdin.isatty():
        raise UsageError("--ask-witness needs a terminal; give the identity in --witness-file instead")
    name = click.prompt("Witness's name (empty: none)", default="", show_default=False, err=True).strip()
    contact = click.prompt("How to reach the witness (empty: none)", default="", show_default=False,
                           err=True).strip()
    if not name and not contact:
        return None
    return WitnessIdentity(name=name or "(unnamed)", contact=contact or None)


@testimony_group.command("list")
@click.pass_context
def testimony_list(ctx: click.Context) -> None:
    """Testimonies, without their content."""
    from letopis.testimony import list_testimonies

    ws = workspace(ctx)
    try:
        infos = list_testimonies(ws.opened)
    finally:
        ws.close()
    for t in infos:
        until = f" until {t.consent_until}" if t.consent_until else ""
        click.echo(f"{t.id}  {t.status:<9}  {t.consent}{until}  {t.pseudonym}  recorded {t.recorded_at:%Y-%m-%d} "
                   f"by {t.recorded_by}")


@testimony_group.command("show")
@click.argument("testimony_id", type=int)
@click.option("--role", default="owner", show_default=True, help="Role to read as (restricted "
              "testimonies need a grant).")
@click.pass_context
def testimony_show(ctx: click.Context, testimony_id: int, role: str) -> None:
    """Print a testimony's text, if the role may read it."""
    from letopis.testimony import read_testimony

    ws = workspace(ctx)
    try:
        t = read_testimony(ws.opened, testimony_id, role=role, today=date.today())
    finally:
        ws.close()
    click.echo(f"testimony {t.id} ({t.consent}, {t.pseudonym}, recorded {t.recorded_at:%Y-%m-%d})")
    click.echo(t.text or "(no text; files only)")


@testimony_group.command("grant")
@click.argument("testimony_id", type=int)
@click.argument("role")
@click.option("--identity", is_flag=True, help="Grant the witness's identity, not only the account.")
@click.pass_context
def testimony_grant(ctx: click.Context, testimony_id: int, role: str, identity: bool) -> None:
    """Let ROLE read a restricted testimony."""
    from letopis.testimony import grant

    ws = workspace(ctx)
    try:
        grant(ws.opened, testimony_id, role, scope="identity" if identity else "content",
              actor=ws.config.collector)
    finally:
        ws.close()
    click.echo(f"granted {role} {'identity' if identity else 'content'} of testimony {testimony_id}")


@testimony_group.command("revoke")
@click.argument("testimony_id", type=int)
@click.argument("role")
@click.option("--identity", is_flag=True, help="Take back the grant of the witness's identity, not the account's.")
@click.pass_context
def testimony_revoke(ctx: click.Context, testimony_id: int, role: str, identity: bool) -> None:
    """Take back a grant: ROLE may no longer read the testimony (or, with --identity, the witness's identity).

    Exit 1 when ROLE held no such grant.
    """
    from letopis.testimony import revoke

    scope = "identity" if identity else "content"
    ws = workspace(ctx)
    try:
        removed = revoke(ws.opened, testimony_id, role, scope=scope, actor=ws.config.collector)
    finally:
        ws.close()
    if not removed:
        click.echo(f"letopis: {role} held no {scope} grant on testimony {testimony_id}; nothing revoked", err=True)
        sys.exit(1)
    click.echo(f"revoked {role} {scope} of testimony {testimony_id}")


@testimony_group.command("withdraw")
@click.argument("testimony_id", type=int)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation (for scripts).")
@click.pass_context
def testimony_withdraw(ctx: click.Context, testimony_id: int, yes: bool) -> None:
    """Withdraw consent: destroy the account by deleting its key (the log keeps time and hash).

    Asks first, since nothing can bring the account back, unless --yes.
    """
    from letopis.testimony import get_info, withdraw

    ws = workspace(ctx)
    try:
        if not yes:
            info = get_info(ws.opened, testimony_id)
            question = (f"Withdraw testimony {info.id} ({info.pseudonym}, recorded {info.recorded_at:%Y-%m-%d}) "
                        "and destroy its account and the witness's identity for good?")
            try:
                confirmed = click.confirm(question, default=False, err=True)
            except click.Abort:
                confirmed = False
            if not confirmed:
                click.echo(f"testimony {testimony_id} not withdrawn (confirm with y, or pass --yes)", err=True)
                sys.exit(1)
        result = withdraw(ws.opened, testimony_id, actor=ws.config.collector)
    finally:
        ws.close()
    click.echo(f"testimony {testimony_id} withdrawn at {result.withdrawn_at:%Y-%m-%d %H:%M} UTC; "
               f"content destroyed; {len(result.unlinked_incidents)} incident(s) lost this source")
    for line in result.residue:  # what of the database server may still hold the destroyed keys
        click.echo(f"letopis: warning: {line}", err=True)
