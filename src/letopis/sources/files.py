"""Local files, folders and stdin."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from letopis.errors import SourceError
from letopis.model import Artefact, Capture
from letopis.sources.content import content_captures
from letopis.sources.limits import human_size, read_capped, too_large
from letopis.sources.provenance import tool_string, utc_now

log = logging.getLogger(__name__)

# Originals up to this size travel in memory; larger ones by path.
INLINE_MAX = 8 * 1024 * 1024
DIR_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf"}
TELEGRAM_RESULT = "result.json"


def failed(source_kind: str, locator: str, started, method: str, error: str, **kw) -> Capture:
    return Capture(source_kind=source_kind, locator=locator, started_at=started, finished_at=utc_now(),
                   method=method, tool=kw.pop("tool", tool_string()), error=error, **kw)


def file_captures(path: Path, *, cap: int) -> Iterator[Capture]:
    """Capture(s) of one regular file (text, Markdown, HTML, PDF, feed, gzip)."""
    started = utc_now()
    locator = str(path.resolve())
    method = "read file"
    try:
        size = path.stat().st_size
        if size > cap:
            raise too_large(f"file of {human_size(size)} is", cap)
        with path.open("rb") as fh:
            data = read_capped(fh, cap, what="file")
    except SourceError as exc:
        yield failed("file", locator, started, method, str(exc), metadata={"name": path.name})
        return
    except OSError as exc:
        yield failed("file", locator, started, method, f"cannot read file: {exc.strerror or exc}",
                     metadata={"name": path.name})
        return
    original = None
    if len(data) > INLINE_MAX:
        original = Artefact(role="original", media_type="", path=path.resolve(), name=path.name)
    yield from content_captures(data, source_kind="file", locator=locator, started_at=started,
                                method=method, cap=cap, name=path.name, original=original,
                                metadata={"name": path.name})


def stdin_captures(stream: BinaryIO | None = None, *, cap: int) -> Iterator[Capture]:
    started = utc_now()
    stream = stream if stream is not None else sys.stdin.buffer
    try:
        data = read_capped(stream, cap, what="standard input")
    except SourceError as exc:
        yield failed("stdin", "stdin", started, "read stdin", str(exc))
        return
    except OSError as exc:
        yield failed("stdin", "stdin", started, "read stdin", f"cannot read standard input: {exc}")
        return
    locator = "stdin:sha256:" + hashlib.sha256(data).hexdigest()
    yield from content_captures(data, source_kind="stdin", locator=locator, started_at=started,
                                method="read stdin", cap=cap, name=None)


def walk_directory(root: Path) -> Iterator[Path]:
    """Files to read under ``root``, sorted, hidden entries skipped.

    A folder holding ``result.json`` is a Telegram export: only its
    ``result.json`` is yielded (its media are read through it).
    """
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        if TELEGRAM_RESULT in filenames:
            dirnames[:] = []
            yield here / TELEGRAM_RESULT
            continue
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            p = here / name
            if p.suffix.lower() in DIR_SUFFIXES and p.is_file():
                yield p
