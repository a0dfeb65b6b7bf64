"""The size cap on the media files a Telegram export's messages carry.

A message's photos and files travel by path and are streamed into the store,
never read whole; still, one larger than the size cap is not kept: it is
taken off its message (``metadata["media_too_large"]`` says which) and
becomes a failed capture of its own, ``<message locator>#media:<name>``,
whose parent is the message. The message itself is read as usual.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace

from letopis.model import Artefact, Capture
from letopis.sources.limits import human_size
from letopis.sources.provenance import utc_now

log = logging.getLogger(__name__)


def _size(artefact: Artefact) -> int:
    try:
        return artefact.path.stat().st_size if artefact.path is not None else len(artefact.data or b"")
    except OSError:
        return 0  # gone since the reader saw it: storing it fails and says so


def capped_media(captures: Iterable[Capture], cap: int) -> Iterator[Capture]:
    """``captures`` with every media artefact over ``cap`` bytes turned into a failed capture of its own."""
    for capture in captures:
        sizes = {id(a): _size(a) for a in capture.artefacts if a.role == "media"}
        over = [a for a in capture.artefacts if sizes.get(id(a), 0) > cap]
        if not over:
            yield capture
            continue
        kept = tuple(a for a in capture.artefacts if all(a is not o for o in over))
        listed = "; ".join(f"{a.name} ({human_size(sizes[id(a)])})" for a in over)
        yield replace(capture, artefacts=kept, metadata={**capture.metadata, "media_too_large": listed})
        for artefact in over:
            size = sizes[id(artefact)]
            log.warning("media %s of %s is larger than the cap: not kept", artefact.path, capture.locator)
            yield Capture(source_kind=capture.source_kind, locator=f"{capture.locator}#media:{artefact.name}",
                          started_at=capture.started_at, finished_at=utc_now(), method=capture.method,
                          tool=capture.tool, parent=capture.locator,
                          metadata={"name": artefact.name or "", "size": str(size),
                                    "media_type": artefact.media_type},
                          error=f"media file of {human_size(size)} is larger than the {human_size(cap)} cap: "
                                "not kept")
