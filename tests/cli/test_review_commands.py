"""`letopis edit`, `flags`, `statistics`, `counts`, `map`, `testimony revoke` over a store (both backends):
thin faces over the services, one-line errors and a non-zero exit on bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from letopis.db.incidents import add_incident, add_statistic
from letopis.db.review import add_merge_flag
from tests.cli.test_incidents_command import OTHER, UK, csv_rows, opened
from tests.db.test_queries import KHARKIV, ODESA, add_source, record_of, source_of
from tests.workflow.conftest import jsonl


def store_pair(letopis: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Incident 1 (Kharkiv) and 2 (Odesa), flag 1 between them, and one statistic."""
    with opened(letopis, monkeypatch) as workspace:
        first = source_of(add_source(workspace.db, "https://example.org/uk", UK))
        second = source_of(add_source(workspace.db, "https://example.org/other", OTHER))
        with workspace.db.session() as session:
            a = add_incident(session, record_of(UK, UK.strip(), date="2025-10-30", location=KHARKIV),
                                     source_id=first)
            b = add_incident(session, record_of(OTHER, OTHER.strip(), date="2025-10-28", location=ODESA,
                                                        event_type="resistance"), source_id=second)
            add_merge_flag(session, a.id, b.id, score=0.61, reason="same week; same bus")
            add_statistic(session, record_of(UK, "двох", kind="statistic", event_type="statistic",
                                                     metric="detentions", value=2, period="2025-10", date="2025-10",
                                                     date_precision="month", location=KHARKIV),
                                  source_id=first)


def fails(proc: Any, status: int, *words: str) -> None:
    """Exit ``status``; stderr one line naming ``words`` (click's own usage errors add its usage lines)."""
    err = proc.stderr.decode().strip()
    assert proc.returncode == status, err
    assert "Traceback" not in err, err
    if not err.startswith("Usage:"):
        assert len(err.splitlines()) == 1, err
    assert all(word in err for word in words), err


def test_edit_changes_fields_with_a_reason(letopis: Callable[..., Any], monkeypatch: pytest.MonkeyPatch):
    store_pair(letopis, monkeypatch)
    out = letopis("edit", "1", "--type", "resistance", "--detained", "3", "--reason", "second source").stdout
    assert out.decode().splitlines() == ["incident 1: event_type mobilization_detention -> resistance",
                                         "incident 1: detained 1 -> 3"]
    [shown] = [json.loads(letopis("show", "1", "--json").stdout)]
    assert [(e["field"], e["reason"]) for e in shown["edits"]] == [("event_type", "second source"),
                                                                    ("detained", "second source")]
    assert "(second source)" in letopis("show", "1").stdout.decode()
    again = letopis("edit", "1", "--detained", "3", "--reason", "again").stdout.decode()
    assert "nothing changed" in again


def test_edit_refuses_bad_input_in_one_line(letopis: Callable[..., Any], monkeypatch: pytest.MonkeyPatch):
    store_pair(letopis, monkeypatch)
    fails(letopis("edit", "1", "--detained", "3", check=False), 2, "Missing option '--reason'")
    fails(letopis("edit", "1", "--reason", "r", check=False), 2, "give at least one field")
    fails(letopis("edit", "9", "--detained", "3", "--reason", "r", check=False), 2, "no incident 9")
    fails(letopis("edit", "1", "--type", "riot", "--reason", "r", check=False), 2,
          "unknown event type 'riot'; the types are: mobilization_detention, resistance")
    fails(letopis("edit", "1", "--date", "2025-02-30", "--reason", "r", check=False), 2,
          "date: YYYY, YYYY-MM or YYYY-MM-DD, a real day, got '2025-02-30'")


