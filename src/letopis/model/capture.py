"""What was read, and what of it was stored.

A :class:`Capture` is one act of reading one source item (a file, a page, a
feed item, a Telegram message). It carries the exact bytes read
(:class:`Artefact`), the derived plain text and enough provenance (times,
method, tool and version) for a later stage to store it as evidence. Once its
bytes are in the object store, each artefact is a :class:`StoredArtefact`
(its SHA-256 and size). Nothing here touches a database or the evidence store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

__all__ = ["Artefact", "Capture", "StoredArtefact"]


@dataclass(frozen=True)
class Artefact:
    role: str                  # "original" | "warc" | "media" | "text"
    media_type: str            # "text/html", "application/pdf", "application/warc", "image/jpeg", ...
    data: bytes | None = None  # small artefacts in memory
    path: Path | None = None   # large ones by path, read as a stream by the store
    name: str | None = None    # original file name


@dataclass(frozen=True)
class Capture:
    # "file" | "stdin" | "url" | "feed" | "feed_item" | "telegram_export" | "telegram_message" | "pdf"
    source_kind: str
    locator: str               # stable identity of the source
    started_at: datetime       # tz-aware UTC
    finished_at: datetime
    method: str                # e.g. "read file", "http GET", "feed parse", "telegram export stream"
    tool: str                  # "letopis/0.1.0 httpx/0.28.1" etc.
    artefacts: tuple[Artefact, ...] = ()
    final_url: str | None = None
    parent: str | None = None              # locator of the parent capture
    published: datetime | None = None      # the source's own publication date, UTC
    title: str | None = None
    text: str | None = None                # derived plain text (None when failed or for containers)
    text_method: str | None = None         # how text was derived
    language_hint: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)
    error: str | None = None               # one-line reason when this capture failed

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class StoredArtefact:
    """An artefact whose bytes are in the object store (``letopis.evidence.store_artefacts``)."""

    role: str
    sha256: str
    size: int
    media_type: str
    name: str | None
