"""The sources pages: what was ingested and what failed, uploads run as background jobs, a source's original
downloaded, an incident's sensitivity marks.

- ``/sources``: sources (filter by kind and language) or failures (``?show=failed``), paged; the upload
  form; the newest upload jobs.
- ``POST /sources/upload``: files, a URL, a feed, a Telegram export saved as a job
  (:mod:`letopis.services.uploads`) and queued (:mod:`letopis.services.jobs`); the job's page follows it.
- ``/sources/jobs/ID`` and ``/api/jobs/ID``: a job's state, items done and failed, failures with reasons.
- ``/sources/ID/original``: the preserved original, as kept (decrypted when the store is), its SHA-256
  checked, always as a download that no browser renders in this app's origin.
- ``POST /incidents/ID/sensitivity``: the incident's marks, with a reason (an edit like any other).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile

from letopis.errors import CorruptObject, FilterError, LetopisError, ReviewError
from letopis.services import profiles as profile_service, review, sources as source_service
from letopis.services.jobs import JobRunner
from letopis.services.uploads import Job, Upload, list_jobs, new_job, read_job
from letopis.web.guard import actor
from letopis.web.pages import _back, _incident, _notice
from letopis.web.query import MAX_PAGE, RecordId, whole_number
from letopis.web.render import render

__all__ = ["router", "api_router", "PER_PAGE"]

PER_PAGE = 50
MAX_UPLOAD_FILES = 500
_RECENT_JOBS = 10
# A download is never a page of this app: nothing in it runs, loads or is framed, whatever a browser makes of it.
DOWNLOAD_HEADERS = {"Content-Security-Policy": "sandbox; default-src 'none'", "X-Content-Type-Options": "nosniff",
                    "Cache-Control": "no-store"}
_runner_lock = threading.Lock()


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    runner = getattr(app.state, "jobs", None)
    if runner is not None:  # the running job stops cleanly; it shows as interrupted
        runner.stop()


router = APIRouter(include_in_schema=False, lifespan=_lifespan)
api_router = APIRouter(prefix="/api", tags=["api"])


def _workspace(request: Request) -> Any:
    return request.app.state.workspace


def _runner(request: Request) -> JobRunner:
    """The app's job runner, started on first use (it marks jobs a stopped server left running interrupted)."""
    with _runner_lock:
        runner = getattr(request.app.state, "jobs", None)
        if runner is None:
            workspace = _workspace(request)
            runner = request.app.state.jobs = JobRunner(workspace.config, workspace.master)
        return runner


# --------------------------------------------------------------- the sources page


def _profiles(db: Any) -> dict[str, Any]:
    """The source profiles (listed on the page) and a lookup of a source's profile by its locator."""
    by_host = profile_service.profile_map(db)
    return {"profiles": sorted(by_host.values(), key=lambda p: p.host), "form": {}, "host": "", "current": None,
            "profile_for": lambda locator: profile_service.profile_of(by_host, locator)}


def _page_number(value: str | None) -> int:
    text = (value or "1").strip() or "1"
    number = whole_number(text, 1, MAX_PAGE)
    if number is None:
        raise FilterError(f"page: a whole number from 1, got {text!r}")
    return number


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> Response:
    return _sources(request)


