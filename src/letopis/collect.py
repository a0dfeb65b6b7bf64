"""``letopis ingest``: sources → evidence → extraction → merged incidents.

The captures the ingest stage yields go through a pipeline, kept in order:

1. a reader thread runs the ingest stage (files, feeds, exports, URLs) and
   hands captures over through a bounded queue;
2. each capture's bytes go to the write-once object store from a small pool
   of writer threads, into the store batch of the capture's *group*;
3. its text goes to extraction, in a worker process (chunks of a few texts;
   the engine is pure), unless its item is already done;
4. the main thread writes the captures in input order into the group's one
   database transaction (each item inside a savepoint): capture, source
   (found or created), derived text, custody entries, incidents (new or
   merged into stored ones, including ones of earlier items of the same
   group) and the item marked done.

**Group commit.** A group is up to :data:`GROUP_ITEMS` captures or
:data:`GROUP_SECONDS` of input. Its objects are all written and fsynced
(journaled in its batch) before its transaction commits; the batch's journal
is removed after the commit. A kill at any point leaves the groups committed
so far, whole, and objects of the uncommitted group that recovery removes;
a re-run skips the done items and redoes exactly that group. Re-ingesting a
source adds one capture record and nothing else. Failures (a capture that
failed to read, a text extraction failed on, an item the database refused)
are recorded with their reason and the batch goes on; memory stays flat in
the size of the input (bounded queues, no per-item state kept).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy.orm import Session

from letopis.db import Database, fts, queries
from letopis.evidence import ObjectStore, recover_store
from letopis.evidence.capture import CaptureWriter, StoredArtefact, store_artefacts
from letopis.evidence.store import PutBatch
from letopis.extract.engine import Engine
from letopis.extract.records import Record, Report
from letopis.ingest import Fetcher, iter_captures
from letopis.ingest.records import Capture
from letopis.merge import compare, facts_of_record
from letopis.merge.decide import IncidentFacts, date_span

log = logging.getLogger(__name__)

COLLECTION = "ingest"

GROUP_ITEMS = 200  # captures per transaction at most
GROUP_SECONDS = 1.0  # and at most this long between a group's first capture and its commit (when input flows)
WINDOW = 128  # captures in flight between the reader and the database
READ_AHEAD = 256  # captures queued by the reader thread
CHUNK = 16  # texts per extraction task
STORE_THREADS = 4  # object writes wait on fsync, not on the CPU: a few in parallel


@dataclass
class IngestSummary:
    sources_new: int = 0
    sources_known: int = 0
    failed: int = 0
    incidents_new: int = 0
    incidents_merged: int = 0
    flagged: int = 0
    statistics: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return (f"sources: {self.sources_new} new, {self.sources_known} already known, "
                f"{self.failed} failed; incidents: {self.incidents_new} new, "
                f"{self.incidents_merged} merged, {self.flagged} flagged for review; "
                f"statistics: {self.statistics}")


def default_workers() -> int:
    """Extraction processes beside the main one: cores − 1, at most 3 (0: extract in-process)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return max(0, min((os.cpu_count() or 1) - 1, 3))


