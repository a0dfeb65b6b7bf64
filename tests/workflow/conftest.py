"""Running the real `letopis` command against a data directory on SQLite or PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def letopis(database_url: str, tmp_path: Path) -> Callable[..., subprocess.CompletedProcess]:
    """Run `letopis ARGS...` with a fresh data directory (and PostgreSQL when parametrised so)."""
    env = {**os.environ, "LETOPIS_DATA": str(tmp_path / "data"), "LETOPIS_COLLECTOR": "tester"}
    env.pop("LETOPIS_DATABASE_URL", None)
    if database_url.startswith("postgresql"):
        env["LETOPIS_DATABASE_URL"] = database_url

    def run(*args: str, stdin: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run([sys.executable, "-m", "letopis.cli", *args], input=stdin, env=env,
                              capture_output=True, timeout=600)
        if check and proc.returncode != 0:
            raise AssertionError(f"letopis {' '.join(args)} -> {proc.returncode}\n{proc.stderr.decode()}")
        return proc

    run.env = env  # type: ignore[attr-defined]
    run.data = tmp_path / "data"  # type: ignore[attr-defined]
    run("init")
    return run


def jsonl(proc: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]