def test_flags_are_listed_and_resolved(letopis: Callable[..., Any], monkeypatch: pytest.MonkeyPatch):
    store_pair(letopis, monkeypatch)
    listed = letopis("flags", "list")
    table = listed.stdout.decode().splitlines()
    assert table[0].split()[:4] == ["flag", "status", "score", "a"] and table[1].split()[:4] == ["1", "open", "0.61",
                                                                                                "1"]
    assert "1 open merge flag(s)" in listed.stderr.decode()
    [row] = jsonl(letopis("flags", "list", "--format", "jsonl"))
    assert (row["a"], row["b"], row["a_place"], row["b_place"]) == (1, 2, "Kharkiv", "Odesa")
    fails(letopis("flags", "resolve", "1", "--reason", "r", check=False), 2, "one of --merge or --keep-apart")
    fails(letopis("flags", "resolve", "7", "--merge", "--reason", "r", check=False), 2, "no merge flag 7")
    fails(letopis("flags", "resolve", "1", "--merge", check=False), 2, "Missing option '--reason'")
    out = letopis("flags", "resolve", "1", "--keep-apart", "--reason", "two towns").stdout.decode()
    assert out.strip() == "flag 1: incidents 1 and 2 kept apart"
    assert letopis("flags", "list").stdout.decode().splitlines()[1:] == []
    [row] = jsonl(letopis("flags", "list", "--all", "--format", "jsonl"))
    assert (row["status"], row["resolution"], row["resolved_by"]) == ("dismissed", "two towns", "tester")
    fails(letopis("flags", "resolve", "1", "--merge", "--reason", "r", check=False), 2, "already resolved")
    assert letopis("log", "verify").stdout.decode().strip() == "custody log: ok"


def test_a_flag_resolved_by_merging(letopis: Callable[..., Any], monkeypatch: pytest.MonkeyPatch):
    store_pair(letopis, monkeypatch)
    out = letopis("flags", "resolve", "1", "--merge", "--keep", "2", "--reason", "same bus").stdout.decode()
    assert out.strip() == "flag 1: incident 1 merged into incident 2"
    assert [r["id"] for r in jsonl(letopis("incidents", "--format", "jsonl"))] == [2]


def test_statistics_list_with_filters_and_formats(letopis: Callable[..., Any], monkeypatch: pytest.MonkeyPatch):
    store_pair(letopis, monkeypatch)
    table = letopis("statistics")
    assert table.stdout.decode().splitlines()[1].split()[:5] == ["1", "2025-10", "detentions", "2", "Kharkiv"]
    assert "1 statistic(s)" in table.stderr.decode()
    [row] = jsonl(letopis("statistics", "--metric", "detentions", "--place", "Харківська область", "--format",
                          "jsonl"))
    assert (row["value"], row["period"], row["locator"]) == (2, "2025-10", "https://example.org/uk")
    [row] = csv_rows(letopis("statistics", "--from", "2025-10-15", "--to", "2025-10-20", "--format", "csv"))
    assert row["metric"] == "detentions"
    assert csv_rows(letopis("statistics", "--place", "Одеса", "--format", "csv")) == []
    fails(letopis("statistics", "--metric", "deserters", check=False), 2,
          "no statistic has metric 'deserters'; the stored metrics are: detentions")
    fails(letopis("statistics", "--from", "15.10.2025", check=False), 2, "--from must be a date as YYYY-MM-DD")


def test_counts_and_map(letopis: Callable[..., Any], monkeypatch: pytest.MonkeyPatch):
    store_pair(letopis, monkeypatch)
    rows = csv_rows(letopis("counts", "--by", "month", "--format", "csv"))
    assert rows == [{"period": "2025-10", "event_type": "mobilization_detention", "admin1": "Kharkiv Oblast",
                     "count": "1"},
                    {"period": "2025-10", "event_type": "resistance", "admin1": "Odesa Oblast", "count": "1"}]
    rows = csv_rows(letopis("counts", "--by", "week", "--no-type", "--no-region", "--type", "resistance",
                            "--format", "csv"))
    assert rows == [{"period": "2025-10-27", "count": "1"}]
    fails(letopis("counts", "--type", "riot", check=False), 2, "--type: unknown event type 'riot'")
    collection = json.loads(letopis("map", "--bbox", "29,45,32,47").stdout)
    assert [f["properties"]["location_name"] for f in collection["features"]] == ["Odesa"]
    fails(letopis("map", "--bbox", "29,45,32", check=False), 2, "four numbers WEST,SOUTH,EAST,NORTH")


def test_sources_and_failures(letopis: Callable[..., Any], monkeypatch: pytest.MonkeyPatch):
    store_pair(letopis, monkeypatch)
    rows = csv_rows(letopis("sources", "--format", "csv"))
    assert [(r["locator"], r["incidents"], r["statistics"]) for r in rows] == [
        ("https://example.org/other", "1", "0"), ("https://example.org/uk", "1", "1")]
    table = letopis("sources", "--failed")
    assert "0 failure(s)" in table.stderr.decode()
    cut = letopis("sources", "--format", "jsonl", "--limit", "1", check=False)
    assert cut.returncode == 1 and len(jsonl(cut)) == 1
    assert "cut the export: 1 of 2 sources written" in cut.stderr.decode()
