"""Bytes of one source item to capture(s): decides PDF / feed / HTML / text and extracts.

Shared by files, stdin and URLs, so each kind of content is read the same way
whatever brought it in.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Mapping
from datetime import datetime

from letopis.errors import SourceError
from letopis.model import Artefact, Capture
from letopis.sources import sniff
from letopis.sources.docx import DOCX_MEDIA_TYPE, extract_docx
from letopis.sources.feeds import FEED_TOOL_DISTS, feed_captures
from letopis.sources.html import extract_html
from letopis.sources.limits import bounded_decompress
from letopis.sources.pdf import NO_TEXT_LAYER, extract_pdf
from letopis.sources.provenance import tool_string, utc_now
from letopis.sources.text_decode import decode_text, iana_charset, sniff_declared_charset

log = logging.getLogger(__name__)

ZIP_REFUSED = "zip archives are not read: unpack it and ingest the folder"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _text_media_type(name: str | None, encoding: str) -> str:
    kind = "text/markdown" if name and name.lower().endswith((".md", ".markdown")) else "text/plain"
    return f"{kind}; charset={iana_charset(encoding)}"


def content_captures(
    data: bytes,
    *,
    source_kind: str,
    locator: str,
    started_at: datetime,
    method: str,
    cap: int,
    name: str | None = None,
    content_type: str | None = None,
    url: str | None = None,
    final_url: str | None = None,
    artefacts: tuple[Artefact, ...] | None = None,
    original: Artefact | None = None,
    tool_dists: tuple[str, ...] = (),
    metadata: Mapping[str, str] | None = None,
    _nested: bool = False,
) -> Iterator[Capture]:
    """Yield the capture(s) for ``data``.

    ``artefacts`` are attached as given (a URL passes its WARC); ``original``
    replaces the default in-memory "original" artefact (a large file passes
    itself by path; an empty ``media_type`` is filled in from the content). Extraction failures become a capture
    with ``error``.
    """
    meta = dict(metadata or {})
    meta.setdefault("size", str(len(data)))
    meta.setdefault("sha256", sha256_hex(data))
    kind = sniff.classify(data, content_type=content_type, name=name)
    extra: tuple[Artefact, ...] = tuple(artefacts or ())

    def orig(media_type: str) -> Artefact:
        if original is not None:
            if original.media_type:
                return original
            return Artefact(role="original", media_type=media_type, data=original.data,
                            path=original.path, name=original.name)
        return Artefact(role="original", media_type=media_type, data=data, name=name)

    def done(media_type: str, tool: str, **kw) -> Capture:
        return Capture(source_kind=kw.pop("source_kind", source_kind), locator=locator,
                       started_at=started_at, finished_at=utc_now(), method=method, tool=tool,
                       artefacts=extra + (orig(media_type),), final_url=final_url,
                       metadata=meta, **kw)

    if kind == "zip":
        yield done("application/zip", tool_string(*tool_dists), error=ZIP_REFUSED)
        return
    if kind == "gzip":
        if _nested:
            yield done("application/gzip", tool_string(*tool_dists), error="nested compression is not read")
            return
        try:
            inner = bounded_decompress([data], "gzip", cap, what="decompressed gzip input")
        except SourceError as exc:
            yield done("application/gzip", tool_string(*tool_dists), error=str(exc))
            return
        inner_name = name[:-3] if name and name.lower().endswith(".gz") else name
        meta.update({"compression": "gzip", "decompressed_size": str(len(inner)),
                     "decompressed_sha256": sha256_hex(inner)})
        # The original artefact stays the compressed bytes, exactly as read.
        keep = original or Artefact(role="original", media_type="application/gzip", data=data, name=name)
        yield from content_captures(inner, source_kind=source_kind, locator=locator, started_at=started_at,
                                    method=method + " + gunzip", cap=cap, name=inner_name, url=url,
                                    final_url=final_url, artefacts=artefacts, original=keep,
                                    tool_dists=tool_dists, metadata=meta, _nested=True)
        return
    if kind == "pdf":
        tool = tool_string(*tool_dists, "pypdf")
        pdf_kind = "pdf" if source_kind == "file" else source_kind
        try:
            pdf = extract_pdf(data)
        except SourceError as exc:
            yield done("application/pdf", tool, source_kind=pdf_kind, error=str(exc))
            return
        meta.update(pdf.metadata)
        if pdf.needs_ocr:  # no text, but the PDF is evidence: the caller keeps its original (sources.pdf.needs_ocr)
            meta["needs"] = "ocr"
            yield done("application/pdf", tool, source_kind=pdf_kind, title=pdf.title, error=NO_TEXT_LAYER)
            return
        yield done("application/pdf", tool, source_kind=pdf_kind, title=pdf.title, text=pdf.text,
                   text_method=pdf.method)
        return
    if kind == "docx":
        tool = tool_string(*tool_dists, "python-docx")
        try:
            document = extract_docx(data, cap=cap)
        except SourceError as exc:
            yield done(DOCX_MEDIA_TYPE, tool, error=str(exc))
            return
        meta.update(document.metadata)
        yield done(DOCX_MEDIA_TYPE, tool, title=document.title, text=document.text, text_method=document.method)
        return
    if kind == "feed":
        media = (content_type or "application/xml").split(";")[0].strip() or "application/xml"
        if media in ("text/html", "text/plain", "application/octet-stream"):
            media = "application/xml"
        tool = tool_string(*tool_dists, *FEED_TOOL_DISTS)
        yield from feed_captures(data, locator=locator, started_at=started_at,
                                 method=method + " + feed parse", tool=tool,
                                 artefacts=extra + (orig(media),), final_url=final_url, metadata=meta)
        return
    if kind == "html":
        tool = tool_string(*tool_dists, "trafilatura", "charset-normalizer")
        try:
            res = extract_html(data, url=final_url or url, content_type=content_type)
        except SourceError as exc:
            yield done("text/html", tool, error=str(exc))
            return
        meta.update(res.metadata)
        charset = res.metadata.get("encoding")
        media = f"text/html; charset={iana_charset(charset)}" if charset else "text/html"
        yield done(media, tool, title=res.title, text=res.text, text_method=res.method,
                   published=res.published, language_hint=res.language)
        return
    # text, Markdown, JSON and anything else: decode as text.
    tool = tool_string(*tool_dists, "charset-normalizer")
    try:
        decoded = decode_text(data, sniff_declared_charset(data, content_type) if content_type else None)
    except SourceError as exc:
        yield done("application/octet-stream", tool, error=str(exc))
        return
    meta["encoding"] = decoded.encoding
    media = "application/json" if kind == "json" else _text_media_type(name, decoded.encoding)
    yield done(media, tool, text=decoded.text, text_method=decoded.method)
