"""`letopis incidents` and `show` over a store: exports never cut silently, types checked against the
taxonomy, places and regions found in any language and case form, one JSON shape for an incident."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from letopis.db.incidents import add_incident
from letopis.model import EVENT_TYPES
from tests.db.test_queries import KHARKIV, ODESA, add_source, record_of, source_of
from tests.workflow.conftest import jsonl

UK = "30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці та посадили їх у бус.\n"
OTHER = "28 жовтня в Одесі місцеві мешканці заблокували бус ТЦК і не дали вивезти затриманого чоловіка.\n"


@contextmanager
def opened(letopis: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The data directory of `letopis`, opened in this process."""
    from letopis.config import load_config
    from letopis.services.workspace import open_workspace

    with monkeypatch.context() as patch:
        for key in ("LETOPIS_DATA", "LETOPIS_DATABASE_URL", "LETOPIS_COLLECTOR"):
            if key in letopis.env:
                patch.setenv(key, letopis.env[key])
            else:
                patch.delenv(key, raising=False)
        workspace = open_workspace(load_config())
    try:
        yield workspace
    finally:
        workspace.close()


def store_incidents(letopis: Any, monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    """``count`` incidents in Odesa on distinct days, one source."""
    with opened(letopis, monkeypatch) as workspace:
        source = source_of(add_source(workspace.db, "https://t.me/c/1", OTHER))
        with workspace.db.session() as session:
            for n in range(count):
                day = f"2025-{1 + n // 28:02d}-{1 + n % 28:02d}"
                add_incident(session, record_of(OTHER, OTHER.strip(), date=day, location=ODESA,
                                                        event_type="resistance"), source_id=source)


def csv_rows(proc: Any) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(proc.stdout.decode())))


def test_exports_write_every_incident_however_many(letopis: Callable[..., Any], monkeypatch: pytest.MonkeyPatch):
    store_incidents(letopis, monkeypatch, 150)
    for fmt, read in (("csv", csv_rows), ("jsonl", jsonl)):
        proc = letopis("incidents", "--format", fmt)
        rows = read(proc)
        assert len(rows) == 150 and len({row["id"] for row in rows}) == 150, fmt
        assert proc.stderr.decode() == ""
    assert len(csv_rows(letopis("incidents", "--format", "csv", "--limit", "150"))) == 150  # a limit that cuts nothing


def test_an_explicit_limit_that_cuts_an_export_says_what_it_left_out_and_fails(
    letopis: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
):
    store_incidents(letopis, monkeypatch, 30)
    for fmt, read in (("csv", csv_rows), ("jsonl", jsonl)):
        proc = letopis("incidents", "--format", fmt, "--limit", "12", check=False)
        assert proc.returncode == 1 and len(read(proc)) == 12
        err = proc.stderr.decode()
        assert "12 of 30" in err and "18 left out" in err and len(err.strip().splitlines()) == 1, err


def test_the_table_shows_the_first_hundred_and_says_how_many_there_are(
    letopis: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
):
    store_incidents(letopis, monkeypatch, 105)
    proc = letopis("incidents")
    assert len(proc.stdout.decode().splitlines()) == 1 + 100
    assert "105 incident(s), first 100 shown" in proc.stderr.decode()


def test_type_is_checked_against_the_taxonomy(letopis: Callable[..., Any]):
    proc = letopis("incidents", "--type", "riot", check=False)
    err = proc.stderr.decode().strip()
    assert proc.returncode == 2 and len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert "'riot'" in err and all(event_type in err for event_type in EVENT_TYPES)
    assert letopis("incidents", "--type", "resistance", "--format", "jsonl").returncode == 0
    assert letopis("incidents", "--type", "Border_Incident", "--format", "jsonl").returncode == 0


def two_places(letopis: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    with opened(letopis, monkeypatch) as workspace:
        kharkiv = source_of(add_source(workspace.db, "https://t.me/a/1", UK))
        odesa = source_of(add_source(workspace.db, "https://t.me/b/1", OTHER))
        with workspace.db.session() as session:
            a = add_incident(session, record_of(UK, UK.strip(), location=KHARKIV), source_id=kharkiv)
            b = add_incident(session, record_of(OTHER, OTHER.strip(), location=ODESA,
                                                        event_type="resistance"), source_id=odesa)
            return a.id, b.id


def test_search_finds_a_place_in_any_language_and_case_form(
    letopis: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
):
    kharkiv, odesa = two_places(letopis, monkeypatch)  # the quotes say "у Харкові" and "в Одесі"

    def found(*args: str) -> list[int]:
        return [row["id"] for row in jsonl(letopis("incidents", "--format", "jsonl", *args))]

    for typed in ("Харків", "харків", "ХАРКІВ", "Харкові", "у Харкові", "Харьков", "Харькове", "Kharkiv",
                  "kharkov", "Харківщина", "Харківська область"):
        assert found("--q", typed) == [kharkiv], typed
    assert found("--q", "Одеса") == [odesa]
    assert found("--q", "Харків ТЦК", "--type", "mobilization_detention") == [kharkiv]  # the README's search
    assert found("--q", "Харків заблокували") == []  # every word must still match
    assert found("--q", "Київ") == []


def test_admin1_in_any_language_and_case(letopis: Callable[..., Any], monkeypatch: pytest.MonkeyPatch):
    kharkiv, odesa = two_places(letopis, monkeypatch)
    for typed in ("Kharkiv Oblast", "kharkiv oblast", "KHARKIV OBLAST", "Харківська область", "на Харківщині",
                  "Харьковская область", "Kharkov region"):
        rows = jsonl(letopis("incidents", "--format", "jsonl", "--admin1", typed))
        assert [row["id"] for row in rows] == [kharkiv], typed
    assert [r["id"] for r in jsonl(letopis("incidents", "--format", "jsonl", "--admin1", "одеська область"))] == [odesa]
    assert jsonl(letopis("incidents", "--format", "jsonl", "--admin1", "Atlantis")) == []


def test_one_json_shape_for_an_incident_everywhere(letopis: Callable[..., Any], tmp_path: Path):
    from letopis.publish.shape import RECORD_FIELDS

    report = tmp_path / "report.txt"
    report.write_text(UK, encoding="utf-8")
    [extracted] = [r for r in jsonl(letopis("extract", str(report), "--published", "2025-10-31"))
                   if r["kind"] == "incident"]
    letopis("ingest", str(report), "--published", "2025-10-31")
    [listed] = jsonl(letopis("incidents", "--format", "jsonl"))
    shown = json.loads(letopis("show", str(listed["id"]), "--json").stdout.decode())

    assert list(extracted) == list(RECORD_FIELDS)
    assert list(listed) == ["id", "status", "sensitivity", *RECORD_FIELDS, "engine", "sources", "corroboration",
                            "edits"]
    assert listed["corroboration"] == {"origins": 1, "by_kind": {"unknown": 1}, "sources": 1, "grades": {},
                                       "reported_by": None, "information": {
                                           "grade": "3", "meaning": "possibly true",
                                           "reason": "one origin, not corroborated"}}
    assert shown == listed
    assert {key: listed[key] for key in RECORD_FIELDS} == extracted  # one source: the record it gave
    assert extracted["location"]["name"] == "Kharkiv" and listed["status"] == "candidate"
    [source] = listed["sources"]
    assert source["quote"] == extracted["quote"] and source["locator"].endswith("report.txt")
    header = next(csv.reader(io.StringIO(letopis("incidents", "--format", "csv").stdout.decode())))
    assert header[:2] == ["id", "status"] and "location_name" in header and "quote" in header
