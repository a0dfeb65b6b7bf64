"""Reading flags (issue 12) in the web app: the review queue and the incident page list the open ones, an editor
takes the new reading or keeps what is stored with a reason (CSRF, the edit and the custody entry under the
account's name, through services.reextract), a viewer only reads them; and the JSON API lists and decides them."""

from __future__ import annotations

import re
from typing import Any

from tests.web.conftest import anonymous_client, client_of, incident_ids
from tests.web.reading_flags import NEWER, custody, verified_then_read_again


def _detained(flags: list[Any], incident: int) -> Any:
    return next(flag for flag in flags if flag.field == "detained" and flag.incident_id == incident)


def _article(page: str, flag_id: int) -> str:
    found = re.search(rf'<article class="reading-flag" id="reading-flag-{flag_id}".*?</article>', page, re.S)
    assert found, f"no reading flag {flag_id} on the page"
    return found.group(0)


def test_open_reading_flags_are_shown_and_decided_in_the_pages(client: Any, workspace: Any) -> None:
    incident, second = incident_ids(client, sort="id")[:2]
    flags = verified_then_read_again(workspace, incident, second)
    flag = _detained(flags, incident)

    queue = client.get("/review", params={"lang": "uk"}).text
    assert f'<span id="reading-flags-count">{len(flags)}</span>' in queue
    shown = _article(queue, flag.id)
    assert '<strong class="field">Затримані</strong>' in shown
    assert f'<span class="kept">{flag.kept if flag.kept is not None else "—"}</span>' in shown
    assert f'<span class="proposed">{flag.proposed}</span>' in shown
    assert f"Прочитано рушієм {NEWER} у джерелі {flag.source_id}" in shown
    assert f'<a href="/incidents/{incident}">' in shown and 'name="csrf"' in shown and "required" in shown
    page = client.get(f"/incidents/{incident}", params={"lang": "en"}).text
    assert '<section aria-labelledby="reading-flags-title" id="reading-flags">' in page
    assert all((f'id="reading-flag-{f.id}"' in page) == (f.incident_id == incident) for f in flags)
    assert 'value="/incidents/' + str(incident) + '"' in _article(page, flag.id)

    # a viewer reads them, has no form, and may not decide
    viewer = client_of(workspace, "petro", "viewer")
    seen = _article(viewer.get("/review").text, flag.id)
    assert "<form" not in seen
    assert viewer.post(f"/reading-flags/{flag.id}", data={"decision": "apply", "reason": "x"}).status_code == 403
    # without the session's CSRF token, refused
    bare = anonymous_client(workspace)
    bare.cookies = client.cookies
    assert bare.post(f"/reading-flags/{flag.id}", data={"decision": "apply", "reason": "x"}).status_code == 403

    # a reason is required: the page says so, and the flag stays open
    refused = client.post(f"/reading-flags/{flag.id}", data={"decision": "apply", "reason": " ", "back": "/review"})
    assert refused.status_code == 400 and "needs a reason" in refused.text
    assert f'id="reading-flag-{flag.id}"' in client.get("/review").text

    # applied from the review queue: the new reading is the editor's edit, with the reason, in the custody log
    done = client.post(f"/reading-flags/{flag.id}", data={"decision": "apply", "reason": "the video shows three",
                                                          "back": "/review"}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/review"
    assert "Reading flag " + str(flag.id) + ": applied" in client.get("/review").text
    detail = client.get(f"/api/incidents/{incident}").json()
    assert detail["detained"] == flag.proposed
    assert [(e["actor"], e["new"], e["reason"]) for e in detail["edits"] if e["field"] == "detained"][-1] == \
        ("monitor", flag.proposed, "the video shows three")
    assert ("edit", "monitor", {"reading_flag": flag.id, "field": "detained", "decision": "apply",
                                "reason": "the video shows three"}) in custody(workspace, f"incident:{incident}")
    assert flag.id not in {f["id"] for f in detail["reading_flags"]}

    # dismissed from the incident page: back to it; the stored value stays; a foreign "back" goes to the queue
    other = _detained(flags, second)
    kept = client.post(f"/reading-flags/{other.id}", data={"decision": "dismiss", "reason": "the person was right",
                                                           "back": f"/incidents/{second}"}, follow_redirects=False)
    assert kept.status_code == 303 and kept.headers["location"] == f"/incidents/{second}"
    assert f'id="reading-flag-{other.id}"' not in client.get(f"/incidents/{second}").text
    assert client.get(f"/api/incidents/{second}").json()["detained"] == other.kept
    assert ("edit", "monitor", {"reading_flag": other.id, "field": "detained", "decision": "dismiss",
                                "reason": "the person was right"}) in custody(workspace, f"incident:{second}")
    again = client.post(f"/reading-flags/{other.id}", data={"decision": "apply", "reason": "changed my mind",
                                                           "back": "https://elsewhere.example/"})
    assert again.status_code == 400 and f"no open reading flag {other.id}" in again.text


def test_the_api_lists_and_decides_reading_flags(any_workspace: Any) -> None:
    client = client_of(any_workspace)
    incident = incident_ids(client, sort="id")[0]
    flags = verified_then_read_again(any_workspace, incident)
    flag = _detained(flags, incident)

    listed = client.get("/api/reading-flags").json()
    assert {f["id"] for f in listed} == {f.id for f in flags}
    one = next(f for f in listed if f["id"] == flag.id)
    assert (one["incident_id"], one["field"], one["kept"], one["proposed"], one["engine"], one["status"]) == \
        (incident, "detained", flag.kept, flag.proposed, NEWER, "open")
    assert {f["id"] for f in client.get("/api/reading-flags", params={"incident": incident}).json()} == \
        {f.id for f in flags}
    assert {f["id"] for f in client.get(f"/api/incidents/{incident}").json()["reading_flags"]} == {f.id for f in flags}

    viewer = client_of(any_workspace, "petro", "viewer")
    assert viewer.get("/api/reading-flags").status_code == 200
    assert viewer.post(f"/api/reading-flags/{flag.id}/resolve",
                       json={"decision": "apply", "reason": "x"}).status_code == 403
    assert client.post(f"/api/reading-flags/{flag.id}/resolve",
                       json={"decision": "apply", "reason": ""}).status_code == 422
    assert client.post("/api/reading-flags/999999/resolve",
                       json={"decision": "apply", "reason": "x"}).status_code == 404

    done = client.post(f"/api/reading-flags/{flag.id}/resolve", json={"decision": "apply", "reason": "three, on video"})
    assert done.status_code == 200, done.text
    assert {k: done.json()[k] for k in ("status", "resolved_by", "resolution")} == \
        {"status": "applied", "resolved_by": "monitor", "resolution": "three, on video"}
    assert client.get(f"/api/incidents/{incident}").json()["detained"] == flag.proposed
    again = client.post(f"/api/reading-flags/{flag.id}/resolve", json={"decision": "dismiss", "reason": "no"})
    assert again.status_code == 400 and again.json() == {"error": f"no open reading flag {flag.id}"}
    assert flag.id not in {f["id"] for f in client.get("/api/reading-flags").json()}

    schema = client.get("/api/openapi.json").json()
    assert {"get"} <= set(schema["paths"]["/api/reading-flags"])
    assert "ReadingDecisionIn" in str(schema["paths"]["/api/reading-flags/{flag_id}/resolve"]["post"])
