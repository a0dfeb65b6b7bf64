"""The Ray backend: one actor per worker holds the engine; chunks of reports go to the least busy actor.

The engine is put in Ray's object store once (``ray.put``) and each actor
receives it when it starts, so the gazetteer travels once per actor, never per
task. An actor runs its tasks in its process's main thread, so the per-text
limit (``extract_limit_s``) applies there exactly as in the local pool. A lost
actor is restarted by Ray and its tasks retried (``max_restarts``,
``max_task_retries``); a task past its deadline is cancelled.

``auto`` is the local Ray: the cluster ``RAY_ADDRESS`` names, or the one last
started on this machine, or else a new one in this process (stopped at the
end); ``ray://HOST:PORT`` is a Ray Client server (``ray[client]``, i.e. grpcio;
its port is tried first, so that an unreachable one fails in one line within
:data:`CONNECT_S`; ``close`` disconnects). Ray is imported only here, when a
cluster is asked for. The workers must be able to import ``letopis``
(installed on every node, or shipped with the cluster's runtime environment).
"""

from __future__ import annotations

import logging
import socket
import warnings
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from letopis.errors import ClusterError
from letopis.extract.engine import Engine
from letopis.model import Report
from letopis.services.backends.local import EXTRACT_LIMIT_S, extract_all, warm_up
from letopis.services.backends.remote import TASKS_PER_WORKER, RemoteExtraction, TaskFailed

log = logging.getLogger(__name__)

ACTOR_RESTARTS = 2
CONNECT_S = 10.0  # to reach a Ray Client server's port before Ray is asked to connect (it retries for 30 s)
CLIENT_ATTEMPTS = 3  # connections through a client server, when it fails to start its per-connection server
CLIENT_PORT = 10001  # Ray's default client server port, for a ray://HOST address without one


class ExtractActor:
    """The actor's class (made remote at run time, so that importing this module needs no Ray)."""

    def __init__(self, engine: list[Any], limit_s: float) -> None:
        import ray

        # the engine's reference comes wrapped in a list: Ray leaves it unresolved, and the actor (restarted
        # too) fetches it from the object store itself, while the driver holds it
        self.engine: Engine = ray.get(engine[0])
        self.limit_s = limit_s
        warm_up(self.engine)

    def extract(self, reports: list[Report]) -> list[tuple[str, Any]]:
        return extract_all(self.engine, reports, self.limit_s)


class RayExtraction(RemoteExtraction):
    name = "ray"

    def __init__(self, ray: Any, address: str, engine: Engine, workers: int | None, published: date | None,
                 limit_s: float = EXTRACT_LIMIT_S) -> None:
        self.ray = ray
        self._started = False
        if not ray.is_initialized():
            where = None
            if address.startswith("ray://"):
                where = reach(address)
                _quiet_client_logs()
            try:
                _connect(ray, address)
            except Exception as exc:  # noqa: BLE001 - one line for the person: the address and Ray's reason
                reason = _one_line(exc)
                if where and isinstance(exc, ConnectionError) and "timeout" in reason:
                    reason += (f" ({where} accepts connections, but no Ray Client server there let this command in; "
                               "a cluster with token authentication needs RAY_AUTH_MODE=token and its token in "
                               "RAY_AUTH_TOKEN or RAY_AUTH_TOKEN_PATH)")
                raise ClusterError(f"--cluster {address}: could not connect to Ray: {reason}") from None
            self._started = True
        self._actors: list[Any] = []
        try:
            count = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
            actor = ray.remote(num_cpus=1, max_restarts=ACTOR_RESTARTS,
                               max_task_retries=ACTOR_RESTARTS)(ExtractActor)
            self._engine = ray.put(engine)  # once; every actor (and a restarted one) reads it from the object store
            self._actors = [actor.remote([self._engine], limit_s) for _ in range(count)]
        except BaseException:
            self._shutdown()  # no actor nor connection left behind by a backend that never opened
            raise
        self._load = [0] * count
        self._owner: dict[Any, int] = {}  # task -> the actor running it
        super().__init__(published, limit_s, slots=TASKS_PER_WORKER * count)

    def _send(self, reports: list[Report]) -> Any:
        index = min(range(len(self._actors)), key=self._load.__getitem__)
        handle = self._actors[index].extract.remote(reports)
        self._owner[handle] = index
        self._load[index] += 1
        return handle

    def _finished(self, handles: list[Any]) -> set[int]:
        ready, _ = self.ray.wait(handles, num_returns=len(handles), timeout=0, fetch_local=False)
        done = set(ready)
        return {i for i, handle in enumerate(handles) if handle in done}

    def _fetch(self, handle: Any, timeout: float | None) -> list[tuple[str, Any]]:
        from ray.exceptions import GetTimeoutError, RayError

        try:
            results: list[tuple[str, Any]] = self.ray.get(handle, timeout=timeout)
        except GetTimeoutError:
            raise TimeoutError from None
        except RayError as exc:
            self._release(handle)
            raise TaskFailed(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}") from None
        self._release(handle)
        return results

    def _release(self, handle: Any) -> None:
        index = self._owner.pop(handle, None)
        if index is not None:
            self._load[index] -= 1

    def _give_up(self, handle: Any) -> None:
        self._release(handle)
        try:
            self.ray.cancel(handle)
        except Exception as exc:  # noqa: BLE001 - cancelling is a courtesy; the answer is ignored either way
            log.debug("could not cancel a Ray task: %s", exc)

    def _shutdown(self) -> None:
        for actor in self._actors:
            self.ray.kill(actor)
        self._actors = []
        if self._started:
            self.ray.shutdown()


