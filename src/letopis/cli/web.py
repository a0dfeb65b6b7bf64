"""``letopis serve``: the web app on the data directory (needs the ``web`` extra).

Everyone logs in, so the app may listen on an address other machines reach;
it refuses to start while the data directory has no account.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import TYPE_CHECKING

import click

from letopis.cli.support import workspace as open_workspace
from letopis.errors import UsageError

if TYPE_CHECKING:
    from letopis.services.workspace import Workspace


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port, printed at start).")
@click.option("--allow-remote", is_flag=True, hidden=True, help="No longer needed (everyone logs in); accepted so "
              "that existing scripts keep working.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, allow_remote: bool) -> None:
    """Start the web app: browse and search incidents, review them, resolve merge flags.

    Everyone logs in (`letopis user add NAME --role admin|editor|viewer`); the
    app refuses to start while there is no account.
    """
    try:
        import uvicorn

        from letopis.web import create_app, settle
    except ImportError as error:
        raise UsageError(f"the web app needs the 'web' extra ({error.name} is missing): "
                         "pip install 'letopis[web]'") from None
    workspace = open_workspace(ctx)
    try:
        _check_accounts(workspace)
        listener = _listen(host, port)
        try:
            app = create_app(workspace)
            settle()
            server = uvicorn.Server(uvicorn.Config(app, log_level="warning", server_header=False))
            bound = listener.getsockname()[1]
            shown = f"[{host}]" if ":" in host else host
            click.echo(f"letopis: serving {workspace.config.data} on http://{shown}:{bound}/ (Ctrl-C stops)",
                       err=True)
            if not _loopback(host):
                click.echo("letopis: reachable from other machines over plain http: put it behind an https proxy "
                           "so that passwords and session cookies never travel in the clear", err=True)
            try:
                server.run(sockets=[listener])
            except KeyboardInterrupt:  # uvicorn has shut down cleanly, then passes Ctrl-C on
                pass
            # uvicorn does not always pass the signal on (a Ctrl-C caught while it was busy ends its loop
            # and returns): a clean stop says so either way
            click.echo("letopis: stopped", err=True)
        finally:
            listener.close()
    finally:
        workspace.close()


def _check_accounts(workspace: Workspace) -> None:
    """Refuse to start with no account (nobody could log in); warn about admins a required second factor keeps out."""
    from letopis.services import accounts

    if not accounts.count_users(workspace):
        raise UsageError("no account yet, so nobody could log in: add the first admin with "
                         "`letopis user add NAME --role admin`, then start again")
    for name in accounts.admins_without_totp(workspace) if workspace.config.admin_totp else ():
        click.echo(f"letopis: admin_totp is on and {name} has no second factor: run `letopis user totp {name}` "
                   "before that admin can log in", err=True)


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (so the port is known, and a busy one is one clear line)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise UsageError(f"--host {host}: {error.strerror}") from None
    family, kind, proto, _, address = infos[0]
    listener = socket.socket(family, kind, proto)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(address)
    except OSError as error:
        listener.close()
        raise UsageError(f"cannot listen on {host}:{port}: {error.strerror}") from None
    listener.listen(128)
    return listener


def register(group: click.Group) -> None:
    group.add_command(serve)
