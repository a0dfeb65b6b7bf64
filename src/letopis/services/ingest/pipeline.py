"""The writing end of the ingest pipeline: captures into groups, each group one transaction.

See :mod:`letopis.services.ingest` for the design; this module keeps the order of
the input, the store batch and the transaction of each group, and the
replay of a group one capture at a time when the database refuses a row.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import time
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from sqlalchemy.orm import Session

from letopis.db import Database
from letopis.db.items import done_among, mark_item
from letopis.evidence.capture import CaptureWriter, store_artefacts
from letopis.evidence.store import ObjectStore, PutBatch
from letopis.extract.publication import report_of
from letopis.model import Capture, CaptureResult, IngestSummary, Record, Report, StoredArtefact
from letopis.services.attach import Target, attach_records, write_origins, write_search
from letopis.services.backends import Backend
from letopis.services.backends.local import CHUNK, Chunk
from letopis.services.ingest.reader import END, Reader
from letopis.services.ingest.state import ItemState, add_summary
from letopis.sources.pdf import needs_ocr

log = logging.getLogger(__name__)

COLLECTION = "ingest"
WINDOW = 128  # captures in flight between the reader and the database


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
    done: list[_Ready] = field(default_factory=list)  # its captures ready so far, recorded at its commit
    safe: bool = False  # replaying: one savepoint per capture, nothing deferred


@dataclass(eq=False)
class _Ready:
    """A capture with its stored artefacts and extraction results, ready to record."""

    capture: Capture
    item: str | None
    artefacts: tuple[StoredArtefact, ...]
    records: list[tuple[Record, dict[str, Any]]]
    extraction_error: str | None
    done: bool = False  # the item was done by an earlier run


@dataclass(eq=False)
class _Work:
    capture: Capture
    group: _Group
    item: str | None = None
    unchecked: bool = False  # its done-state is not looked up yet
    done: bool = False  # done by an earlier run: recorded again only if its bytes differ
    stored: Future[tuple[StoredArtefact, ...]] | None = None
    chunk: Chunk | None = None
    index: int = 0

class Run(Protocol):
    """What the pipeline reads of the ingest run (an :class:`~letopis.services.ingest.Ingestor`)."""

    db: Database
    store: ObjectStore
    collector: str
    progress: Callable[[IngestSummary, Capture], None] | None
    summary: IngestSummary
    group_items: int
    group_seconds: float

    @property
    def engine_version(self) -> str: ...


class Pipeline:
    def __init__(self, ingestor: Run, extraction: Backend, writers: ThreadPoolExecutor) -> None:
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

    def run(self, reader: Reader) -> None:
        while True:
            if self.inflight:
                timeout: float | None = 0.0
            elif self.groups:
                timeout = max(0.0, self.groups[0].started + self.ingestor.group_seconds - time.monotonic())
            else:
                timeout = None
            got = reader.get(timeout)
            if got is END:
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
        self.ingestor.summary.skipped.extend(reader.skipped)
        if reader.error is not None:
            raise reader.error

    def _submit(self, capture: Capture) -> None:
        group = self.group
        now = time.monotonic()
        if (group is None or group.submitted >= self.ingestor.group_items
                or now - group.started >= self.ingestor.group_seconds):
            if group is not None:
                group.closed = True
            batch = self.store.batch(deferred=True)  # its packed objects made durable at once, before the commit
            batch.__enter__()
            group = self.group = _Group(batch=batch, started=now)
            self.groups.append(group)
        group.submitted += 1
        work = _Work(capture, group)
        if capture.artefacts or capture.text is not None:  # failed or not, what was read is kept as evidence
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
        with self.db.session(readonly=True) as session:  # a read: it takes no write lock
            done = done_among(session, COLLECTION, [w.item for w in works if w.item])
        for work in works:
            work.unchecked = False
            work.done = work.item in done
            if not work.done:
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
        """Record the group's captures, all ready (stored and extracted), in one transaction, and commit it.

        The transaction opens only now: on SQLite it holds the database's one
        write lock, which must not wait on extraction (another writer, or
        ``verify`` appending its custody entry, would wait that long, and past
        the busy timeout fail).
        """
        group = self.groups[0]
        group.closed = True
        if group.done:
            group.batch.sync()  # every object the rows will name is durable and indexed before they commit
            self._open_session(group)
            try:
                for position, ready in enumerate(group.done, 1):
                    self._record(group, ready)
                    if position % CHUNK == 0:  # the workers' answers taken, their next texts sent meanwhile
                        self.extraction.poll()
                self._finish(group)
            except Exception as exc:  # noqa: BLE001 - a row refused: redo the group one capture at a time
                self._replay(group, exc)
                self._finish(group)
            group.session_cm.__exit__(None, None, None)  # commit
            group.session = None
        self.groups.popleft()
        if group is self.group:
            self.group = None
        add_summary(self.ingestor.summary, group.summary)
        self._end_batch(group)

    def _finish(self, group: _Group) -> None:
        """What waits until the end of the group: deferred rows, then the search documents."""
        assert group.session is not None and group.writer is not None
        group.writer.flush()
        write_search(group.session, group.documents, group.touched)
        write_origins(group.session, group.documents, group.touched)

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

    # ---- one capture

    def _write(self, work: _Work) -> None:
        """The capture made ready (stored, extracted) in input order; it is recorded when its group commits."""
        group = work.group
        while self.groups and self.groups[0] is not group:  # every capture of older groups is written
            self._commit_oldest()
        group.done.append(self._prepare(group, work))
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
        return _Ready(capture, work.item, artefacts, records, extraction_error, work.done and capture.error is None)

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
        state = ItemState(session=session, chain=writer.chain, later=writer.later)
        if needs_ocr(capture) and artefacts:  # kept as evidence: a source without text, reported, not failed
            result = writer.record(capture, artefacts)
            if result.source_created:
                state.summary.sources_new += 1
            else:
                state.summary.sources_known += 1
            state.summary.needs_ocr += 1
            state.summary.notices.append((capture.locator, capture.error or "needs OCR"))
        elif capture.error is not None:  # its bytes, if any were read, are kept, linked to the capture, not a source
            writer.record(capture, artefacts, source=False, reuse=True)  # tried again: the failure recorded once
            state.summary.failed += 1
            state.summary.failures.append((capture.locator, capture.error))
        elif capture.text is None:  # a container (feed, export): recorded (once for the same bytes), its items follow
            writer.record(capture, artefacts, event="import", reuse=True)
        else:
            result = writer.record(capture, artefacts, reuse=ready.done)
            if result.reused:  # done by an earlier run (a retry after a crash): nothing more to write
                state.summary.sources_known += 1
                add_summary(group.summary, state.summary)
                return
            if result.source_created and result.source_id is not None:
                if result.text_sha256 is not None:
                    writer.chain.append("derive", f"text:{result.text_sha256}", ingestor.collector,
                                        {"source_id": result.source_id, "method": capture.text_method,
                                         "engine": ingestor.engine_version})
                if ready.records:
                    if writer.later is not None and any(r.kind == "statistic" for r, _ in ready.records):
                        writer.flush()  # a statistic row references the text: it may not wait
                    _attach(state, writer, ready.records, result, capture.title, ingestor.engine_version)
                state.summary.sources_new += 1
            else:
                state.summary.sources_known += 1
            assert ready.item is not None
            # an extraction that failed (or ran past extract_limit_s) leaves its source kept and the
            # item failed with the reason, listed by `letopis sources --failed`
            mark_item(session, COLLECTION, ready.item, "done" if ready.extraction_error is None else "failed",
                      source_id=result.source_id, detail=ready.extraction_error, later=writer.later)
            if ready.extraction_error is not None:  # the source is kept; the exit status says it failed
                state.summary.failed += 1
                state.summary.failures.append((capture.locator, ready.extraction_error))
        add_summary(group.summary, state.summary)
        group.documents.extend(state.documents)
        group.touched |= state.touched


def _attach(state: ItemState, writer: CaptureWriter, records: list[tuple[Record, dict[str, Any]]],
            result: CaptureResult, title: str | None, engine: str) -> None:
    """The item's records attached (:mod:`letopis.services.attach`); search documents wait for the group's end."""
    assert result.source_id is not None
    chain, collector = writer.chain, writer.collector

    def custody(event: str, subject: str, details: Mapping[str, Any]) -> None:
        chain.append(event, subject, collector, details)

    attached = attach_records(Target(state.session, result.source_id, custody, text_sha256=result.text_sha256,
                                     title=title, later=writer.later, engine=engine), records)
    summary = state.summary
    summary.statistics += attached.statistics
    summary.incidents_new += attached.incidents_new
    summary.incidents_merged += attached.incidents_merged
    summary.flagged += attached.flagged
    state.documents.extend(attached.documents)
    state.touched |= attached.touched


def _item_key(capture: Capture) -> str:
    digest = hashlib.sha256((capture.text or "").encode("utf-8")).hexdigest()
    return f"{capture.locator}#{digest}"


def _report_of(capture: Capture, published: date | None) -> Report:
    return report_of(capture.text or "", capture.published.date() if capture.published else None,
                     capture.metadata.get("published_from"), published, capture.locator,
                     capture.language_hint)
