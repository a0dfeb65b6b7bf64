"""RSS/Atom feeds with feedparser: one capture for the feed, one per item."""

from __future__ import annotations

import calendar
import json
import logging
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime

from letopis.model import Artefact, Capture
from letopis.sources.html import html_fragment_to_text
from letopis.sources.provenance import package_version, tool_string, utc_now

log = logging.getLogger(__name__)

FEED_TOOL_DISTS = ("feedparser", "lxml")
_ITEM_NAMES = {"item", "entry"}


def _utc(struct) -> datetime | None:
    if not struct:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def _one_line(text: object) -> str:
    s = str(text).strip().splitlines()
    return s[0] if s else type(text).__name__


def _raw_items(data: bytes) -> list[bytes] | None:
    """Each item/entry element of the feed serialised as XML, in document order."""
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             huge_tree=False, remove_blank_text=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except Exception:
        return None
    if root is None:
        return None
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        if local in _ITEM_NAMES:
            parent = el.getparent()
            if parent is not None and isinstance(parent.tag, str) and etree.QName(parent).localname in _ITEM_NAMES:
                continue
            out.append(etree.tostring(el, encoding="utf-8", with_tail=False))
    return out


def _entry_json(entry: Mapping) -> bytes:
    return json.dumps(entry, ensure_ascii=False, sort_keys=True, default=str, indent=1).encode("utf-8")


def _entry_text(entry: Mapping) -> tuple[str, str]:
    """(text, how) from an entry's content, else summary, else ''."""
    fp = f"feedparser {package_version('feedparser')}"
    contents = entry.get("content") or []
    pieces = []
    html_seen = False
    for c in contents:
        value = c.get("value") or ""
        ctype = (c.get("type") or "").lower()
        if "html" in ctype:
            html_seen = True
            pieces.append(html_fragment_to_text(value))
        else:
            pieces.append(value.strip())
    text = "\n\n".join(p for p in pieces if p)
    if text:
        return text, f"{fp} content" + (" + lxml html-to-text" if html_seen else "")
    summary = entry.get("summary") or ""
    detail = entry.get("summary_detail") or {}
    if summary:
        if "html" in (detail.get("type") or "text/html").lower():
            return html_fragment_to_text(summary), f"{fp} summary + lxml html-to-text"
        return summary.strip(), f"{fp} summary"
    return "", f"{fp} (item has no content)"


def feed_captures(
    data: bytes,
    *,
    locator: str,
    started_at: datetime,
    method: str = "feed parse",
    tool: str | None = None,
    artefacts: tuple[Artefact, ...] | None = None,
    final_url: str | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Iterator[Capture]:
    """The feed capture (with the feed bytes as its original), then one per item."""
    import feedparser

    tool = tool or tool_string(*FEED_TOOL_DISTS)
    if artefacts is None:
        artefacts = (Artefact(role="original", media_type="application/xml", data=data),)
    base_meta = dict(metadata or {})
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True,
                                  response_headers={"content-location": final_url or ""} if final_url else None)
    except Exception as exc:  # feedparser is lenient, but guard all the same
        yield Capture(source_kind="feed", locator=locator, started_at=started_at, finished_at=utc_now(),
                      method=method, tool=tool, artefacts=artefacts, final_url=final_url,
                      metadata=base_meta, error=f"malformed feed: {_one_line(exc)}")
        return
    entries = parsed.entries or []
    feed = parsed.feed or {}
    if parsed.bozo and not any(e.get("title") or e.get("link") or e.get("id") or e.get("summary")
                               or e.get("content") for e in entries):
        reason = _one_line(parsed.get("bozo_exception") or "not a feed")
        yield Capture(source_kind="feed", locator=locator, started_at=started_at, finished_at=utc_now(),
                      method=method, tool=tool, artefacts=artefacts, final_url=final_url,
                      metadata=base_meta, error=f"malformed feed: {reason}")
        return
    if not parsed.version and not entries:
        yield Capture(source_kind="feed", locator=locator, started_at=started_at, finished_at=utc_now(),
                      method=method, tool=tool, artefacts=artefacts, final_url=final_url,
                      metadata=base_meta, error="not an RSS/Atom feed")
        return

    feed_title = (feed.get("title") or "").strip() or None
    feed_meta = dict(base_meta)
    feed_meta.update({
        "feed_format": parsed.version or "unknown",
        "entries": str(len(entries)),
    })
    if feed_title:
        feed_meta["feed_title"] = feed_title
    if feed.get("link"):
        feed_meta["feed_link"] = feed["link"]
    if parsed.bozo:
        feed_meta["bozo"] = _one_line(parsed.get("bozo_exception") or "feed not well-formed")
    language = (feed.get("language") or "").strip() or None
    yield Capture(
        source_kind="feed", locator=locator, started_at=started_at, finished_at=utc_now(),
        method=method, tool=tool, artefacts=artefacts, final_url=final_url,
        published=_utc(feed.get("published_parsed") or feed.get("updated_parsed")),
        title=feed_title, language_hint=language, metadata=feed_meta,
    )

    raw_items = _raw_items(data)
    if raw_items is not None and len(raw_items) != len(entries):
        log.info("feed %s: %d XML items vs %d parsed entries; items kept as JSON", locator,
                 len(raw_items), len(entries))
        raw_items = None
    for index, entry in enumerate(entries):
        item_started = utc_now()
        link = (entry.get("link") or "").strip()
        guid = (entry.get("id") or "").strip()
        item_locator = link or guid or f"{locator}#item-{index + 1}"
        if raw_items is not None:
            original = Artefact(role="original", media_type="application/xml", data=raw_items[index],
                                name=f"item-{index + 1}.xml")
        else:
            original = Artefact(role="original", media_type="application/json", data=_entry_json(entry),
                                name=f"item-{index + 1}.json")
        meta = {"feed_locator": locator, "item_index": str(index + 1)}
        if feed_title:
            meta["feed_title"] = feed_title
        if guid:
            meta["guid"] = guid
        if link:
            meta["link"] = link
        if entry.get("author"):
            meta["author"] = str(entry["author"])
        tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
        if tags:
            meta["tags"] = ", ".join(tags)
        published = _utc(entry.get("published_parsed"))
        if published is None and entry.get("updated_parsed"):
            published = _utc(entry.get("updated_parsed"))
            meta["published_from"] = "updated"
        try:
            text, how = _entry_text(entry)
            error = None
        except Exception as exc:  # pragma: no cover - defensive
            text, how, error = None, None, f"feed item unreadable: {_one_line(exc)}"
        if text == "":
            meta["empty"] = "item has no content or summary"
        yield Capture(
            source_kind="feed_item", locator=item_locator, started_at=item_started, finished_at=utc_now(),
            method="feed item", tool=tool, artefacts=(original,), final_url=link or None,
            parent=locator, published=published, title=(entry.get("title") or "").strip() or None,
            text=text, text_method=how, language_hint=(entry.get("language") or language),
            metadata=meta, error=error,
        )


__all__ = ["feed_captures"]
