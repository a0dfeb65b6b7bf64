"""``letopis reextract``: the stored texts read again by the engine of today, reconciled with human work.

Three steps, each replaceable:

1. :func:`texts_to_read` picks the stored texts (filters as ``letopis
   sources``/``incidents``: source ids, kind, language, publication dates),
   leaving out sources already read by this engine (every record they gave
   carries its version, or a re-extraction by it marked them done);
   :func:`testimonies_to_read` the testimonies the same way (nothing decrypted);
2. a reader turns each into a :class:`SourceReading` (the source's new
   records, or why it could not be read or was skipped): :func:`read_locally`
   here, in worker processes as the ingest does; any other producer of
   readings (a cluster backend) fits, in any order. Testimonies are read by
   :func:`read_testimonies` only: in this process, their accounts decrypted
   in memory, never sent to a worker or a cluster;
3. :func:`reconcile` applies the readings, a group of sources per
   transaction (:func:`letopis.services.reconcile.reconcile_source`: what is
   replaced, kept or flagged), with their custody entries and each source
   marked done for this engine (``ingest_items``, collection
   ``reextract:<engine>``) in the same transaction.

A kill at any point leaves every source either reconciled and marked, or
untouched; a re-run goes on with the others. Re-running with the same engine
changes nothing and appends nothing. ``dry_run`` does the same work in
transactions that are rolled back, and reports what it would have done
(sources read in one run do not see each other's would-be additions).

A testimony's account never leaves memory: it is decrypted for the engine,
its records are redacted (no quote, offsets only, as ``letopis testimony add``
stores them) before they leave the reader, and no error, log line, custody
entry or report holds a word of it. A withdrawn testimony, or one whose
consent has ended, is skipped and counted (:data:`SKIPPED`), as are all of
them when the store was opened without its key.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from letopis.db import Database
from letopis.db.items import done_among, mark_item
from letopis.db.readings import (
    StoredTestimony,
    StoredText,
    count_reading_flags,
    reading_flags,
    stored_testimonies,
    stored_texts,
    up_to_date,
)
from letopis.extract.publication import report_of
from letopis.model import Record, Report
from letopis.services.reconcile import Change, Decided, decisions, reconcile_source

if TYPE_CHECKING:
    from letopis.crypto.store import OpenStore
    from letopis.services.workspace import Workspace

__all__ = ["ReextractFilters", "SourceReading", "ReextractReport", "ReadingFlagView", "Reader", "SKIPPED",
           "texts_to_read", "testimonies_to_read", "report_for", "read_locally", "read_testimonies", "reconcile",
           "reextract", "reextract_workspace", "collection_of", "open_reading_flags", "count_open_reading_flags",
           "reading_flag", "resolve_reading_flag"]

log = logging.getLogger(__name__)

BATCH = 200  # sources looked up at a time
GROUP_SOURCES = 50  # sources reconciled in one transaction at most
GROUP_SECONDS = 1.0  # and at most this long between a group's first reading and its commit
WINDOW = 64  # texts in extraction ahead of the reconciliation

# Why a testimony was not read again: a reason, not a failure (the run goes on, its exit status unchanged).
SKIPPED = {
    "withdrawn": "withdrawn: their content no longer exists",
    "consent_ended": "their consent has ended (--until): an account is not read again after it ends, "
                     "the records read before stay",
    "locked": "their accounts are encrypted and the store was opened without its key: run letopis reextract "
              "on the encrypted data directory that holds them, unlocked with its passphrase "
              "(LETOPIS_PASSPHRASE or the prompt), to read them too",
}

_Item = TypeVar("_Item", StoredText, StoredTestimony)


class Reader(Protocol):
    """What reads a report: the extraction engine, or a test double that reads differently."""

    @property
    def version(self) -> str: ...

    def extract(self, report: Report) -> list[Record]: ...


@dataclass(frozen=True)
class ReextractFilters:
    source_ids: tuple[int, ...] | None = None
    kind: str | None = None
    language: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class SourceReading:
    """One source read again: its records, or the reason it could not be read (``error``, a failure) or was
    not (``skipped``, a key of :data:`SKIPPED`)."""

    source_id: int
    text_sha256: str | None
    records: tuple[Record, ...] = ()
    error: str | None = None
    title: str | None = None
    skipped: str | None = None
    testimony: bool = False  # a testimony's (its records are redacted before they are stored, whoever read them)


@dataclass
class ReextractReport:
    engine: str
    dry_run: bool
    sources_read: int = 0  # testimonies included
    changes: list[Change] = field(default_factory=list)
    failures: list[tuple[int, str]] = field(default_factory=list)
    testimonies_read: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # testimonies not read, by reason (SKIPPED)

    def counts(self) -> Counter[str]:
        return Counter(change.action for change in self.changes)

    def by(self, key: Callable[[Change], str]) -> dict[str, Counter[str]]:
        """Actions counted under ``key`` (the type or the region of what changed)."""
        table: dict[str, Counter[str]] = {}
        for change in self.changes:
            table.setdefault(key(change), Counter())[change.action] += 1
        return dict(sorted(table.items()))


@dataclass(frozen=True)
class ReadingFlagView:
    id: int
    incident_id: int | None
    statistic_id: int | None
    source_id: int
    field: str
    kept: Any
    proposed: Any
    reason: str
    engine: str
    status: str  # open, applied, dismissed
    created_at: datetime | None = None
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    resolution: str | None = None  # why the person applied or dismissed it


def _flag_view(flag: Any) -> ReadingFlagView:
    return ReadingFlagView(flag.id, flag.incident_id, flag.statistic_id, flag.source_id, flag.field, flag.kept,
                           flag.proposed, flag.reason, flag.engine, flag.status, flag.created_at, flag.resolved_at,
                           flag.resolved_by, flag.resolution)


def collection_of(engine: str) -> str:
    """The ``ingest_items`` collection that marks the sources this engine has read again."""
    return f"reextract:{engine}"


def texts_to_read(db: Database, filters: ReextractFilters, engine: str) -> Iterator[StoredText]:
    """The stored texts the filters select, by source id, without those this engine has read already."""
    return _unread(db, filters, engine, stored_texts)


def testimonies_to_read(db: Database, filters: ReextractFilters, engine: str) -> Iterator[StoredTestimony]:
    """The testimonies the filters select (withdrawn ones too, to be counted), by source id, without those this
    engine has read already. Nothing is decrypted."""
    return _unread(db, filters, engine, stored_testimonies)


def _unread(db: Database, filters: ReextractFilters, engine: str,
            lister: Callable[..., list[_Item]]) -> Iterator[_Item]:
    after = 0
    while True:
        with db.session(readonly=True) as session:
            batch = lister(session, source_ids=filters.source_ids, kind=filters.kind, language=filters.language,
                           date_from=filters.date_from, date_to=filters.date_to, after=after, limit=BATCH)
            if not batch:
                return
            ids = [item.source_id for item in batch]
            done = done_among(session, collection_of(engine), [f"source:{i}" for i in ids])
            current = up_to_date(session, ids, engine)
        after = batch[-1].source_id
        for item in batch:
            if f"source:{item.source_id}" not in done and item.source_id not in current:
                yield item


def report_for(text: StoredText) -> Report:
    """The report as the ingest built it: the capture's publication date and where it came from."""
    page = text.published.date() if text.published is not None else None
    caller = page if text.published_from == "caller" else None
    return report_of(text.text, None if caller else page, text.published_from, caller, text.locator, text.language,
                     today=text.created.date())


