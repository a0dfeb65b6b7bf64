"""HTML to text: main text with trafilatura, title and the page's own date.

The publication date is read first from the page's own metadata
(``article:published_time`` and friends, full precision with time zone), then
from trafilatura/htmldate (day precision).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from letopis.errors import SourceError
from letopis.sources.provenance import package_version
from letopis.sources.text_decode import decode_text, sniff_declared_charset

log = logging.getLogger(__name__)
# trafilatura and htmldate log each page they cannot parse (three lines at ERROR and WARNING for a page of
# broken markup): the reader's own one line ("no text found in HTML document") says it, so theirs are silenced.
for _noisy in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_noisy).setLevel(logging.CRITICAL)

_DATE_META = (
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("property", "og:published_time"),
    ("itemprop", "datePublished"),
    ("name", "pubdate"),
    ("name", "publishdate"),
    ("name", "date"),
    ("name", "dc.date.issued"),
    ("name", "dc.date"),
    ("name", "DC.date.issued"),
    ("name", "DC.date"),
)
_LINE_TAGS = {"br", "li", "tr", "dt", "dd"}
_BLOCK_TAGS = {
    "p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "blockquote", "pre", "section", "article", "header", "footer", "hr",
    "dl", "figure", "figcaption", "aside", "main", "nav", "address",
}
_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}


@dataclass(frozen=True)
class HtmlText:
    text: str
    method: str
    title: str | None = None
    published: datetime | None = None
    language: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


def parse_datetime(value: str) -> tuple[datetime, dict[str, str]] | None:
    """Parse an ISO-8601-ish date/time; return a UTC datetime and notes on precision."""
    value = value.strip()
    if not value:
        return None
    notes: dict[str, str] = {}
    v = value.replace("Z", "+00:00").replace("z", "+00:00")
    v = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", v)  # +0200 -> +02:00
    try:
        dt = datetime.fromisoformat(v)
    except ValueError:
        try:
            import email.utils

            dt = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if len(value) <= 10 and "T" not in value:
        notes["published_precision"] = "day"
        dt = datetime.combine(dt.date(), time(0), tzinfo=UTC)
    elif dt.tzinfo is None:
        notes["published_timezone"] = "unspecified (taken as UTC)"
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC), notes


def _meta_date(doc) -> tuple[datetime, dict[str, str]] | None:
    for attr, key in _DATE_META:
        for el in doc.iter("meta"):
            if (el.get(attr) or "").strip().lower() == key.lower():
                parsed = parse_datetime(el.get("content") or "")
                if parsed:
                    dt, notes = parsed
                    notes["published_from"] = f"meta {attr}={key}"
                    return dt, notes
    for el in doc.iter("time"):
        if (el.get("itemprop") or "").lower() == "datepublished" and el.get("datetime"):
            parsed = parse_datetime(el.get("datetime"))
            if parsed:
                dt, notes = parsed
                notes["published_from"] = "time itemprop=datePublished"
                return dt, notes
    return None


def _parse_document(markup: str):
    import lxml.html

    try:
        return lxml.html.document_fromstring(markup)
    except Exception:  # lxml raises ParserError/ValueError on empty or odd input
        return None


def element_text(root) -> str:
    """Visible text of an lxml element with block elements on their own lines."""
    from lxml import etree

    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _DROP_TAGS or not tag:
                walker.skip_subtree()
                # The "end" event still comes for a skipped element.
                continue
            if tag in _BLOCK_TAGS or tag in _LINE_TAGS:
                parts.append("\n")
            if el.text:
                parts.append(el.text)
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.tail and el is not root:
                parts.append(el.tail)
    raw = "".join(parts)
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in raw.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def html_fragment_to_text(markup: str) -> str:
    """Plain text of a small HTML fragment (a feed item's content or summary)."""
    if not markup or "<" not in markup:
        import html as _html

        return _html.unescape(markup or "").strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:
        import html as _html

        return _html.unescape(re.sub(r"<[^>]+>", " ", markup)).strip()
    return element_text(root)


def decode_html(data: bytes, content_type: str | None = None):
    declared = sniff_declared_charset(data, content_type)
    return decode_text(data, declared)


def extract_html(data: bytes, *, url: str | None = None, content_type: str | None = None) -> HtmlText:
    """Main text, title, publication date and language of an HTML page."""
    import trafilatura

    decoded = decode_html(data, content_type)
    markup = decoded.text
    if not markup.strip():
        raise SourceError("empty HTML document")
    metadata: dict[str, str] = {"encoding": decoded.encoding}
    doc = _parse_document(markup)

    published = None
    meta = _meta_date(doc) if doc is not None else None
    if meta:
        published, notes = meta
        metadata.update(notes)

    language = None
    if doc is not None:
        language = (doc.get("lang") or doc.get("xml:lang") or "").strip() or None

    result = None
    try:
        result = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura can fail on odd markup; fall back below
        log.warning("trafilatura failed on %s: %s", url or "document", exc)

    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    title = (getattr(result, "title", None) or None) if result is not None else None
    method = f"trafilatura {package_version('trafilatura')}"
    found_date = getattr(result, "date", None) if result is not None else None
    if published is None and found_date:
        parsed = parse_datetime(str(found_date))
        if parsed:
            published, notes = parsed
            metadata.update(notes)
            metadata["published_from"] = "trafilatura/htmldate"
    found_language = getattr(result, "language", None) if result is not None else None
    if not language and found_language:
        language = found_language

    if not title and doc is not None:
        t = doc.find(".//title")
        if t is not None and (t.text_content() or "").strip():
            title = t.text_content().strip()
    if not text and doc is not None:
        body = doc.find("body")
        text = element_text(body if body is not None else doc)
        method = f"lxml {package_version('lxml')} full text (trafilatura found no main text)"
    if not text:
        raise SourceError("no text found in HTML document")
    return HtmlText(text=text, method=method, title=title, published=published,
                    language=language, metadata=metadata)