def reach(address: str) -> str:
    """``HOST:PORT`` of a ``ray://HOST[:PORT]`` address, once something accepts a connection there; ClusterError
    if nothing does within :data:`CONNECT_S` (Ray's client would retry for 30 s, then give a reason that names
    no address)."""
    try:
        parts = urlsplit(address)
        host, port = parts.hostname, parts.port or CLIENT_PORT
    except ValueError as exc:
        raise ClusterError(f"--cluster {address}: not a Ray Client address ray://HOST:PORT: {exc}") from None
    if not host:
        raise ClusterError(f"--cluster {address}: not a Ray Client address ray://HOST:PORT: no host")
    try:
        socket.create_connection((host, port), timeout=CONNECT_S).close()
    except OSError as exc:
        reason = ("connection refused" if isinstance(exc, ConnectionRefusedError)
                  else f"no answer in {CONNECT_S:g} s" if isinstance(exc, TimeoutError)
                  else exc.strerror or type(exc).__name__)
        raise ClusterError(f"--cluster {address}: could not connect to Ray: nothing answers at {host}:{port} "
                           f"({reason})") from None
    return f"{host}:{port}"


class _ServerThreadNotice(logging.Filter):
    """Drops the client server's notice that its ``ray.init`` ran outside a main thread (streamed to the
    command's standard error on some connections, as timing goes; it is about the server's process)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "SIGTERM handler is not set" not in record.getMessage()


def _quiet_client_logs() -> None:
    streamed = logging.getLogger("ray.util.client.logsclient")  # the logs the client server streams back
    if not any(isinstance(f, _ServerThreadNotice) for f in streamed.filters):
        streamed.addFilter(_ServerThreadNotice())


def _connect(ray: Any, address: str) -> None:
    """``ray.init`` for ``address``; through a client server, again (up to :data:`CLIENT_ATTEMPTS` times) when
    the server could not start its process for this connection (Ray's issue 63202: that process, forked from
    a server with gRPC threads, sometimes dies at once; the server then answers "Initialization failure")."""
    for attempt in range(1, CLIENT_ATTEMPTS + 1):
        try:
            with warnings.catch_warnings():  # Ray's warning on a timeout repeats the error in three lines
                warnings.simplefilter("ignore")
                ray.init(address=None if address == "auto" else address, logging_level=logging.WARNING,
                         log_to_driver=False)
            return
        except ConnectionAbortedError as exc:
            if not address.startswith("ray://") or attempt == CLIENT_ATTEMPTS:
                raise
            log.info("the Ray Client server at %s failed to start a server for this connection (%s); again",
                     address, _one_line(exc))


def _one_line(exc: BaseException) -> str:
    """Ray's reason in one line: its first line, and its last when it carries a server's traceback."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    return lines[0] if len(lines) == 1 else f"{lines[0]} {lines[-1]}"
