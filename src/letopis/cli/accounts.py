"""``letopis user``: the web app's accounts (add, list, remove, role, passwd, totp, first-admin) and their
API keys (``letopis user key add/list/revoke``).

A password is read from a terminal prompt (typed twice), or with
``--password-stdin`` from the first line of standard input; never from a flag,
where it would end up in the shell history and the process list.
"""

from __future__ import annotations

import getpass
import sys

import click

from letopis.cli.support import workspace as open_workspace
from letopis.errors import UsageError


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise UsageError("--password-stdin: standard input is empty")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UsageError("no terminal to ask for the password: use --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise UsageError("the two passwords differ")
    return first


_STDIN = click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard "
                      "input instead of a prompt.")


@click.group("user")
def user_group() -> None:
    """Accounts of the web app: viewers read, editors edit and review, admins also manage accounts."""


@user_group.command("add")
@click.argument("name")
@click.option("--role", required=True, metavar="admin|editor|viewer", help="What the account may do.")
@_STDIN
@click.pass_context
def add(ctx: click.Context, name: str, role: str, password_stdin: bool) -> None:
    """Add an account NAME with a role and a password."""
    from letopis.services import accounts

    password = _password(password_stdin)
    workspace = open_workspace(ctx)
    try:
        account = accounts.add_user(workspace, name, role, password)
    finally:
        workspace.close()
    click.echo(f"added {account.name} ({account.role})")


@user_group.command("list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """List the accounts: name, role, second factor, when added."""
    from letopis.services import accounts

    workspace = open_workspace(ctx)
    try:
        found = accounts.list_users(workspace)
    finally:
        workspace.close()
    for account in found:
        click.echo(f"{account.name}\t{account.role}\t{'totp' if account.totp else '-'}\t"
                   f"{account.created_at:%Y-%m-%d}")
    click.echo(f"{len(found)} account(s)", err=True)


@user_group.command("remove")
@click.argument("name")
@click.pass_context
def remove(ctx: click.Context, name: str) -> None:
    """Remove the account NAME (its name stays in the edit history and the custody log)."""
    from letopis.services import accounts

    workspace = open_workspace(ctx)
    try:
        accounts.remove_user(workspace, name)
    finally:
        workspace.close()
    click.echo(f"removed {name}")


@user_group.command("role")
@click.argument("name")
@click.argument("role", metavar="admin|editor|viewer")
@click.pass_context
def role(ctx: click.Context, name: str, role: str) -> None:
    """Give the account NAME another role."""
    from letopis.services import accounts

    workspace = open_workspace(ctx)
    try:
        account = accounts.set_role(workspace, name, role)
    finally:
        workspace.close()
    click.echo(f"{account.name} is now {account.role}")


@user_group.command("passwd")
@click.argument("name")
@_STDIN
@click.pass_context
def passwd(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """Set a new password for NAME (its sessions in the web app end)."""
    from letopis.services import accounts

    password = _password(password_stdin)
    workspace = open_workspace(ctx)
    try:
        accounts.set_password(workspace, name, password)
    finally:
        workspace.close()
    click.echo(f"password of {name} changed")


@user_group.command("totp")
@click.argument("name")
@click.option("--off", is_flag=True, help="Remove the second factor instead.")
@click.pass_context
def totp(ctx: click.Context, name: str, off: bool) -> None:
    """Give NAME a second factor: prints the otpauth URI and the secret for an authenticator app.

    Logging in then asks for the app's six-digit code after the password. A new
    secret replaces the old one and ends the account's sessions.
    """
    from letopis.services import accounts

    workspace = open_workspace(ctx)
    try:
        if off:
            accounts.disable_totp(workspace, name)
            click.echo(f"second factor of {name} removed")
            return
        setup = accounts.enable_totp(workspace, name)
    finally:
        workspace.close()
    click.echo(setup.uri)
    click.echo(f"secret: {setup.secret}")
    click.echo("add it to an authenticator app (the URI as a QR code, or the secret typed in); "
               "it is not shown again", err=True)


@user_group.command("first-admin")
@click.argument("name", default="admin")
@click.pass_context
def first_admin(ctx: click.Context, name: str) -> None:
    """When there is no account yet: add the admin NAME (default admin) with a generated password, and print both."""
    from letopis.services import accounts

    workspace = open_workspace(ctx)
    try:
        made = accounts.first_admin(workspace, name)
    finally:
        workspace.close()
    if made is None:
        click.echo("accounts exist already: no first admin added (`letopis user list` shows them)", err=True)
        return
    account, password = made
    click.echo(f"first admin: {account.name}  password: {password}  (change it with `letopis user passwd "
               f"{account.name}`)")


@user_group.group("key")
def key_group() -> None:
    """API keys for scripts: sent as `Authorization: Bearer KEY` to /api, acting as their owner."""


@key_group.command("add")
@click.argument("name")
@click.option("--role", metavar="admin|editor|viewer", help="What the key may do (default and at most: the "
              "owner's role).")
@click.option("--label", help="What the key is for (default: script).")
@click.pass_context
def key_add(ctx: click.Context, name: str, role: str | None, label: str | None) -> None:
    """Make an API key for the account NAME; the key is printed once and only its hash is kept."""
    from letopis.services import apikeys

    workspace = open_workspace(ctx)
    try:
        made = apikeys.add_key(workspace, name, role=role, label=label)
    finally:
        workspace.close()
    click.echo(made.secret)
    click.echo(f"API key {made.key.id} of {made.key.owner} ({made.key.role}, {made.key.label}): keep it now, it is "
               "not shown again", err=True)


@key_group.command("list")
@click.argument("name", required=False)
@click.pass_context
def key_list(ctx: click.Context, name: str | None) -> None:
    """List the API keys (of NAME, or of everyone): number, owner, role, label, prefix, made, last used, revoked."""
    from letopis.services import apikeys

    workspace = open_workspace(ctx)
    try:
        found = apikeys.list_keys(workspace, name)
    finally:
        workspace.close()
    for key in found:
        used = f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never used"
        state = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
        click.echo(f"{key.id}\t{key.owner}\t{key.role}\t{key.label}\tltp_{key.prefix}_…\t"
                   f"{key.created_at:%Y-%m-%d}\t{used}\t{state}")
    click.echo(f"{len(found)} key(s)", err=True)


@key_group.command("revoke")
@click.argument("key_id", type=click.IntRange(min=1))
@click.pass_context
def key_revoke(ctx: click.Context, key_id: int) -> None:
    """Revoke the API key KEY_ID (the number `letopis user key list` shows): it is refused from now on."""
    from letopis.services import apikeys

    workspace = open_workspace(ctx)
    try:
        key = apikeys.revoke_key(workspace, key_id)
    finally:
        workspace.close()
    click.echo(f"revoked API key {key.id} of {key.owner} ({key.label})")


def register(group: click.Group) -> None:
    group.add_command(user_group)
