"""Every hostile case of ``cases.py`` through the real ``letopis ingest``, each on a fresh data directory.

For each: the exit status; no traceback; standard error in valid UTF-8, one
item a line, no control character, every line of a known kind (so no name
forged one); the line the case names present exactly once; the summary's new
and failed counts (the rest of the batch was read) and as many ``failed:``
lines as failures; bytes from outside the folder named found nowhere in the
data directory; the peak memory of the run under 1 GiB. A run still going
after ``HANG_S`` seconds is killed and fails as a hang.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.hostile.cases import CASES, SECRET, Case
from tests.hostile.generated import generated_cases

ALL = [*CASES, *generated_cases()]

HANG_S = 300
REPORT = "LETOPIS_HOSTILE_REPORT"  # a file each case appends its figures to
MAX_RSS_KIB = 1024 * 1024
KINDS = ("skipped: ", "failed: ", "kept, not read: ", "letopis: error: ", "WARNING ", "INFO ")
SUMMARY = re.compile(r"^sources: (\d+) new, (\d+) already known, (\d+) failed;")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _env(data: Path, case: Case) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LETOPIS_")}
    return {**env, "LETOPIS_DATA": str(data), "LETOPIS_COLLECTOR": "hostile", **case.env}


def _run(args: list[str], env: dict[str, str], where: Path) -> tuple[int, bytes, bytes, int]:
    """(exit status, stdout, stderr, peak RSS in KiB of the run and the processes it waited for)."""
    out_path, err_path = where / "stdout", where / "stderr"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "letopis.cli", *args], stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL, env=env)
        guard = threading.Timer(HANG_S, proc.kill)
        guard.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            guard.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, out_path.read_bytes(), err_path.read_bytes(), usage.ru_maxrss


@pytest.fixture(scope="module")
def initialised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory after ``letopis init``, copied for each case."""
    data = tmp_path_factory.mktemp("template") / "data"
    env = _env(data, Case("init", lambda base: []))
    proc = subprocess.run([sys.executable, "-m", "letopis.cli", "init"], env=env, capture_output=True, timeout=HANG_S)
    assert proc.returncode == 0, proc.stderr.decode()
    return data


def _holds(folder: Path, needle: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


@pytest.mark.parametrize("case", ALL, ids=[case.name for case in ALL])
def test_hostile_input(case: Case, tmp_path: Path, initialised: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(initialised, data)
    base = tmp_path / "input"
    base.mkdir()
    args = case.build(base)
    started = time.monotonic()
    status, out, err, rss = _run(["ingest", *args], _env(data, case), tmp_path)
    if os.environ.get(REPORT):  # figures for the closing note: name, exit status, peak RSS (KiB), seconds
        with open(os.environ[REPORT], "a", encoding="utf-8") as report:
            report.write(f"{case.name}\t{status}\t{rss}\t{time.monotonic() - started:.1f}\t"
                         f"{int(b'Traceback' in err)}\n")

    assert status != -9, f"still running after {HANG_S} s: killed (a hang)"
    stderr = err.decode("utf-8")  # strict: no undecodable byte reached the terminal
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    for line in lines:
        assert not CONTROL.search(line), f"a control character on {line!r}"
        assert line.startswith(KINDS), f"a line of no known kind (forged?): {line!r}"
    assert status in (0, 1) if case.loose else status == case.status, stderr
    if case.line is not None:
        assert sum(case.line in line for line in lines) == 1, f"{case.line!r} not on exactly one line:\n{stderr}"
    if case.status == 2:  # refused before anything was read
        assert out == b"" and len(lines) == 1
    else:
        summary = SUMMARY.match(out.decode("utf-8").splitlines()[-1])
        assert summary is not None, out
        failures = sum(line.startswith("failed: ") for line in lines)
        if case.loose:  # the good reports beside it read; each failure on a line; exit 1 exactly when one failed
            assert int(summary[1]) >= case.new and int(summary[3]) == failures, stderr
            assert (status == 1) == (failures > 0), stderr
        else:
            assert (int(summary[1]), int(summary[3])) == (case.new, case.failed), stderr
            assert failures == case.failed
        assert _unkept(data) == [], "failed reads of files whose bytes were not kept"
    if case.secret:
        assert _holds(data, SECRET) == []
    # A child's peak RSS counts what it held before exec, i.e. this process's pages at fork (Linux keeps the
    # old mm's high-water mark): after the suite loaded Ray or Dask this process alone is gigabytes, so the
    # bound is on what the command took beyond this process's own peak.
    inherited = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert rss < MAX_RSS_KIB + inherited, f"peak memory {rss // 1024} MiB (this process: {inherited // 1024} MiB)"


def _unkept(data: Path) -> list[str]:
    """Locators of failed captures of regular files, read but with no bytes kept."""
    with closing(sqlite3.connect(data / "letopis.sqlite3")) as db:
        rows = db.execute("SELECT locator FROM captures WHERE error IS NOT NULL AND id NOT IN "
                          "(SELECT capture_id FROM capture_artefacts)").fetchall()
    return [locator for (locator,) in rows if _regular(locator)]


def _regular(locator: str) -> bool:
    path = Path(locator.removeprefix("file://"))
    try:
        return path.is_file() and not path.is_symlink()
    except OSError:
        return False


def test_the_cases_are_distinct_and_many() -> None:
    names = [case.name for case in ALL]
    assert len(set(names)) == len(names) >= 150
