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

import hashlib
import logging
import mimetypes
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from letopis.db.incidents import incidents_for_source
from letopis.db.types import utc_now
from letopis.errors import CorruptObject
from letopis.evidence import append_event
from letopis.extract.engine import Engine
from letopis.model import Report, TestimonyResult
from letopis.services.attach import Target, attach_records, write_origins, write_search
from letopis.services.workspace import Workspace
from letopis.sources.files import file_captures
from letopis.testimony import (
    PUBLIC_ROLE,
    FileText,
    Testimony,
    TestimonyInfo,
    TestimonyNotFound,
    WitnessIdentity,
    add_testimony,
    content_grants,
    get_info,
    list_testimonies,
    open_testimony_file,
    read_testimony,
)

__all__ = ["add_and_extract", "read_file_text", "SIGHTS", "TestimonyView", "TestimonyFile", "sight_of",
           "visible_testimonies", "show_testimony", "testimony_file"]

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
                                         details={"testimony": testimony.id}, engine=engine.version), records)
        write_search(session, attached.documents, attached.touched)
        write_origins(session, attached.documents, attached.touched)
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


# --------------------------------------------------------------- reading, as consent allows

SIGHTS = ("hidden", "metadata", "content")  # what a role sees of a testimony, from least to most


def sight_of(info: TestimonyInfo, role: str, granted: bool, today: date) -> str:
    """What ``role`` may see of a testimony: ``hidden`` (not even listed), ``metadata`` (listed: consent,
    pseudonym, dates; never a word of the account) or ``content`` (the account and its files).

    The one rule every face asks (web pages, API, later the accounts' roles): it mirrors the check
    :func:`letopis.testimony.read_testimony` makes again on every read. ``public`` sees only testimonies
    whose consent is public and current (or granted to it); any other role lists every testimony and
    reads the public and internal ones whose consent is current, a restricted or lapsed one only with
    a grant; a withdrawn testimony has no content left.
    """
    if info.status == "withdrawn":
        return "hidden" if role == PUBLIC_ROLE else "metadata"
    if granted:
        return "content"
    current = not info.consent_lapsed(today)
    if role == PUBLIC_ROLE:
        return "content" if current and info.consent == "public" else "hidden"
    if current and info.consent in ("public", "internal"):
        return "content"
    return "metadata"


@dataclass(frozen=True)
class TestimonyFile:
    index: int
    name: str | None
    media_type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class TestimonyView:
    """A testimony as one role may see it: ``text``, ``files`` and ``incidents`` only at sight ``content``."""

    info: TestimonyInfo
    sight: str
    text: str | None = None
    files: tuple[TestimonyFile, ...] = ()
    incidents: tuple[int, ...] = ()


def visible_testimonies(ws: Workspace, role: str, *, today: date | None = None) -> list[TestimonyView]:
    """The testimonies ``role`` may list, newest first, with what it may see of each (nothing decrypted)."""
    today = today or utc_now().date()
    grants = content_grants(ws.opened)
    views = [TestimonyView(info, sight_of(info, role, role in grants.get(info.id, set()), today))
             for info in list_testimonies(ws.opened)]
    return [view for view in reversed(views) if view.sight != "hidden"]


def show_testimony(ws: Workspace, testimony_id: int, role: str, *, today: date | None = None) -> TestimonyView:
    """One testimony as ``role`` may see it; the account decrypted only when its consent allows.

    :class:`~letopis.testimony.TestimonyNotFound` for one that does not exist or that ``role`` may not even
    know of (a ``public`` viewer learns nothing of a restricted testimony).
    """
    today = today or utc_now().date()
    info = get_info(ws.opened, testimony_id)
    sight = sight_of(info, role, role in content_grants(ws.opened).get(testimony_id, set()), today)
    if sight == "hidden":
        raise TestimonyNotFound(f"no testimony {testimony_id}")
    if sight == "metadata":
        return TestimonyView(info, sight)
    testimony = read_testimony(ws.opened, testimony_id, role=role, today=today)  # checks consent again
    files = tuple(TestimonyFile(index, f.name, f.media_type, f.size, f.sha256)
                  for index, f in enumerate(testimony.files))
    incidents: tuple[int, ...] = ()
    if info.source_id is not None:
        with ws.db.session(readonly=True) as session:
            incidents = tuple(incident.id for incident in incidents_for_source(session, info.source_id))
    return TestimonyView(info, sight, testimony.text, files, incidents)


def testimony_file(ws: Workspace, testimony_id: int, index: int, role: str) -> tuple[TestimonyFile, bytes]:
    """The plain bytes of a testimony's file, if ``role`` may read the account, checked against their SHA-256."""
    view = show_testimony(ws, testimony_id, role)
    if view.sight != "content" or not 0 <= index < len(view.files):
        raise TestimonyNotFound(f"testimony {testimony_id} has no file {index + 1} to show")
    file = view.files[index]
    with open_testimony_file(ws.opened, testimony_id, index, role=role) as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != file.sha256:
        raise CorruptObject(f"file {index + 1} of testimony {testimony_id} no longer matches its SHA-256: not served")
    return file, data

