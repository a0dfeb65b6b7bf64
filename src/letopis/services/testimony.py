"""A testimony through the pipeline: stored encrypted, then extracted like any source.

Incidents found in the account are merged into the stored incidents they
match (the same rules as ingest) or added, and linked to the testimony's
source with their quotes redacted (``redact_record``), so no words of the account reach
the search index or a PostgreSQL column in clear.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from letopis.db.incidents import add_incident, add_incident_source
from letopis.db.review import add_merge_flag
from letopis.evidence import append_event
from letopis.extract.engine import Engine
from letopis.merge import facts_of_record, match_stored
from letopis.model import Report, TestimonyResult
from letopis.services.workspace import Workspace
from letopis.testimony import WitnessIdentity, add_testimony, redact_record


def add_and_extract(ws: Workspace, files: Sequence[Path], *, consent: str, until: str | None,
                    pseudonym: str | None, recorded_by: str, recorded_on: date | None,
                    witness: WitnessIdentity | None, language: str | None,
                    engine: Engine | None = None) -> TestimonyResult:
    recorded_at = datetime(recorded_on.year, recorded_on.month, recorded_on.day, tzinfo=UTC) \
        if recorded_on else None
    testimony = add_testimony(ws.opened, files, consent=consent, recorded_by=recorded_by,
                              recorded_at=recorded_at, until=until, pseudonym=pseudonym, witness=witness,
                              language=language, actor=recorded_by)
    if not testimony.text or testimony.source_id is None:
        return TestimonyResult(testimony.id)
    published = (recorded_at or testimony.recorded_at).date()
    records = (engine or Engine()).extract(Report(text=testimony.text, published=published,
                                                  language=language))
    result = TestimonyResult(testimony.id)
    own: set[int] = set()  # incidents this account supports already: never merged with each other
    with ws.db.session() as session:
        for record in records:
            if record.kind == "statistic":
                continue
            same, maybe = match_stored(session, facts_of_record(record), own)
            details = {"testimony": testimony.id, "source_id": testimony.source_id}
            if same is not None:  # the account corroborates an incident already documented
                incident_id, decision = same
                reason = "; ".join(decision.reasons)
                add_incident_source(session, incident_id, testimony.source_id, redact_record(record),
                                    merge_reason=reason)
                append_event(session, "merge", f"incident:{incident_id}", recorded_by,
                             {**details, "score": decision.score, "reason": reason})
                result.merged += 1
                own.add(incident_id)
                continue
            incident = add_incident(session, redact_record(record), source_id=testimony.source_id)
            own.add(incident.id)
            result.incidents += 1
            append_event(session, "derive", f"incident:{incident.id}", recorded_by, details)
            for other_id, decision in maybe:
                add_merge_flag(session, incident.id, other_id, score=decision.score,
                               reason="; ".join(decision.reasons))
                result.flagged += 1
    return result
