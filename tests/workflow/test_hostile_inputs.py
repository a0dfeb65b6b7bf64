"""Inputs that used to be refused without trace or misread, through `letopis ingest` on a fresh data directory.

Each test is the reproduction of a defect a tester found (issue 13): the
bytes of every refused input are kept as evidence; a truncated .gz fails;
a text that mentions ``%PDF-`` is text; UTF-16 without a BOM is decoded; a
lying ``<meta charset>`` loses to a clean decoding; a feed with a DOCTYPE is
a feed; a server that drips its headers meets the overall deadline; a URL body
over the size cap is kept up to the cap, marked truncated; media over the
size cap are failures of their own.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from pathlib import Path

import pytest

from letopis.evidence.store import ObjectStore, StoredObject
from tests.sources.conftest import image_only_pdf
from tests.workflow.conftest import jsonl
from tests.workflow.loopback import dripping, serving

UK = "30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці та посадили їх у бус.\n"
RU = "30 октября в Харькове сотрудники ТЦК задержали двух мужчин на остановке и посадили их в бус.\n"

sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _stored(data_dir: Path) -> dict[str, StoredObject]:
    return {o.name: o for o in ObjectStore.in_data_dir(data_dir).iter_objects()}


def _read(data_dir: Path, sha: str) -> bytes:
    return ObjectStore.in_data_dir(data_dir).read_bytes(sha)


def _locked_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _failures(letopis) -> dict[str, dict]:
    return {row["locator"]: row for row in jsonl(letopis("sources", "--failed", "--format", "jsonl"))}


def test_the_bytes_of_refused_inputs_are_kept_once(letopis, database_url, tmp_path):
    files = {"locked.pdf": _locked_pdf(), "scan.pdf": image_only_pdf(),
             "binary.txt": bytes(range(256)) * 16, "cut.txt.gz": gzip.compress(UK.encode() * 50)[:60]}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    routes = {"/broken": (500, "text/html", b"<html><body>Internal Server Error</body></html>")}
    with serving(routes) as base:
        sources = [str(tmp_path / name) for name in files] + [base + "/broken"]
        first = letopis("ingest", *sources, check=False)
        assert first.returncode == 1 and "Traceback" not in first.stderr.decode()
        stored = _stored(letopis.data)
        again = letopis("ingest", *sources, check=False)
    assert again.returncode == 1
    # The second run stored no second copy: only the new fetch's own WARC (a new exchange) is new.
    new = {sha: path for sha, path in _stored(letopis.data).items() if sha not in stored}
    assert len(new) == 1 and _read(letopis.data, next(iter(new)))[:2] == b"\x1f\x8b"

    failures = _failures(letopis)
    for name, data in files.items():
        row = failures[str(tmp_path / name)]
        digest = hashlib.sha256(data).hexdigest()
        assert row["kept"] == digest and digest in stored, (name, row)
        assert not stored[digest].writable  # write-once
    assert "encrypted" in failures[str(tmp_path / "locked.pdf")]["reason"]
    assert "truncated" in failures[str(tmp_path / "cut.txt.gz")]["reason"]
    page = failures[base + "/broken"]
    assert page["reason"] == "HTTP 500" and page["kept"] in stored
    assert _read(letopis.data, page["kept"]).startswith(b"<html>")
    assert "ok" in letopis("verify").stdout.decode()
    assert "ok" in letopis("log", "verify").stdout.decode()
    # A refused read has its custody entry naming the bytes kept and the reason; refused again the same way,
    # the recorded failure is reused (no second capture or entry).
    entries = _collect_entries(database_url, letopis.data)
    locked = [e for e in entries if e["locator"] == str(tmp_path / "locked.pdf")]
    assert len(locked) == 1 and all(e["error"] == "PDF is encrypted with a password" for e in locked)
    assert all(e["artefacts"][0]["sha256"] == hashlib.sha256(files["locked.pdf"]).hexdigest() for e in locked)


def _collect_entries(database_url: str, data_dir: Path) -> list[dict]:
    from sqlalchemy import select

    from letopis.db import open_database
    from letopis.db.models import CustodyEntry

    db = open_database(database_url if database_url.startswith("postgresql")
                       else f"sqlite+pysqlite:///{data_dir / 'letopis.sqlite3'}")
    try:
        with db.session(readonly=True) as session:
            return [json.loads(details) for details in session.scalars(
                select(CustodyEntry.details).where(CustodyEntry.event == "collect").order_by(CustodyEntry.seq))]
    finally:
        db.dispose()


@sqlite_only
def test_truncated_gzip_is_a_failure_not_a_short_text(letopis, tmp_path):
    whole = gzip.compress((UK * 200).encode())
    cut = tmp_path / "report.txt.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    proc = letopis("ingest", str(cut), check=False)
    assert proc.returncode == 1
    assert f"failed: {cut}: truncated gzip data" in proc.stderr.decode()
    assert hashlib.sha256(cut.read_bytes()).hexdigest() in _stored(letopis.data)


@sqlite_only
def test_text_mentioning_pdf_magic_and_utf16_without_bom_are_read(letopis, tmp_path):
    mention = tmp_path / "formats.txt"
    mention.write_text("A PDF file starts with %PDF-1.7 and then its objects.\n" + UK, encoding="utf-8")
    le, be = tmp_path / "le.txt", tmp_path / "be.txt"
    le.write_bytes(UK.encode("utf-16-le"))
    be.write_bytes(RU.encode("utf-16-be"))
    proc = letopis("ingest", str(mention), str(le), str(be), "--published", "2025-10-31", check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    assert "sources: 3 new" in proc.stdout.decode()
    assert _failures(letopis) == {}
    incidents = jsonl(letopis("incidents", "--format", "jsonl"))
    assert incidents and all(i["location"]["name"] == "Kharkiv" for i in incidents)
    shown = letopis("show", str(incidents[0]["id"])).stdout.decode()
    assert "Харкові" in shown and "Харькове" in shown


@sqlite_only
def test_lying_meta_charset_loses_to_a_clean_decoding(letopis, tmp_path):
    page = tmp_path / "page.html"
    body = f"<p>{UK}</p><p>{UK}</p>"
    page.write_bytes(('<html><head><meta charset="windows-1252"><title>Звіт</title></head><body>'
                      f"<article>{body}</article></body></html>").encode("cp1251"))
    koi = tmp_path / "koi.html"
    koi.write_bytes(('<html><head><meta charset="windows-1251"><title>Отчёт</title></head><body>'
                     f"<article><p>{RU}</p><p>{RU}</p></article></body></html>").encode("koi8_r"))
    letopis("ingest", str(page), str(koi), "--published", "2025-10-31")
    incidents = jsonl(letopis("incidents", "--format", "jsonl"))
    assert incidents
    shown = letopis("show", str(incidents[0]["id"])).stdout.decode()
    assert "Харкові" in shown and "Харькове" in shown


@sqlite_only
def test_a_feed_with_a_doctype_is_read_as_a_feed(letopis, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
                    '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel>'
                    "<title>Новини</title><link>https://example.org/</link><description>d</description>"
                    f"<item><title>Затримання</title><link>https://example.org/1</link><description>{UK}"
                    "</description></item></channel></rss>\n", encoding="utf-8")
    letopis("ingest", str(feed), "--published", "2025-10-31")
    kinds = {row["kind"]: row["locator"] for row in jsonl(letopis("sources", "--format", "jsonl"))}
    assert kinds.get("feed_item") == "https://example.org/1", kinds


@sqlite_only
def test_a_server_dripping_its_headers_meets_the_overall_deadline(letopis):
    letopis.env["LETOPIS_TIMEOUT_S"] = "1"  # so the whole response gets 6 s
    with dripping(0.5) as url:
        proc = letopis("ingest", url, check=False)
    assert proc.returncode == 1
    assert f"failed: {url}: timed out after 6 s (whole response)" in proc.stderr.decode()
    assert url in _failures(letopis)


@sqlite_only
def test_a_url_body_over_the_cap_is_kept_up_to_the_cap_marked_truncated(letopis):
    from warcio.archiveiterator import ArchiveIterator

    letopis.env["LETOPIS_MAX_FILE_MB"] = "1"
    cap = 1024 * 1024
    sized, unsized = (UK * 15_000).encode(), (RU * 15_000).encode()  # about 2.5 MB each
    routes = {"/sized": (200, "text/plain; charset=utf-8", sized), "/unsized": (200, "text/plain", unsized)}
    with serving(routes, unsized={"/unsized"}) as base:
        proc = letopis("ingest", base + "/sized", base + "/unsized", check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr.decode()
    failures = _failures(letopis)
    for path, body in (("/sized", sized), ("/unsized", unsized)):
        url = base + path
        reason = "response larger than the 1 MB cap: the first 1 MB kept, marked truncated"
        assert f"failed: {url}: {reason}" in proc.stderr.decode()
        row = failures[url]
        assert row["reason"] == reason
        assert _read(letopis.data, row["kept"]) == body[:cap]
        [(metadata, warc)] = _capture_of(letopis.data, url)
        kept = json.loads(metadata)
        assert (kept["partial"], kept["read_bytes"], kept["truncated"]) == (True, cap, "length")
        [(marked, payload)] = [(r.rec_headers.get_header("WARC-Truncated"), r.content_stream().read())
                               for r in ArchiveIterator(io.BytesIO(_read(letopis.data, warc)))
                               if r.rec_type == "response"]
        assert marked == "length" and payload == body[:cap]
    assert "ok" in letopis("verify").stdout.decode()


def _capture_of(data_dir: Path, locator: str) -> list[tuple[str, str]]:
    """(metadata, the WARC's SHA-256) of each capture of ``locator``."""
    import sqlite3

    with sqlite3.connect(data_dir / "letopis.sqlite3") as db:
        return db.execute("SELECT c.metadata, lower(hex(a.sha256)) FROM captures c JOIN capture_artefacts a "
                          "ON a.capture_id = c.id AND a.role = 'warc' WHERE c.locator = ?", (locator,)).fetchall()


@sqlite_only
def test_telegram_media_over_the_cap_fail_alone(letopis, tmp_path):
    export = tmp_path / "export"
    (export / "photos").mkdir(parents=True)
    (export / "photos" / "small.jpg").write_bytes(b"\xff\xd8\xff" + b"\x00" * 1000)
    with (export / "photos" / "big.jpg").open("wb") as fh:
        fh.truncate(3 * 1024 * 1024)
    messages = [{"id": 1, "type": "message", "date": "2025-10-30T10:00:00", "date_unixtime": "1761818400",
                 "text": UK.strip(), "photo": "photos/big.jpg"},
                {"id": 2, "type": "message", "date": "2025-10-30T11:00:00", "date_unixtime": "1761822000",
                 "text": "", "photo": "photos/small.jpg"}]
    (export / "result.json").write_text(json.dumps({"name": "Хроніка", "type": "public_channel", "id": 77,
                                                    "messages": messages}, ensure_ascii=False), encoding="utf-8")
    letopis.env["LETOPIS_MAX_FILE_MB"] = "2"
    proc = letopis("ingest", str(export), check=False)
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert "failed: telegram:77/1#media:big.jpg: media file of 3 MB is larger than the 2 MB cap: not kept" in err
    stored = _stored(letopis.data)
    assert hashlib.sha256((export / "photos" / "small.jpg").read_bytes()).hexdigest() in stored
    assert all(len(_read(letopis.data, sha)) < 2 * 1024 * 1024 for sha in stored)
    assert len(jsonl(letopis("incidents", "--format", "jsonl"))) == 1  # the message itself was read
