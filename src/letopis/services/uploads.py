"""Uploads: what a person hands the web app (files, a URL, a feed, a Telegram export) saved as an ingest job.

A job is a folder of the data directory, ``uploads/<job id>/``: ``job.json``
(what was asked, its state and progress, the failures with their reasons) and
``files/`` (the uploaded files, under safe names). The job is ingested by
:mod:`letopis.services.jobs` through :func:`letopis.services.ingest.ingest_sources`,
the function ``letopis ingest`` calls, with the same settings and limits
(``max_file_mb``, ``extract_limit_s``, the proxy and time-out for URLs).

Everything a person can get wrong is refused here, before any job exists,
in one line (:class:`~letopis.errors.UsageError`): nothing to ingest, a file
over the size limit, an address that is not http(s), a Telegram export that
is neither ``result.json`` nor ``messages*.html`` pages, a bad publication date.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from letopis.config import Config
from letopis.db.types import utc_now
from letopis.errors import UsageError
from letopis.names import shown
from letopis.services.published import check_published
from letopis.sources import is_url

__all__ = ["JOB_STATES", "FINISHED", "Upload", "JobInput", "Job", "uploads_dir", "job_dir", "new_job", "read_job",
           "write_job", "list_jobs", "job_sources", "remove_files", "safe_name"]

JOB_STATES = ("queued", "running", "done", "failed", "interrupted")
FINISHED = ("done", "failed")  # the uploaded files are removed once a job is in one of these
_JOB_ID = re.compile(r"^\d{8}T\d{6}-[0-9a-f]{8}$")
_CHUNK = 1 << 20
_PAGE = re.compile(r"^messages(\d*)\.html$")
_KEPT_FAILURES = 500  # a job's page lists at most this many failures (the sources page has them all)


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name the browser gave and its bytes as a stream."""

    name: str
    stream: BinaryIO


@dataclass
class JobInput:
    kind: str  # file, url, feed, telegram
    name: str  # what the person gave: a file name or an address
    source: str  # what ingest is handed: a path under the job's folder, or the address


@dataclass
class Job:
    """One upload's ingest, as kept in its ``job.json``."""

    id: str
    created_at: str
    inputs: list[JobInput]
    published: str | None = None
    by: str | None = None  # who uploaded it: the collector its captures and custody entries are recorded under
    state: str = "queued"
    started_at: str | None = None
    finished_at: str | None = None
    done: int = 0  # items written (read or failed)
    failed: int = 0
    total: int | None = None  # known when reading has finished
    sources_new: int = 0
    sources_known: int = 0
    incidents_new: int = 0
    incidents_merged: int = 0
    flagged: int = 0
    failures: list[list[str]] = field(default_factory=list)  # [locator, reason]
    notices: list[list[str]] = field(default_factory=list)  # kept, not read (needs OCR)
    skipped: list[list[str]] = field(default_factory=list)
    summary: str | None = None
    error: str | None = None  # why the whole job stopped (failed or interrupted)

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Job:
        values = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        values["inputs"] = [JobInput(**item) for item in data.get("inputs", [])]
        return cls(**values)


def uploads_dir(config: Config) -> Path:
    return config.data / "uploads"


def job_dir(config: Config, job_id: str) -> Path:
    """The folder of job ``job_id``; :class:`UsageError` for an id that is not one (no path of another form)."""
    if not _JOB_ID.fullmatch(job_id):
        raise UsageError(f"no upload job {shown(job_id)}")
    return uploads_dir(config) / job_id


def read_job(config: Config, job_id: str) -> Job:
    path = job_dir(config, job_id) / "job.json"
    try:
        return Job.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise UsageError(f"no upload job {shown(job_id)}") from None


