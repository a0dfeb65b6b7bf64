"""The ingest service and the ways sources come in (issue 9): one source per content. SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import httpx
from sqlalchemy import select

from letopis.config import load_config
from letopis.db.models import Capture, CustodyEntry, IncidentSource, Source
from letopis.extract.engine import Engine
from letopis.services.ingest import Ingestor
from letopis.services.verify import verify_custody_log, verify_evidence
from letopis.services.workspace import init_workspace
from letopis.sources import HttpxFetcher

PUBLISHED = date(2025, 10, 31)
REPORT = "30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці та посадили їх у бус.\n"
URL = "https://news.example.org/2025/10/30/kharkiv.txt"


def _workspace(database_url: str, tmp_path: Path):
    overrides = {"data": tmp_path / "data", "collector": "tester"}
    if database_url.startswith("postgresql"):
        overrides["database_url"] = database_url
    workspace, _, _ = init_workspace(load_config(overrides))
    return workspace


def _serving(body: bytes, content_type: str) -> HttpxFetcher:
    """The tests' fake network: every URL answers ``body`` (streamed, as a real transport does)."""
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": content_type}, stream=httpx.ByteStream(body))

    return HttpxFetcher(transport=httpx.MockTransport(handler))


def _ingest(workspace, sources: list[str], fetcher: HttpxFetcher | None = None):
    return Ingestor(db=workspace.db, store=workspace.store, engine=Engine(), collector="tester", workers=0,
                    fetcher=fetcher).run(sources, published=PUBLISHED)


def _collects(session) -> list[dict]:
    rows = session.scalars(select(CustodyEntry).where(CustodyEntry.event == "collect").order_by(CustodyEntry.seq))
    return [json.loads(row.details) if isinstance(row.details, str) else row.details for row in rows]


def test_the_same_bytes_from_a_file_and_a_url_are_one_source_captured_twice(database_url, tmp_path):
    workspace = _workspace(database_url, tmp_path)
    path = tmp_path / "kharkiv.txt"
    path.write_bytes(REPORT.encode("utf-8"))
    first = _ingest(workspace, [str(path)])
    with _serving(REPORT.encode("utf-8"), "text/plain; charset=utf-8") as fetcher:
        second = _ingest(workspace, [URL], fetcher)
    assert (first.sources_new, first.incidents_new) == (1, 1)
    assert (second.sources_new, second.sources_known, second.incidents_new, second.incidents_merged) == (0, 1, 0, 0)
    with workspace.db.session(readonly=True) as session:
        [source] = session.scalars(select(Source)).all()
        assert source.original_sha256 == hashlib.sha256(REPORT.encode("utf-8")).hexdigest()
        assert source.locator == str(path.resolve())  # where it was first read
        captures = session.scalars(select(Capture).order_by(Capture.id)).all()
        assert [(c.locator, c.source_id) for c in captures] == [(str(path.resolve()), source.id), (URL, source.id)]
        assert [link.source_id for link in session.scalars(select(IncidentSource))] == [source.id]
        collects = _collects(session)  # each way in is in the custody log, with the source it joined
        assert [(d["locator"], d["source_id"], d["new_source"]) for d in collects] == [
            (str(path.resolve()), source.id, True), (URL, source.id, False)]
    assert verify_evidence(workspace) == [] and verify_custody_log(workspace) == []
    workspace.close()
