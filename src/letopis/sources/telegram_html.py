"""Telegram Desktop HTML exports: ``messages.html``, ``messages2.html``… of one chat or channel.

Telegram Desktop writes a chat's history either as ``result.json`` (read by
:mod:`letopis.sources.telegram`) or, by default, as HTML pages of about a
thousand messages each. A page holds ``div.history`` with one
``div.message`` per message::

    <div class="message default clearfix" id="message42">
      <div class="body">
        <div class="pull_right date details" title="05.03.2025 14:22:10 UTC+03:00">14:22</div>
        <div class="from_name">Channel name</div>
        <div class="text">The message text<br>on two lines</div>
      </div>
    </div>

Each page is one ``telegram_export`` capture (its file is the original),
followed by one ``telegram_message`` capture per message: service messages
(``div.message.service``: day separators, "channel created") are skipped.
A message is dated by its date's ``title`` (the export machine's time with
its offset → UTC; a title without an offset is taken as UTC and
``metadata["published_timezone"]`` says so), never by the page. A "joined"
message (the same sender again) has no ``from_name``: it takes the one
before it. A forwarded message's text is the forwarded body's. Photos and
files linked from a message become ``media`` artefacts when they are inside
the export folder, as for JSON exports.

Pages are read whole with lxml: Telegram caps a page at about a thousand
messages (a few MB), and each page is checked against the size cap first.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from letopis.errors import SourceError
from letopis.model import Artefact, Capture
from letopis.names import path_text
from letopis.sources.local import open_regular
from letopis.sources.provenance import tool_string, utc_now
from letopis.sources.telegram import SOURCE_EXPORT, SOURCE_MESSAGE

log = logging.getLogger(__name__)

METHOD = "telegram html export parse"
TEXT_METHOD = "telegram html text (lxml)"
_PAGE = re.compile(r"^messages(\d*)\.html$")
_MESSAGE_ID = re.compile(r"^message(-?\d+)$")
_TITLE_DATE = re.compile(
    r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:UTC\s*([+-])(\d{1,2}):?(\d{2}))?\s*$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_SIGNATURE = (b'class="history"', b'class="message')


def _page_number(name: str) -> int | None:
    match = _PAGE.match(name)
    if match is None:
        return None
    return int(match.group(1) or 1)


def is_html_export_page(path: Path, *, inside: Path | None = None) -> bool:
    """A ``messages*.html`` file whose first 64 kB look like a Telegram Desktop export page.

    ``inside``: the folder it was found in (a link leading out of it, a FIFO or a device is no page).
    """
    if _page_number(path.name) is None:
        return False
    try:
        with open_regular(path, inside=inside) as fh:
            head = fh.read(64 * 1024)
    except (OSError, SourceError):
        return False
    return all(mark in head for mark in _SIGNATURE)


def is_html_export(folder: Path, *, inside: Path | None = None) -> bool:
    """A folder holding a Telegram Desktop HTML export (its ``messages.html``)."""
    return is_html_export_page(folder / "messages.html", inside=inside)


def export_pages(folder: Path) -> list[Path]:
    """The export's pages in Telegram's order: messages.html, messages2.html, …, messages10.html."""
    pages = []
    for entry in folder.iterdir():
        number = _page_number(entry.name)
        if number is not None and entry.is_file():
            pages.append((number, entry))
    return [path for _, path in sorted(pages)]


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


def _child_divs(element: Any, cls: str) -> list[Any]:
    return [child for child in element if child.tag == "div" and cls in _classes(child)]


def parse_title_date(title: str, meta: dict[str, str]) -> datetime | None:
    """``05.03.2025 14:22:10 UTC+03:00`` → 2025-03-05 11:22:10 UTC."""
    match = _TITLE_DATE.match(title or "")
    if match is None:
        return None
    day, month, year, hour, minute, second, sign, off_h, off_m = match.groups()
    try:
        local = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    if sign is None:
        meta["published_timezone"] = "unknown (export machine's local time, taken as UTC)"
        return local.replace(tzinfo=UTC)
    offset = timedelta(hours=int(off_h), minutes=int(off_m))
    zone = timezone(offset if sign == "+" else -offset)
    return local.replace(tzinfo=zone).astimezone(UTC)


def _media(body: Any, texts: list[Any], export_dir: Path, meta: dict[str, str]) -> tuple[Artefact, ...]:
    """Files a message links to outside its text (photo_wrap, media_file, video_file_wrap …)."""
    out: list[Artefact] = []
    missing: list[str] = []
    rejected: list[str] = []
    for link in body.iter("a"):
        href = link.get("href") or ""
        if not href or "#" in href or _SCHEME.match(href):
            continue  # replies (#go_to_message…), web and tg:// links
        if any(ancestor in texts for ancestor in link.iterancestors()):
            continue  # a link in the text
        candidate = (export_dir / href).resolve()
        if not candidate.is_relative_to(export_dir):
            rejected.append(href)
            continue
        if not candidate.is_file():
            missing.append(href)
            continue
        media_type = mimetypes.guess_type(candidate.name)[0] or "application/octet-stream"
        out.append(Artefact(role="media", media_type=media_type, path=candidate, name=candidate.name))
    if missing:
        meta["media_missing"] = "; ".join(missing)
    if rejected:
        meta["media_rejected"] = "outside the export folder: " + "; ".join(rejected)
    return tuple(out)


def _message(element: Any, *, page: str, export_dir: Path, channel: str | None, previous_from: str | None,
             tool: str) -> Capture:
    from lxml import html as lxml_html

    from letopis.sources.html import element_text

    started = utc_now()
    raw_id = element.get("id") or ""
    match = _MESSAGE_ID.match(raw_id)
    message_id = match.group(1) if match else None
    locator = f"{page}#{raw_id or 'message-unknown'}"
    meta: dict[str, str] = {"export_format": "html"}
    if channel:
        meta["channel_name"] = channel
    if message_id is None:
        return Capture(source_kind=SOURCE_MESSAGE, locator=locator, started_at=started, finished_at=utc_now(),
                       method=METHOD, tool=tool, parent=page, metadata=meta, error="message has no id")
    meta["message_id"] = message_id
    original = Artefact(role="original", media_type="text/html; charset=utf-8",
                        data=lxml_html.tostring(element, encoding="utf-8", with_tail=False),
                        name=f"message-{message_id}.html")
    bodies = _child_divs(element, "body")
    body = bodies[0] if bodies else element
    published = None
    dates = _child_divs(body, "date")
    if dates:
        title = dates[0].get("title") or ""
        meta["date_local"] = title.strip()
        published = parse_title_date(title, meta)
    names = _child_divs(body, "from_name")
    sender = element_text(names[0]) if names else previous_from
    if sender:
        meta["from"] = sender
    forwarded = _child_divs(body, "forwarded")
    if forwarded:
        origin = _child_divs(forwarded[0], "from_name")
        if origin:
            meta["forwarded_from"] = (origin[0].text or "").strip()  # without the original's date span
    texts = _child_divs(body, "text") or (_child_divs(forwarded[0], "text") if forwarded else [])
    links = []
    for block in texts:
        links += [a.get("href") for a in block.iter("a") if (a.get("href") or "").startswith(("http", "tg:"))]
    if links:
        meta["links"] = " ".join(links)
    media = _media(body, texts, export_dir, meta)
    text = "\n".join(element_text(block) for block in texts)
    return Capture(source_kind=SOURCE_MESSAGE, locator=locator, started_at=started, finished_at=utc_now(),
                   method=METHOD, tool=tool, artefacts=(original,) + media, parent=page, published=published,
                   text=text, text_method=TEXT_METHOD, metadata=meta)


def _page_captures(path: Path, *, cap: int, tool: str, inside: Path | None) -> Iterator[Capture]:
    from lxml import html as lxml_html

    from letopis.sources.limits import human_size

    started = utc_now()
    locator = path_text(path.resolve())
    export_dir = path.parent.resolve()
    meta = {"export_dir": path_text(export_dir), "export_format": "html"}

    def page_capture(error: str | None = None, title: str | None = None, keep: bool = True) -> Capture:
        original = Artefact(role="original", media_type="text/html; charset=utf-8", path=path.resolve(),
                            name=path_text(path.name))
        return Capture(source_kind=SOURCE_EXPORT, locator=locator, started_at=started, finished_at=utc_now(),
                       method=METHOD, tool=tool, artefacts=(original,) if keep else (),
                       title=title, metadata={**meta, **({"channel_name": title} if title else {})}, error=error)

    try:
        with open_regular(path, inside=inside) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > cap:
                yield page_capture(f"Telegram export page of {human_size(size)} is larger than the "
                                   f"{human_size(cap)} cap")
                return
            data = fh.read()
    except SourceError as exc:  # never opened: nothing of it is kept
        yield page_capture(f"{path_text(path.name)}: {exc}", keep=False)
        return
    except OSError as exc:
        yield page_capture(f"cannot read {path_text(path.name)}: {exc.strerror or exc}", keep=False)
        return
    try:
        root = lxml_html.document_fromstring(data, parser=lxml_html.HTMLParser(encoding="utf-8"))
    except Exception as exc:  # lxml raises ParserError/ValueError on empty or odd input
        yield page_capture(f"not a Telegram Desktop export page: {exc}")
        return
    histories = [d for d in root.iter("div") if "history" in _classes(d)]
    if not histories:
        yield page_capture("not a Telegram Desktop export page (no message history)")
        return
    from letopis.sources.html import element_text

    header = [d for d in root.iter("div") if "page_header" in _classes(d)]
    channel = None
    if header:
        bold = [d for d in header[0].iter("div") if {"text", "bold"} <= _classes(d)]
        channel = element_text(bold[0]) if bold else None
    yield page_capture(title=channel or None)
    previous_from: str | None = None
    count = skipped = 0
    for element in histories[0]:
        if element.tag != "div" or "message" not in _classes(element):
            continue
        if "service" in _classes(element):
            skipped += 1
            continue
        if "joined" not in _classes(element):
            previous_from = None
        capture = _message(element, page=locator, export_dir=export_dir, channel=channel,
                           previous_from=previous_from, tool=tool)
        previous_from = capture.metadata.get("from", previous_from)
        count += 1
        yield capture
    log.info("telegram html export page %s: %d messages, %d service messages skipped", locator, count, skipped)


def telegram_html_captures(source: Path, *, cap: int, inside: Path | None = None) -> Iterator[Capture]:
    """An export folder (every page, in order) or one page: per page, its capture then its messages'.

    A folder's pages are read only when their real path is inside ``inside`` (default: that folder);
    a page named on its own is read where it is (unless ``inside`` says otherwise).
    """
    tool = tool_string("lxml")
    if source.is_dir():
        within: Path | None = inside or source.resolve()
        pages = export_pages(source)
    else:
        within, pages = inside, [source]
    for page in pages:
        yield from _page_captures(page, cap=cap, tool=tool, inside=within)