@dataclass
class Ingestor:
    db: Database
    store: ObjectStore
    engine: Engine
    collector: str
    fetcher: Fetcher | None = None
    max_bytes: int | None = None
    progress: Callable[[IngestSummary, Capture], None] | None = None
    summary: IngestSummary = field(default_factory=IngestSummary)
    workers: int | None = None  # extraction processes; None: default_workers()
    group_items: int = GROUP_ITEMS
    group_seconds: float = GROUP_SECONDS

    def run(self, sources: Iterable[str], *, published: date | None = None) -> IngestSummary:
        recover_store(self.db, self.store)
        workers = default_workers() if self.workers is None else self.workers
        extraction = _Extraction(self.engine, workers, published)  # forks before any thread starts
        reader = _Reader(sources, self.fetcher, published, self.max_bytes)
        writers = ThreadPoolExecutor(STORE_THREADS, thread_name_prefix="letopis-store")
        pipeline = _Pipeline(self, extraction, writers)
        ok = False
        try:
            reader.start()
            pipeline.run(reader)
            ok = True
        finally:
            reader.stop()
            writers.shutdown(wait=True, cancel_futures=True)  # no object write may outlive its batch
            pipeline.close(ok)
            extraction.close()
        return self.summary

    # ---- what one item's records become (inside the group's transaction)

    def _store_records(self, state: _ItemState, records: list[tuple[Record, dict[str, Any]]],
                       result: queries.CaptureResult, title: str | None) -> None:
        assert result.source_id is not None
        own: set[int] = set()  # incidents this source supports: two of one report are two by its author's account
        for record, as_dict in records:
            if record.kind == "statistic":
                queries.add_statistic(state.session, record, source_id=result.source_id,
                                      text_sha256=result.text_sha256)
                state.summary.statistics += 1
                continue
            self._store_incident(state, record, as_dict, result.source_id, result.text_sha256, own, title)

    def _store_incident(self, state: _ItemState, record: Record, as_dict: dict[str, Any], source_id: int,
                        text_sha256: str | None, own: set[int], title: str | None) -> None:
        session = state.session
        facts = facts_of_record(record)
        same, maybe = _matches(session, facts, own)
        if same is not None:
            incident_id, decision = same
            reason = "; ".join(decision.reasons)
            queries.link_incident_source(session, incident_id, source_id, record,
                                         text_sha256=text_sha256, merge_reason=reason, later=state.later,
                                         record_dict=as_dict)
            state.chain.append("merge", f"incident:{incident_id}", self.collector,
                               {"source_id": source_id, "score": decision.score, "reason": reason})
            state.touched.add(incident_id)
            own.add(incident_id)
            state.summary.incidents_merged += 1
            return
        incident_id = queries.insert_incident(session, record, source_id=source_id, text_sha256=text_sha256,
                                              later=state.later, record_dict=as_dict)
        location = record.location
        state.documents.append((incident_id, fts.document(
            record.summary, location.name if location else None, location.admin1 if location else None,
            [(record.quote, title)])))
        own.add(incident_id)
        state.summary.incidents_new += 1
        for other_id, decision in maybe:
            queries.add_merge_flag(session, incident_id, other_id, score=decision.score,
                                   reason="; ".join(decision.reasons))
            state.summary.flagged += 1


def _matches(session: Session, facts: IncidentFacts, own: set[int]):  # type: ignore[no-untyped-def]
    """The best clear match among stored incidents (this group's included), and the uncertain ones."""
    if facts.first is None or facts.last is None:
        return None, []
    candidates = queries.merge_candidates(session, _shift(facts.first, -1), _shift(facts.last, 1), limit=500)
    best = None
    maybe = []
    for incident in candidates:
        if incident.id in own:
            continue
        decision = compare(facts, _facts_of_incident(incident))
        if decision.verdict == "same" and (best is None or decision.score > best[1].score):
            best = (incident.id, decision)
        elif decision.verdict == "maybe":
            maybe.append((incident.id, decision))
    return best, maybe


def _facts_of_incident(incident: Any) -> IncidentFacts:
    first, last = date_span(incident.date, incident.date_precision)
    return IncidentFacts(
        kind=incident.kind, event_type=incident.event_type, first=first, last=last,
        precision=incident.date_precision, lat=incident.lat, lon=incident.lon,
        place=incident.location_name, fatalities=incident.fatalities, injured=incident.injured,
        detained=incident.detained,
    )


def _shift(day: date, days: int) -> str:
    return (day + timedelta(days=days)).isoformat()


def _item_key(capture: Capture) -> str:
    digest = hashlib.sha256((capture.text or "").encode("utf-8")).hexdigest()
    return f"{capture.locator}#{digest}"


def _today() -> date:
    return datetime.now(timezone.utc).date()


