"""What the stores and services hand back: results of writes, and read views.

The database layer (``letopis.db``) fills these and ``letopis.services``
returns them to the faces; ``letopis.publish`` renders them. An incident
itself is still the stored row (``letopis.db.models.Incident``, with its
``Edit`` rows) until the read API returns a view of its own (issue 9):
:class:`IncidentDetail` and :class:`SearchPage` are generic in it, so this
package needs nothing from the database layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar

__all__ = ["CaptureResult", "SupportingSource", "IncidentDetail", "SearchPage", "MergeCandidate",
           "IngestSummary", "TestimonyResult", "DigestSource", "DigestEntry", "Digest"]

IncidentT = TypeVar("IncidentT")
EditT = TypeVar("EditT")


@dataclass(frozen=True)
class CaptureResult:
    """What recording one capture did (``letopis.db.captures.add_capture``)."""

    capture_id: int
    source_id: int | None  # None when the capture read no bytes (failed, container)
    source_created: bool  # False: the same bytes were already a source (whatever the locator)
    text_sha256: str | None


@dataclass(frozen=True)
class SupportingSource:
    """One source supporting an incident, with its own quote and offsets."""

    link_id: int
    source_id: int
    locator: str
    kind: str
    title: str | None
    published: datetime | None
    original_sha256: str
    text_sha256: str | None
    quote: str
    start: int | None
    end: int | None
    language: str | None
    record: dict[str, Any]
    merge_reason: str | None
    added_at: datetime


@dataclass(frozen=True)
class IncidentDetail(Generic[IncidentT, EditT]):
    """An incident with its supporting sources and its edit history."""

    incident: IncidentT
    sources: list[SupportingSource]
    edits: list[EditT] = field(default_factory=list)


@dataclass(frozen=True)
class SearchPage(Generic[IncidentT]):
    """One page of incidents found, and how many there are in all."""

    items: list[IncidentT]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class MergeCandidate:
    """The fields merging compares (a row, not an ORM object)."""

    id: int
    kind: str
    event_type: str
    date: str | None
    date_precision: str | None
    lat: float | None
    lon: float | None
    location_name: str | None
    fatalities: int | None
    injured: int | None
    detained: int | None


@dataclass
class IngestSummary:
    """What an ingest run did (counted as it goes)."""

    sources_new: int = 0
    sources_known: int = 0
    failed: int = 0
    incidents_new: int = 0
    incidents_merged: int = 0
    flagged: int = 0
    statistics: int = 0
    needs_ocr: int = 0  # kept as evidence (a source), no text read: scanned PDFs
    failures: list[tuple[str, str]] = field(default_factory=list)
    notices: list[tuple[str, str]] = field(default_factory=list)  # (locator, reason) of the needs_ocr ones
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): what folder walks left out

    def line(self) -> str:
        ocr = f", {self.needs_ocr} kept but need OCR" if self.needs_ocr else ""
        skipped = f"; skipped: {len(self.skipped)}" if self.skipped else ""
        return (f"sources: {self.sources_new} new, {self.sources_known} already known, "
                f"{self.failed} failed{ocr}; incidents: {self.incidents_new} new, "
                f"{self.incidents_merged} merged, {self.flagged} flagged for review; "
                f"statistics: {self.statistics}{skipped}")


@dataclass
class TestimonyResult:
    """What adding a testimony did to the incidents."""

    testimony_id: int
    incidents: int = 0  # new incidents
    merged: int = 0  # stored incidents it now supports too
    flagged: int = 0  # possible matches left for review
    statistics: int = 0  # statistic records stored (redacted, like the incidents)


@dataclass(frozen=True)
class DigestSource:
    """A source of an incident as a digest cites it."""

    locator: str
    title: str | None
    published: datetime | None


@dataclass(frozen=True)
class DigestEntry:
    """The structured fields of one incident a digest writes about (no quote, no free text)."""

    id: int
    event_type: str
    date: str | None
    date_precision: str | None
    location_name: str | None
    admin1: str | None
    country: str | None
    geo_precision: int | None
    fatalities: int | None
    injured: int | None
    detained: int | None
    actors: tuple[str, ...]
    sources: tuple[DigestSource, ...]


@dataclass(frozen=True)
class Digest:
    """The incidents of ``date_from``…``date_to`` in date order, and how many there are by type and region
    (regions as (country, admin1); admin1 None for incidents placed only in a country or nowhere)."""

    date_from: date
    date_to: date
    entries: tuple[DigestEntry, ...]
    by_type: tuple[tuple[str, int], ...]
    by_region: tuple[tuple[tuple[str | None, str | None], int], ...]
