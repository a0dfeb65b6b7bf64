"""What the cluster backends share: chunks of reports sent as tasks, a bounded number in flight, answers in order.

A subclass says how to send one chunk (:meth:`RemoteExtraction._send`), whether
a task has finished (:meth:`_finished`), how to wait for and fetch its answer,
and how to give a task up. This class keeps the order of the input, the bound
on tasks in flight (backpressure: :meth:`add` never blocks, but nothing more is
sent while ``slots`` tasks are out; the caller's window bounds what waits), and
turns a task that failed as a whole (a worker lost for good, a result that
could not be read) or that ran past its deadline into a failure of each of its
items, with the reason.

The per-text limit (setting ``extract_limit_s``) is enforced inside the worker
where the worker runs the task in its main thread (Ray's actors); in any case
the driver gives a task up when it has waited ``limit_s`` × its number of texts
(plus :data:`GRACE_S`) for it, so a wedged worker cannot hold the run.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from datetime import date
from typing import Any

from letopis.model import Report
from letopis.services.backends.local import EXTRACT_LIMIT_S, Chunk, Chunking

log = logging.getLogger(__name__)

TASKS_PER_WORKER = 4  # tasks in flight per worker: one running, the next ones already there
GRACE_S = 60.0  # added to a task's deadline: start-up of a worker, transfer of its texts and records


class TaskFailed(Exception):
    """A task failed as a whole (not one of its texts): every item of its chunk fails with this reason."""


class RemoteExtraction(Chunking):
    """The :class:`~letopis.services.backends.Backend` interface over a cluster's tasks."""

    name = "cluster"
    grace_s = GRACE_S

    def __init__(self, published: date | None, limit_s: float = EXTRACT_LIMIT_S, slots: int = 2) -> None:
        self.published = published
        self.limit_s = limit_s
        self.slots = max(1, slots)
        self._next_id = 0
        self._open: Chunk | None = None
        self._unsent: deque[Chunk] = deque()
        self._flying: dict[int, tuple[Chunk, Any]] = {}  # chunk id -> (chunk, task handle), in sending order

    # ---- what a cluster backend provides

    def _send(self, reports: list[Report]) -> Any:
        raise NotImplementedError

    def _finished(self, handles: list[Any]) -> set[int]:
        """Positions in ``handles`` of the tasks that have finished (without waiting)."""
        raise NotImplementedError

    def _fetch(self, handle: Any, timeout: float | None) -> list[tuple[str, Any]]:
        """The task's answer; raises TimeoutError after ``timeout`` s, TaskFailed when the task failed."""
        raise NotImplementedError

    def _give_up(self, handle: Any) -> None:
        """Stop waiting for a task that ran past its deadline (cancel it where the cluster can)."""

    def _shutdown(self) -> None:
        """Release what the backend holds on the cluster."""

    # ---- the Backend interface

    def _pump(self) -> None:
        while self._unsent and len(self._flying) < self.slots:
            chunk = self._unsent.popleft()
            try:
                handle = self._send(chunk.reports)
            except Exception as exc:  # noqa: BLE001 - the cluster refused the task: its items fail, the run goes on
                self._fail(chunk, f"could not send to the cluster: {type(exc).__name__}: {exc}")
                continue
            chunk.sent = True
            self._flying[chunk.id] = (chunk, handle)

    def poll(self) -> None:
        """Take whatever answers arrived, without waiting."""
        if self._flying:
            flying = list(self._flying.values())
            for position in sorted(self._finished([handle for _, handle in flying])):
                self._take(*flying[position], timeout=None)
        self._pump()

    def result(self, chunk: Chunk) -> list[tuple[str, Any]]:
        """The answers for one chunk, in its order (waits for them, at most until its deadline)."""
        if chunk is self._open:
            self.flush()
        while chunk.results is None:
            waited = self._flying.get(chunk.id) or next(iter(self._flying.values()))  # not sent: the oldest task
            self._take(*waited, timeout=self._deadline(waited[0]))
            self._pump()
        return chunk.results

    def _deadline(self, chunk: Chunk) -> float | None:
        return self.limit_s * len(chunk.reports) + self.grace_s if self.limit_s > 0 else None

    def _take(self, chunk: Chunk, handle: Any, timeout: float | None) -> None:
        started = time.monotonic()
        try:
            results = self._fetch(handle, timeout)
            if len(results) != len(chunk.reports):
                raise TaskFailed(f"{len(results)} answers for {len(chunk.reports)} texts")
            chunk.results = results
        except TimeoutError:
            self._give_up(handle)
            log.warning("a cluster task of %d texts gave no answer in %.0f s; its texts are recorded as failed",
                        len(chunk.reports), time.monotonic() - started)
            self._fail(chunk, f"no answer from the cluster within {timeout:g} s for a task of {len(chunk.reports)} "
                              f"texts (setting extract_limit_s: {self.limit_s:g} s per text)")
        except TaskFailed as exc:
            self._fail(chunk, f"the cluster task failed: {exc}")
        self._flying.pop(chunk.id, None)

    def _fail(self, chunk: Chunk, reason: str) -> None:
        chunk.results = [("error", (reason, "")) for _ in chunk.reports]

    def close(self) -> None:
        for _chunk, handle in self._flying.values():
            self._give_up(handle)
        self._flying.clear()
        self._unsent.clear()
        self._shutdown()
