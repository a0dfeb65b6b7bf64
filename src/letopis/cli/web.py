"""``letopis serve``: the web app on the data directory (needs the ``web`` extra)."""

from __future__ import annotations

import ipaddress
import socket

import click

from letopis.cli.support import workspace as open_workspace
from letopis.errors import UsageError


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
@click.option("--allow-remote", is_flag=True, help="Listen on an address other machines can reach. The app has "
              "no accounts yet: anyone who reaches it can read and edit, under the collector's name.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, allow_remote: bool) -> None:
    """Start the web app: browse and search incidents, review them, resolve merge flags."""
    if not _loopback(host) and not allow_remote:
        raise UsageError(f"--host {host} is reachable from other machines and the app has no login yet; "
                         "add --allow-remote if that is what you want")
    try:
        import uvicorn

        from letopis.web import create_app
    except ImportError as error:
        raise UsageError(f"the web app needs the 'web' extra ({error.name} is missing): "
                         "pip install 'letopis[web]'") from None
    listener = _listen(host, port)
    workspace = open_workspace(ctx)
    try:
        app = create_app(workspace)
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", server_header=False))
        bound = listener.getsockname()[1]
        shown = f"[{host}]" if ":" in host else host
        click.echo(f"letopis: serving {workspace.config.data} on http://{shown}:{bound}/ (Ctrl-C stops)", err=True)
        server.run(sockets=[listener])
    finally:
        listener.close()
        workspace.close()


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
