"""`letopis reextract`, `reading-flags` and the engine version in `letopis show` (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from letopis.extract.version import engine_version

ROOT = Path(__file__).resolve().parents[2]


def test_show_names_the_engine_and_reextract_with_the_same_engine_reads_nothing(letopis: Any) -> None:
    letopis("ingest", str(ROOT / "samples" / "digest-uk.txt"))
    shown = letopis("show", "1").stdout.decode()
    assert f"engine    {engine_version()}" in shown and f"read by engine {engine_version()}" in shown
    out = letopis("reextract", "--dry-run").stdout.decode()
    assert out.startswith(f"engine {engine_version()}: 0 source(s) read") and "dry run, nothing changed" in out
    assert "0 open reading flag(s)" in letopis("reading-flags").stderr.decode()


def test_bad_options_are_one_line_errors(letopis: Any) -> None:
    proc = letopis("reextract", "--from", "last week", check=False)
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == "letopis: error: --from must be a date as YYYY-MM-DD, got 'last week'"
    proc = letopis("reading-flags", "resolve", "7", "--apply", "--reason", "x", check=False)
    assert proc.returncode != 0 and proc.stderr.decode().strip() == "letopis: error: no open reading flag 7"
