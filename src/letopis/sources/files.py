"""Local files, folders and stdin."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from letopis.errors import SourceError
from letopis.model import Artefact, Capture
from letopis.names import path_text, shown
from letopis.sources.content import content_captures
from letopis.sources.limits import human_size, read_capped, too_large
from letopis.sources.local import open_regular, refusal
from letopis.sources.provenance import tool_string, utc_now

log = logging.getLogger(__name__)

# Originals up to this size travel in memory; larger ones by path.
INLINE_MAX = 8 * 1024 * 1024
DIR_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf", ".docx"}
TELEGRAM_RESULT = "result.json"
BROKEN = "broken symbolic link"  # skipped, not refused: there is nothing to read


def failed(source_kind: str, locator: str, started, method: str, error: str, **kw) -> Capture:
    return Capture(source_kind=source_kind, locator=locator, started_at=started, finished_at=utc_now(),
                   method=method, tool=kw.pop("tool", tool_string()), error=error, **kw)


def file_captures(path: Path, *, cap: int, inside: Path | None = None) -> Iterator[Capture]:
    """Capture(s) of one regular file (text, Markdown, HTML, PDF, feed, gzip).

    ``inside``: the (resolved) folder the user named, when ``path`` was found in it: the file is
    read only if its real path is within it. A FIFO, socket or device is never opened.
    """
    started = utc_now()
    locator = path_text(path.resolve())
    name = path_text(path.name)
    method = "read file"
    try:
        with open_regular(path, inside=inside) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > cap:  # not stored (the cap is the storage policy): hashed where it lies, so it is known
                digest, read = _hash_stream(fh)
                yield failed("file", locator, started, method,
                             f"{too_large(f'file of {human_size(size)} is', cap)}: not kept (its SHA-256 is "
                             "recorded)", metadata={"name": name, "sha256": digest, "size": read})
                return
            data = read_capped(fh, cap, what="file")
    except SourceError as exc:
        yield failed("file", locator, started, method, str(exc), metadata={"name": name})
        return
    except OSError as exc:
        yield failed("file", locator, started, method, f"cannot read file: {exc.strerror or exc}",
                     metadata={"name": name})
        return
    original = None
    if len(data) > INLINE_MAX:
        original = Artefact(role="original", media_type="", path=path.resolve(), name=name)
    yield from content_captures(data, source_kind="file", locator=locator, started_at=started,
                                method=method, cap=cap, name=name, original=original,
                                metadata={"name": name})


def _hash_stream(fh: BinaryIO) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := fh.read(1024 * 1024):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def stdin_captures(stream: BinaryIO | None = None, *, cap: int) -> Iterator[Capture]:
    started = utc_now()
    stream = stream if stream is not None else sys.stdin.buffer
    try:
        data = stream.read(cap + 1) or b""
    except OSError as exc:
        yield failed("stdin", "stdin", started, "read stdin", f"cannot read standard input: {exc}")
        return
    if len(data) > cap:  # what was read is kept, said to be only the start of the input
        digest = hashlib.sha256(data).hexdigest()
        yield failed("stdin", f"stdin:first:sha256:{digest}", started, "read stdin",
                     f"{too_large('standard input', cap)}: its first {len(data)} bytes are kept, not the whole "
                     "input (their SHA-256 is not the input's)",
                     artefacts=(Artefact(role="original", media_type="application/octet-stream", data=data,
                                         name=f"first {len(data)} bytes of standard input"),),
                     metadata={"partial": True, "read_bytes": len(data), "read_sha256": digest})
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


class Entry(NamedTuple):
    """What a folder walk found to read: ``kind`` is ``"file"``, ``"telegram"`` (a ``result.json``),
    ``"telegram_html"`` (an export folder) or ``"refused"`` (not read, a failure: ``reason`` says why)."""

    kind: str
    path: Path
    reason: str = ""


def walk_directory(root: Path, skip: Skip | None = None) -> Iterator[Entry]:
    """What to read under ``root``, sorted.

    A folder holding ``result.json`` is a Telegram export read through it (its
    media come with its messages); one holding a Telegram ``messages.html`` is
    a Telegram HTML export. Nothing outside ``root`` is ever read, and no
    special file is opened: a symbolic link leading out of ``root`` (file or
    folder) and a FIFO, socket or device are ``"refused"`` entries, recorded
    as failures. Everything else left out is told to ``skip`` with a reason:
    hidden files and folders, files of a kind not read in folders, broken
    links, and links to files or folders inside ``root`` (not followed: a
    target is read where it is, so nothing is read twice and a walk never
    leaves ``root``).
    """
    from letopis.sources.telegram_html import is_html_export

    def tell(path: Path, reason: str) -> None:
        log.info("skipped %s: %s", shown(path), reason)
        if skip is not None:
            skip(path_text(path), reason)

    top = root.resolve()
    unlisted: list[OSError] = []  # folders os.walk could not list: failures, not silence
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False, onerror=unlisted.append):
        yield from _unlisted(unlisted)
        here = Path(dirpath)
        result = here / TELEGRAM_RESULT
        if TELEGRAM_RESULT in filenames and not result.is_symlink() and _why_not(result, top) is None:
            dirnames[:] = []
            yield Entry("telegram", result)
            continue
        if not (here / "messages.html").is_symlink() and is_html_export(here, inside=top):
            dirnames[:] = []
            yield Entry("telegram_html", here)
            continue
        kept = []
        for name in sorted(dirnames):
            sub = here / name
            if name.startswith("."):
                tell(sub, "hidden folder")
            elif sub.is_symlink():
                reason = _why_not(sub, top)
                if reason is None:
                    tell(sub, "symbolic link to a folder: not followed")
                elif reason == BROKEN:
                    tell(sub, reason)
                else:
                    yield Entry("refused", sub, reason)
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            path = here / name
            if name.startswith("."):
                tell(path, "hidden file")
                continue
            reason = _why_not(path, top)
            if reason == BROKEN:
                tell(path, reason)
                continue
            if reason is not None:
                yield Entry("refused", path, reason)
                continue
            if path.is_symlink():  # inside the folder: its target is read where it is, if it is read at all
                tell(path, f"symbolic link to {path_text(path.resolve())}: not followed")
                continue
            if path.suffix.lower() not in DIR_SUFFIXES:
                tell(path, _unsupported(name))
                continue
            yield Entry("file", path)
    yield from _unlisted(unlisted)


def _unlisted(errors: list[OSError]) -> Iterator[Entry]:
    while errors:
        error = errors.pop(0)
        yield Entry("refused", Path(error.filename or "?"), f"cannot list folder: {error.strerror or error}")


def _why_not(path: Path, top: Path) -> str | None:
    """Why ``path`` may not be read (:func:`~letopis.sources.local.refusal`); :data:`BROKEN` for a broken link."""
    try:
        return refusal(path, top)
    except FileNotFoundError:
        return BROKEN
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
