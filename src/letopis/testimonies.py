"""A testimony through the pipeline: stored encrypted, then extracted like any source.

Incidents found in the account are linked to the testimony's source with
their quotes redacted (``redact_record``), so no words of the account reach
the search index or a PostgreSQL column in clear.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from letopis.db import queries
from letopis.evidence import append_event
from letopis.extract.engine import Engine
from letopis.extract.records import Report
from letopis.testimony import WitnessIdentity, add_testimony, redact_record
from letopis.workspace import Workspace


@dataclass(frozen=True)
class TestimonyResult:
    testimony_id: int
    incidents: int


def add_and_extract(ws: Workspace, files: Sequence[Path], *, consent: str, until: str | None,
                    pseudonym: str | None, recorded_by: str, recorded_on: date | None,
                    witness_name: str | None, witness_contact: str | None, language: str | None,
                    engine: Engine | None = None) -> TestimonyResult:
    witness = WitnessIdentity(name=witness_name or "(unnamed)", contact=witness_contact) \
        if (witness_name or witness_contact) else None
    recorded_at = datetime(recorded_on.year, recorded_on.month, recorded_on.day, tzinfo=timezone.utc) \
        if recorded_on else None
    testimony = add_testimony(ws.opened, files, consent=consent, recorded_by=recorded_by,
                              recorded_at=recorded_at, until=until, pseudonym=pseudonym, witness=witness,
                              language=language, actor=recorded_by)
    if not testimony.text or testimony.source_id is None:
        return TestimonyResult(testimony.id, 0)
    published = (recorded_at or testimony.recorded_at).date()
    records = (engine or Engine()).extract(Report(text=testimony.text, published=published,
                                                  language=language))
    incidents = 0
    with ws.db.session() as session:
        for record in records:
            if record.kind == "statistic":
                continue
            incident = queries.add_incident(session, redact_record(record), source_id=testimony.source_id)
            incidents += 1
            append_event(session, "derive", f"incident:{incident.id}", recorded_by,
                         {"testimony": testimony.id, "source_id": testimony.source_id})
    return TestimonyResult(testimony.id, incidents)
