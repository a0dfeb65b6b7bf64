"""Word ``.docx`` documents: the body's text with python-docx.

The zip is checked before python-docx opens it: python-docx reads every part
into memory, so the sizes the archive declares must add up to no more than the
size cap (Python's zipfile stops at a member's declared size, so a lying
archive cannot inflate past it). Text is the body's paragraphs in document
order, table cells included (one paragraph a line; tabs and line breaks as
``\\t`` and ``\\n``); headers, footers, comments and footnotes are not read.
Text boxes are read once (their legacy VML copy under ``mc:Fallback`` is
skipped). The core properties' title is the title; author and dates go to
metadata (the creation date is not taken as publication date).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from letopis.errors import SourceError
from letopis.sources.limits import human_size
from letopis.sources.provenance import package_version

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAIN_PART = "word/document.xml"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


@dataclass(frozen=True)
class DocxText:
    text: str
    method: str
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


def is_docx(data: bytes) -> bool:
    """A zip archive holding ``word/document.xml`` (only its directory is read)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return MAIN_PART in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def extract_docx(data: bytes, *, cap: int) -> DocxText:
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            declared = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise SourceError(f"unreadable .docx: {_one_line(exc)}") from None
    if declared > cap:
        raise SourceError(f"unpacked .docx of {human_size(declared)} is larger than the {human_size(cap)} cap")
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        lines = []
        for element in body.iter(qn("w:p")):
            if any(ancestor.tag == _FALLBACK for ancestor in element.iterancestors()):
                continue
            lines.append(Paragraph(element, document).text)
        properties = document.core_properties
        title = (properties.title or "").strip() or None
        metadata: dict[str, str] = {"paragraphs": str(len(lines))}
        for name, value in (("docx_author", properties.author), ("docx_created", properties.created),
                            ("docx_modified", properties.modified)):
            if value:
                metadata[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    except SourceError:
        raise
    except Exception as exc:  # python-docx raises many kinds on damaged packages
        raise SourceError(f"unreadable .docx: {_one_line(exc)}") from None
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        raise SourceError("no text found in .docx document")
    return DocxText(text=text, method=f"python-docx {package_version('python-docx')}", title=title,
                    metadata=metadata)