def read_locally(engine: Reader, texts: Iterable[StoredText], *, workers: int | None = 0,
                 cluster: str | None = None, limit_s: float | None = None) -> Iterator[SourceReading]:
    """Each text read by ``engine`` through an extraction backend, in the texts' order: ``workers``
    forked processes here (0: this process), or the Ray or Dask cluster at ``cluster`` (``workers``
    None: as many as its CPUs) (:mod:`letopis.services.backends`, the one interface ``ingest`` uses too)."""
    from letopis.services.backends import extract_reports, open_backend
    from letopis.services.backends.local import EXTRACT_LIMIT_S

    backend = open_backend(cluster, engine, workers=workers,  # type: ignore[arg-type]  # any Reader extracts
                           limit_s=EXTRACT_LIMIT_S if limit_s is None else limit_s)
    waiting: deque[StoredText] = deque()

    def reports() -> Iterator[Report]:
        for text in texts:
            waiting.append(text)
            yield report_for(text)

    try:
        for _, (status, value) in extract_reports(backend, reports()):
            text = waiting.popleft()
            if status == "ok":
                yield SourceReading(text.source_id, text.text_sha256, tuple(r for r, _ in value), title=text.title)
            else:
                yield SourceReading(text.source_id, text.text_sha256, error=f"extraction failed: {value[0]}")
    finally:
        backend.close()