def write_job(config: Config, job: Job) -> None:
    """Replace ``job.json`` whole (a reader sees the old or the new file, never half of one)."""
    folder = job_dir(config, job.id)
    job.failures = job.failures[:_KEPT_FAILURES]
    temp = folder / f".job.json.{os.getpid()}"
    temp.write_text(json.dumps(job.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temp, folder / "job.json")


def list_jobs(config: Config, limit: int = 20) -> list[Job]:
    """The newest jobs first."""
    folder = uploads_dir(config)
    if not folder.is_dir():
        return []
    ids = sorted((entry.name for entry in folder.iterdir() if _JOB_ID.fullmatch(entry.name)), reverse=True)
    jobs = []
    for job_id in ids[:limit]:
        try:
            jobs.append(read_job(config, job_id))
        except (UsageError, ValueError, TypeError, KeyError):
            continue  # a folder without a readable job.json is no job
    return jobs


def job_sources(config: Config, job: Job) -> list[str]:
    """What ingest is handed for ``job``: the saved files' paths (absolute) and the addresses."""
    folder = job_dir(config, job.id)
    return [item.source if item.kind in ("url", "feed") else str(folder / item.source) for item in job.inputs]


def remove_files(config: Config, job: Job) -> None:
    """Remove the uploaded files of a job (the evidence store keeps what was read; job.json stays)."""
    shutil.rmtree(job_dir(config, job.id) / "files", ignore_errors=True)


def new_job(config: Config, *, files: Sequence[Upload] = (), telegram: Sequence[Upload] = (),
            url: str | None = None, feed: str | None = None, published: str | None = None,
            by: str | None = None) -> Job:
    """Save an upload as a queued job; :class:`UsageError` (and nothing kept) when it cannot be one."""
    files = [upload for upload in files if upload.name]
    telegram = [upload for upload in telegram if upload.name]
    addresses = [(kind, (value or "").strip()) for kind, value in (("url", url), ("feed", feed))]
    addresses = [(kind, value) for kind, value in addresses if value]
    if not files and not telegram and not addresses:
        raise UsageError("nothing to ingest: choose files, give a URL or a feed, or a Telegram export")
    for kind, value in addresses:
        if not is_url(value) or any(ch.isspace() for ch in value):
            raise UsageError(f"{kind}: an http:// or https:// address, got {shown(value)}")
    when = _published(published)
    job_id = f"{utc_now():%Y%m%dT%H%M%S}-{secrets.token_hex(4)}"
    folder = job_dir(config, job_id)
    (folder / "files").mkdir(parents=True)
    try:
        cap = config.max_file_mb * 1024 * 1024
        inputs = [JobInput("file", upload.name, f"files/{_save(folder / 'files', upload, cap)}")
                  for upload in files]
        if telegram:
            inputs.append(_save_telegram(folder / "files", telegram, cap))
        inputs += [JobInput(kind, value, value) for kind, value in addresses]
        job = Job(job_id, utc_now().isoformat(), inputs, published=when.isoformat() if when else None, by=by)
        write_job(config, job)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return job


def _published(value: str | None) -> date | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        when = date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"published: a date as YYYY-MM-DD, got {shown(text)}") from None
    check_published(when)
    return when


def safe_name(name: str, taken: Iterable[str] = ()) -> str:
    """The last part of a browser's file name, in letters, digits, ``.``, ``-``, ``_`` and spaces, no leading
    dot, at most 120 characters, made unique among ``taken`` (``name-2.ext`` …)."""
    last = re.split(r"[/\\]", name)[-1]
    cleaned = re.sub(r"[^\w.\- ]+", "_", last).strip(" ._")[:120].strip(" ._") or "upload"
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot:
        stem, suffix = cleaned, ""
    taken = set(taken)
    candidate, number = cleaned, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}.{suffix}" if suffix else f"{stem}-{number}"
    return candidate


def _save(folder: Path, upload: Upload, cap: int, name: str | None = None) -> str:
    """Copy an upload into ``folder`` under a safe name; :class:`UsageError` past ``cap`` bytes."""
    target_name = name or safe_name(upload.name, (entry.name for entry in folder.iterdir()))
    written = 0
    with open(folder / target_name, "xb") as out:
        for chunk in iter(lambda: upload.stream.read(_CHUNK), b""):
            written += len(chunk)
            if written > cap:
                raise UsageError(f"{shown(upload.name)}: larger than the limit of {cap // (1024 * 1024)} MB "
                                 "(setting max_file_mb)")
            out.write(chunk)
    return target_name


def _save_telegram(folder: Path, uploads: Sequence[Upload], cap: int) -> JobInput:
    """A Telegram Desktop export: one ``result.json``, or its ``messages*.html`` pages, in a folder of its own."""
    export = folder / "telegram-export"
    export.mkdir()
    names = ", ".join(upload.name for upload in uploads)
    if len(uploads) == 1:
        json_export = _first_byte(uploads[0].stream) == b"{"
        _save(export, uploads[0], cap, "result.json" if json_export else "messages.html")
        return JobInput("telegram", names, "files/telegram-export/result.json" if json_export
                        else "files/telegram-export")
    pages = [safe_name(upload.name) for upload in uploads]
    for upload, page in zip(uploads, pages, strict=True):
        if not _PAGE.fullmatch(page) or pages.count(page) > 1:
            raise UsageError(f"Telegram export: {shown(upload.name)} is not one of the messages*.html pages of "
                             "one export (a JSON export is one result.json)")
    if "messages.html" not in pages:
        raise UsageError("Telegram export: the pages of an HTML export start with messages.html")
    for upload, page in zip(uploads, pages, strict=True):
        _save(export, upload, cap, page)
    return JobInput("telegram", names, "files/telegram-export")


def _first_byte(stream: BinaryIO) -> bytes:
    """The first byte that is not white space or a byte-order mark (the stream is rewound)."""
    head = stream.read(4096)
    stream.seek(0)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
