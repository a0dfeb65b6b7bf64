"""The JSON API over a real ingest of the bundled samples (SQLite; the review path on PostgreSQL too)."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import client_of, incident_ids


def test_the_list_is_newest_first_and_its_pages_cover_every_incident_once(client: Any) -> None:
    everything = client.get("/api/incidents", params={"per_page": 500}).json()
    total = everything["total"]
    assert total == len(everything["items"]) >= 10
    dates = [item["date"] for item in everything["items"]]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated, reverse=True) and dates[: len(dated)] == dated  # undated ones last
    seen: list[int] = []
    for page in (1, 2, 3):
        body = client.get("/api/incidents", params={"per_page": 5, "page": page}).json()
        assert body["total"] == total and body["page"] == page
        seen += [item["id"] for item in body["items"]]
    assert seen == [item["id"] for item in everything["items"]]


def test_sorting_by_place_ascending_and_descending(client: Any) -> None:
    items = client.get("/api/incidents", params={"sort": "place", "per_page": 500}).json()["items"]
    places = [item["location_name"] for item in items]
    assert places == sorted(places)
    backwards = client.get("/api/incidents", params={"sort": "-place", "per_page": 500}).json()["items"]
    assert [item["location_name"] for item in backwards] == sorted(places, reverse=True)


def test_filters_type_region_dates_status(client: Any) -> None:
    resistance = client.get("/api/incidents", params={"type": "resistance"}).json()["items"]
    assert resistance and {item["event_type"] for item in resistance} == {"resistance"}
    odesa_region = client.get("/api/incidents", params={"region": "Одеська область"}).json()["items"]
    assert odesa_region and {item["admin1"] for item in odesa_region} == {"Odesa Oblast"}
    window = client.get("/api/incidents", params={"from": "2025-10-30", "to": "2025-10-31"}).json()["items"]
    assert window and all("2025-10-30" <= item["date"] <= "2025-10-31" for item in window)
    assert client.get("/api/incidents", params={"status": "verified"}).json()["total"] == 0


def test_search_in_any_language_and_case_form(client: Any) -> None:
    kharkiv = client.get("/api/incidents", params={"region": "Kharkiv Oblast"}).json()["items"]
    assert [item["location_name"] for item in kharkiv] == ["Kharkiv"]
    for words in ("у Харкові", "Харьков", "Kharkov"):
        assert incident_ids(client, q=words) == [kharkiv[0]["id"]], words


def test_language_and_source_filters_follow_the_supporting_sources(client: Any) -> None:
    sources = client.get("/api/sources").json()
    assert len(sources) == 3
    for language in ("en", "uk", "ru"):
        ids = incident_ids(client, language=language)
        assert ids
        for incident_id in ids:
            detail = client.get(f"/api/incidents/{incident_id}").json()
            assert language in {source["language"] for source in detail["source_list"]}
    by_source = {s["id"]: set(incident_ids(client, source=str(s["id"]))) for s in sources}
    for source in sources:
        assert len(by_source[source["id"]]) == source["incidents"]
    assert set.union(*by_source.values()) == set(incident_ids(client))


def test_bad_filters_are_one_line_400s_naming_what_is_valid(client: Any) -> None:
    response = client.get("/api/incidents", params={"type": "riot"})
    assert response.status_code == 400 and "resistance" in response.json()["error"]
    response = client.get("/api/incidents", params={"sort": "colour"})
    assert response.status_code == 400 and "place" in response.json()["error"]
    response = client.get("/api/incidents", params={"from": "2025-13-01"})
    assert response.status_code == 422 and "from" in response.json()["error"]
    assert client.get("/api/incidents/999999").status_code == 404


def test_an_incident_has_its_sources_with_hashes_captures_and_the_quote_found_in_the_text(client: Any) -> None:
    kharkiv = incident_ids(client, q="Kharkiv")[0]
    detail = client.get(f"/api/incidents/{kharkiv}").json()
    assert detail["sources"] == len(detail["source_list"]) == 2
    for source in detail["source_list"]:
        assert len(source["original_sha256"]) == 64 and len(source["text_sha256"]) == 64
        assert source["quote_found"] is True
        assert source["captures"] and source["captures"][0]["collector"] == "monitor"
    assert {s["language"] for s in detail["source_list"]} == {"en", "uk"}


def test_status_and_edit_with_reasons_land_in_the_history_on_both_backends(any_workspace: Any) -> None:
    client = client_of(any_workspace)
    incident = incident_ids(client, type="resistance")[0]
    assert client.post(f"/api/incidents/{incident}/status", json={"status": "verified", "reason": " "}).status_code \
        == 400
    assert client.post(f"/api/incidents/{incident}/status", json={"status": "verified"}).status_code == 422
    response = client.post(f"/api/incidents/{incident}/status",
                           json={"status": "verified", "reason": "two sources agree"})
    assert response.status_code == 200 and response.json()["status"] == "verified"
    response = client.post(f"/api/incidents/{incident}/edit",
                           json={"changes": {"detained": "4", "injured": ""}, "reason": "a later report"})
    assert response.status_code == 200
    assert {c["field"]: c["new"] for c in response.json()}["detained"] == 4
    refused = client.post(f"/api/incidents/{incident}/edit", json={"changes": {"lat": "95"}, "reason": "typo"})
    assert refused.status_code == 400 and "lat" in refused.json()["error"]
    detail = client.get(f"/api/incidents/{incident}").json()
    assert detail["status"] == "verified" and detail["detained"] == 4
    history = [(e["field"], e["new"], e["reason"], e["actor"]) for e in detail["edits"]]
    assert ("status", "verified", "two sources agree", "monitor") in history
    assert ("detained", 4, "a later report", "monitor") in history
    assert not any(e["field"] == "lat" for e in detail["edits"])
    assert client.get("/api/incidents", params={"status": "verified"}).json()["total"] == 1
    assert client.post("/api/incidents/999999/status",
                       json={"status": "verified", "reason": "x"}).status_code == 404


def flag_two(workspace: Any, a: int, b: int) -> int:
    """A merge flag on two ingested incidents, as the merging rules would leave one."""
    from letopis.db.review import add_merge_flag

    with workspace.db.session() as session:
        return add_merge_flag(session, a, b, score=0.7, reason="same day and town, types differ").id


def test_merge_flags_listed_and_decided(client: Any, workspace: Any) -> None:
    first, second, third = incident_ids(client, sort="id")[:3]
    apart, together = flag_two(workspace, first, second), flag_two(workspace, first, third)
    listed = client.get("/api/flags").json()
    assert {flag["id"] for flag in listed} == {apart, together}
    assert listed[0]["reason"] == "same day and town, types differ"
    kept = client.post(f"/api/flags/{apart}/resolve", json={"decision": "keep_apart", "reason": "two towns"})
    assert kept.status_code == 200 and kept.json()["status"] == "dismissed"
    merged = client.post(f"/api/flags/{together}/resolve",
                         json={"decision": "merge", "reason": "one event", "keep": first})
    assert merged.status_code == 200 and merged.json()["b"]["merged_into"] == first
    assert client.get("/api/flags").json() == []
    assert third not in incident_ids(client)
    again = client.post(f"/api/flags/{apart}/resolve", json={"decision": "merge", "reason": "changed my mind"})
    assert again.status_code == 400 and "already resolved" in again.json()["error"]


def test_the_openapi_schema_describes_the_api(client: Any) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/incidents", "/api/incidents/{incident_id}", "/api/incidents/{incident_id}/status",
            "/api/incidents/{incident_id}/edit", "/api/flags", "/api/flags/{flag_id}/resolve",
            "/api/sources"} <= set(schema["paths"])
    assert not any(path.startswith("/incidents") for path in schema["paths"])  # the pages are not API


def test_merge_by_hand_then_split_the_source_off_again(client: Any) -> None:
    keep, drop = incident_ids(client, sort="id")[:2]
    assert client.post(f"/api/incidents/{keep}/merge", json={"drop": drop, "reason": " "}).status_code == 400
    merged = client.post(f"/api/incidents/{keep}/merge", json={"drop": drop, "reason": "one event, two digests"})
    assert merged.status_code == 200
    sources = merged.json()["source_list"]
    assert drop not in incident_ids(client) and len(sources) >= 2
    moved = sources[-1]["source_id"]
    split = client.post(f"/api/incidents/{keep}/split", json={"source_id": moved})
    assert split.status_code == 200
    new = split.json()["new_incident"]
    assert new in incident_ids(client)
    assert moved in {s["source_id"] for s in client.get(f"/api/incidents/{new}").json()["source_list"]}
    assert moved not in {s["source_id"] for s in client.get(f"/api/incidents/{keep}").json()["source_list"]}
    lonely = client.post(f"/api/incidents/{new}/split", json={"source_id": moved})
    assert lonely.status_code == 400 and "only that source" in lonely.json()["error"]