def _sources(request: Request, error: str | None = None, status_code: int = 200) -> Response:
    query = {key: value.strip() for key, value in request.query_params.items()}
    workspace = _workspace(request)
    _runner(request)  # a job a stopped server left running is shown as interrupted, not as running
    kinds, languages = source_service.source_facets(workspace.db)
    context: dict[str, Any] = {"query": query, "kinds": kinds, "source_languages": languages,
                               "jobs": list_jobs(workspace.config, _RECENT_JOBS), "notice": _notice(request),
                               "max_file_mb": workspace.config.max_file_mb, **_profiles(workspace.db)}
    kind, language = query.get("kind") or None, query.get("language") or None
    failed = query.get("show") == "failed"
    try:
        page = _page_number(query.get("page"))
        offset = (page - 1) * PER_PAGE
        if failed:
            total = source_service.count_failures(workspace.db)
            items: list[Any] = source_service.failures(workspace.db, limit=PER_PAGE, offset=offset)
        else:
            total = source_service.count_sources(workspace.db, kind=kind, language=language)
            items = source_service.list_sources(workspace.db, kind=kind, language=language, limit=PER_PAGE,
                                                offset=offset)
    except LetopisError as exc:
        return render(request, "sources.html", status_code=400, error=str(exc), items=None, **context)
    pages = max(1, -(-total // PER_PAGE))
    return render(request, "sources.html", status_code=status_code, error=error, items=items, total=total,
                  page=page, pages=pages, offset=offset, failed=failed, **context)


@router.post("/sources/upload")
async def upload_action(request: Request) -> Response:
    """Save the upload as a job and queue it; the job's page follows it. A bad upload: the sources page, 400."""
    workspace = _workspace(request)
    runner = _runner(request)
    async with request.form(max_files=MAX_UPLOAD_FILES, max_fields=20) as form:
        def uploads(name: str) -> list[Upload]:
            return [Upload(item.filename or "", item.file) for item in form.getlist(name)
                    if isinstance(item, UploadFile) and item.filename]

        def text(name: str) -> str | None:
            value = form.get(name)
            return value if isinstance(value, str) else None

        try:
            job = new_job(workspace.config, files=uploads("files"), telegram=uploads("telegram"), url=text("url"),
                          feed=text("feed"), published=text("published"), by=actor(request))
            runner.submit(job)
        except LetopisError as error:
            return _sources(request, error=str(error), status_code=400)
    return _back(f"/sources/jobs/{job.id}", request.state.t("Upload saved; ingest is queued."))


@router.get("/sources/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> Response:
    _runner(request)
    job = _job(request, job_id)
    return render(request, "job.html", job=job, notice=_notice(request))


@router.post("/sources/jobs/{job_id}/run")
def rerun_action(request: Request, job_id: str) -> Response:
    runner = _runner(request)
    job = _job(request, job_id)
    try:
        runner.submit(job)
    except LetopisError as error:
        return render(request, "job.html", status_code=400, job=job, error=str(error))
    return _back(f"/sources/jobs/{job.id}", request.state.t("Upload saved; ingest is queued."))


def _job(request: Request, job_id: str) -> Job:
    try:
        return read_job(_workspace(request).config, job_id)
    except LetopisError as error:
        raise HTTPException(404, str(error)) from None


# --------------------------------------------------------------- the original


@router.get("/sources/{source_id}/original")
def original_download(request: Request, source_id: RecordId) -> Response:
    """The original's bytes as kept, as an attachment (never rendered here); refused if they changed."""
    workspace = _workspace(request)
    try:
        kept = source_service.original(workspace.db, workspace.store, source_id)
    except CorruptObject as error:
        raise HTTPException(500, str(error)) from None
    if kept is None:
        raise HTTPException(404, f"no source {source_id}")
    headers = {**DOWNLOAD_HEADERS, "Content-Disposition": f'attachment; filename="{kept.file_name}"',
               "X-Letopis-SHA256": kept.sha256}
    return Response(kept.data, media_type="application/octet-stream", headers=headers)


# --------------------------------------------------------------- sensitivity


@router.post("/incidents/{incident_id}/sensitivity")
async def sensitivity_action(request: Request, incident_id: RecordId) -> Response:
    form = await request.form()
    marks = [str(value) for value in form.getlist("mark")]
    reason = str(form.get("reason") or "").strip()
    workspace = _workspace(request)
    try:
        if not reason:
            raise ReviewError("a change of sensitivity needs a reason")
        done = review.edit_incident(workspace.db, incident_id, {"sensitivity": marks}, reason=reason,
                                    actor=actor(request))
    except ReviewError as error:
        if str(error) == f"no incident {incident_id}":
            raise HTTPException(404, str(error)) from None
        return _incident(request, incident_id, error=str(error), status_code=400)
    notice = request.state.t("Sensitivity set.") if done else request.state.t("Nothing changed.")
    return _back(f"/incidents/{incident_id}", notice)


# --------------------------------------------------------------- API


class JobInputOut(BaseModel):
    kind: str
    name: str


class JobOut(BaseModel):
    id: str
    state: str = Field(description="queued, running, done, failed or interrupted")
    by: str | None = Field(description="who uploaded it (its captures are recorded under this name)")
    created_at: str
    started_at: str | None
    finished_at: str | None
    inputs: list[JobInputOut]
    done: int = Field(description="items written so far (read or failed)")
    failed: int
    total: int | None = Field(description="how many items in all, once reading has finished")
    sources_new: int
    sources_known: int
    incidents_new: int
    incidents_merged: int
    flagged: int
    failures: list[list[str]] = Field(description="[locator, reason] of each failed item")
    summary: str | None
    error: str | None = Field(description="why the whole job stopped, when it failed or was interrupted")


class FailureOut(BaseModel):
    what: str = Field(description="capture (kept, with the reason it was not read) or item (nothing stored)")
    id: int
    locator: str
    reason: str
    at: datetime | None
    source_id: int | None
    kept_sha256: str | None


@api_router.get("/jobs/{job_id}", response_model=JobOut, summary="An upload job's progress")
def job_api(request: Request, job_id: str) -> JobOut:
    job = _job(request, job_id)
    data = job.as_dict()
    data["inputs"] = [JobInputOut(kind=item.kind, name=item.name) for item in job.inputs]
    return JobOut(**{name: data[name] for name in JobOut.model_fields})


@api_router.get("/failures", response_model=list[FailureOut], summary="What could not be read, with the reason")
def failures_api(request: Request, page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
                 per_page: Annotated[int, Query(ge=1, le=500)] = PER_PAGE) -> list[FailureOut]:
    found = source_service.failures(_workspace(request).db, limit=per_page, offset=(page - 1) * per_page)
    return [FailureOut(**vars(failure)) for failure in found]

