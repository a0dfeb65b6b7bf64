"""PDF text layer with pypdf.

There is no OCR: a PDF whose pages give no text (a scan) is read as
``needs_ocr``; the caller keeps it as evidence and reports it (see
``docs/ingest.md``).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from typing import Any

from letopis.errors import SourceError
from letopis.sources.provenance import package_version

log = logging.getLogger(__name__)

NO_TEXT_LAYER = "needs OCR: the PDF has no text layer (scanned?)"


def needs_ocr(capture: Any) -> bool:
    """A capture that read no text because its PDF is a scan: its original is to be kept as evidence."""
    return capture.error is not None and capture.metadata.get("needs") == "ocr"


@dataclass(frozen=True)
class PdfText:
    text: str
    method: str
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    needs_ocr: bool = False  # no page gave any text: a scan, or text drawn as shapes


def extract_pdf(data: bytes) -> PdfText:
    """Text of every page, pages separated by a form feed (``\\f``); ``needs_ocr`` when none has any."""
    import pypdf

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise SourceError("not a PDF (no %PDF header)")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise SourceError("PDF is encrypted with a password")
            except SourceError:
                raise
            except Exception as exc:
                raise SourceError(f"PDF is encrypted and cannot be opened: {exc}") from None
        pages = []
        for number, page in enumerate(reader.pages, start=1):
            try:
                pages.append(page.extract_text() or "")
            except Exception as exc:  # one bad page should not lose the others
                log.warning("pypdf could not read page %d: %s", number, exc)
                pages.append("")
        metadata: dict[str, str] = {"pages": str(len(pages))}
        title = None
        try:
            info = reader.metadata
        except Exception:
            info = None
        if info:
            if info.title:
                title = str(info.title).strip() or None
            for key, name in (("/Author", "pdf_author"), ("/CreationDate", "pdf_creation_date"),
                              ("/ModDate", "pdf_mod_date"), ("/Producer", "pdf_producer")):
                value = info.get(key)
                if value:
                    metadata[name] = str(value)
    except SourceError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise SourceError(f"unreadable PDF: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    text = "\f".join(p.strip("\n") for p in pages)
    method = f"pypdf {package_version('pypdf')}"
    if not text.replace("\f", "").strip():
        return PdfText(text="", method=method, title=title, metadata=metadata, needs_ocr=True)
    return PdfText(text=text, method=method, title=title, metadata=metadata)
