"""The local backend: extraction in forked worker processes (they share the loaded engine), results in input order.

Why hand-written rather than ``concurrent.futures.ProcessPoolExecutor``: the
pool pickles the engine into every task or needs a global initialiser, cannot
tell which texts a dead worker had, and offers no "results in order, without
waiting, as they come" that the writer needs to keep the database busy.
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import signal
import threading
import traceback
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from letopis.extract.engine import Engine
from letopis.model import Report

log = logging.getLogger(__name__)

CHUNK = 16  # texts per extraction task


EXTRACT_LIMIT_S = 300.0   # default of the setting extract_limit_s
EXTRACT_MEMORY_MB = 2048  # default of the setting extract_memory_mb


class ExtractionTimeout(Exception):
    """Extraction of one text ran past its time limit."""


_RETRY_S = 0.1  # after the limit, the alarm repeats this often until the text's reading stops
_armed = False


def _on_alarm(signum: int, frame: Any) -> None:
    """Raise ExtractionTimeout where the reading is now, and arm the timer again: an exception raised while
    Python runs a garbage-collector callback (a weakref's) is reported as unraisable and dropped, so one
    alarm alone can be lost; the next one, ``_RETRY_S`` later, lands in the reading itself."""
    if not _armed:
        return
    signal.setitimer(signal.ITIMER_REAL, _RETRY_S)
    raise ExtractionTimeout


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise ExtractionTimeout in this thread after ``seconds`` (a real-time timer, SIGALRM).

    Only the main thread of a process can take a signal: elsewhere (a web server's worker
    thread) no limit applies. The worker processes run extraction in their main thread."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    global _armed
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        _armed = False  # first: an alarm that comes now returns without raising
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


WARM_UP = ("30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці.",
           "30 октября в Белгороде сотрудники военкомата задержали двоих мужчин.",
           "On 30 October recruitment officers detained two men in Lviv.")


def warm_up(engine: Engine) -> None:
    """Read a few short reports, so that what loads on first use (in a worker that unpickled the engine: the
    rule tables, the word analysers) loads now, not inside the first real text's time limit."""
    for text in WARM_UP:
        engine.extract(Report(text=text, published=date(2025, 11, 3)))


def extract_all(engine: Engine, reports: list[Report], limit_s: float = EXTRACT_LIMIT_S) -> list[tuple[str, Any]]:
    """Each report's outcome, in order: ``("ok", [(record, record.to_dict()), ...])`` or
    ``("error", (message, traceback))``; one text failing (or running past ``limit_s``) fails alone.
    What every backend's workers run (:mod:`letopis.services.backends`)."""
    out: list[tuple[str, Any]] = []
    for report in reports:
        try:
            with _time_limit(limit_s):
                records = engine.extract(report)
            out.append(("ok", [(record, record.to_dict()) for record in records]))  # to_dict here: off the writer
        except ExtractionTimeout:
            out.append(("error", (f"took longer than {limit_s:g} s on a text of {len(report.text):,} characters "
                                  "(setting extract_limit_s)", "")))
        except MemoryError:  # the worker's limit (_limit_memory): what it took is freed as the frames unwind
            out.append(("error", (f"ran out of memory on a text of {len(report.text):,} characters "
                                  "(setting extract_memory_mb)", "")))
        except Exception as exc:  # noqa: BLE001 - one bad text must not stop the batch
            out.append(("error", (f"{type(exc).__name__}: {exc}", traceback.format_exc())))
    return out


def _limit_memory(extra_mb: int) -> None:
    """Cap this worker's address space at what it holds now plus ``extra_mb``: past it, MemoryError.

    Address space, not resident memory (the only limit Linux enforces per
    process): what the forked worker shares with its parent counts too, so
    the cap is set from the worker's size when it starts.
    """
    if extra_mb <= 0:
        return
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            now = int(statm.read().split()[0]) * resource.getpagesize()
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = now + extra_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    except (OSError, ValueError) as exc:  # no /proc, or a limit the system refuses: run without one
        log.warning("no memory limit for extraction: %s", exc)


def _worker_main(engine: Engine, connection: Any, inherited: list[Any], limit_s: float = EXTRACT_LIMIT_S,
                 memory_mb: int = EXTRACT_MEMORY_MB) -> None:
    for other in inherited:  # the parent's ends: EOF here when the parent dies, even by kill -9
        other.close()
    _limit_memory(memory_mb)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        chunk_id, reports = message
        connection.send((chunk_id, extract_all(engine, reports, limit_s)))


@dataclass(eq=False)
class Chunk:
    id: int
    reports: list[Report] = field(default_factory=list)
    results: list[tuple[str, Any]] | None = None
    worker: int | None = None
    sent: bool = False


class Chunking:
    """Reports gathered into chunks of :data:`CHUNK` and queued to be sent; the backend's ``_pump``
    sends them (shared by the local pool and the cluster backends)."""

    _next_id: int
    _open: Chunk | None
    _unsent: deque[Chunk]

    def add(self, report: Report) -> tuple[Chunk, int]:
        if self._open is None:
            self._open = Chunk(self._next_id)
            self._next_id += 1
        chunk = self._open
        chunk.reports.append(report)
        if len(chunk.reports) >= CHUNK:
            self.flush()
        return chunk, len(chunk.reports) - 1

    def flush(self) -> None:
        """Send the partly filled chunk."""
        if self._open is not None:
            self._unsent.append(self._open)
            self._open = None
        self._pump()

    def _pump(self) -> None:
        raise NotImplementedError


class Extraction(Chunking):
    """Extraction in worker processes (forked, so they share the loaded engine), results in order.

    With ``workers == 0`` (or when the workers died) it runs in this process.
    A text the engine raises on is a failure of that item, not of the run.
    """

    MAX_OUTSTANDING = 4  # chunks sent to one worker and not yet answered (keeps both pipes from filling)

    def __init__(self, engine: Engine, workers: int, published: date | None,
                 limit_s: float = EXTRACT_LIMIT_S, memory_mb: int = EXTRACT_MEMORY_MB) -> None:
        self.engine = engine
        self.limit_s = limit_s
        self.memory_mb = memory_mb
        self.published = published
        self._next_id = 0
        self._open: Chunk | None = None
        self._unsent: deque[Chunk] = deque()
        self._workers: list[tuple[Any, Any]] = []  # (process, connection)
        self._outstanding: list[deque[Chunk]] = []
        self._turn = 0
        warm_up(engine)  # before the fork: the workers inherit what loads on first use
        if workers > 0:
            try:
                self._start(workers)
            except OSError as exc:
                log.warning("no extraction workers (%s); extracting in-process", exc)
                self._stop_workers()

    def _start(self, workers: int) -> None:
        context = multiprocessing.get_context("fork")
        parents: list[Any] = []
        for _ in range(workers):
            parent, child = context.Pipe(duplex=True)
            process = context.Process(target=_worker_main, args=(self.engine, child, [*parents, parent], self.limit_s,
                                                                      self.memory_mb),
                                      name="letopis-extract", daemon=True)
            process.start()
            child.close()
            parents.append(parent)
            self._workers.append((process, parent))
            self._outstanding.append(deque())

    def _pump(self) -> None:
        while self._unsent:
            chunk = self._unsent[0]
            if not self._workers:
                self._unsent.popleft()
                chunk.results = extract_all(self.engine, chunk.reports, self.limit_s)
                continue
            index = min(range(len(self._workers)), key=lambda i: len(self._outstanding[i]))
            if len(self._outstanding[index]) >= self.MAX_OUTSTANDING:
                return
            self._unsent.popleft()
            try:
                self._workers[index][1].send((chunk.id, chunk.reports))
            except (OSError, ValueError):
                self._unsent.appendleft(chunk)
                self._lost(index)
                continue
            chunk.worker = index
            self._outstanding[index].append(chunk)

    def poll(self) -> None:
        """Take whatever answers arrived, without waiting."""
        index = 0
        while index < len(self._workers):
            if self._outstanding[index] and self._workers[index][1].poll():
                if not self._receive(index):
                    index = 0  # a worker was lost: the list changed
                continue
            index += 1
        self._pump()

    def _receive(self, index: int) -> bool:
        try:
            chunk_id, results = self._workers[index][1].recv()
        except (EOFError, OSError):
            self._lost(index)
            return False
        chunk = self._outstanding[index].popleft()
        assert chunk.id == chunk_id
        chunk.results = results
        return True

    def _lost(self, index: int) -> None:
        process, connection = self._workers.pop(index)
        orphans = self._outstanding.pop(index)
        process.join(timeout=1)
        log.warning("extraction worker %s died (exit code %s); its texts are extracted again",
                    process.pid, process.exitcode)
        connection.close()
        for chunk in reversed(orphans):
            chunk.worker = None
            self._unsent.appendleft(chunk)
        for position, pending in enumerate(self._outstanding):
            for chunk in pending:
                chunk.worker = position

    def result(self, chunk: Chunk) -> list[tuple[str, Any]]:
        """The answers for one chunk, in its order (waits for them)."""
        if chunk is self._open:
            self.flush()
        while chunk.results is None:
            if chunk.worker is not None:
                self._receive(chunk.worker)
            elif self._workers:  # not sent yet, the workers are full: take the oldest answer
                busy = [i for i in range(len(self._workers)) if self._outstanding[i]]
                if busy:
                    self._receive(busy[0])
            self._pump()
        return chunk.results

    def _stop_workers(self) -> None:
        for _process, connection in self._workers:
            try:
                connection.send(None)
            except (OSError, ValueError):
                pass
            connection.close()
        for process, _connection in self._workers:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
        self._workers = []
        self._outstanding = []

    def close(self) -> None:
        self._stop_workers()
