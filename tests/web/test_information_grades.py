"""The information grade in the web app: a column of the incidents table, a filter in the form and the API, a
line on the incident's page, in the interface's language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

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


def test_the_information_grade_is_shown_and_filtered(store: Store) -> None:
    editor = client_of(store.workspace)
    page = editor.get("/incidents").text
    grades = dict(re.findall(r'<a href="/incidents/(\d+)">\d+</a>.*?data-info-grade="(\d)"', page, re.S))
    assert grades == {str(store.claim): "4", str(store.witnessed): "1", str(store.court): "2"}
    assert '<select name="info_grade">' in page
    assert sorted(incident_ids(editor, info_grade="2")) == sorted([store.witnessed, store.court])
    assert incident_ids(editor, info_grade="1") == [store.witnessed]
    filtered = editor.get("/incidents", params={"info_grade": "2"}).text
    assert 'data-total="2"' in filtered and '<option value="2" selected>' in filtered
    assert editor.get("/incidents", params={"info_grade": "7"}).status_code == 400
    assert editor.get("/api/incidents", params={"info_grade": "0"}).status_code == 422
    items = {item["id"]: item["information"] for item in editor.get("/api/incidents").json()["items"]}
    assert items[store.court] == {"grade": "2", "meaning": "probably true", "reason": "one origin, a court record"}
    detail = editor.get(f"/api/incidents/{store.claim}").json()["information"]
    assert detail["grade"] == "4" and "doubtful claim" in detail["reason"]
    shown = editor.get(f"/incidents/{store.witnessed}").text
    assert 'class="info-grade" data-info-grade="1"' in shown and "Information grade 1" in shown
    ukrainian = editor.get(f"/incidents/{store.court}", params={"lang": "uk"}).text
    assert "Оцінка інформації 2" in ukrainian and "ймовірно правдиво" in ukrainian
