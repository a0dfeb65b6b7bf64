"""Ingest: turn sources (files, folders, stdin, URLs, feeds, Telegram exports) into captures.

This stage yields typed :class:`letopis.model.Capture` records; it parses no incidents and
touches neither the database nor the evidence store. See ``docs/ingest.md``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

from letopis.errors import SizeLimitExceeded, SourceError
from letopis.model import Capture
from letopis.names import path_text, shown, storable
from letopis.sources.fetcher import Exchange, Fetcher, FetchError, FetchResult, HttpxFetcher
from letopis.sources.files import TELEGRAM_RESULT, Skip, file_captures, stdin_captures, walk_directory
from letopis.sources.limits import DEFAULT_MAX_BYTES, resolve_max_bytes
from letopis.sources.local import special_kind
from letopis.sources.media import capped_media
from letopis.sources.provenance import tool_string, utc_now
from letopis.sources.telegram import telegram_captures
from letopis.sources.telegram_html import is_html_export, is_html_export_page, telegram_html_captures
from letopis.sources.web import url_captures
from letopis.timespan import published_problem

__all__ = [
    "is_url", "Exchange", "FetchError", "FetchResult", "Fetcher", "HttpxFetcher",
    "SourceError", "SizeLimitExceeded", "DEFAULT_MAX_BYTES", "Skip", "iter_captures",
]

log = logging.getLogger(__name__)

CONTAINER_KINDS = {"feed", "telegram_export"}


def is_url(source: str) -> bool:
    low = source[:8].lower()
    return low.startswith("http://") or low.startswith("https://")


def _is_telegram_result(path: Path) -> bool:
    return path.name == TELEGRAM_RESULT


def _dispatch(source: str, fetcher: Fetcher | None, cap: int, skip: Skip | None) -> Iterator[Capture]:
    if source == "-":
        yield from stdin_captures(cap=cap)
        return
    if is_url(source):
        if fetcher is not None:
            yield from url_captures(source, fetcher, cap=cap)
            return
        with HttpxFetcher(max_bytes=cap) as own:
            yield from url_captures(source, own, cap=cap)
        return
    path = Path(source).expanduser()
    if path.is_dir():
        yield from _folder(path, cap, skip)
        return
    if path.is_file():
        if _is_telegram_result(path):
            yield from capped_media(telegram_captures(path, cap=cap), cap)
        elif is_html_export_page(path):
            yield from capped_media(telegram_html_captures(path, cap=cap), cap)
        else:
            yield from file_captures(path, cap=cap)
        return
    started = utc_now()
    if not path.exists():
        reason = "no such file or directory"
    else:
        kind = special_kind(path.stat().st_mode)
        reason = (f"{kind}, not a regular file or directory: never opened" if kind
                  else "not a regular file or directory")
    yield Capture(source_kind="file", locator=path_text(path.absolute()), started_at=started,
                  finished_at=utc_now(), method="read file", tool=tool_string(),
                  error=f"{reason}: {path_text(source)}")


def _folder(path: Path, cap: int, skip: Skip | None) -> Iterator[Capture]:
    """A folder named by the user: an export, or a walk of it (nothing outside it is read)."""
    top = path.resolve()
    if (path / TELEGRAM_RESULT).is_file():
        yield from capped_media(telegram_captures(path / TELEGRAM_RESULT, inside=top, cap=cap), cap)
        return
    if is_html_export(path, inside=top):
        yield from capped_media(telegram_html_captures(path, cap=cap, inside=top), cap)
        return
    found = False
    for kind, item, reason in walk_directory(path, skip):
        found = True
        try:
            if kind == "refused":
                log.info("refused %s: %s", shown(item), reason)
                yield Capture(source_kind="file", locator=path_text(item), started_at=utc_now(),
                              finished_at=utc_now(), method="read file", tool=tool_string(), error=reason,
                              metadata={"name": path_text(item.name)})
            elif kind == "telegram":
                yield from capped_media(telegram_captures(item, inside=top, cap=cap), cap)
            elif kind == "telegram_html":
                yield from capped_media(telegram_html_captures(item, cap=cap, inside=top), cap)
            else:
                yield from file_captures(item, cap=cap, inside=top)
        except Exception as exc:  # one bad file never stops the batch
            log.exception("unexpected failure on %s", shown(item))
            yield Capture(source_kind="file", locator=path_text(item.absolute()), started_at=utc_now(),
                          finished_at=utc_now(), method="read file", tool=tool_string(),
                          error=f"internal error: {type(exc).__name__}: {exc}")
    if not found:
        log.info("no readable files under %s", shown(path))


def iter_captures(
    source: str,
    *,
    fetcher: Fetcher | None = None,
    published: date | None = None,
    max_bytes: int | None = None,
    skip: Skip | None = None,
) -> Iterator[Capture]:
    """Yield one :class:`Capture` per source item of ``source``.

    ``source`` is ``"-"`` (stdin), a folder (recursed: .txt .md .html .htm .pdf
    .docx and Telegram exports), a Telegram Desktop export (``result.json``,
    an HTML export's ``messages.html``, or its folder), a feed,
    text/Markdown/HTML/PDF/.docx file, or an http(s) URL.
    A bad item yields a capture with ``error`` set and the iteration goes on;
    a missing source is one failed capture too.

    ``published`` is the caller's publication date, used for captures whose
    source gives none (``metadata["published_from"] = "caller"``).
    ``max_bytes`` caps any one input (default ``$LETOPIS_MAX_INPUT_BYTES`` or
    50 MB); a URL fetched with a caller's ``fetcher`` is capped by that fetcher.
    ``skip(path, reason)`` is told of every entry a folder walk leaves out
    (also logged at INFO level).
    """
    cap = resolve_max_bytes(max_bytes)
    fallback = datetime.combine(published, time(0), tzinfo=UTC) if published else None
    captures = _dispatch(source, fetcher, cap, skip)
    while True:
        try:
            capture = next(captures)
        except StopIteration:
            return
        except Exception as exc:  # a bug in a reader must not stop the caller's batch
            log.exception("unexpected failure reading %s", shown(source))
            yield _storable(Capture(source_kind="url" if is_url(source) else "file", locator=source,
                                    started_at=utc_now(), finished_at=utc_now(), method="ingest",
                                    tool=tool_string(), error=f"internal error: {type(exc).__name__}: {exc}"))
            return
        if capture.published is not None and published_problem(capture.published.date()) is not None:
            capture = replace(capture, published=None,  # a hostile or garbled date: kept in metadata, not used
                              metadata={**capture.metadata,
                                        "published_refused": str(published_problem(capture.published.date()))})
        if (fallback is not None and capture.published is None and capture.error is None
                and capture.source_kind not in CONTAINER_KINDS):
            capture = replace(capture, published=fallback,
                              metadata={**capture.metadata, "published_from": "caller"})
        yield _storable(capture)


def _storable(capture: Capture) -> Capture:
    """``capture`` with no lone surrogate in its strings (a file name's non-UTF-8 bytes, a JSON
    ``\\ud800`` escape): each is escaped (:func:`letopis.names.storable`), so the database takes it."""
    strings = [capture.locator, capture.parent, capture.title, capture.text, capture.error, capture.text_method,
               *capture.metadata.keys(), *(v for v in capture.metadata.values() if isinstance(v, str)),
               *(a.name for a in capture.artefacts)]
    if all(s is None or s.isascii() or storable(s) == s for s in strings):
        return capture

    def fix(value: str | None) -> str | None:
        return None if value is None else storable(value)

    return replace(
        capture, locator=storable(capture.locator), parent=fix(capture.parent), title=fix(capture.title),
        text=fix(capture.text), error=fix(capture.error), text_method=fix(capture.text_method),
        metadata={storable(k): storable(v) if isinstance(v, str) else v for k, v in capture.metadata.items()},
        artefacts=tuple(replace(a, name=fix(a.name)) for a in capture.artefacts),
    )
