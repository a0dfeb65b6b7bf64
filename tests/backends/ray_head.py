"""A Ray head in its own process group on loopback, with its Ray Client server: ``ray://127.0.0.1:PORT``.

``ray start --head --block`` (the venv's ``ray``, beside ``sys.executable``) in
a new session, so that every process of that cluster (GCS, raylet, the client
server and the servers it starts per connection, the workers) is in one process
group, ended by that group's id when done: ``ray stop`` would end every Ray of
the machine, not only this one. Its files go under ``temp_dir`` (short: Ray's
socket paths are limited to about 100 characters); nothing is written to
``/tmp/ray`` or to the system's or the user's configuration (``RAY_AUTH_MODE``
is explicit: Ray would otherwise require authentication when it finds
``~/.ray/auth_token``). Used by the tests
(tests/backends/test_ray_client.py) and the benchmark (bench/bench_reextract.py).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from tests.postgres_server import free_port

START_S = 180.0  # at most, for the head to start and its client server to accept (a loaded two-core machine)
STOP_S = 5.0  # after SIGTERM, before SIGKILL (`ray start --block` would drain for 30 s: nothing to keep here)


def accepts(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1.0)
        return s.connect_ex(("127.0.0.1", port)) == 0


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_group(head: subprocess.Popen[bytes]) -> None:
    """End the head's process group: SIGTERM, then SIGKILL what is left after :data:`STOP_S`."""
    pgid = head.pid  # the session's leader: its pid is the group's id
    with suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_S
    while group_alive(pgid) and time.monotonic() < deadline:
        with suppress(subprocess.TimeoutExpired):
            head.wait(timeout=0.2)  # reaps the leader; its children are reaped by init
    with suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)
    head.wait()
    deadline = time.monotonic() + STOP_S
    while group_alive(pgid) and time.monotonic() < deadline:
        time.sleep(0.2)


def token_env(temp_dir: Path, token: str | None) -> dict[str, str]:
    """The environment of a Ray process (head or client) for a cluster with ``token`` (None: without
    authentication): explicit either way, so that no ``~/.ray/auth_token`` is read or written."""
    if token is None:
        return {"RAY_AUTH_MODE": "disabled"}
    path = temp_dir / "auth_token"
    path.write_text(token)
    return {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN_PATH": str(path)}


@contextmanager
def ray_head(temp_dir: Path, cpus: int = 1, token: str | None = None) -> Iterator[str]:
    """A Ray head of ``cpus`` CPUs with its client server, both on free ports; its ``ray://`` address.

    ``token``: the cluster requires token authentication with it (its clients need :func:`token_env`).
    """
    temp_dir.mkdir(parents=True, exist_ok=True)
    client_port = free_port()
    ray = Path(sys.executable).with_name("ray")
    command = ["nice", "-n", "19", str(ray), "start", "--head", "--block", "--disable-usage-stats",
               "--node-ip-address", "127.0.0.1", "--port", str(free_port()),
               "--ray-client-server-port", str(client_port), "--num-cpus", str(cpus), "--temp-dir", str(temp_dir),
               "--include-dashboard=false", "--dashboard-port", str(free_port()),
               "--dashboard-agent-listen-port", str(free_port())]
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("RAY_")}, **token_env(temp_dir, token)}
    log = (temp_dir / "head.log").open("wb")
    head = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + START_S
        while not accepts(client_port):
            if head.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Ray head did not start (exit status {head.poll()}):\n"
                                   + (temp_dir / "head.log").read_text(errors="replace")[-3000:])
            time.sleep(0.5)
        yield f"ray://127.0.0.1:{client_port}"
    finally:
        stop_group(head)
        log.close()
