"""Reading flags on the ingested samples, for the web tests (pages, API, browser): a person verifies an incident,
then `reextract` reads its sources again with an engine that reads one more person detained in every incident,
and the disagreement with the person's decision is flagged (docs/extraction.md, *Re-extraction*)."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any

from letopis.extract.engine import Engine
from letopis.model import Record, Report

NEWER = "rereader-2"


class Rereader(Engine):
    """Today's engine as a newer version that reads one more person detained in every incident it finds."""

    @property
    def version(self) -> str:
        return NEWER

    def extract(self, report: Report) -> list[Record]:
        return [replace(record, detained=(record.detained or 0) + 1) if record.kind == "incident" else record
                for record in super().extract(report)]


@functools.cache
def _rereader() -> Rereader:
    return Rereader()


def verified_then_read_again(workspace: Any, *incidents: int) -> list[Any]:
    """Verify the ``incidents`` (as the editor olena), read their sources again with :class:`Rereader`; their open
    reading flags (one on ``detained`` of each among them)."""
    from letopis.services import review
    from letopis.services.incidents import get_incident
    from letopis.services.reextract import ReextractFilters, open_reading_flags, reextract

    db = workspace.db
    sources: set[int] = set()
    for incident_id in incidents:
        review.set_status(db, incident_id, "verified", actor="olena", reason="two sources agree")
        detail = get_incident(db, incident_id)
        assert detail is not None
        sources.update(source.source_id for source in detail.sources)
    reextract(db, _rereader(), ReextractFilters(source_ids=tuple(sorted(sources))), workers=0)
    flags = [flag for flag in open_reading_flags(db) if flag.incident_id in incidents]
    assert {flag.incident_id for flag in flags if flag.field == "detained"} == set(incidents), flags
    return flags


def custody(workspace: Any, subject: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The custody log's entries about ``subject`` (``incident:ID``): event, actor, details."""
    import json

    from sqlalchemy import select

    from letopis.db.models import CustodyEntry

    with workspace.db.session(readonly=True) as session:
        return [(entry.event, entry.actor, json.loads(entry.details)) for entry in
                session.scalars(select(CustodyEntry).where(CustodyEntry.subject == subject)
                                .order_by(CustodyEntry.seq))]
