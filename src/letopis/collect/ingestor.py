"""The ingest run: sources in, incidents stored and merged (see :mod:`letopis.collect`)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from letopis.collect.extraction import Extraction
from letopis.collect.pipeline import Pipeline
from letopis.collect.reader import Reader
from letopis.collect.state import IngestSummary, ItemState
from letopis.db import Database, fts, queries
from letopis.evidence import ObjectStore, recover_store
from letopis.extract.engine import Engine
from letopis.extract.records import Record
from letopis.ingest import Fetcher
from letopis.ingest.records import Capture
from letopis.merge import facts_of_record
from letopis.merge.stored import match_stored

GROUP_ITEMS = 200  # captures per transaction at most
GROUP_SECONDS = 1.0  # and at most this long between a group's first capture and its commit (when input flows)
STORE_THREADS = 4  # object writes wait on fsync, not on the CPU: a few in parallel


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
        extraction = Extraction(self.engine, workers, published)  # forks before any thread starts
        reader = Reader(sources, self.fetcher, published, self.max_bytes)
        writers = ThreadPoolExecutor(STORE_THREADS, thread_name_prefix="letopis-store")
        pipeline = Pipeline(self, extraction, writers)
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

    def _store_records(self, state: ItemState, records: list[tuple[Record, dict[str, Any]]],
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

    def _store_incident(self, state: ItemState, record: Record, as_dict: dict[str, Any], source_id: int,
                        text_sha256: str | None, own: set[int], title: str | None) -> None:
        session = state.session
        facts = facts_of_record(record)
        same, maybe = match_stored(session, facts, own)
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
