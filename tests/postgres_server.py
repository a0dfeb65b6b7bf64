"""A private, throwaway PostgreSQL server for one test session.

``initdb`` into a temporary directory, ``pg_ctl start`` with a Unix socket in
that same directory (mode 0700, so only its owner and root can connect) and no
TCP listener at all, ``pg_ctl stop`` and removal at the end. Authentication is
``trust``, written by ``initdb`` into the private cluster's own ``pg_hba.conf``;
nothing outside the temporary directory is read or changed, and the system
cluster (if any) is neither started nor reconfigured.

PostgreSQL refuses to run as root: under root the server runs as the existing
unprivileged user ``nobody`` (via ``runuser`` or ``setpriv``), and the
temporary directory is handed to that user. No system user is created.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

UNPRIVILEGED_USER = "nobody"


class ServerUnavailable(RuntimeError):
    """The private server cannot be started here; the message says why and what to do."""


def find_bindir() -> Path:
    """The newest ``/usr/lib/postgresql/<version>/bin`` (Debian layout), else the one on PATH."""
    def version(path: str) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", Path(path).parent.parent.name))

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    raise ServerUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin or on PATH. "
        "Install the Debian package 'postgresql' (scripts/ensure-services.sh does, with sudo), "
        "or point LETOPIS_TEST_POSTGRES_URL at an existing server."
    )


def free_port() -> int:
    """A loopback TCP port free now (bound, read, let go)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_unprivileged() -> tuple[list[str], pwd.struct_passwd | None]:
    """A command prefix that drops root to ``nobody`` (empty when not root), and that user."""
    if os.geteuid() != 0:
        return [], None
    try:
        user = pwd.getpwnam(UNPRIVILEGED_USER)
    except KeyError as error:
        raise ServerUnavailable(
            f"running as root, and initdb refuses root: no user {UNPRIVILEGED_USER!r} to run PostgreSQL as"
        ) from error
    if shutil.which("runuser"):
        return ["runuser", "-u", UNPRIVILEGED_USER, "--"], user
    if shutil.which("setpriv"):
        return ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups", "--"], user
    raise ServerUnavailable("running as root, and initdb refuses root: neither runuser nor setpriv to drop privileges")


@dataclass
class PrivateServer:
    bindir: Path
    base: Path
    port: int
    prefix: list[str] = field(default_factory=list)
    settings: str = ""  # more postgresql.conf lines, after (so over) the defaults below

    @property
    def data(self) -> Path:
        return self.base / "data"

    @property
    def log(self) -> Path:
        return self.base / "server.log"

    @property
    def url(self) -> str:
        """Admin URL: superuser ``postgres`` over the private Unix socket."""
        return f"postgresql+psycopg://postgres@:{self.port}/postgres?host={self.base}"

    def _run(self, *args: str, timeout: float = 120) -> None:
        proc = subprocess.run([*self.prefix, *args], cwd=self.base, capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise ServerUnavailable(
                f"{Path(args[0]).name} failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}"
                + (f"\nserver log:\n{tail}" if tail else "")
            )

    def start(self) -> None:
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions",
        )
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(
                "\n# letopis tests: private throwaway cluster, Unix socket only\n"
                "listen_addresses = ''\n"
                f"port = {self.port}\n"
                f"unix_socket_directories = '{self.base}'\n"
                "unix_socket_permissions = 0700\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                + self.settings
            )
        self._run(str(self.bindir / "pg_ctl"), "start", "-w", "-t", "60", "-D", str(self.data), "-l", str(self.log))

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(self.bindir / "pg_ctl"), "stop", "-w", "-t", "60", "-m", "fast", "-D", str(self.data))
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


def start_private_server(settings: str = "") -> PrivateServer:
    """Start a fresh cluster (raises :class:`ServerUnavailable` with the reason if it cannot); ``settings``: more
    ``postgresql.conf`` lines."""
    bindir = find_bindir()
    prefix, user = _as_unprivileged()
    base = Path(tempfile.mkdtemp(prefix="letopis-pg-"))
    if user is not None:
        os.chown(base, user.pw_uid, user.pw_gid)
    # The socket path must fit in sun_path (107 bytes); mkdtemp under /tmp is far shorter.
    server = PrivateServer(bindir=bindir, base=base, port=free_port(), prefix=prefix, settings=settings)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    return server
