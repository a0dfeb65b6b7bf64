"""Uploads saved as jobs, refused in one line when they cannot be one, and run by the job runner in a process
of their own through the ingest service: progress, failures with reasons, files removed when done, a job a
stopped server left behind marked interrupted and run again."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from letopis.config import Config, load_config
from letopis.errors import UsageError
from letopis.services.jobs import INTERRUPTED, JobRunner
from letopis.services.sources import list_sources
from letopis.services.uploads import Job, Upload, job_dir, list_jobs, new_job, read_job, safe_name, write_job
from letopis.services.workspace import Workspace, init_workspace

REPORT = "Вчора у Харкові працівники ТЦК затримали чоловіка біля станції метро. Його силоміць посадили в бус."


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    config = load_config({"data": str(tmp_path / "data"), "collector": "monitor", "max_file_mb": 1})
    opened, _, _ = init_workspace(config)
    try:
        yield opened
    finally:
        opened.close()


def upload(name: str, data: bytes | str) -> Upload:
    return Upload(name, io.BytesIO(data.encode("utf-8") if isinstance(data, str) else data))


def wait(config: Config, job_id: str) -> Job:
    """The job once it has left queued and running (the runner's process writes its state)."""
    while (job := read_job(config, job_id)).state in ("queued", "running"):
        time.sleep(0.2)
    return job


@pytest.mark.parametrize(("given", "message"), [
    ({}, "nothing to ingest: choose files, give a URL or a feed, or a Telegram export"),
    ({"url": "ftp://example.org/x"}, "url: an http:// or https:// address, got ftp://example.org/x"),
    ({"feed": "https://exa mple.org/feed"}, "feed: an http:// or https:// address, got https://exa mple.org/feed"),
    ({"files": [upload("big.txt", b"x" * (1024 * 1024 + 1))]},
     "big.txt: larger than the limit of 1 MB (setting max_file_mb)"),
    ({"url": "https://example.org/", "published": "3.11.2025"}, "published: a date as YYYY-MM-DD, got 3.11.2025"),
    ({"url": "https://example.org/", "published": "0990-01-01"}, "--published: "),
    ({"telegram": [upload("messages.html", "<html>"), upload("photo.jpg", b"\xff\xd8")]},
     "Telegram export: photo.jpg is not one of the messages*.html pages of one export"),
    ({"telegram": [upload("messages2.html", "<html>"), upload("messages3.html", "<html>")]},
     "Telegram export: the pages of an HTML export start with messages.html"),
])
def test_an_upload_that_cannot_be_a_job_is_one_line_and_leaves_nothing(workspace: Workspace, given: dict[str, Any],
                                                                       message: str) -> None:
    with pytest.raises(UsageError) as refused:
        new_job(workspace.config, **given)
    assert str(refused.value).startswith(message) and "\n" not in str(refused.value)
    assert list_jobs(workspace.config) == []
    uploads = workspace.config.data / "uploads"
    assert not uploads.exists() or list(uploads.iterdir()) == []


def test_names_are_made_safe_and_unique_and_telegram_exports_are_named_as_ingest_reads_them(
        workspace: Workspace) -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\a\\звіт 1.txt") == "звіт 1.txt"
    assert safe_name(".hidden") == "hidden" and safe_name("...") == "upload"
    assert safe_name("a<b>|c.html", ["a_b_c.html"]) == "a_b_c-2.html"
    job = new_job(workspace.config, files=[upload("../x.txt", "one"), upload("x.txt", "two")],
                  telegram=[upload("export.json", ' \n{"name": "chan", "messages": []}')],
                  url=" https://example.org/a ", published="2025-11-03")
    folder = job_dir(workspace.config, job.id)
    assert sorted(p.name for p in (folder / "files").iterdir()) == ["telegram-export", "x-2.txt", "x.txt"]
    assert (folder / "files" / "telegram-export" / "result.json").read_text().startswith(" \n{")
    assert [(i.kind, i.name, i.source) for i in job.inputs] == [
        ("file", "../x.txt", "files/x.txt"), ("file", "x.txt", "files/x-2.txt"),
        ("telegram", "export.json", "files/telegram-export/result.json"),
        ("url", "https://example.org/a", "https://example.org/a")]
    assert json.loads((folder / "job.json").read_text())["published"] == "2025-11-03"
    html = new_job(workspace.config, telegram=[upload("messages2.html", "b"), upload("messages.html", "a")])
    pages = job_dir(workspace.config, html.id) / "files" / "telegram-export"
    assert sorted(p.name for p in pages.iterdir()) == ["messages.html", "messages2.html"]
    with pytest.raises(UsageError, match="^no upload job ../etc$"):
        read_job(workspace.config, "../etc")


def test_a_job_runs_in_its_own_process_through_ingest_and_records_progress_and_failures(
        workspace: Workspace, tmp_path: Path) -> None:
    runner = JobRunner(workspace.config, workspace.master)
    try:
        job = new_job(workspace.config, files=[upload("zvit.txt", REPORT), upload("empty.pdf", b"%PDF-1.4\n%%EOF")])
        runner.submit(job)
        done = wait(workspace.config, job.id)
    finally:
        runner.stop()
    assert done.state == "done" and done.error is None
    assert (done.done, done.total, done.sources_new, done.incidents_new, done.failed) == (2, 2, 1, 1, 1)
    [(locator, reason)] = done.failures  # the broken PDF: its bytes kept, with the reason
    assert locator.endswith("empty.pdf") and reason
    assert done.started_at and done.finished_at and done.summary and "1 new" in done.summary
    assert not (job_dir(workspace.config, job.id) / "files").exists()  # the evidence store keeps what was read
    assert any(s.locator.endswith("zvit.txt") for s in list_sources(workspace.db))
    with pytest.raises(UsageError, match="only an interrupted job runs again"):
        JobRunner(workspace.config, None).submit(done)


def test_a_job_a_stopped_server_left_running_is_interrupted_and_runs_again(workspace: Workspace) -> None:
    job = new_job(workspace.config, files=[upload("zvit.txt", REPORT)])
    job.state, job.done = "running", 0
    write_job(workspace.config, job)
    runner = JobRunner(workspace.config, workspace.master)  # a new server: nothing of it runs that job
    try:
        left = read_job(workspace.config, job.id)
        assert (left.state, left.error) == ("interrupted", INTERRUPTED)
        assert (job_dir(workspace.config, job.id) / "files" / "zvit.txt").exists()  # kept to run again
        runner.submit(left)
        again = wait(workspace.config, job.id)
    finally:
        runner.stop()
    assert (again.state, again.error, again.done, again.incidents_new) == ("done", None, 1, 1)


def test_a_failing_job_says_why_in_one_line(workspace: Workspace) -> None:
    runner = JobRunner(workspace.config, workspace.master)
    try:
        job = new_job(workspace.config, files=[upload("zvit.txt", REPORT)])
        job.published = "1800-01-01"  # past the form's check: ingest refuses it
        write_job(workspace.config, job)
        runner.submit(job)
        failed = wait(workspace.config, job.id)
    finally:
        runner.stop()
    assert failed.state == "failed" and failed.error is not None and failed.error.startswith("--published: ")
    _until_gone(job_dir(workspace.config, job.id) / "files")   # removed just after the state is written


def test_a_job_running_when_the_server_stops_is_interrupted_and_keeps_its_files(workspace: Workspace) -> None:
    import socket

    hanging = socket.socket()  # accepts the job's request and never answers: the job runs until stopped
    hanging.bind(("127.0.0.1", 0))
    hanging.listen(1)
    runner = JobRunner(workspace.config, workspace.master)
    try:
        job = new_job(workspace.config, files=[upload("zvit.txt", REPORT)],
                      url=f"http://127.0.0.1:{hanging.getsockname()[1]}/never")
        runner.submit(job)
        while read_job(workspace.config, job.id).state == "queued":
            time.sleep(0.1)
    finally:
        runner.stop()
        hanging.close()
    stopped = read_job(workspace.config, job.id)
    assert (stopped.state, stopped.error) == ("interrupted", INTERRUPTED)
    assert (job_dir(workspace.config, job.id) / "files" / "zvit.txt").exists()


def _until_gone(path: Path, patience_s: float = 60.0) -> None:
    """The job writes its finished state, then removes its files: wait for the second step (a loaded
    machine can take a moment), and fail if it never comes."""
    deadline = time.monotonic() + patience_s
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not path.exists()
