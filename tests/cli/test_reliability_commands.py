"""`letopis source-profile set/list/show/seed`, `origins recompute`, and the corroboration in `incidents` and
`show` (both backends, the real command)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.workflow.conftest import jsonl

UK = "30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці та посадили їх у бус.\n"


def test_profiles_are_set_with_a_reason_kept_in_history_and_the_custody_log(letopis: Any):
    out = letopis("source-profile", "set", "https://www.Meduza.io/news/1", "--grade", "b2", "--stance",
                  "independent", "--name", "Meduza", "--country", "lv", "--reason", "two years of checked reports")
    assert "meduza.io: Meduza" in out.stdout.decode() and "B2 (usually reliable" in out.stdout.decode()
    letopis("source-profile", "set", "meduza.io", "--grade", "C", "--reason", "a retracted story in November")
    shown = letopis("source-profile", "show", "meduza.io").stdout.decode()
    assert "tester: reliability None -> 'B'  (two years of checked reports)" in shown
    assert "tester: reliability 'B' -> 'C'  (a retracted story in November)" in shown
    assert "grade     C2" in shown
    listed = letopis("source-profile", "list").stdout.decode().splitlines()
    assert listed[1].split()[:4] == ["meduza.io", "C2", "independent", "-"]
    # bad input: one line, exit 2, nothing changed
    for args, message in ((["--grade", "G"], "not an Admiralty grade"), (["--stance", "friendly"], "stances are"),
                          (["--country", "Latvia"], "two-letter")):
        proc = letopis("source-profile", "set", "meduza.io", *args, "--reason", "x", check=False)
        assert proc.returncode == 2 and message in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()
    proc = letopis("source-profile", "show", "nowhere.example", check=False)
    assert proc.returncode == 2 and "no profile of nowhere.example" in proc.stderr.decode()
    assert "profile(s) added" in letopis("source-profile", "seed").stdout.decode()
    assert "tass.ru" in letopis("source-profile", "list").stdout.decode()
    assert "custody log: ok" in letopis("log", "verify").stdout.decode()
    import sqlite3

    if not letopis.env.get("LETOPIS_DATABASE_URL"):
        rows = sqlite3.connect(letopis.data / "letopis.sqlite3").execute(
            "SELECT subject, details FROM custody_log WHERE subject LIKE 'source-profile:%' ORDER BY seq").fetchall()
        assert rows[0][0] == "source-profile:meduza.io"
        assert json.loads(rows[1][1]) == {"changes": {"reliability": {"new": "C", "old": "B"}},
                                          "reason": "a retracted story in November"}


def test_incidents_show_and_filter_by_independent_origins(letopis: Callable[..., Any], tmp_path: Path):
    paths = []
    for name, text in (("a.txt", UK), ("b.txt", UK + "\nПідписуйтесь на канал.")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    letopis("ingest", *paths, "--published", "2025-10-31")
    [row] = jsonl(letopis("incidents", "--format", "jsonl"))
    assert row["corroboration"] == {"origins": 1, "by_kind": {"unknown": 1}, "sources": 2, "grades": {},
                                   "reported_by": None, "information": {
                                       "grade": "3", "meaning": "possibly true",
                                       "reason": "one origin, not corroborated"}}
    table = letopis("incidents").stdout.decode().splitlines()
    assert table[0].split()[6:9] == ["src", "orig", "inf"] and table[1].split()[7:10] == ["2", "1", "3"]
    detail = letopis("show", str(row["id"])).stdout.decode()
    assert "corroboration  1 independent origin(s) (unknown 1); 2 source(s), 1 of them copies" in detail
    assert "information  3 (possibly true): one origin, not corroborated" in detail
    assert jsonl(letopis("incidents", "--format", "jsonl", "--info-grade", "2")) == []
    assert [r["id"] for r in jsonl(letopis("incidents", "--format", "jsonl", "--info-grade", "3"))] == [row["id"]]
    assert letopis("incidents", "--info-grade", "7", check=False).returncode == 2
    assert f"copy of source {row['sources'][0]['source_id']} (unknown): the same text" in detail
    assert jsonl(letopis("incidents", "--format", "jsonl", "--min-origins", "2")) == []
    assert jsonl(letopis("incidents", "--format", "jsonl", "--court-record")) == []
    proc = letopis("incidents", "--origin-kind", "rumour", check=False)
    assert proc.returncode == 2 and "unknown origin kind 'rumour'" in proc.stderr.decode()
    assert "1 incident(s), 2 source(s), 1 independent origin(s)" in letopis("origins", "recompute").stdout.decode()
    csv_header = letopis("incidents", "--format", "csv").stdout.decode().splitlines()[0].split(",")
    assert "origins" in csv_header and "origin_kinds" in csv_header and "info_grade" in csv_header
