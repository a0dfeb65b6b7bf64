"""The gold set's reports, the engine, and what the local backend extracts from them (the reference)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from letopis.evaluation import load_gold
from letopis.extract.engine import Engine
from letopis.model import Report
from letopis.services.backends import extract_reports, open_backend

GOLD = Path(__file__).resolve().parents[2] / "gold"
SHORT = "30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці та посадили їх у бус.\n"
LONG = "у Львові працівники ТЦК затримали чоловіка, " * 15000  # no sentence end: seconds of reading


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine()


@pytest.fixture(scope="session")
def gold_reports() -> list[Report]:
    """The gold set's reports as `letopis eval` reads them."""
    return [Report(text=g.text, published=g.published, language=None) for g in load_gold(GOLD)]


def outcomes(backend: Any, reports: list[Report]) -> list[tuple[str, str, Any]]:
    """Each report's records as dicts (or its failure), in input order; the backend is closed after."""
    try:
        out = []
        for report, (status, value) in extract_reports(backend, reports):
            out.append((report.text, status, [d for _, d in value] if status == "ok" else value[0]))
        return out
    finally:
        backend.close()


@pytest.fixture(scope="session")
def local_records(engine: Engine, gold_reports: list[Report]) -> list[tuple[str, str, Any]]:
    """The reference: the gold set read in this process by the local backend."""
    records = outcomes(open_backend(None, engine, workers=0), gold_reports)
    assert all(status == "ok" for _, status, _ in records)
    assert sum(len(r) for _, _, r in records) > len(gold_reports) // 2  # the gold set is read, records come out
    return records


def letopis(data: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`letopis ARGS...` on the data directory ``data`` (SQLite), as a person runs it."""
    environment = {**os.environ, "LETOPIS_DATA": str(data), "LETOPIS_COLLECTOR": "tester", **(env or {})}
    environment.pop("LETOPIS_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "letopis.cli", *args], env=environment, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="session")
def gold_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small folder to ingest: 40 of the gold set's texts (several chunks of extraction tasks)."""
    folder = tmp_path_factory.mktemp("reports")
    for path in sorted(GOLD.rglob("*.txt"))[:40]:
        shutil.copy(path, folder / f"{path.parent.name}-{path.name}")
    return folder


def ingested(data: Path, folder: Path, *cluster: str, env: dict[str, str] | None = None,
             quiet: bool = False) -> list[str]:
    """The incidents (`letopis incidents --format jsonl`) after `letopis ingest FOLDER [--cluster ADDR]`
    (``quiet``: which wrote nothing to standard error)."""
    assert letopis(data, "init").returncode == 0
    run = letopis(data, "ingest", str(folder), "--published", "2025-11-03", *cluster, env=env)
    assert run.returncode == 0, run.stderr
    assert not quiet or run.stderr == "", run.stderr
    assert "40 new, 0 already known, 0 failed" in run.stdout
    listed = letopis(data, "incidents", "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    return listed.stdout.splitlines()


@pytest.fixture(scope="session")
def local_incidents(tmp_path_factory: pytest.TempPathFactory, gold_folder: Path) -> list[str]:
    incidents = ingested(tmp_path_factory.mktemp("local") / "data", gold_folder)
    assert len(incidents) > 20
    return incidents
