"""Keyset pages in the API and the incidents table: page tokens in the URL, the capped count and counting all."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from letopis.db import incidents as stored


def _api_walk(client: Any, **query: Any) -> tuple[list[int], list[int]]:
    """The ids read by following ``next`` to the end, then ``previous`` back to the head."""
    body = client.get("/api/incidents", params={"per_page": 3, **query}).json()
    forward = [item["id"] for item in body["items"]]
    while body["next"]:
        body = client.get("/api/incidents", params={"per_page": 3, "after": body["next"], **query}).json()
        forward += [item["id"] for item in body["items"]]
    backward = [item["id"] for item in body["items"]][::-1]
    while body["previous"]:
        body = client.get("/api/incidents", params={"per_page": 3, "before": body["previous"], **query}).json()
        backward += [item["id"] for item in body["items"]][::-1]
    return forward, backward[::-1]


@pytest.mark.parametrize("query", [{}, {"sort": "place"}, {"sort": "-updated"}, {"sort": "type", "q": "ТЦК"},
                                   {"q": "затримали"}, {"q": "у Харкові"}, {"q": "задержали"},
                                   {"q": "detained", "sort": "-id"}, {"region": "Одеська область"}])
def test_api_pages_by_token_read_the_whole_list_once_either_way(client: Any, query: dict[str, str]) -> None:
    everything = client.get("/api/incidents", params={"per_page": 500, **query}).json()
    expected = [item["id"] for item in everything["items"]]
    assert everything["next"] is None and everything["previous"] is None
    forward, backward = _api_walk(client, **query)
    assert forward == expected and backward == expected, query
    if len(expected) > 3:
        first = client.get("/api/incidents", params={"per_page": 3, **query}).json()
        after = client.get("/api/incidents", params={"per_page": 3, "after": first["next"], "page": 2, **query})
        assert after.json()["page"] == 2 and after.json()["total"] == len(expected)


def test_bad_tokens_deep_offsets_and_counts_are_one_line_400s(client: Any) -> None:
    first = client.get("/api/incidents", params={"per_page": 2}).json()
    wrong_sort = client.get("/api/incidents", params={"after": first["next"], "sort": "place"})
    assert wrong_sort.status_code == 400 and "sorted by '-date', not 'place'" in wrong_sort.json()["error"]
    for bad in ("xyz", "!!!!", "W10"):
        response = client.get("/api/incidents", params={"after": bad})
        assert response.status_code == 400 and "not a page token" in response.json()["error"], bad
    both = client.get("/api/incidents", params={"after": first["next"], "before": first["next"]})
    assert both.status_code == 400 and "not both" in both.json()["error"]
    deep = client.get("/api/incidents", params={"page": 202, "per_page": 50})
    assert deep.status_code == 400 and "page tokens" in deep.json()["error"]
    assert client.get("/api/incidents", params={"page": 201, "per_page": 50}).status_code == 200  # 10,000 rows in
    assert client.get("/api/incidents", params={"count": "roughly"}).status_code == 422
    assert client.get("/incidents", params={"after": "!!!!"}).status_code == 400


def test_the_table_follows_its_next_links_to_the_end_and_back(client: Any) -> None:
    expected = [item["id"] for item in client.get("/api/incidents", params={"per_page": 500}).json()["items"]]
    url, seen, shown = "/incidents?per_page=4&type=", [], []
    while url:
        page = client.get(url).text
        seen += [int(n) for n in re.findall(r'<td><a href="/incidents/(\d+)">', page)]
        shown.append(re.search(r"showing (\d+)–(\d+)", page).groups())  # type: ignore[union-attr]
        found = re.search(r'rel="next" href="([^"]+)"', page)
        url = html.unescape(found.group(1)) if found else ""
        assert not found or "after=" in url
    assert seen == expected
    assert shown[1] == ("5", "8") and shown[-1][1] == str(len(expected))
    back = re.search(r'rel="prev" href="([^"]+)"', page)
    assert back and "before=" in html.unescape(back.group(1))
    previous = client.get(html.unescape(back.group(1))).text
    assert [int(n) for n in re.findall(r'<td><a href="/incidents/(\d+)">', previous)] == \
        expected[(len(shown) - 2) * 4:(len(shown) - 1) * 4]


def test_past_the_cap_the_table_says_more_than_and_counts_all_on_request(client: Any,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    total = client.get("/api/incidents").json()["total"]
    monkeypatch.setattr(stored, "COUNT_CAP", 3)
    capped = client.get("/api/incidents", params={"per_page": 2}).json()
    assert (capped["total"], capped["total_exact"]) == (3, False)
    exact = client.get("/api/incidents", params={"per_page": 2, "count": "exact"}).json()
    assert (exact["total"], exact["total_exact"]) == (total, True)
    page = client.get("/incidents", params={"per_page": "2", "lang": "uk"}).text
    assert "Знайдено інцидентів: понад 3" in page
    link = re.search(r'id="count-exact" href="([^"]+)"', page)
    assert link and "count=exact" in link.group(1)
    counted = client.get(html.unescape(link.group(1))).text
    assert f'data-total="{total}" data-exact="true"' in counted and f"Знайдено інцидентів: {total}" in counted
