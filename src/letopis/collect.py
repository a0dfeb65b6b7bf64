"""``letopis ingest``: sources → evidence → extraction → merged incidents.

For each capture the ingest stage yields, in order:

1. extraction runs on its text (pure; before any write);
2. the capture's bytes go to the write-once object store, then one database
   transaction records the capture, the source (found or created), the
   derived text, a custody entry, the incidents (new or merged into stored
   ones) and marks the item done.

A kill at any point leaves either the whole item or none of it; a re-run
skips nothing it should not (a re-ingested source gets one more capture
record, and no second source or incident). Failed captures are recorded with
their reason and the batch goes on.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy.orm import Session

from letopis.db import Database, queries
from letopis.evidence import ObjectStore, append_event, recover_store
from letopis.evidence.capture import record_capture
from letopis.extract.engine import Engine
from letopis.extract.records import Record, Report
from letopis.ingest import Fetcher, iter_captures
from letopis.ingest.records import Capture
from letopis.merge import compare, facts_of_record
from letopis.merge.decide import IncidentFacts, date_span

log = logging.getLogger(__name__)

COLLECTION = "ingest"


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

    def run(self, sources: Iterable[str], *, published: date | None = None) -> IngestSummary:
        recover_store(self.db, self.store)
        with self.db.session(readonly=True) as session:
            done = queries.done_items(session, COLLECTION)
        for source in sources:
            for capture in iter_captures(source, fetcher=self.fetcher, published=published,
                                         max_bytes=self.max_bytes):
                self._one(capture, done, published)
                if self.progress is not None:
                    self.progress(self.summary, capture)
        return self.summary

    def _one(self, capture: Capture, done: set[str], published: date | None) -> None:
        if capture.error:
            record_capture(self.db, self.store, capture, collector=self.collector)
            self.summary.failed += 1
            self.summary.failures.append((capture.locator, capture.error))
            return
        if capture.text is None:  # a container (feed, export): recorded, its items follow
            record_capture(self.db, self.store, capture, collector=self.collector, event="import")
            return
        item = _item_key(capture)
        records = [] if item in done else self._extract(capture, published)
        state: dict[str, Any] = {}

        def within(session: Session, result: queries.CaptureResult) -> None:
            state["new"] = result.source_created
            if result.source_created and result.source_id is not None:
                self._derive_event(session, capture, result)
                self._store_records(session, records, result)

        record_capture(self.db, self.store, capture, collector=self.collector,
                       collection=COLLECTION, item=item, within=within)
        done.add(item)
        if state.get("new"):
            self.summary.sources_new += 1
        else:
            self.summary.sources_known += 1

    def _extract(self, capture: Capture, published: date | None) -> list[Record]:
        when = (capture.published.date() if capture.published else None) or published or _today()
        try:
            return self.engine.extract(Report(text=capture.text or "", published=when,
                                              language=capture.language_hint))
        except Exception as exc:  # noqa: BLE001 - one bad text must not stop the batch
            log.exception("extraction failed on %s", capture.locator)
            self.summary.failures.append((capture.locator, f"extraction failed: {exc}"))
            return []

    def _derive_event(self, session: Session, capture: Capture, result: queries.CaptureResult) -> None:
        if result.text_sha256 is None:
            return
        append_event(session, "derive", f"text:{result.text_sha256}", self.collector,
                     {"source_id": result.source_id, "method": capture.text_method})

    def _store_records(self, session: Session, records: list[Record],
                       result: queries.CaptureResult) -> None:
        assert result.source_id is not None
        for record in records:
            if record.kind == "statistic":
                queries.add_statistic(session, record, source_id=result.source_id,
                                      text_sha256=result.text_sha256)
                self.summary.statistics += 1
                continue
            self._store_incident(session, record, result.source_id, result.text_sha256)

    def _store_incident(self, session: Session, record: Record, source_id: int,
                        text_sha256: str | None) -> None:
        facts = facts_of_record(record)
        same, maybe = _matches(session, facts, source_id)
        if same is not None:
            incident_id, decision = same
            reason = "; ".join(decision.reasons)
            queries.add_incident_source(session, incident_id, source_id, record,
                                        text_sha256=text_sha256, merge_reason=reason)
            append_event(session, "merge", f"incident:{incident_id}", self.collector,
                         {"source_id": source_id, "score": decision.score, "reason": reason})
            self.summary.incidents_merged += 1
            return
        incident = queries.add_incident(session, record, source_id=source_id, text_sha256=text_sha256)
        self.summary.incidents_new += 1
        for other_id, decision in maybe:
            queries.add_merge_flag(session, incident.id, other_id, score=decision.score,
                                   reason="; ".join(decision.reasons))
            self.summary.flagged += 1


def _matches(session: Session, facts: IncidentFacts, source_id: int):  # type: ignore[no-untyped-def]
    """The best clear match among stored incidents, and the uncertain ones."""
    if facts.first is None or facts.last is None:
        return None, []
    page = queries.search_incidents(
        session, date_from=_shift(facts.first, -1), date_to=_shift(facts.last, 1),
        status=["candidate", "verified"], limit=500)
    own = {i.id for i in queries.incidents_for_source(session, source_id)}
    best = None
    maybe = []
    for incident in page.items:
        if incident.id in own:
            continue  # two incidents of one report are two incidents by its author's account
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