def read_testimonies(engine: Reader, opened: OpenStore | None, testimonies: Iterable[StoredTestimony], *,
                     today: date | None = None) -> Iterator[SourceReading]:
    """Each testimony read by ``engine`` in this process, one at a time, as ``letopis testimony add`` read it.

    The account is decrypted in memory (``opened``: the store, unlocked) and
    given to the engine with the day it was recorded and its language; the
    records are redacted before they leave here. Never a worker process or a
    cluster: the account is in no pipe, queue or task. A withdrawn testimony,
    one whose consent has ended, and every one when ``opened`` holds no key
    are skipped (:data:`SKIPPED`). A failure says the exception's type only
    (its message may quote the account).
    """
    from letopis.errors import ConsentEnded, CryptoError, TestimonyWithdrawn
    from letopis.testimony import account_to_reread, redact_record

    for item in testimonies:
        if item.status == "withdrawn":
            yield SourceReading(item.source_id, None, skipped="withdrawn", testimony=True)
            continue
        if opened is None or opened.master is None:
            yield SourceReading(item.source_id, None, skipped="locked", testimony=True)
            continue
        try:
            account = account_to_reread(opened, item.testimony_id, today=today)
        except TestimonyWithdrawn:  # withdrawn since it was listed
            yield SourceReading(item.source_id, None, skipped="withdrawn", testimony=True)
            continue
        except ConsentEnded:
            yield SourceReading(item.source_id, None, skipped="consent_ended", testimony=True)
            continue
        except CryptoError as exc:  # our own one-line messages: never a word of the account
            yield SourceReading(item.source_id, None, error=f"testimony {item.testimony_id}: {exc}", testimony=True)
            continue
        records: tuple[Record, ...] = ()
        if account.text:
            report = Report(text=account.text, published=account.recorded_at.date(), language=account.language)
            try:
                records = tuple(redact_record(record) for record in engine.extract(report))
            except Exception as exc:  # noqa: BLE001 - one testimony failed: the run goes on
                what = type(exc).__name__
                log.warning("testimony %s: extraction failed (%s; its message is not shown)", item.testimony_id, what)
                yield SourceReading(item.source_id, None, error=f"extraction failed: {what} (the message is not "
                                    "shown: it may quote the account)", testimony=True)
                continue
            finally:
                del report, account  # the decrypted account is held no longer than the engine reads it
        yield SourceReading(item.source_id, None, records, testimony=True)


class _DryRun(Exception):
    """Raised inside a dry run's transaction to roll it back."""


def reconcile(db: Database, readings: Iterable[SourceReading], *, engine: str, dry_run: bool = False,
              progress: Callable[[ReextractReport], None] | None = None) -> ReextractReport:
    """Apply the readings, a group of sources per transaction (rolled back with ``dry_run``); what changed.

    A group is up to :data:`GROUP_SOURCES` readings or what came in :data:`GROUP_SECONDS`; no transaction
    is open while readings are awaited. A source the database refuses is recorded as failed, the others
    of its group applied one by one.
    """
    report = ReextractReport(engine, dry_run)
    with db.session(readonly=True) as session:
        decided = decisions(session)
    group: list[SourceReading] = []
    started = time.monotonic()
    for reading in readings:
        if reading.skipped is not None:
            report.skipped[reading.skipped] += 1
            continue
        report.sources_read += 1
        report.testimonies_read += reading.testimony
        if not group:
            started = time.monotonic()
        group.append(reading)
        if len(group) >= GROUP_SOURCES or time.monotonic() - started >= GROUP_SECONDS:
            _apply(db, group, report, decided)
            group = []
            if progress is not None:
                progress(report)
    if group:
        _apply(db, group, report, decided)
    return report


def _apply(db: Database, group: list[SourceReading], report: ReextractReport, decided: Decided) -> None:
    try:
        changes, withdrawn = _transaction(db, group, report, decided)
    except Exception as exc:  # noqa: BLE001 - one source refused: find it, apply the others
        if len(group) == 1:
            log.exception("could not reconcile source %s", group[0].source_id)
            report.failures.append((group[0].source_id, f"could not record: {type(exc).__name__}: {exc}"))
            return
        for one in group:
            _apply(db, [one], report, decided)
        return
    report.changes.extend(changes)
    report.failures.extend((r.source_id, r.error) for r in group if r.error is not None)
    for reading in withdrawn:  # read, then withdrawn before its reconciliation: nothing of it was stored
        report.sources_read -= 1
        report.testimonies_read -= reading.testimony
        report.skipped["withdrawn"] += 1


def _transaction(db: Database, group: list[SourceReading], report: ReextractReport,
                 decided: Decided) -> tuple[list[Change], list[SourceReading]]:
    collection = collection_of(report.engine)
    changes: list[Change] = []
    withdrawn: list[SourceReading] = []
    try:
        with db.session() as session:
            for reading in group:
                item = f"source:{reading.source_id}"
                if reading.error is not None:
                    mark_item(session, collection, item, "failed", source_id=reading.source_id, detail=reading.error)
                    continue
                done = reconcile_source(session, reading.source_id, reading.text_sha256, reading.records,
                                        engine=report.engine, decided=decided, title=reading.title)
                if done.withdrawn:
                    withdrawn.append(reading)
                    continue
                changes.extend(done.changes)
                mark_item(session, collection, item, "done", source_id=reading.source_id)
            if report.dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return changes, withdrawn


