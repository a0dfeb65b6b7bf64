"""Local files, folders and stdin."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from collections.abc import Callable, Iterator
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
DIR_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf", ".docx"}
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


Skip = Callable[[str, str], None]
"""Told of each entry a folder walk leaves out: (path, reason)."""

# Read when named on their own, not inside a folder walk (a folder holds many things that merely look alike).
_NAMED_ONLY = {".xml", ".rss", ".atom", ".gz", ".json"}


def _unsupported(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".zip":
        return "zip archive: unpack it and ingest the folder"
    if suffix in _NAMED_ONLY:
        return f"{suffix} files are read only when named on their own, not in a folder"
    if not suffix:
        return "unsupported file type (no suffix)"
    return f"unsupported file type ({suffix})"


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a symlink loop
        return False


def walk_directory(root: Path, skip: Skip | None = None) -> Iterator[tuple[str, Path]]:
    """What to read under ``root``, sorted: ``("file", path)``, ``("telegram", result.json)`` or
    ``("telegram_html", export folder)``.

    A folder holding ``result.json`` is a Telegram export read through it (its
    media come with its messages); one holding a Telegram ``messages.html`` is
    a Telegram HTML export. Everything else left out is told to ``skip`` with a
    reason: hidden files and folders, files of a kind not read in folders,
    anything not a regular file, and symbolic links leading out of ``root``
    (never followed: no file outside the folder the user named is read). A
    link to a file inside ``root`` is read as its target, once.
    """
    from letopis.sources.telegram_html import is_html_export

    def tell(path: Path, reason: str) -> None:
        log.info("skipped %s: %s", path, reason)
        if skip is not None:
            skip(str(path), reason)

    top = root.resolve()
    seen: set[Path] = set()
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
        here = Path(dirpath)
        if TELEGRAM_RESULT in filenames:
            dirnames[:] = []
            yield "telegram", here / TELEGRAM_RESULT
            continue
        if is_html_export(here):
            dirnames[:] = []
            yield "telegram_html", here
            continue
        kept = []
        for name in sorted(dirnames):
            sub = here / name
            if name.startswith("."):
                tell(sub, "hidden folder")
            elif sub.is_symlink():
                tell(sub, "symbolic link to a folder: not followed" if _inside(sub, top)
                     else "symbolic link leading outside the folder: not followed")
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            path = here / name
            if name.startswith("."):
                tell(path, "hidden file")
                continue
            if path.is_symlink():
                if not path.exists():
                    tell(path, "broken symbolic link")
                    continue
                if not _inside(path, top):
                    tell(path, "symbolic link leading outside the folder: not followed")
                    continue
            if path.suffix.lower() not in DIR_SUFFIXES:
                tell(path, _unsupported(name))
                continue
            if not path.is_file():
                tell(path, "not a regular file")
                continue
            target = path.resolve()
            if target in seen:
                tell(path, f"the same file as {target}, read once")
                continue
            seen.add(target)
            yield "file", path
