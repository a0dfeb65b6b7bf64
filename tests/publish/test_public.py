"""The public profile: private names replaced by roles in every format, testimonies and edits left out,
coordinates coarsened, and a leak the redactor cannot remove refused with nothing written."""

from __future__ import annotations

import csv
import html
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from letopis.db.models import CustodyEntry
from letopis.errors import PublicationRefused
from letopis.services.incidents import IncidentFilters
from letopis.services.publishing import export_incidents
from tests.publish.conftest import PLANTED, Case, _source, fill, make_workspace

FORMATS = ("csv", "xlsx", "jsonl", "geojson", "acled")


def text_of(path: Path) -> str:
    """Every character of an output, an XLSX's sheets and shared strings included (character references
    resolved: openpyxl writes Cyrillic as ``&#1078;``, which a plain search would miss)."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            return html.unescape("".join(archive.read(name).decode("utf-8") for name in archive.namelist()))
    return path.read_bytes().decode("utf-8-sig")


def exports(case: Case) -> list[dict[str, Any]]:
    with case.ws.db.session(readonly=True) as session:
        return [json.loads(e.details) for e in session.scalars(
            select(CustodyEntry).where(CustodyEntry.event == "export").order_by(CustodyEntry.seq))]


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_planted_private_name_reaches_a_public_export(case: Case, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"public.{fmt}"
    result = export_incidents(case.ws, IncidentFilters(), fmt, output=path)
    text = text_of(path)
    assert [name for name in PLANTED if name in text] == []
    assert "/home/olena" not in text and "testimony:1" not in text and "сусіда" not in text
    if fmt != "acled":  # ACLED's notes carry the summary only
        assert "Locals led by a woman freed a man in Odesa." in text
        assert "затримали чоловіка на зупинці" in text  # "Івана Петренка" → "чоловіка", in its case
    assert exports(case)[-1]["profile"] == "public" and exports(case)[-1]["count"] == result.count


def test_the_public_record_drops_edits_and_testimonies_and_coarsens_places(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "public.jsonl"
    export_incidents(case.ws, IncidentFilters(), "jsonl", output=path)
    records = {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    one, two, three, four = (records[i] for i in case.ids)
    assert "edits" not in one and one["summary"] == "Затримання чоловіка у Харкові."
    assert one["sources"][0]["title"] == "ТЦК затримали чоловіка"
    assert one["location"]["lat"] == pytest.approx(49.98, abs=0.01)  # the settlement's centre
    assert one["location"]["geo_precision"] == 1
    assert three["sources"][0]["locator"] is None and three["sources"][0]["kind"] == "file"
    assert three["sources"][0]["original_sha256"]  # the evidence can still be cited by its hash
    assert four["sources"] == [] and four["quote"] is None
    assert four["location"]["name"] == "Kharkiv Oblast" and four["location"]["geo_precision"] == 3  # sensitive
    assert (four["location"]["lat"], four["location"]["lon"]) != (None, None)
    assert two["sources"][1]["quote"].startswith("В Одессе у рынка задержали мужчину")
    assert two["sensitivity"] == ["personal_data"]  # marked: the region's centre, precision 3
    assert (two["location"]["name"], two["location"]["geo_precision"]) == ("Odesa Oblast", 3)


def test_names_marked_public_are_kept(database_url: str, tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "data", database_url, public_names=("Олександр Сирський",))
    try:
        fill(ws)
        from letopis.db.incidents import add_incident
        from tests.db.test_queries import record_of

        text = "30 жовтня у Харкові Олександр Сирський заявив, що ТЦК затримали Тараса Шевчука."
        source = _source(ws, "https://example.org/2", text)
        with ws.db.session() as session:
            add_incident(session, record_of(text, text, date="2025-10-30"), source_id=source)
        path = tmp_path / "out.csv"
        export_incidents(ws, IncidentFilters(), "csv", output=path)
        content = text_of(path)
        assert "у Харкові Олександр Сирський заявив, що ТЦК затримали чоловіка." in content
        assert "Шевчук" not in content
    finally:
        ws.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_leak_the_redactor_cannot_remove_refuses_the_export_and_writes_nothing(
        case: Case, tmp_path: Path, fmt: str) -> None:
    """A name in a source's address: addresses are evidence and are not rewritten, so the read-back finds it.
    (ACLED's ``source`` column names only the host, ``t.me``: nothing leaks, and the export goes through.)"""
    from letopis.db.incidents import add_incident_source
    from tests.db.test_queries import record_of

    text = "Ще одне повідомлення про затримання у Харкові."
    source = _source(case.ws, "https://t.me/s/Ivan_Petrenko", text)
    with case.ws.db.session() as session:
        add_incident_source(session, case.ids[0], source, record_of(text, text))
    out = tmp_path / "out"
    out.mkdir()
    if fmt == "acled":
        export_incidents(case.ws, IncidentFilters(), fmt, output=out / "public.acled")
        assert "Ivan" not in text_of(out / "public.acled") and "t.me" in text_of(out / "public.acled")
        return
    with pytest.raises(PublicationRefused) as refused:
        export_incidents(case.ws, IncidentFilters(), fmt, output=out / f"public.{fmt}")
    message = str(refused.value)
    assert "nothing was written" in message and "Ivan" not in message and "\n" not in message
    assert list(out.iterdir()) == [] and exports(case) == []
    export_incidents(case.ws, IncidentFilters(), fmt, profile="internal", output=out / f"internal.{fmt}")
    assert "Ivan_Petrenko" in text_of(out / f"internal.{fmt}")


def test_the_command_exits_non_zero_and_leaves_no_file_on_a_leak(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "data", "sqlite")
    try:
        ids = fill(ws)
        from letopis.db.incidents import add_incident_source
        from tests.db.test_queries import record_of

        text = "Ще одне повідомлення."
        source = _source(ws, "https://t.me/s/Ivan_Petrenko", text)
        with ws.db.session() as session:
            add_incident_source(session, ids[0], source, record_of(text, text))
    finally:
        ws.close()
    env = {"LETOPIS_DATA": str(tmp_path / "data"), "PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)}
    target = tmp_path / "out" / "incidents.csv"
    target.parent.mkdir()
    proc = subprocess.run([sys.executable, "-m", "letopis.cli", "export", "--format", "csv", "-o", str(target)],
                          env=env, capture_output=True, timeout=600)
    assert proc.returncode == 1, proc.stderr
    err = proc.stderr.decode()
    assert err.startswith("letopis: error: export refused") and len(err.strip().splitlines()) == 1
    assert list(target.parent.iterdir()) == []
    ok = subprocess.run([sys.executable, "-m", "letopis.cli", "export", "--format", "csv", "--profile", "internal"],
                        env=env, capture_output=True, timeout=600)
    assert ok.returncode == 0 and ok.stdout.startswith(b"\xef\xbb\xbf")
    assert len(list(csv.DictReader(io.StringIO(ok.stdout.decode("utf-8-sig"))))) == 4