def reextract(db: Database, engine: Reader, filters: ReextractFilters = ReextractFilters(), *,
              dry_run: bool = False, workers: int | None = 0, cluster: str | None = None,
              progress: Callable[[ReextractReport], None] | None = None,
              opened: OpenStore | None = None) -> ReextractReport:
    """Read the selected stored texts with ``engine`` (here, or on the cluster at ``cluster``), then the
    selected testimonies in this process (with the key of ``opened``, the unlocked store; without it they are
    skipped as ``locked``), and reconcile them (module docstring)."""
    from letopis.services.backends import cluster_kind

    cluster_kind(cluster)   # a bad address is refused before anything is read
    version = engine.version
    texts = read_locally(engine, texts_to_read(db, filters, version), workers=workers, cluster=cluster)
    testimonies = read_testimonies(engine, opened, testimonies_to_read(db, filters, version))
    return reconcile(db, chain(texts, testimonies), engine=version, dry_run=dry_run, progress=progress)


def open_reading_flags(db: Database, *, incident_id: int | None = None,
                       limit: int | None = None) -> list[ReadingFlagView]:
    """The reading flags waiting for a person (of one incident, or all), oldest first."""
    with db.session(readonly=True) as session:
        return [_flag_view(f) for f in reading_flags(session, incident_id=incident_id, limit=limit)]


def count_open_reading_flags(db: Database) -> int:
    """How many reading flags wait for a person."""
    with db.session(readonly=True) as session:
        return count_reading_flags(session)


def reading_flag(db: Database, flag_id: int) -> ReadingFlagView | None:
    """One reading flag, open or decided; None when there is none."""
    from letopis.db.models import ReadingFlag

    with db.session(readonly=True) as session:
        flag = session.get(ReadingFlag, flag_id)
        return None if flag is None else _flag_view(flag)


def reextract_workspace(workspace: Workspace, filters: ReextractFilters = ReextractFilters(), *,
                        dry_run: bool = False, engine: Reader | None = None,
                        workers: int | None = None, cluster: str | None = None) -> ReextractReport:
    """``letopis reextract``: the workspace's engine (its ``judge`` setting), the ingest's worker processes."""
    from letopis.extract.engine import Engine
    from letopis.services.backends import cluster_kind
    from letopis.services.ingest import default_workers

    if workers is None and cluster_kind(cluster) == "local":
        workers = default_workers()  # on a cluster, None: one actor per CPU of the cluster (as ingest)
    reader = engine or Engine(judged=workspace.config.judge)
    return reextract(workspace.db, reader, filters, dry_run=dry_run, cluster=cluster, opened=workspace.opened,
                     workers=workers)


def resolve_reading_flag(db: Database, flag_id: int, decision: str, *, reason: str, actor: str) -> None:
    """A person takes the reading a flag holds (``apply``: as an edit of theirs) or leaves it (``dismiss``).

    One transaction: the flag closed with the reason, the edit (for an
    incident's field group; ``record``: the incident rejected), and a custody
    entry. :class:`~letopis.errors.ReviewError` for an unknown or closed flag.
    """
    from letopis.db.models import ReadingFlag, Statistic
    from letopis.db.review import record_edit
    from letopis.db.types import utc_now
    from letopis.errors import ReviewError
    from letopis.evidence import append_event

    if decision not in ("apply", "dismiss"):
        raise ReviewError(f"decision must be apply or dismiss, got {decision!r}")
    if not (reason or "").strip():
        raise ReviewError("a decision on a reading flag needs a reason")
    with db.session() as session:
        flag = session.get(ReadingFlag, flag_id)
        if flag is None or flag.status != "open":
            raise ReviewError(f"no open reading flag {flag_id}")
        subject = f"incident:{flag.incident_id}" if flag.incident_id is not None else f"statistic:{flag.statistic_id}"
        if decision == "apply":
            if flag.incident_id is not None:
                values = ({"status": "rejected"} if flag.field == "record" else
                          flag.proposed if isinstance(flag.proposed, dict) else {flag.field: flag.proposed})
                for name, value in values.items():
                    edit = record_edit(session, flag.incident_id, name, value, actor=actor)
                    if edit is not None:
                        edit.reason = reason
            else:
                statistic = session.get(Statistic, flag.statistic_id)
                if statistic is not None:
                    if flag.field == "record":
                        statistic.status = "rejected"
                    else:
                        setattr(statistic, flag.field, flag.proposed)
                    statistic.updated_at = utc_now()
        flag.status = "applied" if decision == "apply" else "dismissed"
        flag.resolved_at, flag.resolved_by, flag.resolution = utc_now(), actor, reason
        append_event(session, "edit", subject, actor, {"reading_flag": flag.id, "field": flag.field,
                                                       "decision": decision, "reason": reason})
