"""kill -9 in every writing command, then retry: all or nothing, the log verifies, nothing doubled (issue 13).

A few runs per command (one killed at a random SQL statement where it writes,
then one after a random delay — or, for ``ingest``, whose input spans three
groups, right after one of its group commits but the last; see ``killer.py``,
which runs many more for the figures): on SQLite every command, on
PostgreSQL ingest and one decision.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.crash.killer import COMMANDS, Backend, Store, run_command, write_inputs

RUNS = 2


def _check(command_name: str, backend: Backend, tmp_path: Path, templates: dict[str, Store]) -> None:
    [command] = [c for c in COMMANDS if c.name == command_name]
    (tmp_path / "inputs").mkdir(exist_ok=True)
    write_inputs(tmp_path / "inputs")
    outcomes = run_command(command, backend, tmp_path, RUNS, seed=hash(command_name) % 1000, templates=templates,
                           report=lambda line: None)
    for outcome in outcomes:
        whole = ("none", "all", "groups") if command.batch else ("none", "all")
        assert outcome.state in whole, f"partly written after a kill at {outcome.point}"
        assert outcome.broken_groups == [], f"after a kill at {outcome.point}: {outcome.broken_groups}"
        assert outcome.consistent == [], f"after a kill at {outcome.point}: {outcome.consistent}"
        assert outcome.duplicates == {}, f"a retry after a kill at {outcome.point} doubled rows: {outcome.duplicates}"
        assert outcome.after_retry == [], f"after the retry: {outcome.after_retry}"


@pytest.fixture(scope="module")
def sqlite_work(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Store]]:
    """A folder and the template stores made in it, shared by the commands (made once)."""
    return tmp_path_factory.mktemp("crash-sqlite"), {}


@pytest.mark.parametrize("command_name", [c.name for c in COMMANDS])
def test_killed_on_sqlite(command_name: str, sqlite_work: tuple[Path, dict[str, Store]]) -> None:
    work, templates = sqlite_work
    _check(command_name, Backend("sqlite"), work, templates)


@pytest.mark.parametrize("command_name", ["ingest", "merge"])
def test_killed_on_postgresql(command_name: str, tmp_path: Path, postgres_admin_url: Any) -> None:
    backend = Backend("postgresql", postgres_admin_url.render_as_string(hide_password=False))
    try:
        _check(command_name, backend, tmp_path, {})
    finally:
        backend.drop_all()
