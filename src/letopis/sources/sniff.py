"""Decide what a blob of bytes is: pdf, feed, html, json, docx, zip, gzip or text."""

from __future__ import annotations

import re

_FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?(rss|feed|RDF)[\s>]")
_PROLOG = re.compile(rb"<\?.*?\?>|<!--.*?-->", re.S)
# A DOCTYPE, with an internal subset in brackets if it has one (RSS 0.91's names a DTD).
_PROLOG_DOCTYPE = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>", re.S | re.I)
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
    """``%PDF-`` at the start (after whitespace at most): a text that mentions it further on is not a PDF."""
    return data[:1024].lstrip().startswith(b"%PDF-")


def _prolog_skipped(head: bytes, *, doctype: bool) -> bytes:
    """``head`` without its XML declaration, processing instructions, comments (and a DOCTYPE)."""
    pattern = _PROLOG_DOCTYPE if doctype else _PROLOG
    return pattern.sub(b"", head).lstrip()


def looks_like_feed(data: bytes) -> bool:
    """The root element is ``rss``, ``feed`` or ``RDF`` (after the prolog, a DOCTYPE included)."""
    return bool(_FEED_ROOT.match(_prolog_skipped(_head(data), doctype=True)))


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(_prolog_skipped(_head(data), doctype=False)))


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
