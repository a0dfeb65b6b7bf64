"""The hand-over types: what one stage passes to the next, and the views the services return.

Capture → Report → Record (``docs/architecture.md``, *Hand-over types*):

- :mod:`~letopis.model.capture`: ``Capture`` (what was read: bytes as
  ``Artefact``\\ s, text, provenance, or an error) and ``StoredArtefact``
- :mod:`~letopis.model.records`: ``Report`` (a text to read), ``Record`` (an
  incident or a statistic) with its ``Location``; the event types
- :mod:`~letopis.model.views`: results and read views (``CaptureResult``,
  ``IncidentDetail``, ``SupportingSource``, ``SearchPage``, ``MergeCandidate``,
  ``IngestSummary``, ``TestimonyResult``, ``Digest`` with its ``DigestEntry``\\ s)

Small dataclasses only: this package imports nothing else of Letopis.
"""

from letopis.model.capture import Artefact, Capture, StoredArtefact
from letopis.model.records import ACTOR_ROLES, EVENT_TYPES, SENSITIVITY_MARKS, Kind, Location, Precision, Record, Report
from letopis.model.views import (
    CaptureResult,
    Digest,
    DigestEntry,
    DigestSource,
    FreeText,
    IncidentDetail,
    IngestSummary,
    MergeCandidate,
    SearchPage,
    SupportingSource,
    TestimonyResult,
)

__all__ = [
    "Artefact", "Capture", "StoredArtefact",
    "Kind", "Precision", "EVENT_TYPES", "ACTOR_ROLES", "SENSITIVITY_MARKS", "Location", "Record", "Report",
    "CaptureResult", "SupportingSource", "IncidentDetail", "SearchPage", "MergeCandidate",
    "IngestSummary", "TestimonyResult", "Digest", "DigestEntry", "DigestSource", "FreeText",
]
