"""The sources read API: what was read, and what could not be.

``list_sources`` gives every source (newest first) with how often it was
captured and how many incidents and statistics it supports; ``failures`` the
captures that recorded an error (kept but not read, e.g. a scan that needs
OCR) and the ingest items that failed, each with its reason. Small typed
views, never rows of the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from letopis.db import Database, captures as stored_captures, sources as stored
from letopis.model import SupportingSource

__all__ = ["SourceView", "FailureView", "CaptureView", "QuotedText", "SourceEvidence", "list_sources",
           "count_sources", "failures", "quoted_text", "source_evidence"]


@dataclass(frozen=True)
class SourceView:
    id: int
    kind: str
    locator: str
    title: str | None
    language: str | None
    published: datetime | None
    original_sha256: str
    captures: int
    last_captured: datetime | None
    incidents: int
    statistics: int


@dataclass(frozen=True)
class FailureView:
    """``what`` is ``capture`` (kept, with the reason it was not read) or ``item`` (an ingest item
    that failed; nothing of it was stored)."""

    what: str
    id: int
    locator: str
    reason: str
    at: datetime | None
    source_id: int | None
    kept_sha256: str | None = None  # the original (else the first artefact) kept as evidence, if bytes were read


def list_sources(db: Database, *, kind: str | None = None, limit: int | None = None) -> list[SourceView]:
    with db.session(readonly=True) as session:
        return [SourceView(s.id, s.kind, s.locator, s.title, s.language, s.published, s.original_sha256,
                           int(n_captures), last, int(n_incidents), int(n_statistics))
                for s, n_captures, last, n_incidents, n_statistics in stored.list_sources(session, kind=kind,
                                                                                          limit=limit)]


def count_sources(db: Database, *, kind: str | None = None) -> int:
    with db.session(readonly=True) as session:
        return stored.count_sources(session, kind=kind)


def failures(db: Database, *, limit: int | None = None) -> list[FailureView]:
    """Failed captures and failed ingest items, newest first (each list cut at ``limit``)."""
    with db.session(readonly=True) as session:
        out = [FailureView("capture", c.id, c.locator, c.error or "", c.finished_at, c.source_id, _kept(c))
               for c in stored.failed_captures(session, limit=limit)]
        out += [FailureView("item", i.id, i.item, i.detail or "", i.updated_at, i.source_id)
                for i in stored.failed_items(session, limit=limit)]
    return sorted(out, key=lambda f: (f.at is None, f.at), reverse=True)


@dataclass(frozen=True)
class CaptureView:
    """One time a source was read: when, by whom, how, with which tool."""

    id: int
    locator: str
    final_url: str | None
    started_at: datetime
    finished_at: datetime
    collector: str
    tool: str
    method: str


@dataclass(frozen=True)
class QuotedText:
    """A source text cut around a quote: ``before`` + ``quote`` + ``after`` is the whole text.

    ``found`` is False when the quote is not in the text (the whole text is then ``before``).
    """

    before: str
    quote: str
    after: str
    found: bool


@dataclass(frozen=True)
class SourceEvidence:
    """What backs one supporting source of an incident: its stored text with the quote located, and every
    capture of it."""

    source_id: int
    text_sha256: str | None
    text: QuotedText | None  # None: no text stored (e.g. a scan that needs OCR)
    captures: list[CaptureView]


def quoted_text(text: str, quote: str, start: int | None, end: int | None) -> QuotedText:
    """``text`` cut around ``quote``: at its offsets when they hold the quote, else its first occurrence."""
    if start is not None and end is not None and 0 <= start <= end <= len(text) and text[start:end] == quote:
        return QuotedText(text[:start], quote, text[end:], True)
    at = text.find(quote) if quote else -1
    if at < 0:
        return QuotedText(text, "", "", False)
    return QuotedText(text[:at], quote, text[at + len(quote):], True)


def source_evidence(db: Database, source: SupportingSource) -> SourceEvidence:
    """The text ``source`` was read from (its quote located in it) and the source's captures, oldest first."""
    with db.session(readonly=True) as session:
        stored_text = stored_captures.get_text(session, source.text_sha256) if source.text_sha256 else None
        captures = [CaptureView(c.id, c.locator, c.final_url, c.started_at, c.finished_at, c.collector, c.tool,
                                c.method)
                    for c in stored_captures.captures_for_source(session, source.source_id)]
    text = None if stored_text is None else quoted_text(stored_text.content, source.quote, source.start, source.end)
    return SourceEvidence(source.source_id, source.text_sha256, text, captures)


def _kept(capture: Any) -> str | None:
    artefacts = sorted(capture.artefacts, key=lambda a: (a.role != "original", a.role))
    return artefacts[0].sha256 if artefacts else None