def _report_of(capture: Capture, published: date | None) -> tuple[str, date, str | None]:
    when = (capture.published.date() if capture.published else None) or published or _today()
    return capture.text or "", when, capture.language_hint


# --------------------------------------------------------------- reading


_END = object()


class _Reader(threading.Thread):
    """Runs the ingest stage in a thread; captures come out of :meth:`get` in order."""

    def __init__(self, sources: Iterable[str], fetcher: Fetcher | None, published: date | None,
                 max_bytes: int | None) -> None:
        super().__init__(name="letopis-reader", daemon=True)
        self._sources = sources
        self._fetcher = fetcher
        self._published = published
        self._max_bytes = max_bytes
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=READ_AHEAD)
        self._stop = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            for source in self._sources:
                for capture in iter_captures(source, fetcher=self._fetcher, published=self._published,
                                             max_bytes=self._max_bytes):
                    if not self._put(capture):
                        return
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread, raised there
            self.error = exc
        self._put(_END)

    def _put(self, value: Any) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(value, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def get(self, timeout: float | None) -> Any:
        """The next capture, :data:`_END`, or None when nothing came within ``timeout``."""
        try:
            if timeout is not None and timeout <= 0:
                return self._queue.get_nowait()
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            return None

    def stop(self) -> None:
        self._stop.set()


# --------------------------------------------------------------- extraction


def _extract_all(engine: Engine, reports: list[tuple[str, date, str | None]]) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for text, when, language in reports:
        try:
            records = engine.extract(Report(text=text, published=when, language=language))
            out.append(("ok", [(record, record.to_dict()) for record in records]))  # to_dict here: off the writer
        except Exception as exc:  # noqa: BLE001 - one bad text must not stop the batch
            out.append(("error", (f"{type(exc).__name__}: {exc}", traceback.format_exc())))
    return out


def _worker_main(engine: Engine, connection: Any, inherited: list[Any]) -> None:
    for other in inherited:  # the parent's ends: EOF here when the parent dies, even by kill -9
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        chunk_id, reports = message
        connection.send((chunk_id, _extract_all(engine, reports)))


@dataclass(eq=False)
class _Chunk:
    id: int
    reports: list[tuple[str, date, str | None]] = field(default_factory=list)
    results: list[tuple[str, Any]] | None = None
    worker: int | None = None
    sent: bool = False


class _Extraction:
    """Extraction in worker processes (forked, so they share the loaded engine), results in order.

    With ``workers == 0`` (or when the workers died) it runs in this process.
    A text the engine raises on is a failure of that item, not of the run.
    """

    MAX_OUTSTANDING = 4  # chunks sent to one worker and not yet answered (keeps both pipes from filling)

    def __init__(self, engine: Engine, workers: int, published: date | None) -> None:
        self.engine = engine
        self.published = published
        self._next_id = 0
        self._open: _Chunk | None = None
        self._unsent: deque[_Chunk] = deque()
        self._workers: list[tuple[Any, Any]] = []  # (process, connection)
        self._outstanding: list[deque[_Chunk]] = []
        self._turn = 0
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
            process = context.Process(target=_worker_main, args=(self.engine, child, [*parents, parent]),
                                      name="letopis-extract", daemon=True)
            process.start()
            child.close()
            parents.append(parent)
            self._workers.append((process, parent))
            self._outstanding.append(deque())

    def add(self, report: tuple[str, date, str | None]) -> tuple[_Chunk, int]:
        if self._open is None:
            self._open = _Chunk(self._next_id)
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
        while self._unsent:
            chunk = self._unsent[0]
            if not self._workers:
                self._unsent.popleft()
                chunk.results = _extract_all(self.engine, chunk.reports)
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

    def result(self, chunk: _Chunk) -> list[tuple[str, Any]]:
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
        for process, connection in self._workers:
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


# --------------------------------------------------------------- writing


@dataclass(eq=False)
class _Group:
    """Captures committed together: one store batch, one transaction."""

    batch: PutBatch
    started: float
    submitted: int = 0
    written: int = 0
    closed: bool = False  # no more captures join it
    keep_journal: bool = False  # something it wrote may be unreferenced: let recovery look
    session_cm: Any = None
    session: Session | None = None
    writer: CaptureWriter | None = None
    documents: list[tuple[int, str]] = field(default_factory=list)  # search documents of new incidents
    touched: set[int] = field(default_factory=set)  # stored incidents that got a source
    summary: IngestSummary = field(default_factory=IngestSummary)  # added to the run's when committed
    done: list[_Ready] = field(default_factory=list)  # its captures written so far (replayed after an error)
    safe: bool = False  # replaying: one savepoint per capture, nothing deferred


@dataclass(eq=False)
class _Ready:
    """A capture with its stored artefacts and extraction results, ready to record."""

    capture: Capture
    item: str | None
    artefacts: tuple[StoredArtefact, ...]
    records: list[tuple[Record, dict[str, Any]]]
    extraction_error: str | None


@dataclass(eq=False)
class _Work:
    capture: Capture
    group: _Group
    item: str | None = None
    unchecked: bool = False  # its done-state is not looked up yet
    stored: Future[tuple[StoredArtefact, ...]] | None = None
    chunk: _Chunk | None = None
    index: int = 0


@dataclass
class _ItemState:
    """What one item adds, applied to the group and the summary only if its savepoint commits."""

    session: Session
    chain: Any
    later: queries.Later | None
    summary: IngestSummary = field(default_factory=IngestSummary)
    documents: list[tuple[int, str]] = field(default_factory=list)
    touched: set[int] = field(default_factory=set)


class _Pipeline:
    def __init__(self, ingestor: Ingestor, extraction: _Extraction, writers: ThreadPoolExecutor) -> None:
        self.ingestor = ingestor
        self.db = ingestor.db
        self.store = ingestor.store
        self.extraction = extraction
        self.writers = writers
        self.inflight: deque[_Work] = deque()
        self.group: _Group | None = None  # the group new captures join
        self.groups: deque[_Group] = deque()  # open groups, oldest first (the one being written is [0])
        self._to_check: list[_Work] = []  # items whose done-state is not looked up yet

    # ---- the loop

    def run(self, reader: _Reader) -> None:
        while True:
            if self.inflight:
                timeout: float | None = 0.0
            elif self.groups:
                timeout = max(0.0, self.groups[0].started + self.ingestor.group_seconds - time.monotonic())
            else:
                timeout = None
            got = reader.get(timeout)
            if got is _END:
                break
            if got is None:  # nothing new right now
                if self.inflight:
                    self._send_extraction()
                    self._write(self.inflight.popleft())
                elif self.groups:
                    self._commit_oldest()
                continue
            self._submit(got)
            self.extraction.poll()
            while self.inflight and (len(self.inflight) >= WINDOW or self._ready(self.inflight[0])):
                if len(self.inflight) >= WINDOW:
                    self._send_extraction()
                self._write(self.inflight.popleft())
        self._send_extraction()
        while self.inflight:
            self._write(self.inflight.popleft())
        while self.groups:
            self._commit_oldest()
        if reader.error is not None:
            raise reader.error

    def _submit(self, capture: Capture) -> None:
        group = self.group
        now = time.monotonic()
        if (group is None or group.submitted >= self.ingestor.group_items
                or now - group.started >= self.ingestor.group_seconds):
            if group is not None:
                group.closed = True
            batch = self.store.batch()
            batch.__enter__()
            group = self.group = _Group(batch=batch, started=now)
            self.groups.append(group)
        group.submitted += 1
        work = _Work(capture, group)
        if capture.error is None and (capture.artefacts or capture.text is not None):
            work.stored = self.writers.submit(store_artefacts, group.batch, capture)
        if capture.error is None and capture.text is not None:
            work.item = _item_key(capture)
            work.unchecked = True
            self._to_check.append(work)
            if len(self._to_check) >= CHUNK:
                self._check_done()
        self.inflight.append(work)

    def _check_done(self) -> None:
        """Send the texts of items not done yet to extraction (one query per chunk of items)."""
        if not self._to_check:
            return
        works, self._to_check = self._to_check, []
        done = queries.done_among(self._read_session(), COLLECTION, [w.item for w in works if w.item])
        for work in works:
            work.unchecked = False
            if work.item not in done:
                work.chunk, work.index = self.extraction.add(_report_of(work.capture, self.extraction.published))

    def _send_extraction(self) -> None:
        self._check_done()
        self.extraction.flush()

    def _ready(self, work: _Work) -> bool:
        if work.unchecked:
            return False
        if work.stored is not None and not work.stored.done():
            return False
        return work.chunk is None or work.chunk.results is not None

    # ---- groups

    def _open_session(self, group: _Group) -> None:
        if group.session is None:
            group.session_cm = self.db.session()
            group.session = group.session_cm.__enter__()
            group.writer = CaptureWriter(group.session, self.ingestor.collector, defer=not group.safe)

    def _commit_oldest(self) -> None:
        group = self.groups[0]
        group.closed = True
        if group.session is not None:
            try:
                self._finish(group)
            except Exception as exc:  # noqa: BLE001 - a deferred row refused: redo the group one capture at a time
                self._replay(group, exc)
                self._finish(group)
            group.session_cm.__exit__(None, None, None)  # commit
            group.session = None
        self.groups.popleft()
        if group is self.group:
            self.group = None
        _add(self.ingestor.summary, group.summary)
        self._end_batch(group)

    def _finish(self, group: _Group) -> None:
        """What waits until the end of the group: deferred rows, then the search documents."""
        assert group.session is not None and group.writer is not None
        group.writer.flush()
        new = [(i, body) for i, body in group.documents if i not in group.touched]
        fts.put_documents(group.session, new, replace=False)
        queries.touch_incidents(group.session, group.touched)
        fts.refresh_incidents(group.session, group.touched)

    def _replay(self, group: _Group, exc: BaseException) -> None:
        """Roll the group back and record its captures again, each in a savepoint, so one bad capture fails alone."""
        log.warning("a capture of this group was refused (%s: %s); recording the group one capture at a time",
                    type(exc).__name__, exc)
        self._abandon(group, exc)
        group.safe = True
        group.keep_journal = True
        group.documents, group.touched, group.summary = [], set(), IngestSummary()
        ready, group.done = group.done, []
        self._open_session(group)
        for one in ready:
            self._record(group, one)

    def _end_batch(self, group: _Group) -> None:
        if group.keep_journal:  # leave the journal: the next recovery removes what no row references
            group.batch.__exit__(RuntimeError, RuntimeError("kept for recovery"), None)
        else:
            group.batch.__exit__(None, None, None)

    def _abandon(self, group: _Group, exc: BaseException | None) -> None:
        if group.session is not None:
            error = exc or RuntimeError("ingest stopped")
            group.session_cm.__exit__(type(error), error, error.__traceback__)  # rollback
            group.session = None

    def close(self, ok: bool) -> None:
        """After an error: roll back what is not committed; every journal stays for recovery."""
        while self.groups:
            group = self.groups.popleft()
            self._abandon(group, None)
            group.keep_journal = True
            self._end_batch(group)
        self.group = None

    def _read_session(self) -> Session:
        """A session to look things up in: the oldest open group's (opened if needed)."""
        group = self.groups[0]
        self._open_session(group)
        assert group.session is not None
        return group.session

    # ---- one capture

    def _write(self, work: _Work) -> None:
        group = work.group
        while self.groups and self.groups[0] is not group:  # every capture of older groups is written
            self._commit_oldest()
        self._open_session(group)
        ready = self._prepare(group, work)
        try:
            self._record(group, ready)
        except Exception as exc:  # noqa: BLE001 - the database refused something: isolate it
            group.done.append(ready)
            self._replay(group, exc)
        else:
            group.done.append(ready)
        group.written += 1
        if self.ingestor.progress is not None:
            self.ingestor.progress(self.ingestor.summary, work.capture)
        if group.closed and group.written == group.submitted:
            self._commit_oldest()

    def _prepare(self, group: _Group, work: _Work) -> _Ready:
        capture = work.capture
        artefacts: tuple[StoredArtefact, ...] = ()
        if work.stored is not None:
            try:
                artefacts = work.stored.result()
            except Exception as exc:  # noqa: BLE001 - recorded as a failed capture
                log.warning("could not store %s: %s", capture.locator, exc)
                group.keep_journal = True
                capture = dataclasses.replace(capture, artefacts=(), text=None,
                                              error=f"could not store its bytes: {exc}")
        records: list[tuple[Record, dict[str, Any]]] = []
        extraction_error: str | None = None
        if work.chunk is not None and capture.error is None:
            status, value = self.extraction.result(work.chunk)[work.index]
            if status == "ok":
                records = value
            else:
                message, trace = value
                log.error("extraction failed on %s\n%s", capture.locator, trace)
                extraction_error = f"extraction failed: {message}"
        return _Ready(capture, work.item, artefacts, records, extraction_error)

    def _record(self, group: _Group, ready: _Ready) -> None:
        """Record one capture in the group's transaction (in a savepoint when replaying)."""
        if not group.safe:
            self._record_one(group, ready)
            return
        session, writer = group.session, group.writer
        assert session is not None and writer is not None
        before = writer.mark()
        savepoint = session.begin_nested()
        try:
            self._record_one(group, ready)
            savepoint.commit()
        except Exception as exc:  # noqa: BLE001 - one capture the database refuses must not stop the batch
            savepoint.rollback()
            writer.rollback(before)
            log.exception("could not record %s", ready.capture.locator)
            group.summary.failed += 1
            group.summary.failures.append(
                (ready.capture.locator, f"could not record: {type(exc).__name__}: {exc}"))

    def _record_one(self, group: _Group, ready: _Ready) -> None:
        ingestor = self.ingestor
        session, writer = group.session, group.writer
        assert session is not None and writer is not None
        capture, artefacts = ready.capture, ready.artefacts
        state = _ItemState(session=session, chain=writer.chain, later=writer.later)
        if capture.error is not None:
            writer.record(capture, artefacts)
            state.summary.failed += 1
            state.summary.failures.append((capture.locator, capture.error))
        elif capture.text is None:  # a container (feed, export): recorded, its items follow
            writer.record(capture, artefacts, event="import")
        else:
            result = writer.record(capture, artefacts)
            if result.source_created and result.source_id is not None:
                if result.text_sha256 is not None:
                    writer.chain.append("derive", f"text:{result.text_sha256}", ingestor.collector,
                                        {"source_id": result.source_id, "method": capture.text_method})
                if ready.records:
                    if writer.later is not None and any(r.kind == "statistic" for r, _ in ready.records):
                        writer.flush()  # a statistic row references the text: it may not wait
                    ingestor._store_records(state, ready.records, result, capture.title)
                state.summary.sources_new += 1
            else:
                state.summary.sources_known += 1
            assert ready.item is not None
            queries.mark_item(session, COLLECTION, ready.item, "done", source_id=result.source_id,
                              later=writer.later)
            if ready.extraction_error is not None:
                state.summary.failures.append((capture.locator, ready.extraction_error))
        _add(group.summary, state.summary)
        group.documents.extend(state.documents)
        group.touched |= state.touched


def _add(total: IngestSummary, part: IngestSummary) -> None:
    for name in ("sources_new", "sources_known", "failed", "incidents_new", "incidents_merged", "flagged",
                 "statistics"):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.failures.extend(part.failures)
