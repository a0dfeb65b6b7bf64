"""The Dask backend: a worker plugin holds the engine on each worker; chunks of reports are tasks.

The engine goes to each worker once, inside a
:class:`distributed.WorkerPlugin` registered with the scheduler (workers that
join later get it too); the tasks carry only reports in and records out.
Dask runs tasks in a worker's thread pool, where no signal can interrupt a
text, so the per-text limit (``extract_limit_s``) is the driver's: a task that
does not answer in ``limit_s`` × its number of texts (+ a grace) is given up
and its texts recorded as failed (see :mod:`~letopis.services.backends.remote`).
The engine keeps per-report state while it reads, so the threads of one worker
take turns on it: run workers with one thread each
(``dask worker tcp://HOST:PORT --nthreads 1 --nworkers N``) to use N cores.

``tcp://HOST:PORT`` (or ``tls://``, or the ``inproc://`` address of a
``LocalCluster(processes=False)`` in this process) is a scheduler's address.
Dask is imported only here, when a cluster is asked for; the workers must be
able to import ``letopis``.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from letopis.errors import ClusterError
from letopis.extract.engine import Engine
from letopis.model import Report
from letopis.services.backends.local import EXTRACT_LIMIT_S, extract_all, warm_up
from letopis.services.backends.remote import TASKS_PER_WORKER, RemoteExtraction, TaskFailed

PLUGIN = "letopis-engine"
CONNECT_S = 30.0


class EnginePlugin:
    """Set up on every worker with the engine (made a ``WorkerPlugin`` subclass at run time)."""

    name = PLUGIN

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"engine": self.engine}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.engine = state["engine"]
        self.lock = threading.Lock()

    def setup(self, worker: Any) -> None:
        warm_up(self.engine)

    def teardown(self, worker: Any) -> None:
        pass


def extract_on_worker(reports: list[Report], limit_s: float) -> list[tuple[str, Any]]:
    """The task: the worker's engine (from the plugin) over ``reports``."""
    from distributed import get_worker

    plugin: Any = get_worker().plugins[PLUGIN]
    with plugin.lock:
        return extract_all(plugin.engine, reports, limit_s)


class DaskExtraction(RemoteExtraction):
    name = "dask"

    def __init__(self, distributed: Any, address: str, engine: Engine, workers: int | None,
                 published: date | None, limit_s: float = EXTRACT_LIMIT_S) -> None:
        try:
            self.client = distributed.Client(address, timeout=CONNECT_S, set_as_default=False)
        except Exception as exc:  # noqa: BLE001 - one line for the person: the address and Dask's reason
            raise ClusterError(f"--cluster {address}: could not connect to the Dask scheduler: {exc}") from None
        plugin_class = type("LetopisEnginePlugin", (EnginePlugin, distributed.WorkerPlugin), {})
        try:
            self.client.register_plugin(plugin_class(engine), name=PLUGIN)
            threads = sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values())
        except Exception:
            self.client.close()
            raise
        super().__init__(published, limit_s, slots=TASKS_PER_WORKER * max(1, workers or threads or 1))

    def _send(self, reports: list[Report]) -> Any:
        return self.client.submit(extract_on_worker, reports, self.limit_s, pure=False, retries=0)

    def _finished(self, handles: list[Any]) -> set[int]:
        return {i for i, future in enumerate(handles) if future.done()}

    def _fetch(self, handle: Any, timeout: float | None) -> list[tuple[str, Any]]:
        from distributed import TimeoutError as DaskTimeout

        try:
            results: list[tuple[str, Any]] = handle.result(timeout=timeout)
        except (TimeoutError, DaskTimeout):
            raise TimeoutError from None
        except Exception as exc:  # noqa: BLE001 - the task failed as a whole (a worker lost, KilledWorker)
            raise TaskFailed(f"{type(exc).__name__}: {exc}") from None
        return results

    def _give_up(self, handle: Any) -> None:
        handle.cancel()

    def _shutdown(self) -> None:
        try:
            self.client.unregister_worker_plugin(PLUGIN)
        except Exception:  # noqa: BLE001, S110 - the scheduler may be gone already; nothing to release then
            pass
        self.client.close()
