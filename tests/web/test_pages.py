"""The server-rendered pages: filters kept in the URL, the quote highlighted, decisions by form, safety."""

from __future__ import annotations

import re
from typing import Any

from tests.web.conftest import incident_ids
from tests.web.test_api import flag_two


def test_the_incidents_page_keeps_its_filters_in_every_link(client: Any) -> None:
    page = client.get("/incidents", params={"type": "resistance", "per_page": "1", "sort": "place"})
    assert page.status_code == 200
    total = len(incident_ids(client, type="resistance"))
    assert f'data-total="{total}"' in page.text
    next_link = re.search(r'rel="next" href="([^"]+)"', page.text)
    assert next_link and "type=resistance" in next_link.group(1) and "page=2" in next_link.group(1)
    assert 'value="resistance" selected' in page.text
    assert 'aria-sort="ascending"' in page.text  # the place column, as asked
    assert client.get("/incidents", params={"from": "yesterday"}).status_code == 400


def test_the_incident_page_marks_each_quote_inside_its_source_text(client: Any) -> None:
    kharkiv = incident_ids(client, q="Kharkiv")[0]
    page = client.get(f"/incidents/{kharkiv}")
    assert page.status_code == 200
    detail = client.get(f"/api/incidents/{kharkiv}").json()
    for source in detail["source_list"]:
        assert f'<mark class="quote">{source["quote"]}</mark>' in page.text
        assert source["original_sha256"] in page.text
    assert client.get("/incidents/999999").status_code == 404


def test_status_and_edit_forms_need_a_reason_and_show_it_in_the_history(client: Any) -> None:
    incident = incident_ids(client, type="resistance")[0]
    refused = client.post(f"/incidents/{incident}/status", data={"status": "rejected", "reason": ""})
    assert refused.status_code == 400 and "reason" in refused.text
    done = client.post(f"/incidents/{incident}/status", data={"status": "rejected", "reason": "an opinion piece"},
                       follow_redirects=False)
    assert done.status_code == 303
    page = client.get(done.headers["location"])
    assert "an opinion piece" in page.text and 'class="badge rejected" id="status"' in page.text
    form = {"summary": "Neighbours freed a detained man.", "reason": "clearer summary"}
    edited = client.post(f"/incidents/{incident}/edit", data=form)
    assert edited.status_code == 200 and "Changed: Summary" in edited.text and "clearer summary" in edited.text
    assert "Changed: Summary" not in client.get(f"/incidents/{incident}").text  # a notice is shown once
    bad = client.post(f"/incidents/{incident}/edit", data={"lat": "north", "reason": "x"})
    assert bad.status_code == 400 and "lat" in bad.text and 'value="north"' in bad.text


def test_a_hostile_text_is_shown_inert(client: Any) -> None:
    incident = incident_ids(client)[0]
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    client.post(f"/api/incidents/{incident}/edit", json={"changes": {"summary": hostile}, "reason": "test"})
    page = client.get(f"/incidents/{incident}").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_review_queue_decides_a_flag_in_one_click(client: Any, workspace: Any) -> None:
    first, second = incident_ids(client, sort="id")[:2]
    flag = flag_two(workspace, first, second)
    page = client.get("/review")
    assert f'id="flag-{flag}"' in page.text and "same day and town, types differ" in page.text
    assert client.post(f"/review/flags/{flag}", data={"decision": "keep_apart"}).status_code == 200
    listed = client.get("/api/flags", params={"all": "true"}).json()
    assert listed[0]["status"] == "dismissed" and listed[0]["resolution"].startswith("different incidents")
    undated = client.get("/api/incidents", params={"dated": "no"}).json()
    assert undated["total"] >= 1 and f"/incidents/{undated['items'][0]['id']}" in client.get("/review").text


def test_a_post_from_another_site_is_refused_and_pages_allow_only_this_app_s_assets(client: Any) -> None:
    incident = incident_ids(client)[0]
    refused = client.post(f"/incidents/{incident}/status", data={"status": "verified", "reason": "x"},
                          headers={"Origin": "http://evil.example"})
    assert refused.status_code == 403
    assert client.get(f"/api/incidents/{incident}").json()["status"] == "candidate"
    policy = client.get("/incidents").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy


def test_the_language_comes_from_the_url_then_the_cookie_then_the_browser(client: Any) -> None:
    assert "<h1>Інциденти</h1>" in client.get("/incidents", params={"lang": "uk"}).text
    assert "<h1>Інциденти</h1>" in client.get("/incidents").text  # the cookie remembers
    client.cookies.delete("lang")
    assert "<h1>Инциденты</h1>" in client.get("/incidents", headers={"Accept-Language": "ru-RU,ru;q=0.9"}).text
    assert "<h1>Incidents</h1>" in client.get("/incidents", headers={"Accept-Language": "de"}).text

def test_no_page_loads_anything_from_another_host(client: Any) -> None:
    assert client.get("/docs").status_code == 404 and client.get("/api/docs").status_code == 404  # Swagger: a CDN
    for path in ("/incidents", "/review", f"/incidents/{incident_ids(client)[0]}"):
        html = client.get(path).text
        assert not re.search(r"""(src|href)=["'](https?:)?//""", html), path


def test_merge_and_split_from_the_incident_page(client: Any) -> None:
    keep, drop = incident_ids(client, sort="id")[:2]
    refused = client.post(f"/incidents/{keep}/merge", data={"drop": "two", "reason": "x"})
    assert refused.status_code == 400 and "merge" in refused.text
    page = client.post(f"/incidents/{keep}/merge", data={"drop": f"#{drop}", "reason": "same event"})
    assert page.status_code == 200 and f"Incident {drop} merged into this one" in page.text
    assert page.text.count(f'action="/incidents/{keep}/split"') >= 2  # one button per source
    source = client.get(f"/api/incidents/{keep}").json()["source_list"][-1]["source_id"]
    split = client.post(f"/incidents/{keep}/split", data={"source_id": str(source)})
    assert split.status_code == 200 and f"Source {source} split off into incident" in split.text


def test_a_page_shows_no_message_a_link_puts_in_its_query(client: Any) -> None:
    incident = incident_ids(client)[0]
    page = client.get(f"/incidents/{incident}", params={"error": "call this number", "status_code": "500",
                                                        "notice": "call this number"})
    assert page.status_code == 200 and "call this number" not in page.text
