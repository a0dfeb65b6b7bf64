"""An ingest holds SQLite's write lock only while it writes a group, never while its texts are extracted: another
writer (or `verify`, appending its custody entry) waits for a commit, not for extraction (issue 13)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from letopis.config import load_config
from letopis.extract.engine import Engine
from letopis.model import Capture, IngestSummary
from letopis.services.ingest import Ingestor
from letopis.services.workspace import init_workspace

PLACES = ("Харкові", "Одесі", "Львові", "Дніпрі", "Полтаві")


def test_the_write_lock_is_free_while_captures_are_read_and_extracted(tmp_path: Path) -> None:
    workspace, _, _ = init_workspace(load_config({"data": tmp_path / "data", "collector": "tester"}))
    folder = tmp_path / "in"
    folder.mkdir()
    for i, place in enumerate(PLACES):
        (folder / f"r{i}.txt").write_text(f"{1 + i} жовтня у {place} працівники ТЦК затримали чоловіка.\n",
                                          encoding="utf-8")
    refused: list[str] = []

    def another_writer(_summary: IngestSummary, capture: Capture) -> None:
        """Called as each capture is made ready, while the ingest runs: may another process write now?"""
        other = sqlite3.connect(tmp_path / "data" / "letopis.sqlite3", timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        except sqlite3.OperationalError as error:
            refused.append(f"{capture.locator}: {error}")
        finally:
            other.close()

    try:
        summary = Ingestor(db=workspace.db, store=workspace.store, engine=Engine(), collector="tester", workers=0,
                           progress=another_writer).run([str(folder)], published=date(2025, 10, 31))
    finally:
        workspace.close()
    assert summary.sources_new == len(PLACES)
    assert refused == []
