"""A text that extraction cannot finish within extract_limit_s is kept and recorded as failed; the
batch goes on (issue 13). In-process and in a worker process, through the ingest service and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from letopis.config import load_config
from letopis.extract.engine import Engine
from letopis.services.ingest import Ingestor
from letopis.services.sources import failures, list_sources
from letopis.services.workspace import init_workspace, open_workspace

REPORT = "30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці та посадили їх у бус.\n"
# two thirds of a megabyte with no sentence end: seconds of reading, far past a 1 s limit
LONG = "у Львові працівники ТЦК затримали чоловіка, " * 15000


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-short.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b-long.txt").write_text(LONG, encoding="utf-8")
    return folder


@pytest.mark.parametrize("workers", [0, 1])
def test_a_text_past_the_limit_is_a_recorded_failure_and_the_rest_goes_on(tmp_path, workers):
    workspace, _, _ = init_workspace(load_config({"data": tmp_path / "data", "collector": "tester"}))
    summary = Ingestor(db=workspace.db, store=workspace.store, engine=Engine(), collector="tester",
                       workers=workers, extract_limit_s=1.0).run([str(_folder(tmp_path))],
                                                                 published=date(2025, 10, 31))
    assert summary.incidents_new >= 1 and summary.failed == 1
    failed = failures(workspace.db)
    assert len(failed) == 1 and "b-long.txt" in failed[0].locator
    assert "took longer than 1 s" in failed[0].reason and "extract_limit_s" in failed[0].reason
    assert [s.locator for s in list_sources(workspace.db) if s.incidents] == [str(tmp_path / "in" / "a-short.txt")]


def test_the_limit_is_a_setting_of_the_command(tmp_path):
    folder = _folder(tmp_path)
    env = {**os.environ, "LETOPIS_DATA": str(tmp_path / "data"), "LETOPIS_EXTRACT_LIMIT_S": "1",
           "PYTHONWARNINGS": "ignore"}
    run = lambda *args: subprocess.run([sys.executable, "-m", "letopis.cli", *args], env=env,  # noqa: E731
                                       capture_output=True, text=True, timeout=600)
    assert run("init").returncode == 0
    proc = run("ingest", str(folder), "--published", "2025-10-31")
    assert proc.returncode == 1, proc.stderr          # a failed item: the batch says so
    assert "1 failed" in proc.stdout + proc.stderr
    listed = [json.loads(line) for line in run("sources", "--failed", "--format", "jsonl").stdout.splitlines()]
    assert len(listed) == 1 and "b-long.txt" in listed[0]["locator"]
    assert "took longer than 1 s" in listed[0]["reason"]
    workspace = open_workspace(load_config({"data": tmp_path / "data"}))
    assert sum(s.incidents for s in list_sources(workspace.db)) >= 1


class _Greedy(Engine):
    """An engine that needs 1.5 GB for a text saying so (what a pathological text costs, in one step)."""

    def extract(self, report):
        if "GREEDY" in report.text:
            hog = bytearray(1536 * 1024 * 1024)
            return [len(hog)]
        return super().extract(report)


def test_a_text_past_the_memory_limit_is_a_recorded_failure_and_the_rest_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-short.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b-greedy.txt").write_text("GREEDY " + REPORT, encoding="utf-8")
    workspace, _, _ = init_workspace(load_config({"data": tmp_path / "data", "collector": "tester"}))
    summary = Ingestor(db=workspace.db, store=workspace.store, engine=_Greedy(), collector="tester", workers=1,
                       extract_memory_mb=256).run([str(folder)], published=date(2025, 10, 31))
    assert summary.incidents_new >= 1 and summary.failed == 1
    [failed] = failures(workspace.db)
    assert "b-greedy.txt" in failed.locator
    assert "ran out of memory on a text of" in failed.reason and "extract_memory_mb" in failed.reason


def test_an_alarm_lost_to_a_swallowing_frame_comes_again():
    """An ExtractionTimeout raised inside a garbage-collector callback is dropped by Python (unraisable);
    the limit must not hang on that: the alarm repeats until the reading stops."""
    import time

    from letopis.services.backends.local import ExtractionTimeout, _time_limit

    swallowed = 0
    with pytest.raises(ExtractionTimeout):
        with _time_limit(0.2):
            try:  # stands in for the weakref callback that ate the first alarm
                while True:
                    time.sleep(0.01)
            except ExtractionTimeout:
                swallowed += 1
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                time.sleep(0.01)
    assert swallowed == 1
