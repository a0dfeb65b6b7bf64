"""The ingest pipeline through the library: groups, extraction workers, failures inside a batch."""

from __future__ import annotations

import os
import signal
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from letopis.config import load_config
from letopis.db.models import Incident, IngestItem, Source
from letopis.extract.engine import Engine
from letopis.services.ingest import Ingestor
from letopis.services.sources import failures
from letopis.services.workspace import init_workspace

PUBLISHED = date(2025, 10, 31)
TEMPLATE = "{day} жовтня у Харкові працівники ТЦК затримали {count} чоловіків біля зупинки.\n"
WORDS = ["двох", "трьох", "чотирьох", "п'ятьох"]


class _Failing(Engine):
    """The real engine, except that it raises on texts that ask it to (and kills its process on others)."""

    def extract(self, report):
        if "BOOM" in report.text:
            raise RuntimeError("engine refused this text")
        if "DIE" in report.text and os.getpid() != _PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return super().extract(report)


_PARENT = os.getpid()


def _workspace(database_url: str, tmp_path: Path):
    overrides = {"data": tmp_path / "data", "collector": "tester"}
    if database_url.startswith("postgresql"):
        overrides["database_url"] = database_url
    workspace, _, _ = init_workspace(load_config(overrides))
    return workspace


def _reports(folder: Path, n: int) -> list[str]:
    folder.mkdir()
    paths = []
    for i in range(n):
        path = folder / f"r{i:03}.txt"
        # each report names its own day and count: no two merge
        path.write_text(TEMPLATE.format(day=1 + i % 28, count=WORDS[i // 28 % 4]) + f"(#{i})\n",
                        encoding="utf-8")
        paths.append(str(path))
    return paths


def _counts(workspace) -> tuple[int, int, int]:
    with workspace.db.session(readonly=True) as session:
        return (session.scalar(select(func.count()).select_from(IngestItem).where(IngestItem.state == "done")),
                session.scalar(select(func.count()).select_from(Source)),
                session.scalar(select(func.count()).select_from(Incident)))


@pytest.mark.parametrize("workers", [0, 2])
def test_small_groups_and_workers_store_everything_once(database_url, tmp_path, workers):
    workspace = _workspace(database_url, tmp_path)
    paths = _reports(tmp_path / "in", 90)
    ingestor = Ingestor(db=workspace.db, store=workspace.store, engine=Engine(), collector="tester",
                        workers=workers, group_items=7)
    summary = ingestor.run(paths, published=PUBLISHED)
    assert (summary.sources_new, summary.failed) == (90, 0)
    assert summary.incidents_new + summary.incidents_merged == 90
    assert _counts(workspace) == (90, 90, summary.incidents_new)
    again = Ingestor(db=workspace.db, store=workspace.store, engine=Engine(), collector="tester",
                     workers=workers, group_items=7).run(paths, published=PUBLISHED)
    assert (again.sources_new, again.sources_known, again.incidents_new, again.incidents_merged) == (0, 90, 0, 0)
    workspace.close()


@pytest.mark.parametrize("workers", [0, 2])
def test_an_extraction_error_fails_its_item_and_the_batch_goes_on(database_url, tmp_path, workers):
    workspace = _workspace(database_url, tmp_path)
    paths = _reports(tmp_path / "in", 20)
    bad = tmp_path / "bad.txt"
    bad.write_text("BOOM " + TEMPLATE.format(day=3, count="двох"), encoding="utf-8")
    summary = Ingestor(db=workspace.db, store=workspace.store, engine=_Failing(), collector="tester",
                       workers=workers, group_items=5).run([*paths[:10], str(bad), *paths[10:]],
                                                           published=PUBLISHED)
    assert summary.failed == 1 and summary.sources_new == 21
    assert [locator for locator, _ in summary.failures] == [str(bad)]
    assert "engine refused this text" in summary.failures[0][1]
    done, sources, _ = _counts(workspace)
    assert (done, sources) == (20, 21)  # the failed text is kept as evidence, its item failed
    failed = [f for f in failures(workspace.db) if f.what == "item"]
    assert len(failed) == 1 and failed[0].locator.startswith(str(bad)) and failed[0].source_id is not None
    assert "engine refused this text" in failed[0].reason
    workspace.close()


def test_a_dead_extraction_worker_is_replaced_by_in_process_extraction(database_url, tmp_path):
    workspace = _workspace(database_url, tmp_path)
    paths = _reports(tmp_path / "in", 40)
    dying = tmp_path / "dying.txt"
    dying.write_text("DIE " + TEMPLATE.format(day=5, count="трьох"), encoding="utf-8")
    summary = Ingestor(db=workspace.db, store=workspace.store, engine=_Failing(), collector="tester",
                       workers=1, group_items=10).run([*paths[:20], str(dying), *paths[20:]],
                                                      published=PUBLISHED)
    # the worker died on the text; its chunk went to the main process, which extracts it itself
    assert summary.failed == 0 and summary.sources_new == 41
    done, sources, incidents = _counts(workspace)
    assert (done, sources) == (41, 41) and incidents == summary.incidents_new
    workspace.close()
