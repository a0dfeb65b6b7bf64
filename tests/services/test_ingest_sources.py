"""The ingest service and the ways sources come in (issue 9): one source per content, scans kept as
evidence, Telegram HTML exports, .docx, folders that say what they skipped. SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
from sqlalchemy import select

from letopis.config import load_config
from letopis.db.models import Capture, CaptureArtefact, CustodyEntry, IncidentSource, Source
from letopis.extract.engine import Engine
from letopis.services.ingest import Ingestor
from letopis.services.verify import verify_custody_log, verify_evidence
from letopis.services.workspace import init_workspace
from letopis.sources import HttpxFetcher
from tests.sources.conftest import docx_bytes, image_only_pdf, telegram_html_message, telegram_html_page

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


def test_a_scanned_pdf_is_kept_as_evidence_and_reported_as_needing_ocr(database_url, tmp_path):
    workspace = _workspace(database_url, tmp_path)
    scan = tmp_path / "scan.pdf"
    data = image_only_pdf()
    scan.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    summary = _ingest(workspace, [str(scan), str(good)])
    sha = hashlib.sha256(data).hexdigest()
    assert summary.failed == 0 and summary.failures == []
    assert summary.needs_ocr == 1 and summary.sources_new == 2 and summary.incidents_new == 1
    assert summary.notices == [(str(scan.resolve()), "needs OCR: the PDF has no text layer (scanned?)")]
    assert "1 kept but need OCR" in summary.line()
    with workspace.store.open(sha) as fh:
        assert fh.read() == data  # the original, write-once, under its SHA-256
    with workspace.db.session(readonly=True) as session:
        source = session.scalars(select(Source).where(Source.original_sha256 == sha)).one()
        assert source.kind == "pdf"
        capture = session.scalars(select(Capture).where(Capture.source_id == source.id)).one()
        assert capture.error == "needs OCR: the PDF has no text layer (scanned?)"
        assert capture.metadata_["needs"] == "ocr"
        assert [(a.role, a.sha256) for a in session.scalars(select(CaptureArtefact).where(
            CaptureArtefact.capture_id == capture.id))] == [("original", sha)]
        [entry] = [d for d in _collects(session) if d["locator"] == str(scan.resolve())]
        assert entry["artefacts"] == [{"role": "original", "sha256": sha, "size": len(data)}]
        assert entry["error"].startswith("needs OCR") and entry["new_source"] is True
    again = _ingest(workspace, [str(scan)])  # still needs OCR; the source is known
    assert (again.needs_ocr, again.sources_known, again.sources_new, again.failed) == (1, 1, 0, 0)
    with _serving(data, "application/pdf") as fetcher:  # the same scan by URL: the same source
        by_url = _ingest(workspace, ["https://court.example.org/scan.pdf"], fetcher)
    assert (by_url.needs_ocr, by_url.sources_known, by_url.sources_new) == (1, 1, 0)
    assert verify_evidence(workspace) == [] and verify_custody_log(workspace) == []
    workspace.close()


def test_a_folder_ingest_says_what_it_skipped_and_stores_nothing_outside(database_url, tmp_path):
    workspace = _workspace(database_url, tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("28 жовтня в Одесі сусіди заблокували бус ТЦК.\n", encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "kharkiv.txt").write_text(REPORT, encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / ".hidden.txt").write_text(REPORT, encoding="utf-8")
    (folder / "secret-link.txt").symlink_to(secret)
    summary = _ingest(workspace, [str(folder)])
    assert summary.sources_new == 1 and summary.failed == 1  # the link out is a recorded failure
    assert summary.failures == [(str(folder.resolve() / "secret-link.txt"),
                                 "symbolic link leading outside the folder: not followed")]
    assert sorted((Path(path).name, why) for path, why in summary.skipped) == [
        (".hidden.txt", "hidden file"), ("photo.png", "unsupported file type (.png)")]
    assert summary.line().endswith("; skipped: 2")
    with workspace.db.session(readonly=True) as session:
        assert sorted((c.locator, c.error) for c in session.scalars(select(Capture))) == [
            (str((folder / "kharkiv.txt").resolve()), None),
            (str(folder.resolve() / "secret-link.txt"), "symbolic link leading outside the folder: not followed")]
    assert not workspace.store.exists(hashlib.sha256(secret.read_bytes()).hexdigest())
    workspace.close()


def test_a_telegram_html_export_gives_one_dated_source_per_message(database_url, tmp_path):
    workspace = _workspace(database_url, tmp_path)
    export = tmp_path / "ChatExport_2025-11-01"
    export.mkdir()
    messages = [
        telegram_html_message(10, "30.10.2025 09:15:00 UTC+02:00", REPORT.strip()),
        telegram_html_message(11, "31.10.2025 18:05:30 UTC+02:00",
                              "28 жовтня в Одесі місцеві мешканці заблокували бус ТЦК.", joined=True),
    ]
    (export / "messages.html").write_text(telegram_html_page("Моніторинг", messages), encoding="utf-8")
    summary = _ingest(workspace, [str(export)])
    assert summary.failed == 0 and summary.sources_new == 2  # its two messages (the page is their container)
    with workspace.db.session(readonly=True) as session:
        dated = {s.locator.rsplit("#", 1)[1]: s.published for s in session.scalars(select(Source))
                 if s.kind == "telegram_message"}
    assert {k: v.astimezone(UTC) for k, v in dated.items()} == {
        "message10": datetime(2025, 10, 30, 7, 15, tzinfo=UTC), "message11": datetime(2025, 10, 31, 16, 5, 30,
                                                                                        tzinfo=UTC)}
    assert summary.incidents_new == 2
    workspace.close()


def test_a_docx_report_is_read_and_its_incident_stored(database_url, tmp_path):
    workspace = _workspace(database_url, tmp_path)
    path = tmp_path / "звіт.docx"
    path.write_bytes(docx_bytes(["Звіт монітора за жовтень", REPORT.strip()]))
    summary = _ingest(workspace, [str(path)])
    assert (summary.failed, summary.sources_new, summary.incidents_new) == (0, 1, 1)
    workspace.close()


def test_a_rerun_adds_no_capture_or_log_entry_for_what_is_recorded(database_url, tmp_path):
    """A retry after a crash, or the same folder again: items done, an export and a failing input add nothing."""
    from sqlalchemy import func

    workspace = _workspace(database_url, tmp_path)
    folder = tmp_path / "in"
    (folder / "channel").mkdir(parents=True)
    (folder / "kharkiv.txt").write_text(REPORT, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (folder / "channel" / "result.json").write_text(json.dumps({"name": "K", "type": "public_channel", "id": 7,
        "messages": [{"id": 1, "type": "message", "date": "2025-10-30T10:00:00", "text": REPORT.replace("30", "29")}]}),
        encoding="utf-8")

    def rows() -> tuple[int | None, int | None, int | None]:
        with workspace.db.session(readonly=True) as session:
            return tuple(session.scalar(select(func.count()).select_from(t).where(*(
                [CustodyEntry.event != "seal"] if t is CustodyEntry else []))) for t in (Capture, CustodyEntry, Source))
            # (seals: one per write transaction, docs/verify.md; a re-run that writes nothing adds none)

    first = _ingest(workspace, [str(folder)])
    assert (first.sources_new, first.failed) == (2, 1)  # the file and the message (the export holds it); one failed
    recorded = rows()
    again = _ingest(workspace, [str(folder)])
    assert (again.sources_new, again.sources_known, again.failed) == (0, 2, 1)  # the failure is still reported
    assert rows() == recorded
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 other bytes")  # other bytes failing: a new fact, recorded
    _ingest(workspace, [str(folder)])
    assert rows()[:2] == (recorded[0] + 1, recorded[1] + 1)
    assert verify_evidence(workspace) == [] and verify_custody_log(workspace) == []
    workspace.close()
