"""Reading one report for ``letopis extract``: source → text → records.

The source readers (:mod:`letopis.sources`) do the reading (decoding, HTML main text, PDF text layer,
size and content checks); this module turns its capture into a ``Report`` and
runs the engine on it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from letopis.errors import ReadError
from letopis.extract.engine import Engine
from letopis.extract.publication import report_of
from letopis.model import Record, Report
from letopis.services.published import check_published
from letopis.sources import iter_captures


def read_report(source: str, *, published: date | None = None, language: str | None = None) -> Report:
    check_published(published)
    if source != "-":
        path = Path(source)
        if not path.exists():
            raise ReadError(f"no such file: {source}")
        if path.is_dir():
            raise ReadError(f"{source} is a directory; extract reads one report (use ingest for many)")
    captures = [c for c in iter_captures(source, published=published) if c.text is not None or c.error]
    failed = next((c for c in captures if c.error), None)
    usable = next((c for c in captures if c.text is not None and not c.error), None)
    if usable is None:
        reason = failed.error if failed else "no text found"
        raise ReadError(f"cannot read {source}: {reason}")
    if not usable.text or not usable.text.strip():
        raise ReadError(f"{source} holds no text")
    page_date = usable.published.date() if usable.published else None
    return report_of(usable.text, page_date, usable.metadata.get("published_from"), published,
                     usable.locator, language, _today())


def extract_source(source: str, *, published: date | None = None, language: str | None = None,
                   engine: Engine | None = None) -> list[Record]:
    report = read_report(source, published=published, language=language)
    return (engine or Engine()).extract(report)


def _today() -> date:
    return datetime.now(UTC).date()
