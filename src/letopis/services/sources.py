"""The sources read API: what was read, and what could not be.

``list_sources`` gives every source (newest first) with how often it was
captured and how many incidents and statistics it supports; ``failures`` the
captures that recorded an error (kept but not read, e.g. a scan that needs
OCR) and the ingest items that failed, each with its reason. Small typed
views, never rows of the database.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from letopis.db import Database, captures as stored_captures, sources as stored
from letopis.errors import CorruptObject, UsageError
from letopis.evidence import ObjectStore
from letopis.model import SupportingSource

__all__ = ["SourceView", "FailureView", "CaptureView", "QuotedText", "SourceEvidence", "Original", "list_sources",
           "count_sources", "source_facets", "failures", "count_failures", "quoted_text", "source_evidence",
           "original", "download_name"]


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


def list_sources(db: Database, *, kind: str | None = None, language: str | None = None, limit: int | None = None,
                 offset: int = 0) -> list[SourceView]:
    """Sources newest first (``offset`` of them skipped), of one kind or language if given."""
    with db.session(readonly=True) as session:
        rows = stored.list_sources(session, kind=kind, language=language, limit=limit, offset=offset)
        return [SourceView(s.id, s.kind, s.locator, s.title, s.language, s.published, s.original_sha256,
                           int(n_captures), last, int(n_incidents), int(n_statistics))
                for s, n_captures, last, n_incidents, n_statistics in rows]


def count_sources(db: Database, *, kind: str | None = None, language: str | None = None) -> int:
    with db.session(readonly=True) as session:
        return stored.count_sources(session, kind=kind, language=language)


def source_facets(db: Database) -> tuple[list[str], list[str]]:
    """The kinds and languages of the stored sources (what a filter may choose from)."""
    with db.session(readonly=True) as session:
        return stored.source_facets(session)


def failures(db: Database, *, limit: int | None = None, offset: int = 0) -> list[FailureView]:
    """Failed captures and failed ingest items, newest first: ``limit`` of them after ``offset``.

    The newest ``offset + limit`` of the two lists together are among the newest ``offset + limit`` of
    each, so each list is read that far and no further.
    """
    depth = None if limit is None else offset + limit
    with db.session(readonly=True) as session:
        out = [FailureView("capture", c.id, c.locator, c.error or "", c.finished_at, c.source_id, _kept(c))
               for c in stored.failed_captures(session, limit=depth)]
        out += [FailureView("item", i.id, i.item, i.detail or "", i.updated_at, i.source_id)
                for i in stored.failed_items(session, limit=depth)]
    out.sort(key=lambda f: (f.at is None, f.at), reverse=True)
    return out[offset:depth]


def count_failures(db: Database) -> int:
    with db.session(readonly=True) as session:
        return stored.count_failures(session)


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


# --------------------------------------------------------------- the preserved original


@dataclass(frozen=True)
class Original:
    """A source's original bytes as kept, checked against their SHA-256, and a safe name to save them under."""

    source_id: int
    sha256: str
    media_type: str | None
    file_name: str
    data: bytes


def original(db: Database, store: ObjectStore, source_id: int) -> Original | None:
    """The original of ``source_id`` read from the evidence store (decrypted when the store is), its hash verified.

    None: no such source. A testimony's original is refused (:class:`UsageError`): it is sealed under the
    testimony's own key and read, by consent, on its testimony's page. Bytes that no longer hash to the
    recorded SHA-256, or an object missing from the store, raise :class:`CorruptObject`: nothing is served.
    """
    with db.session(readonly=True) as session:
        found = stored.original_of(session, source_id)
        if found is None:
            return None
        source, name, media_type = found
        kind, sha256, locator = source.kind, source.original_sha256, source.locator
    if kind == "testimony":
        raise UsageError(f"source {source_id} is a testimony: its files are read on its testimony page, as its "
                         "consent allows")
    try:
        data = store.read_bytes(sha256)  # decrypted by the store's codec; an altered ciphertext raises CorruptObject
    except FileNotFoundError:
        raise CorruptObject(f"the original of source {source_id} is missing from the evidence store "
                            f"(sha256 {sha256}); run letopis verify") from None
    except CorruptObject as error:
        raise CorruptObject(f"the original of source {source_id} cannot be read back ({error}): not served; "
                            "run letopis verify") from None
    actual = hashlib.sha256(data).hexdigest()
    if actual != sha256:
        raise CorruptObject(f"the original of source {source_id} no longer matches its SHA-256 (recorded {sha256}, "
                            f"now {actual}): not served; run letopis verify")
    return Original(source_id, sha256, media_type, download_name(source_id, name or locator, media_type), data)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def download_name(source_id: int, name: str, media_type: str | None) -> str:
    """``source-ID-<name>.<ext>``: the last part of ``name`` (a file name, a path or a URL's path) in letters,
    digits, dot, dash and underscore only (at most 60 of them, no leading dot), its extension kept, else one
    from the media type."""
    if "://" in name:
        name = urlsplit(name).path
    last = re.split(r"[/\\]", name.rstrip("/\\"))[-1]
    stem, dot, suffix = last.rpartition(".")
    if not dot:
        stem, suffix = last, ""
    stem = _UNSAFE.sub("_", stem).strip("._-")[:60].strip("._-") or "original"
    suffix = _UNSAFE.sub("", suffix)[:10]
    extension = f".{suffix}" if suffix else (mimetypes.guess_extension(media_type or "") or ".bin")
    return f"source-{source_id}-{stem}{extension}"
