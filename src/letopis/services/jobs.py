"""Running upload jobs in the background: one at a time, each in a worker process of its own.

:class:`JobRunner` keeps a queue of job ids and a thread that starts, for
each, a fresh (spawned) process running :func:`run_job`: the process opens
the data directory (with the server's key when it is encrypted) and calls
:func:`letopis.services.ingest.ingest_sources`, the function ``letopis
ingest`` calls, so its settings and limits apply, the per-text extraction
time limit included (it needs a process's main thread), and the server
keeps answering while it runs. The process writes the job's progress into
its ``job.json`` (:mod:`letopis.services.uploads`) as items are written;
pages and ``/api/jobs/ID`` read that file.

When the server stops, the running job's process is told to stop (SIGTERM):
ingest rolls back the group of items it had not committed, the committed
ones stay (ingest is crash-safe per group of items), and the job is marked
``interrupted``, its files kept; so is a job the server was killed under,
at the next start. Running it again reads the same files and addresses:
the items already done are skipped.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from dataclasses import replace
from datetime import date
from typing import Any

from letopis.config import Config
from letopis.crypto import MasterKey
from letopis.db.types import utc_now
from letopis.errors import LetopisError, UsageError
from letopis.model import Capture, IngestSummary
from letopis.names import shown
from letopis.services.uploads import FINISHED, Job, job_sources, list_jobs, read_job, remove_files, write_job

__all__ = ["JobRunner", "run_job", "INTERRUPTED"]

log = logging.getLogger(__name__)

INTERRUPTED = ("the server stopped while this job ran: what was written stays; run it again to finish "
               "(items already done are skipped)")
_WRITE_EVERY_S = 0.5
_STOP_WAIT_S = 60.0


class JobRunner:
    """The jobs of one server: queued, run one after another, each in its own process."""

    def __init__(self, config: Config, master: MasterKey | None) -> None:
        self.config = config
        self._key = master.raw if master is not None else None
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._process: Any = None
        self._current: str | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name="letopis-jobs", daemon=True)
        self._mark_stale(before=utc_now().isoformat())  # left queued or running by a server that stopped
        self._thread.start()

    def submit(self, job: Job) -> None:
        """Queue ``job`` (a new one, or an interrupted one to run again)."""
        if self._stopping.is_set():
            raise UsageError("the server is stopping: no new job")
        if job.state not in ("queued", "interrupted"):
            raise UsageError(f"upload job {job.id} is {job.state}; only an interrupted job runs again")
        if job.state == "interrupted":
            job.state, job.error, job.done, job.failed, job.total = "queued", None, 0, 0, None
            job.failures, job.notices, job.skipped = [], [], []
            write_job(self.config, job)
        self._queue.put(job.id)

    def stop(self) -> None:
        """Stop the running job (its process rolls back what it had not committed) and mark the queued ones."""
        self._stopping.set()
        self._queue.put(None)
        with self._lock:
            process = self._process
        if process is not None and process.is_alive():
            process.terminate()
        self._thread.join(_STOP_WAIT_S)
        if process is not None and process.is_alive():
            process.kill()
            process.join(5)
        self._mark_stale()

    def _mark_stale(self, before: str | None = None) -> None:
        """Jobs queued or running (made ``before`` then, if given) that no process of this runner holds:
        interrupted."""
        for job in list_jobs(self.config, limit=10**6):
            if (job.state in ("queued", "running") and job.id != self._current
                    and (before is None or job.created_at < before)):
                job.state, job.error = "interrupted", INTERRUPTED
                write_job(self.config, job)

    def _loop(self) -> None:
        context = multiprocessing.get_context("spawn")
        while True:
            job_id = self._queue.get()
            if job_id is None or self._stopping.is_set():
                return
            process = context.Process(target=run_job, args=(self.config, self._key, job_id, os.getpid()),
                                      name=f"letopis-job-{job_id}")  # not daemonic: ingest forks its own workers
            with self._lock:
                self._current = job_id
                try:
                    process.start()
                except Exception as error:  # noqa: BLE001 - the job fails with the reason; the runner goes on
                    log.exception("cannot start upload job %s", job_id)
                    self._current = None
                    self._failed(job_id, f"the ingest process did not start: {type(error).__name__}: {error}")
                    continue
                self._process = process
            process.join()
            with self._lock:
                self._process, self._current = None, None
            self._after(job_id, process.exitcode)

    def _after(self, job_id: str, exitcode: int | None) -> None:
        """A job whose process ended without saying how: failed, or interrupted if the server is stopping."""
        try:
            job = read_job(self.config, job_id)
        except UsageError:
            return
        if job.state in ("queued", "running"):
            if self._stopping.is_set():
                job.state, job.error = "interrupted", INTERRUPTED
            else:
                job.state, job.error = "failed", f"the ingest process ended unexpectedly (exit status {exitcode})"
            job.finished_at = utc_now().isoformat()
            write_job(self.config, job)

    def _failed(self, job_id: str, reason: str) -> None:
        job = read_job(self.config, job_id)
        job.state, job.error, job.finished_at = "failed", reason, utc_now().isoformat()
        write_job(self.config, job)


# --------------------------------------------------------------- in the job's process


def run_job(config: Config, key: bytes | None, job_id: str, parent: int) -> None:
    """The job's process: ingest the job's inputs, writing its progress; stop cleanly on SIGTERM or when the
    server that started it is gone."""
    from letopis.services.ingest import ingest_sources
    from letopis.services.workspace import open_workspace

    signal.signal(signal.SIGTERM, _interrupt)
    threading.Thread(target=_watch_parent, args=(parent,), name="letopis-job-parent", daemon=True).start()
    job = read_job(config, job_id)
    job.state, job.started_at = "running", utc_now().isoformat()
    write_job(config, job)
    last = [0.0]

    def progress(summary: IngestSummary, capture: Capture) -> None:
        job.done += 1
        if time.monotonic() - last[0] >= _WRITE_EVERY_S:
            _count(job, summary)
            write_job(config, job)
            last[0] = time.monotonic()

    workspace = None
    if job.by:  # the captures and custody entries name the person who uploaded
        config = replace(config, collector=job.by)
    try:
        workspace = open_workspace(config, master=MasterKey(key) if key is not None else None)
        when = None if job.published is None else date.fromisoformat(job.published)
        summary = ingest_sources(workspace, job_sources(config, job), published=when, progress=progress)
        _count(job, summary)
        job.total, job.state, job.summary = job.done, "done", summary.line()
    except KeyboardInterrupt:
        job.state, job.error = "interrupted", INTERRUPTED
    except LetopisError as error:
        job.state, job.error = "failed", str(error)
    except Exception as error:  # noqa: BLE001 - the job's one-line reason; the details go to the log
        log.exception("upload job %s failed", job_id)
        job.state, job.error = "failed", f"internal error: {type(error).__name__}: {shown(str(error))}"
    finally:
        if workspace is not None:
            workspace.close()
    job.finished_at = utc_now().isoformat()
    write_job(config, job)
    if job.state in FINISHED:
        remove_files(config, job)


def _count(job: Job, summary: IngestSummary) -> None:
    job.failed = summary.failed
    job.sources_new, job.sources_known = summary.sources_new, summary.sources_known
    job.incidents_new, job.incidents_merged, job.flagged = (summary.incidents_new, summary.incidents_merged,
                                                            summary.flagged)
    job.failures = [[locator, reason] for locator, reason in summary.failures]
    job.notices = [[locator, reason] for locator, reason in summary.notices]
    job.skipped = [[path, reason] for path, reason in summary.skipped]


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _watch_parent(parent: int) -> None:
    """A job outlives no server: when the server that started it is gone (killed), stop as on SIGTERM."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os.kill(os.getpid(), signal.SIGTERM)
