"""Corroboration in the web app: the incidents table's column and filters, the incident page's origins and
copies, "reported by", the sources' grades and stances, the review queue's head, the API and the map; source
profiles on /sources, set by an editor with a reason and their history shown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import client_of, incident_ids
from tests.web.corroboration import Store, corroboration_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    made = corroboration_store(tmp_path / "data")
    try:
        yield made
    finally:
        made.workspace.close()


@pytest.fixture
def editor(store: Store) -> Any:
    return client_of(store.workspace)


def test_the_table_shows_and_filters_by_corroboration(store: Store, editor: Any) -> None:
    page = editor.get("/incidents").text
    origins = dict(re.findall(r'<a href="/incidents/(\d+)">\d+</a>.*?data-origins="(\d+)"', page, re.S))
    assert origins == {str(store.claim): "1", str(store.witnessed): "2", str(store.court): "1"}
    assert 'data-reported-by="ria.example.ru"' in page and "reported by RIA Example" in page
    assert 'name="min_origins"' in page and 'name="origin_kind"' in page and 'name="court_record"' in page
    assert incident_ids(editor, min_origins="2") == [store.witnessed]
    assert incident_ids(editor, court_record="yes") == [store.court]
    assert incident_ids(editor, origin_kind="channel") == [store.witnessed]
    filtered = editor.get("/incidents", params={"min_origins": "2"}).text
    assert 'data-total="1"' in filtered and 'name="min_origins" min="0" max="1000" step="1" inputmode="numeric" ' \
        'value="2"' in filtered
    checked = editor.get("/incidents", params={"court_record": "yes"}).text
    assert 'data-total="1"' in checked and 'value="yes" checked' in checked
    refused = editor.get("/incidents", params={"origin_kind": "rumour"})
    assert refused.status_code == 400 and "unknown origin kind" in refused.text
    assert editor.get("/incidents", params={"court_record": "yes", "origin_kind": "media"}).status_code == 400


def test_the_incident_page_shows_origins_copies_kinds_and_the_claim(store: Store, editor: Any) -> None:
    page = editor.get(f"/incidents/{store.witnessed}").text
    assert 'id="corroboration" data-origins="2"' in page
    assert "2 independent origin(s)" in page and "3 source(s)" in page and "1 of them copies" in page
    assert '<li data-kind="channel">channel: 2</li>' in page
    assert len(re.findall(r"<li data-origin=", page)) == 2 and len(re.findall(r"<li data-copy=", page)) == 1
    assert 'id="reported-by"' not in page
    claim = editor.get(f"/incidents/{store.claim}").text
    assert 'id="reported-by"' in claim and "Reported by RIA Example" in claim and "not corroborated" in claim
    assert "state or state-aligned media reporting on the other side" in claim
    assert 'href="/sources/profiles/ria.example.ru"' in claim and "state media" in claim
    assert '<span class="grade">D4</span>' in claim
    court = editor.get(f"/incidents/{store.court}?lang=uk").text
    assert "судовий документ: 1" in court and "Підтвердження" in court


def test_the_api_carries_and_filters_corroboration(store: Store, editor: Any) -> None:
    found = editor.get("/api/incidents", params={"min_origins": "1"}).json()["items"]
    by_id = {item["id"]: item for item in found}
    assert by_id[store.witnessed]["origins"] == 2 and by_id[store.witnessed]["origin_kinds"] == {"channel": 2}
    assert by_id[store.claim]["reported_by"] == {"name": "RIA Example", "host": "ria.example.ru",
                                                 "stance": "state_media", "grade": "D4", "reason": "other_side"}
    assert by_id[store.court]["origin_kinds"] == {"court_record": 1} and by_id[store.court]["reported_by"] is None
    one = editor.get(f"/api/incidents/{store.claim}").json()
    assert one["corroboration"] == {"computed": True, "origins": 1, "sources": 1, "by_kind": {"media": 1},
                                    "grades": {"ria.example.ru": "D4"}}
    assert one["source_list"][0]["profile"]["grade"] == "D4" and one["source_list"][0]["origin_kind"] == "media"
    assert editor.get("/api/incidents", params={"origin_kind": "rumour"}).status_code == 422
    parameters = {p["name"] for p in editor.get("/api/openapi.json").json()["paths"]["/api/incidents"]["get"]
                  ["parameters"]}
    assert {"min_origins", "origin_kind", "court_record"} <= parameters
    features = editor.get("/api/map", params={"court_record": "yes", "fields": "origins"}).json()["features"]
    assert [(f["id"], f["properties"]["origins"]) for f in features] == [(store.court, 1)]
    everything = editor.get("/api/map", params={"fields": "origins"}).json()["features"]
    assert {f["properties"]["origins"] for f in everything} == {1, 2}


def test_the_review_queue_puts_the_uncorroborated_high_impact_claim_first(store: Store, editor: Any) -> None:
    page = editor.get("/review").text
    head = page[page.index('id="review-first"'):page.index('id="flags-title"')]
    assert f'data-incident="{store.claim}"' in head and "reported by RIA Example" in head
    assert f'data-incident="{store.witnessed}"' not in head and f'data-incident="{store.court}"' not in head
    assert page.index('id="review-first"') < page.index('id="flags-title"')


def test_profiles_on_the_sources_page_are_set_by_editors_with_a_reason(store: Store, editor: Any) -> None:
    page = editor.get("/sources").text
    assert 'data-host="ria.example.ru"' in page and '<td class="grade">D4</td>' in page
    assert 'id="profile-form"' in page
    refused = editor.post("/sources/profiles", data={"host": "t.me/kharkiv_witness", "grade": "B2", "reason": " "})
    assert refused.status_code == 400 and "needs a reason" in refused.text
    bad = editor.post("/sources/profiles", data={"host": "t.me/kharkiv_witness", "grade": "Z9", "reason": "x"})
    assert bad.status_code == 400 and "not an Admiralty grade" in bad.text
    done = editor.post("/sources/profiles", data={"host": "@Kharkiv_Witness", "grade": "C3",
                                                  "stance": "independent", "reason": "a resident, checked twice"},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/sources/profiles/t.me/kharkiv_witness"
    profile = editor.get("/sources/profiles/t.me/kharkiv_witness").text
    assert '<dd class="grade">C3</dd>' in profile and 'data-stance="independent"' in profile
    history = profile[profile.index('id="profile-history"'):]
    assert "a resident, checked twice" in history and "monitor" in history and "reliability" in history
    incident = editor.get(f"/incidents/{store.witnessed}").text
    assert '<span class="grade">C3</span>' in incident  # the incident's sources show the new grade
    assert editor.get("/api/profiles/t.me/kharkiv_witness").json()["history"][0]["actor"] == "monitor"
    assert editor.get("/api/profiles/nobody.example").status_code == 404


def test_a_viewer_sees_profiles_but_cannot_set_one(store: Store) -> None:
    viewer = client_of(store.workspace, "reader", "viewer")
    page = viewer.get("/sources").text
    assert 'data-host="ria.example.ru"' in page and 'id="profile-form"' not in page
    refused = viewer.post("/sources/profiles", data={"host": "ria.example.ru", "grade": "A1", "reason": "why not"})
    assert refused.status_code == 403
    assert '<td class="grade">D4</td>' in viewer.get("/sources").text
