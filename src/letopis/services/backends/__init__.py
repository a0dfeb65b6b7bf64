"""Extraction backends: where the engine reads the reports of ``ingest`` (and of any stage that re-reads texts).

One interface, :class:`Backend`, three kinds, chosen by :func:`open_backend`
from the ``--cluster`` address:

- none (the default): :class:`~letopis.services.backends.local.Extraction`, forked
  worker processes on this machine (or in-process with 0 workers);
- ``auto`` or ``ray://HOST:PORT``: :mod:`~letopis.services.backends.on_ray` (a local Ray, or a Ray Client server);
- ``tcp://HOST:PORT`` (``tls://``, ``inproc://``): :mod:`~letopis.services.backends.on_dask`, a Dask scheduler.

The cluster sees reports in and records out, nothing else: reading the
sources, the evidence store, the database and the custody log (one hash
chain) stay in the calling process. Each backend ships the engine (the
gazetteer) to each worker once, keeps a bounded number of tasks in flight and
answers in input order; a text that fails (or runs past ``extract_limit_s``)
is a failure of that item, returned, not raised. Ray and Dask are optional
(``pip install 'letopis[cluster]'``) and imported only when asked for.

Two ways to drive a backend:

- :func:`extract_reports` (a streaming map): reports in, ``(report, outcome)`` out in the same order;
- the pipeline's way, for interleaving with other work: ``add`` a report (→ its chunk and position),
  ``flush``, ``poll`` without waiting, ``result(chunk)[position]`` (waits), ``close``.

An outcome is ``("ok", [(record, record.to_dict()), ...])`` or ``("error", (message, traceback))``.
"""

from __future__ import annotations

import importlib
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date
from types import ModuleType
from typing import Any, Protocol

from letopis.errors import UsageError
from letopis.extract.engine import Engine
from letopis.model import Report
from letopis.services.backends.local import EXTRACT_LIMIT_S, EXTRACT_MEMORY_MB, Chunk, Extraction

Outcome = tuple[str, Any]
WINDOW = 128  # reports between extract_reports' input and its output at most
DASK_SCHEMES = ("tcp://", "tls://", "inproc://")


class Backend(Protocol):
    """What every extraction backend offers (see the module's docstring)."""

    published: date | None

    def add(self, report: Report) -> tuple[Chunk, int]: ...

    def flush(self) -> None: ...

    def poll(self) -> None: ...

    def result(self, chunk: Chunk) -> list[Outcome]: ...

    def close(self) -> None: ...


def cluster_kind(address: str | None) -> str:
    """``local``, ``ray`` or ``dask`` for a ``--cluster`` address; UsageError for one it cannot be."""
    if not address or address == "local":
        return "local"
    if address == "auto" or address.startswith("ray://"):
        return "ray"
    if address.startswith(DASK_SCHEMES):
        return "dask"
    raise UsageError(f"--cluster {address}: not a cluster address; give auto or ray://HOST:PORT (Ray), "
                     "or tcp://HOST:PORT (a Dask scheduler)")


def open_backend(cluster: str | None, engine: Engine, *, workers: int | None = None, published: date | None = None,
                 limit_s: float = EXTRACT_LIMIT_S, memory_mb: int = EXTRACT_MEMORY_MB) -> Backend:
    """The backend for ``cluster`` (None: the local process pool), started and holding ``engine``.

    ``workers``: local worker processes (None: :func:`default_workers`), Ray actors
    (None: one per CPU of the cluster), or the Dask workers to keep busy (None: all
    the workers' threads). ``published``: the date for reports that give none.
    ``limit_s``: the per-text limit (setting ``extract_limit_s``); ``memory_mb``: the local
    workers' memory beyond their size at start (setting ``extract_memory_mb``). Raises
    UsageError for a bad address or a missing optional extra, ClusterError when
    the cluster cannot be reached. Close it (``close()``) when done.
    """
    kind = cluster_kind(cluster)
    if kind == "local":
        return Extraction(engine, default_workers() if workers is None else workers, published, limit_s, memory_mb)
    assert cluster is not None
    if kind == "ray":
        from letopis.services.backends.on_ray import RayExtraction

        return RayExtraction(_optional("ray", cluster), cluster, engine, workers, published, limit_s)
    from letopis.services.backends.on_dask import DaskExtraction

    return DaskExtraction(_optional("distributed", cluster), cluster, engine, workers, published, limit_s)


def extract_reports(backend: Backend, reports: Iterable[Report], window: int = WINDOW) -> Iterator[
        tuple[Report, Outcome]]:
    """Each report with its outcome, in input order, as they come (at most ``window`` reports waiting)."""
    pending: deque[tuple[Report, Chunk, int]] = deque()
    for report in reports:
        pending.append((report, *backend.add(report)))
        backend.poll()
        while pending and (len(pending) >= window or pending[0][1].results is not None):
            done, chunk, index = pending.popleft()
            yield done, backend.result(chunk)[index]
    backend.flush()
    while pending:
        done, chunk, index = pending.popleft()
        yield done, backend.result(chunk)[index]


def default_workers() -> int:
    """Local extraction processes beside the main one: cores − 1, at most 3 (0: extract in-process)."""
    import multiprocessing
    import os

    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return max(0, min((os.cpu_count() or 1) - 1, 3))


def _optional(module: str, cluster: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError:
        package = "Ray" if module == "ray" else "Dask distributed"
        raise UsageError(f"--cluster {cluster}: {package} is not installed; "
                         "install the extra: pip install 'letopis[cluster]'") from None
