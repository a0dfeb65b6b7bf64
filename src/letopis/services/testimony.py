"""A testimony through the pipeline: stored encrypted, extracted and attached, in one transaction.

The files are read through the source readers of ingest
(:mod:`letopis.sources`: text in any encoding, PDFs with a text layer, HTML);
audio, images and scans are stored without text. The account's records then
follow the rule of ingest (:mod:`letopis.services.attach`): an incident joins
the stored incident it matches (a ``merge`` custody entry) or starts a new one
(a ``derive`` entry), flagged for review against near matches. Statistics are
stored too, like an ingested source's. Every record is redacted
(``redact_record``): the rows keep the offsets into the encrypted account and
no quote, so no words of the account reach the search index or a column in
clear (summaries are the extraction's own words, as for any source).

Storing the testimony, extracting and attaching are one database transaction
(and one object-store batch): if any step fails, nothing is written, and the
sealed files the batch stored are removed by the next recovery.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from letopis.db.types import utc_now
from letopis.evidence import append_event
from letopis.extract.engine import Engine
from letopis.model import Report, TestimonyResult
from letopis.services.attach import Target, attach_records, write_search
from letopis.services.workspace import Workspace
from letopis.sources.files import file_captures
from letopis.testimony import FileText, Testimony, WitnessIdentity, add_testimony

__all__ = ["add_and_extract", "read_file_text"]

log = logging.getLogger(__name__)

_NO_TEXT = ("audio", "image", "video")  # media read by no source reader: stored, never opened


def add_and_extract(ws: Workspace, files: Sequence[Path], *, consent: str, until: str | None,
                    pseudonym: str | None, recorded_by: str, recorded_on: date | None,
                    witness: WitnessIdentity | None, language: str | None,
                    engine: Engine | None = None) -> TestimonyResult:
    """Store the testimony, extract its account and attach the records: all or nothing."""
    recorded_at = datetime(recorded_on.year, recorded_on.month, recorded_on.day, tzinfo=UTC) \
        if recorded_on else utc_now()
    engine = engine or Engine(judged=ws.config.judge)  # built before the transaction opens: it loads the gazetteer
    cap = ws.config.max_file_mb * 1024 * 1024
    outcome: list[TestimonyResult] = []

    def extract_and_attach(session: Session, testimony: Testimony) -> None:
        result = TestimonyResult(testimony.id)
        outcome.append(result)
        if not testimony.text or testimony.source_id is None:
            return
        records = engine.extract(Report(text=testimony.text, published=recorded_at.date(), language=language))

        def custody(event: str, subject: str, details: Mapping[str, Any]) -> None:
            append_event(session, event, subject, recorded_by, details)

        attached = attach_records(Target(session, testimony.source_id, custody, redact=True, derive=True,
                                         details={"testimony": testimony.id}), records)
        write_search(session, attached.documents, attached.touched)
        result.incidents, result.merged = attached.incidents_new, attached.incidents_merged
        result.flagged, result.statistics = attached.flagged, attached.statistics

    add_testimony(ws.opened, files, consent=consent, recorded_by=recorded_by, recorded_at=recorded_at,
                  until=until, pseudonym=pseudonym, witness=witness, language=language, actor=recorded_by,
                  reader=lambda path: read_file_text(path, cap=cap), within=extract_and_attach)
    return outcome[0]


def read_file_text(path: Path, *, cap: int) -> FileText:
    """One file's text as ``letopis ingest`` reads it (:func:`letopis.sources.files.file_captures`).

    Audio, images and video are not opened. A file the readers find no text
    in (a scan, a format they do not read) has none; the reason is logged,
    never the file's name (it is sealed with the testimony).
    """
    guessed, _ = mimetypes.guess_type(path.name)
    if guessed is not None and guessed.split("/")[0] in _NO_TEXT:
        return FileText(None, None)
    texts: list[str] = []
    media_type: str | None = None
    for capture in file_captures(path, cap=cap):
        if capture.error is not None:
            log.warning("a file of the testimony gives no text: %s", capture.error)
            continue
        if capture.text:
            texts.append(capture.text)
            if media_type is None:
                media_type = next((a.media_type for a in capture.artefacts if a.role == "original"), None)
    return FileText("\n\n".join(texts) if texts else None, media_type)
