"""The images and PDFs a published site carries (``letopis publish --files``): clean copies of the sources' files.

For each public source of a published incident (testimonies are never among
them), its original when that is an image or a PDF, and every image or PDF
its captures kept beside it (a Telegram message's photos), are read from the
evidence store (decrypted when the store is; the bytes checked against their
SHA-256) and written into the site's ``files/`` folder as clean copies
(:mod:`letopis.publish.media`): re-encoded, without metadata. A copy is named
after the SHA-256 of the original it was made from, so its address stays the
same when the site is published again.

What cannot be made clean is left out and counted by reason, never published
as it is: a file that does not decode, one whose bytes no longer match their
hash, a PDF whose text names a private person (no redaction rewrites a
document's text). The site's check reads every copy back afterwards and
refuses the whole publish if anything identifying is still in one.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from letopis.db.captures import files_of_source
from letopis.errors import CorruptObject
from letopis.publish.media import IMAGE_TYPES, PDF_TYPE, NotPublishable, clean_file, pdf_text
from letopis.services.workspace import Workspace

__all__ = ["PublishedFile", "FileCopies", "FILES_FOLDER"]

log = logging.getLogger(__name__)

FILES_FOLDER = "files"


@dataclass(frozen=True)
class PublishedFile:
    """A clean copy in the site: its path under the site's top folder and its kind (``image`` or ``pdf``)."""

    path: str
    kind: str


@dataclass
class FileCopies:
    """Writes the clean copies of sources' files into ``root/files`` as incidents come, each file once."""

    ws: Workspace
    root: Path
    names: Callable[[str], object]  # truthy when a text names a private person
    written: int = 0
    left_out: Counter[str] = field(default_factory=Counter)
    _done: dict[str, PublishedFile | None] = field(default_factory=dict)
    _by_source: dict[int, tuple[PublishedFile, ...]] = field(default_factory=dict)

    def for_source(self, source_id: int | None) -> tuple[PublishedFile, ...]:
        """The copies of one source's images and PDFs (written the first time a source or a file is seen)."""
        if source_id is None:
            return ()
        if source_id not in self._by_source:
            with self.ws.db.session(readonly=True) as session:
                files = files_of_source(session, source_id)
            copies = (self._copy(sha256, media_type) for sha256, media_type in files
                      if media_type == PDF_TYPE or media_type in IMAGE_TYPES)
            self._by_source[source_id] = tuple(copy for copy in copies if copy is not None)
        return self._by_source[source_id]

    def _copy(self, sha256: str, media_type: str) -> PublishedFile | None:
        if sha256 not in self._done:
            self._done[sha256] = self._make(sha256, media_type)
        return self._done[sha256]

    def _make(self, sha256: str, media_type: str) -> PublishedFile | None:
        try:
            data = self.ws.store.read_bytes(sha256)
        except (FileNotFoundError, CorruptObject):
            return self._leave_out(sha256, "missing from the evidence store or unreadable (run letopis verify)")
        if hashlib.sha256(data).hexdigest() != sha256:
            return self._leave_out(sha256, "no longer matches its SHA-256 (run letopis verify)")
        try:
            copy = clean_file(data, media_type)
            if copy.suffix == ".pdf" and any(self.names(line) for line in pdf_text(copy.data).splitlines()
                                              if line.strip()):
                return self._leave_out(sha256, "a PDF whose text names a private person")
        except NotPublishable as error:
            return self._leave_out(sha256, str(error))
        relative = f"{FILES_FOLDER}/{sha256}{copy.suffix}"
        path = self.root / relative
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(copy.data)
        self.written += 1
        return PublishedFile(relative, "pdf" if copy.suffix == ".pdf" else "image")

    def _leave_out(self, sha256: str, reason: str) -> PublishedFile | None:
        log.info("file %s not published: %s", sha256, reason)
        self.left_out[reason] += 1
        return None
