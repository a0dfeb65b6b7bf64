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

__all__ = ["CaptureResult", "SupportingSource", "SourceProfileView", "Corroboration", "corroboration_of", "ReportedBy",
           "IncidentDetail", "SearchPage", "MergeCandidate", "IngestSummary", "TestimonyResult", "DigestSource",
           "DigestEntry", "Digest", "FreeText"]

IncidentT = TypeVar("IncidentT")
EditT = TypeVar("EditT")


@dataclass(frozen=True)
class CaptureResult:
    """What recording one capture did (``letopis.db.captures.add_capture``)."""

    capture_id: int
    source_id: int | None  # None when the capture read no bytes (failed, container)
    source_created: bool  # False: the same bytes were already a source (whatever the locator)
    text_sha256: str | None
    reused: bool = False  # an earlier capture of the same bytes, to the same end: nothing was written


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
    origin_source_id: int | None = None  # the source this one copies; itself for an origin; None: not computed
    origin_kind: str | None = None  # official, media, channel, testimony, court_record, unknown
    similarity: float | None = None  # how alike this copy and its origin are
    copy_reason: str | None = None  # why it is taken for a copy ("origin" for an origin)
    profile: SourceProfileView | None = None  # its site's or channel's profile, when the service looked it up
    engine: str | None = None  # the engine version that read ``record`` from the source (None: before versions)

    @property
    def is_origin(self) -> bool:
        return self.origin_source_id == self.source_id


@dataclass(frozen=True)
class SourceProfileView:
    """A site or channel as a person profiled it (``letopis source-profile``)."""

    host: str
    name: str | None
    kind: str | None
    country: str | None
    language: str | None
    stance: str
    reliability: str | None  # Admiralty A-F
    credibility: str | None  # Admiralty 1-6

    @property
    def grade(self) -> str | None:
        return (self.reliability or "") + (self.credibility or "") or None


@dataclass(frozen=True)
class Corroboration:
    """How many independent origins support an incident, by kind, out of how many sources."""

    origins: int
    sources: int
    by_kind: dict[str, int]
    computed: bool  # False: the origins of this incident were never computed (letopis origins recompute)
    grades: dict[str, str] = field(default_factory=dict)  # site or channel of an origin → its Admiralty grade

    def line(self) -> str:
        if not self.computed:
            return f"{self.sources} source(s); origins not computed (letopis origins recompute)"
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.by_kind.items()))
        copies = self.sources - self.origins
        return (f"{self.origins} independent origin(s) ({kinds}); {self.sources} source(s)"
                + (f", {copies} of them copies" if copies else ""))


def corroboration_of(sources: list[SupportingSource]) -> Corroboration:
    """Counted from the supporting sources' origin fields."""
    computed = bool(sources) and all(s.origin_source_id is not None for s in sources)
    by_kind: dict[str, int] = {}
    grades: dict[str, str] = {}
    for s in sources:
        if s.is_origin:
            by_kind[s.origin_kind or "unknown"] = by_kind.get(s.origin_kind or "unknown", 0) + 1
        if (s.is_origin or not computed) and s.profile is not None and s.profile.grade:
            grades[s.profile.host] = s.profile.grade
    return Corroboration(sum(by_kind.values()), len(sources), by_kind, computed, dict(sorted(grades.items())))


@dataclass(frozen=True)
class InformationGrade:
    """How credible an incident is, as the Admiralty code's digit derived from its corroboration
    (``letopis.reliability.grades``): 1 confirmed … 4 doubtful, 6 cannot be judged."""

    grade: str  # "1" … "6"
    meaning: str  # "confirmed by other sources" …
    reason: str  # why this digit: "confirmed by 2 independent origins", "one origin, a court record" …

    def line(self) -> str:
        return f"{self.grade} ({self.meaning}): {self.reason}"


@dataclass(frozen=True)
class ReportedBy:
    """A claim resting on a single origin whose source's stance makes it doubtful (``letopis.reliability.claims``):
    shown as "reported by NAME" until another independent origin corroborates it."""

    name: str  # the profile's name, else its site or channel
    host: str
    stance: str
    grade: str | None
    reason: str  # a key of letopis.reliability.claims.DOUBT_REASONS: other_side, own_side

    def line(self) -> str:
        grade = f", grade {self.grade}" if self.grade else ""
        why = {"other_side": "the other side's story", "own_side": "officials on their own side"}.get(self.reason,
                                                                                                        self.reason)
        return f"reported by {self.name} ({self.stance}{grade}; {why}), not corroborated"


@dataclass(frozen=True)
class IncidentDetail(Generic[IncidentT, EditT]):
    """An incident with its supporting sources and its edit history."""

    incident: IncidentT
    sources: list[SupportingSource]
    edits: list[EditT] = field(default_factory=list)
    reported_by: ReportedBy | None = None  # set by the incidents service when the claim is a single doubtful one
    information: InformationGrade | None = None  # set by the incidents service: the Admiralty digit, derived

    @property
    def corroboration(self) -> Corroboration:
        return corroboration_of(self.sources)


@dataclass(frozen=True)
class SearchPage(Generic[IncidentT]):
    """One page of incidents found, and how many there are in all (at least, when not ``exact``)."""

    items: list[IncidentT]
    total: int
    limit: int
    offset: int
    exact: bool = True  # False: at least ``total`` match; counting stopped there (a capped count)
    after: str | None = None  # the page token of the next page (None: this is the last)
    before: str | None = None  # the page token of the page before (None: this is the first)


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
class FreeText:
    """A source's own words (a quote, a title) as a digest shows them (only with machine translation on):
    redacted for the public, in their ``language``, and ``translated`` into the digest's language by machine
    when they are not in it already (None: not translated, or the translation failed)."""

    text: str
    language: str | None
    translated: str | None = None


@dataclass(frozen=True)
class DigestSource:
    """A source of an incident as a digest cites it (``title`` as stored, None for a testimony: never shown
    unredacted; the digest shows ``shown_title``)."""

    locator: str
    title: str | None
    published: datetime | None
    grade: str | None = None  # the Admiralty grade a person gave its site or channel ("B2"), if any
    language: str | None = None  # the language of its report (its title is taken to be in it)
    shown_title: FreeText | None = None  # its title as the digest shows it (with machine translation on only)


@dataclass(frozen=True)
class DigestEntry:
    """The structured fields of one incident a digest writes about (no free text, but ``quote`` and the
    sources' ``shown_title`` when the digest was asked for its sources' words: with machine translation on)."""

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
    origins: int | None = None  # independent origins (None: not computed)
    reported_by: str | None = None  # a single doubtful origin's name: "reported by X", not corroborated
    by_kind: tuple[tuple[str, int], ...] = ()  # the independent origins by kind ("official", 1), …
    info_grade: str | None = None  # the information grade (the Admiralty digit), when origins were computed
    quote: FreeText | None = None  # a public source's quote, redacted (and machine-translated), on request


@dataclass(frozen=True)
class Digest:
    """The incidents of ``date_from``…``date_to`` in date order, and how many there are by type and region
    (regions as (country, admin1); admin1 None for incidents placed only in a country or nowhere)."""

    date_from: date
    date_to: date
    entries: tuple[DigestEntry, ...]
    by_type: tuple[tuple[str, int], ...]
    by_region: tuple[tuple[tuple[str | None, str | None], int], ...]
    left_out: int = 0  # incidents of a region and month with fewer than ``min_count`` (setting publish_min_count)
    min_count: int = 0
