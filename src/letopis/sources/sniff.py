"""Decide what a blob of bytes is: pdf, feed, html, json, docx, zip, gzip or text."""

from __future__ import annotations

import re

_FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?(rss|feed|RDF)[\s>]")
_HTML_START = re.compile(rb"<(!doctype\s+html|html|head|body|meta|title|p|div|article)[\s>/]", re.I)

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}


def _head(data: bytes, n: int = 2048) -> bytes:
    head = data[:n]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lstrip()


def is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def looks_like_feed(data: bytes) -> bool:
    head = _head(data)
    # Skip an XML declaration, comments and processing instructions.
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->", b"", head, flags=re.S).lstrip()
    m = _FEED_ROOT.match(head)
    return bool(m)


def looks_like_html(data: bytes) -> bool:
    head = _head(data)
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->", b"", head, flags=re.S).lstrip()
    return bool(_HTML_START.match(head))


def classify(data: bytes, *, content_type: str | None = None, name: str | None = None) -> str:
    """One of ``"docx" "zip" "gzip" "pdf" "feed" "html" "json" "text"``.

    Magic bytes win over names and content types, then the content type, then
    the file suffix, then a look at the first bytes. A zip archive holding
    ``word/document.xml`` is a ``.docx`` whatever its name.
    """
    if is_zip(data):
        from letopis.sources.docx import is_docx

        return "docx" if is_docx(data) else "zip"
    if is_gzip(data):
        return "gzip"
    if is_pdf(data):
        return "pdf"
    ct = (content_type or "").split(";")[0].strip().lower()
    suffix = ""
    if name and "." in name:
        suffix = "." + name.rsplit(".", 1)[1].lower()
    if ct in ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"):
        return "feed"
    if ct in ("application/xml", "text/xml") or suffix in FEED_SUFFIXES:
        if looks_like_feed(data):
            return "feed"
        if suffix in FEED_SUFFIXES or ct:
            # XML that is not a feed: read it as HTML-ish markup for its text.
            return "html" if looks_like_html(data) else "text"
    if looks_like_feed(data):
        return "feed"
    if ct in ("text/html", "application/xhtml+xml") or suffix in HTML_SUFFIXES:
        return "html"
    if ct == "application/json" or suffix == ".json":
        return "json"
    if ct == "text/plain" or suffix in TEXT_SUFFIXES:
        return "text"
    if looks_like_html(data):
        return "html"
    return "text"
