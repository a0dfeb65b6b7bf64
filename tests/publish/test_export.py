"""`letopis export` through the publish use case, on SQLite and PostgreSQL: every format, every column."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from letopis.db.models import CustodyEntry
from letopis.publish.acled import ACLED_COLUMNS
from letopis.publish.export import EXPORT_COLUMNS, SOURCE_COLUMNS
from letopis.services.incidents import IncidentFilters
from letopis.services.publishing import ExportResult, export_incidents
from tests.publish.conftest import EN, TG, TITLE, UK, Case


def export(case: Case, tmp_path: Path, fmt: str, profile: str = "internal",
           **filters: Any) -> tuple[Path, ExportResult]:
    path = tmp_path / f"out.{fmt}"
    result = export_incidents(case.ws, IncidentFilters(**filters), fmt, profile=profile, output=path)
    return path, result


def custody(case: Case) -> list[dict[str, Any]]:
    with case.ws.db.session(readonly=True) as session:
        return [json.loads(e.details) for e in session.scalars(
            select(CustodyEntry).where(CustodyEntry.event == "export").order_by(CustodyEntry.seq))]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_csv_has_a_bom_and_every_column_of_the_full_record(case: Case, tmp_path: Path) -> None:
    path, result = export(case, tmp_path, "csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == EXPORT_COLUMNS and result.count == len(rows) == 4
    one = next(row for row in rows if row["id"] == str(case.ids[0]))
    updated = one.pop("updated_at")
    assert updated.startswith("20") and "+00:00" in updated
    source_sha = hashlib.sha256(UK.encode()).hexdigest()
    assert one == {
        "id": str(case.ids[0]), "status": "verified", "sensitivity": "", "kind": "incident", "date": "2025-10-30",
        "date_precision": "day", "event_type": "mobilization_detention", "location_name": "Kharkiv",
        "admin1": "Kharkiv Oblast", "country": "UA", "lat": "49.98", "lon": "36.25", "geo_precision": "1",
        "fatalities": "", "injured": "1", "detained": "1", "actors": "recruitment_officers",
        "summary": "Затримання Івана Петренка у Харкові.", "quote": UK, "start": "0", "end": str(len(UK)),
        "language": "uk", "confidence": "0.8", "metric": "", "value": "", "period": "", "date_source": "",
        "sources": "1", "origins": "", "origin_kinds": "",  # origins never computed for these incidents
        "origin_grades": "", "reported_by": "", "info_grade": "6",  # cannot be judged: no origins computed
        "source_locators": "https://example.org/news/1", "source_sha256": source_sha,
    }
    two = next(row for row in rows if row["id"] == str(case.ids[1]))
    assert two["source_locators"] == "https://example.com/odesa | telegram:1001/77" and two["sources"] == "2"
    assert two["date"] == "2025-10" and two["date_precision"] == "month" and two["fatalities"] == "0"
    assert two["sensitivity"] == "personal_data"
    assert custody(case) == [{
        "format": "csv", "profile": "internal", "filters": {}, "count": 4, "left_out": 0, "left_out_reason": None,
        "sha256": sha256(path), "bytes": len(data), "output": str(path), "encrypted_store": False}]
    assert result.sha256 == sha256(path)


def test_the_xlsx_opens_with_openpyxl_with_the_incidents_and_their_sources(case: Case, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path, result = export(case, tmp_path, "xlsx")
    csv_path, _ = export(case, tmp_path, "csv")
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["incidents", "sources"]
    incidents = list(book["incidents"].iter_rows(values_only=True))
    sources = list(book["sources"].iter_rows(values_only=True))
    book.close()
    assert incidents[0] == EXPORT_COLUMNS and sources[0] == SOURCE_COLUMNS and result.count == 4
    expected = list(csv.DictReader(io.StringIO(csv_path.read_bytes().decode("utf-8-sig"))))
    for row, wanted in zip(incidents[1:], expected, strict=True):  # the same values as the CSV, typed
        assert {c: "" if v is None else str(v) for c, v in zip(EXPORT_COLUMNS, row, strict=True)} == wanted
    one = dict(zip(EXPORT_COLUMNS, next(r for r in incidents[1:] if r[0] == case.ids[0]), strict=True))
    assert one["lat"] == 49.98 and one["geo_precision"] == 1 and one["summary"].startswith("Затримання")
    padded = [r + (None,) * (len(SOURCE_COLUMNS) - len(r)) for r in sources[1:]]  # empty cells at the end: not kept
    linked = [dict(zip(SOURCE_COLUMNS, r, strict=True)) for r in padded if r[0] == case.ids[1]]
    assert [(s["kind"], s["locator"], s["quote"], s["language"]) for s in linked] == [
        ("url", "https://example.com/odesa", EN, "en"), ("telegram_message", "telegram:1001/77", TG, "ru")]
    assert linked[0]["original_sha256"] == hashlib.sha256(EN.encode()).hexdigest()
    assert linked[0]["start"] == 0 and linked[0]["end"] == len(EN) and linked[0]["published"] is None
    assert custody(case)[0]["format"] == "xlsx" and custody(case)[0]["sha256"] == sha256(path)


def test_jsonl_holds_the_full_record_with_sources_and_edits(case: Case, tmp_path: Path) -> None:
    path, result = export(case, tmp_path, "jsonl")
    records = {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    assert result.count == len(records) == 4
    one = records[case.ids[0]]
    assert list(one) == ["id", "status", "sensitivity", "kind", "date", "date_precision", "event_type", "location",
                         "fatalities", "injured", "detained", "actors", "summary", "quote", "start", "end", "language",
                         "confidence", "metric", "value", "period", "date_source", "engine", "sources",
                         "corroboration", "edits", "updated_at"]
    assert one["location"] == {"name": "Kharkiv", "admin1": "Kharkiv Oblast", "country": "UA", "lat": 49.98,
                               "lon": 36.25, "geo_precision": 1}
    assert [(s["locator"], s["title"], s["quote"]) for s in one["sources"]] == [
        ("https://example.org/news/1", TITLE, UK)]
    assert [(e["field"], e["old"], e["new"], e["actor"]) for e in one["edits"]] == [("injured", None, 1, "olena")]
    assert records[case.ids[2]]["location"] is None and records[case.ids[2]]["date"] is None
    assert records[case.ids[3]]["sources"][0]["kind"] == "testimony"  # internal: the link, not the account


def test_geojson_is_an_rfc7946_feature_collection_of_the_placed_incidents(case: Case, tmp_path: Path) -> None:
    path, result = export(case, tmp_path, "geojson")
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert set(collection) == {"type", "features"} and collection["type"] == "FeatureCollection"
    assert result.count == 3 and result.left_out == 1 and result.left_out_reason == "without coordinates"
    for feature in collection["features"]:
        assert set(feature) == {"type", "id", "geometry", "properties"} and feature["type"] == "Feature"
        assert isinstance(feature["id"], int) and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        lon, lat = geometry["coordinates"]  # RFC 7946 3.1.1: longitude first, WGS 84 degrees
        assert all(isinstance(v, float) for v in (lon, lat)) and -180 <= lon <= 180 and -90 <= lat <= 90
        assert "crs" not in collection and "location" not in feature["properties"]
    odesa = next(f for f in collection["features"] if f["id"] == case.ids[1])
    assert odesa["geometry"]["coordinates"] == [30.73, 46.48]
    assert odesa["properties"]["location_name"] == "Odesa" and odesa["properties"]["event_type"] == "resistance"
    assert [s["locator"] for s in odesa["properties"]["sources"]] == ["https://example.com/odesa",
                                                                     "telegram:1001/77"]
    assert custody(case)[0]["left_out"] == 1


def test_the_acled_csv_loads_in_pandas_with_acled_dtypes_and_values(case: Case, tmp_path: Path) -> None:
    import pandas as pd

    path, result = export(case, tmp_path, "acled")
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(path, parse_dates=["event_date"])
    assert tuple(frame.columns) == ACLED_COLUMNS and len(frame) == result.count == 3
    assert result.left_out == 1 and "undated" in (result.left_out_reason or "")
    for column in ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                   "fatalities", "timestamp"):
        assert frame[column].dtype == "int64", column
    assert frame["latitude"].dtype == "float64" and frame["longitude"].dtype == "float64"
    assert str(frame["event_date"].dtype).startswith("datetime64")
    for column in ("event_id_cnty", "disorder_type", "event_type", "actor1", "country", "location", "notes",
                   "source", "tags"):
        assert pd.api.types.is_string_dtype(frame[column]), column
    rows = {row["tags"].split("letopis_id=")[1].split(";")[0]: row for row in frame.to_dict("records")}
    one = rows[str(case.ids[0])]
    timestamp = one.pop("timestamp")
    assert timestamp > 1_700_000_000
    blank = {key for key, value in one.items() if isinstance(value, float) and value != value}  # NaN: empty
    assert blank == {"assoc_actor_1", "assoc_actor_2", "civilian_targeting", "admin2", "admin3"}
    assert {k: v for k, v in one.items() if k not in blank} == {
        "event_id_cnty": f"UKRLTP{case.ids[0]}", "event_date": pd.Timestamp("2025-10-30"), "year": 2025,
        "time_precision": 1, "disorder_type": "Strategic developments", "event_type": "Strategic developments",
        "sub_event_type": "Arrests", "actor1": "Military Forces of Ukraine", "inter1": 1,
        "actor2": "Civilians (Ukraine)", "inter2": 7, "interaction": 17, "iso": 804, "region": "Europe",
        "country": "Ukraine", "admin1": "Kharkiv", "location": "Kharkiv", "latitude": 49.98, "longitude": 36.25,
        "geo_precision": 1, "source": "example.org", "source_scale": "Other",
        "notes": "Затримання Івана Петренка у Харкові.", "fatalities": 0,
        "tags": f"letopis_type=mobilization_detention; letopis_id={case.ids[0]}; status=verified",
    }
    two = rows[str(case.ids[1])]
    assert (two["event_date"], two["time_precision"], two["event_type"], two["sub_event_type"]) == (
        pd.Timestamp("2025-10-01"), 3, "Riots", "Mob violence")
    assert (two["actor1"], two["inter1"], two["actor2"], two["inter2"], two["interaction"]) == (
        "Rioters (Ukraine)", 5, "Military Forces of Ukraine", 1, 15)
    assert two["source"] == "example.com; telegram_message" and two["source_scale"] == "New media"


def test_filters_select_and_are_recorded(case: Case, tmp_path: Path) -> None:
    path, result = export(case, tmp_path, "jsonl", event_type="resistance", status="candidate")
    assert [json.loads(line)["id"] for line in path.read_text().splitlines()] == [case.ids[1]]
    assert custody(case)[0]["filters"] == {"event_type": "resistance", "status": "candidate"}
    assert custody(case)[0]["count"] == result.count == 1


def test_standard_output_gets_the_same_bytes_and_a_custody_entry(case: Case, tmp_path: Path) -> None:
    out = io.BytesIO()
    result = export_incidents(case.ws, IncidentFilters(), "jsonl", profile="internal", stream=out)
    assert hashlib.sha256(out.getvalue()).hexdigest() == result.sha256 and result.output == "-"
    assert custody(case)[0]["output"] == "-" and list(tmp_path.glob(".letopis-export-*")) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl", "geojson", "acled"])
def test_every_format_streams_a_large_selection_whole(case: Case, tmp_path: Path, fmt: str) -> None:
    """More incidents than one database batch (500): all are written."""
    from letopis.db.incidents import add_incident
    from tests.db.test_queries import record_of

    with case.ws.db.session() as session:
        for n in range(600):
            add_incident(session, record_of(EN, EN, date=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"), source_id=1)
    _, result = export(case, tmp_path, fmt)
    assert result.count + result.left_out == 604


def test_acled_notes_geojson_and_the_xlsx_sources_carry_the_corroboration_and_the_grades(
        case: Case, tmp_path: Path) -> None:
    import pandas as pd
    from openpyxl import load_workbook

    from letopis.reliability.profiles import ProfileFields
    from letopis.services.origins import recompute_origins
    from letopis.services.profiles import set_profile

    recompute_origins(case.ws.db)
    set_profile(case.ws.db, "example.com", ProfileFields(), grade="B2", reason="a year of checks", actor="olena")
    path, _ = export(case, tmp_path, "acled")
    rows = {row["tags"].split("letopis_id=")[1].split(";")[0]: row
            for row in pd.read_csv(path).to_dict("records")}
    two = rows[str(case.ids[1])]
    assert two["notes"].endswith(" Corroboration: Independent origins: 2 (channel 1, media 1); information grade 1 "
                                 "(confirmed); graded sources: example.com B2.")
    assert "origins=2; origin_kinds=channel:1+media:1; grades=example.com:B2; info_grade=1" in two["tags"]
    assert rows[str(case.ids[0])]["notes"].endswith("Corroboration: Independent origins: 1 (media 1); "
                                                    "information grade 3 (possibly true).")
    path, _ = export(case, tmp_path, "geojson")
    features = {f["id"]: f["properties"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]}
    odesa = features[case.ids[1]]
    assert (odesa["origins"], odesa["origin_kinds"], odesa["origin_grades"], odesa["info_grade"]) == (
        2, "channel:1;media:1", "example.com:B2", "1")
    path, _ = export(case, tmp_path, "xlsx")
    book = load_workbook(path, read_only=True)
    sources = [dict(zip(SOURCE_COLUMNS, r + (None,) * (len(SOURCE_COLUMNS) - len(r)), strict=True))
               for r in list(book["sources"].iter_rows(values_only=True))[1:]]
    book.close()
    linked = [s for s in sources if s["incident_id"] == case.ids[1]]
    assert [(s["origin_source_id"] == s["source_id"], s["origin_kind"], s["source_grade"]) for s in linked] == [
        (True, "media", "B2"), (True, "channel", None)]
