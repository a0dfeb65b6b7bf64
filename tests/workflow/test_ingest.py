"""Ingest, re-ingest, merging across sources and languages, failures, search and show."""

from __future__ import annotations

import gzip
from pathlib import Path

from tests.workflow.conftest import jsonl

ROOT = Path(__file__).resolve().parents[2]

UK = "30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці та посадили їх у бус.\n"
EN = "On October 30, recruitment officers in Kharkov detained two men at a bus stop and forced them into a van.\n"
UK2 = "Учора в Харкові група оповіщення ТЦК затримала двох чоловіків біля зупинки громадського транспорту.\n"
OTHER = "28 жовтня в Одесі місцеві мешканці заблокували бус ТЦК і не дали вивезти затриманого чоловіка.\n"


def test_three_sources_in_two_languages_make_one_incident(letopis, tmp_path):
    for name, text in (("a.txt", UK), ("b.txt", EN), ("c.txt", UK2), ("d.txt", OTHER)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = letopis("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "c.txt"),
                  str(tmp_path / "d.txt"), "--published", "2025-10-31").stdout.decode()
    assert "sources: 4 new" in out and "incidents: 2 new, 2 merged" in out, out
    rows = jsonl(letopis("incidents", "--format", "jsonl"))
    assert len(rows) == 2
    kharkiv = next(r for r in rows if r["location"]["name"] == "Kharkiv")
    assert len(kharkiv["sources"]) == 3 and kharkiv["date"] == "2025-10-30"
    shown = letopis("show", str(kharkiv["id"])).stdout.decode()
    assert shown.count("[source ") == 3 and "merged because" in shown
    assert "Kharkov" in shown and "Харкові" in shown  # every quote kept


def test_reingest_adds_a_capture_and_nothing_else(letopis, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(UK + OTHER, encoding="utf-8")
    first = letopis("ingest", str(report), "--published", "2025-10-31").stdout.decode()
    assert "sources: 1 new" in first and "incidents: 2 new" in first
    again = letopis("ingest", str(report), "--published", "2025-10-31").stdout.decode()
    assert "sources: 0 new, 1 already known" in again and "incidents: 0 new, 0 merged" in again
    assert len(jsonl(letopis("incidents", "--format", "jsonl"))) == 2
    assert "ok" in letopis("verify").stdout.decode()
    assert "ok" in letopis("log", "verify").stdout.decode()


def test_samples_folder_search_and_filters(letopis):
    letopis("ingest", str(ROOT / "samples"), "--published", "2025-11-03")
    everything = jsonl(letopis("incidents", "--format", "jsonl", "--limit", "500"))
    assert len(everything) >= 8
    found = jsonl(letopis("incidents", "--q", "Харкові", "--format", "jsonl"))
    assert found and all(r["location"]["name"] == "Kharkiv" for r in found)
    typed = jsonl(letopis("incidents", "--type", "resistance", "--format", "jsonl"))
    assert typed and all(r["event_type"] == "resistance" for r in typed)
    dated = jsonl(letopis("incidents", "--from", "2025-10-29", "--to", "2025-10-29", "--format", "jsonl"))
    assert dated and all(r["date"].startswith("2025-10") for r in dated)
    table = letopis("incidents").stdout.decode()
    assert "Kharkiv" in table and "id" in table.splitlines()[0]


def test_failures_are_recorded_and_the_batch_goes_on(letopis, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(UK, encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    broken = tmp_path / "export"
    broken.mkdir()
    (broken / "result.json").write_text('{"name": "x", "type": "public_channel", "id": 1, "messages": [{"id": 1, '
                                        '"type": "message", "date": "2025-10-30T10:00:00", "date_unixtime": '
                                        '"1761818400", "text": "' + UK.strip() + '"}, {"id": 2, "ty', encoding="utf-8")
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"A" * (60 * 1024 * 1024)))
    proc = letopis("ingest", str(good), str(binary), str(broken), str(bomb), str(tmp_path / "missing.pdf"),
                   "--published", "2025-10-31", check=False)
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert "Traceback" not in err
    assert err.count("failed:") >= 4, err
    out = proc.stdout.decode()
    assert "incidents: 1 new, 1 merged" in out or "incidents: 2 new" in out or "incidents: 1 new" in out
    assert "ok" in letopis("verify").stdout.decode()


def test_commands_need_an_initialised_data_directory(letopis, tmp_path):
    proc = letopis("--data", str(tmp_path / "elsewhere"), "incidents", check=False)
    assert proc.returncode == 2 and "letopis init" in proc.stderr.decode()


def test_manual_merge_split_and_status(letopis, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(UK, encoding="utf-8")
    b.write_text(OTHER, encoding="utf-8")
    letopis("ingest", str(a), str(b), "--published", "2025-10-31")
    ids = sorted(r["id"] for r in jsonl(letopis("incidents", "--format", "jsonl")))
    assert len(ids) == 2
    letopis("merge", str(ids[0]), str(ids[1]))
    rows = jsonl(letopis("incidents", "--format", "jsonl"))
    assert len(rows) == 1 and len(rows[0]["sources"]) == 2
    detail = letopis("show", str(ids[0]), "--json").stdout.decode()
    import json
    source_ids = [s["source_id"] for s in json.loads(detail)["sources"]]
    letopis("split", str(ids[0]), str(source_ids[1]))
    assert len(jsonl(letopis("incidents", "--format", "jsonl"))) == 2
    letopis("status", str(ids[0]), "verified")
    verified = jsonl(letopis("incidents", "--status", "verified", "--format", "jsonl"))
    assert [r["id"] for r in verified] == [ids[0]]
    shown = letopis("show", str(ids[0])).stdout.decode()
    assert "status 'candidate' -> 'verified'" in shown
    assert "ok" in letopis("log", "verify").stdout.decode()
    bad = letopis("merge", str(ids[0]), "99999", check=False)
    assert bad.returncode == 2 and "no incident 99999" in bad.stderr.decode()


def test_ingest_lists_what_a_folder_skipped_and_the_scans_it_kept(letopis, tmp_path):
    from tests.sources.conftest import image_only_pdf

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(UK, encoding="utf-8")
    (folder / "scan.pdf").write_bytes(image_only_pdf())
    (folder / "notes.odt").write_bytes(b"PK\x03\x04 not read")
    proc = letopis("ingest", str(folder), "--published", "2025-10-31")  # exit 0: nothing failed
    err = proc.stderr.decode()
    assert f"skipped: {(folder / 'notes.odt').resolve()}: unsupported file type (.odt)" in err
    assert (f"kept, not read: {(folder / 'scan.pdf').resolve()}: needs OCR: the PDF has no text layer "
            "(scanned?)") in err
    out = proc.stdout.decode()
    assert "sources: 2 new, 0 already known, 0 failed, 1 kept but need OCR;" in out and out.rstrip().endswith(
        "; skipped: 1")
    assert "ok" in letopis("verify").stdout.decode()
