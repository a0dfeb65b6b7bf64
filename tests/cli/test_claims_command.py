"""`letopis show`, `letopis incidents` and `letopis export` say "reported by X" of a claim that rests on one
doubtful origin, and carry the corroboration, the origin kinds and the grades (a real data directory, SQLite)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.web.corroboration import corroboration_store


def _letopis(data: Path, *args: str) -> str:
    env = {**os.environ, "LETOPIS_DATA": str(data), "LETOPIS_COLLECTOR": "tester"}
    env.pop("LETOPIS_DATABASE_URL", None)
    proc = subprocess.run([sys.executable, "-m", "letopis.cli", *args], env=env, capture_output=True, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout.decode()


def test_show_incidents_and_exports_carry_the_claim_and_the_corroboration(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = corroboration_store(data)
    store.workspace.close()
    shown = _letopis(data, "show", str(store.claim))
    assert "claim     reported by RIA Example (state_media, grade D4; the other side's story), not corroborated" \
        in shown
    assert "site: RIA Example (ria.example.ru); stance state_media; grade D4" in shown
    assert "claim" not in _letopis(data, "show", str(store.witnessed)).split("[source")[0]
    table = {line.split()[0]: line for line in _letopis(data, "incidents").splitlines()[1:]}
    assert "[reported by RIA Example]" in table[str(store.claim)]
    assert "[reported by" not in table[str(store.witnessed)]
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(_letopis(data, "export", "--format", "csv")
                                                                  .lstrip("\ufeff")))}
    claim = rows[str(store.claim)]
    assert (claim["origins"], claim["origin_kinds"], claim["origin_grades"], claim["reported_by"]) == \
        ("1", "media:1", "ria.example.ru:D4", "RIA Example")
    assert (rows[str(store.witnessed)]["origins"], rows[str(store.witnessed)]["reported_by"]) == ("2", "")
    shapes = {s["id"]: s for s in map(json.loads, _letopis(data, "export", "--format", "jsonl").splitlines())}
    assert shapes[store.court]["corroboration"]["by_kind"] == {"court_record": 1}
    acled = {row["event_id_cnty"]: row for row in csv.DictReader(io.StringIO(
        _letopis(data, "export", "--format", "acled")))}
    row = acled[f"UKRLTP{store.claim}"]
    assert "origins=1" in row["tags"] and "origin_kinds=media:1" in row["tags"]
    assert "grades=ria.example.ru:D4" in row["tags"]
    assert row["notes"].startswith("Reported by RIA Example (state_media), not corroborated: ")
    geo = json.loads(_letopis(data, "export", "--format", "geojson"))
    [feature] = [f for f in geo["features"] if f["id"] == store.witnessed]
    assert feature["properties"]["corroboration"]["origins"] == 2
