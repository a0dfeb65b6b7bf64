"""The sources pages over a real ingest: sources and failures listed and filtered, uploads run in the
background to the end, the original downloaded as kept (never rendered here), sensitivity set and filtered."""

from __future__ import annotations

import hashlib
import html
import io
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.evidence.on_disk import flip_object
from tests.web.conftest import SAMPLES, anonymous_client, client_of, incident_ids, log_in

HOSTILE = ("<html><head><title>Звіт <script>alert('title')</script></title>"
           "<script>window.pwned = 1; fetch('https://tracker.example/x')</script></head><body>"
           "<p>12 березня 2025 року в Полтаві працівники ТЦК затримали чоловіка біля ринку.</p>"
           "<p>Свідок додав: &lt;img src=x onerror=window.pwned=2&gt; та &lt;script&gt;window.pwned=3&lt;/script&gt; "
           "і &quot;&gt;&lt;svg onload=alert(1)&gt;</p><img src=x onerror=\"window.pwned=4\"></body></html>").encode()


@pytest.fixture
def app_client(workspace: Any) -> Iterator[Any]:
    """The app with its lifespan: the job runner is stopped when the test ends."""
    with client_of(workspace) as client:
        yield client


def finished(client: Any, job_id: str) -> dict[str, Any]:
    """The job from /api/jobs/ID once it has left queued and running (the job's process writes it)."""
    for _ in range(3000):  # a guard against a job that never ends, not a timing: each turn waits 0.2 s
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] not in ("queued", "running"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"upload job {job_id} did not finish: {job}")


def upload(client: Any, **fields: Any) -> Any:
    files = fields.pop("files", [])
    return client.post("/sources/upload", data=fields, files=[("files", f) for f in files], follow_redirects=False)


def test_the_sources_page_lists_filters_and_pages_what_was_ingested(app_client: Any) -> None:
    page = app_client.get("/sources")
    assert page.status_code == 200
    listed = app_client.get("/api/sources").json()
    assert f'data-total="{len(listed)}"' in page.text
    for source in listed:
        assert f'href="/sources/{source["id"]}/original"' in page.text
        assert f'href="/incidents?source={source["id"]}"' in page.text
    assert 'action="/sources/upload"' in page.text and 'enctype="multipart/form-data"' in page.text
    by_uk = app_client.get("/sources", params={"language": "uk"})
    assert by_uk.status_code == 200 and 'data-total="1"' in by_uk.text and "digest-uk.txt" in by_uk.text
    assert "digest-ru.txt" not in by_uk.text
    assert 'data-total="0"' in app_client.get("/sources", params={"kind": "web"}).text
    assert app_client.get("/sources", params={"page": "2"}).status_code == 200
    refused = app_client.get("/sources", params={"page": "two"})
    assert refused.status_code == 400 and "page: a whole number from 1, got &#39;two&#39;" in refused.text
    failed = app_client.get("/sources", params={"show": "failed"})
    assert failed.status_code == 200 and 'data-total="0"' in failed.text


def test_an_upload_runs_in_the_background_to_a_new_incident_and_its_failures_are_listed(
        app_client: Any, workspace: Any) -> None:
    before = set(incident_ids(app_client))
    sent = upload(app_client, files=[("zvit.html", HOSTILE, "text/html"), ("broken.pdf", b"%PDF-1.4\n%%EOF")])
    assert sent.status_code == 303
    job_id = sent.headers["location"].rsplit("/", 1)[1]
    page = app_client.get(sent.headers["location"])
    assert page.status_code == 200 and "zvit.html" in page.text and 'src="/static/jobs.js"' in page.text

    assert app_client.get(f"/api/jobs/{job_id}").json()["by"] == "monitor"
    job = finished(app_client, job_id)
    assert (job["state"], job["done"], job["failed"], job["total"], job["incidents_new"]) == ("done", 2, 1, 2, 1)
    [[locator, reason]] = job["failures"]
    assert locator.endswith("broken.pdf") and reason
    done = app_client.get(f"/sources/jobs/{job_id}")
    assert "broken.pdf" in done.text and html.escape(reason, quote=False) in done.text

    [new] = set(incident_ids(app_client)) - before
    incident = app_client.get(f"/incidents/{new}")
    assert incident.status_code == 200
    for raw in ("<img src=x", "<script>window", "<svg onload"):  # the text's markup is shown, as text
        assert raw not in incident.text
    assert "&lt;script&gt;window.pwned=3&lt;/script&gt;" in incident.text
    assert "&lt;svg onload=alert(1)&gt;" in incident.text
    sources = app_client.get("/sources")
    assert "<script>alert" not in sources.text and job_id in sources.text
    failures = app_client.get("/sources", params={"show": "failed"})
    assert 'data-total="1"' in failures.text and "broken.pdf" in failures.text
    assert app_client.get("/api/failures").json()[0]["locator"].endswith("broken.pdf")


@pytest.mark.parametrize(("fields", "message"), [
    ({}, "nothing to ingest: choose files, give a URL or a feed, or a Telegram export"),
    ({"url": "javascript:alert(1)"}, "url: an http:// or https:// address, got javascript:alert(1)"),
    ({"url": "https://example.org/", "published": "yesterday"}, "published: a date as YYYY-MM-DD, got yesterday"),
])
def test_a_bad_upload_is_one_line_on_the_sources_page(app_client: Any, fields: dict[str, str], message: str) -> None:
    refused = upload(app_client, **fields)
    assert refused.status_code == 400
    assert re.search(r'<p class="error" role="alert">([^<]*)</p>', refused.text).group(1) == html.escape(message)  # type: ignore[union-attr]
    assert app_client.get("/api/jobs/20260101T000000-00000000").status_code == 404
    assert app_client.get("/sources/jobs/..%2F..%2Fetc").status_code == 404


def test_the_original_downloads_as_kept_never_rendered_and_a_changed_one_is_refused(
        app_client: Any, workspace: Any) -> None:
    [source] = [s for s in app_client.get("/api/sources").json() if s["locator"].endswith("digest-en.txt")]
    kept = (SAMPLES / "digest-en.txt").read_bytes()
    response = app_client.get(f"/sources/{source['id']}/original")
    assert response.status_code == 200 and response.content == kept
    assert response.headers["content-disposition"] == f'attachment; filename="source-{source["id"]}-digest-en.txt"'
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-security-policy"].startswith("sandbox")
    assert response.headers["x-letopis-sha256"] == hashlib.sha256(kept).hexdigest() == source["original_sha256"]
    incident = incident_ids(app_client, source=str(source["id"]))[0]
    assert f'href="/sources/{source["id"]}/original" download' in app_client.get(f"/incidents/{incident}").text
    assert app_client.get("/sources/999999/original").status_code == 404

    flip_object(workspace.store, source["original_sha256"])
    refused = app_client.get(f"/sources/{source['id']}/original")
    assert refused.status_code == 500  # a packed object's record fails to inflate, a loose one to hash right
    assert "no longer matches its SHA-256" in refused.text or "cannot be read back" in refused.text
    assert "attachment" not in refused.headers.get("content-disposition", "")


def test_sensitivity_is_set_with_a_reason_shown_as_a_badge_kept_in_the_history_and_filtered(app_client: Any) -> None:
    incident = incident_ids(app_client)[0]
    page = app_client.get(f"/incidents/{incident}")
    assert 'id="sensitivity-form"' in page.text and 'data-mark="graphic"' not in page.text
    refused = app_client.post(f"/incidents/{incident}/sensitivity", data={"mark": ["graphic"], "reason": " "})
    assert refused.status_code == 400 and "a change of sensitivity needs a reason" in refused.text
    bad = app_client.post(f"/incidents/{incident}/sensitivity", data={"mark": ["gory"], "reason": "r"})
    assert bad.status_code == 400 and "sensitivity: unknown mark(s) gory" in bad.text
    done = app_client.post(f"/incidents/{incident}/sensitivity",
                           data={"mark": ["graphic", "personal_data"], "reason": "faces and blood in the video"},
                           follow_redirects=True)
    assert done.status_code == 200 and "Sensitivity set." in done.text
    assert done.text.count('class="badge sensitive"') == 2 and "faces and blood in the video" in done.text
    [edit] = [e for e in app_client.get(f"/api/incidents/{incident}").json()["edits"] if e["field"] == "sensitivity"]
    assert (edit["actor"], edit["reason"]) == ("monitor", "faces and blood in the video")
    assert incident_ids(app_client, sensitivity="graphic") == [incident]
    assert incident not in incident_ids(app_client, sensitivity="none")
    listing = app_client.get("/incidents", params={"sensitivity": "personal_data"})
    assert 'data-total="1"' in listing.text and 'data-mark="personal_data"' in listing.text
    assert app_client.get("/api/incidents", params={"sensitivity": "gory"}).status_code == 422
    assert app_client.get("/incidents", params={"sensitivity": "gory"}).status_code == 400
    assert app_client.get(f"/api/incidents/{incident}").json()["sensitivity"] == ["personal_data", "graphic"]
    assert app_client.post("/incidents/999999/sensitivity", data={"reason": "r"}).status_code == 404
    cleared = app_client.post(f"/incidents/{incident}/sensitivity", data={"reason": "blurred now"},
                              follow_redirects=True)
    assert 'class="badge sensitive"' not in cleared.text and incident_ids(app_client, sensitivity="graphic") == []


def test_an_interrupted_upload_runs_again_from_its_page_and_another_site_cannot_upload(
        workspace: Any, app_client: Any) -> None:
    from letopis.services.uploads import Upload, new_job, write_job

    app_client.get("/sources")  # the app's job runner is up: a job made now is no stopped server's
    report = "12 березня 2025 року в Полтаві працівники ТЦК затримали чоловіка біля ринку.".encode()
    job = new_job(workspace.config, files=[Upload("zvit.txt", io.BytesIO(report))])
    job.state, job.error = "interrupted", "the server stopped"
    write_job(workspace.config, job)
    page = app_client.get(f"/sources/jobs/{job.id}")
    assert f'action="/sources/jobs/{job.id}/run"' in page.text and "the server stopped" in page.text
    again = app_client.post(f"/sources/jobs/{job.id}/run", follow_redirects=False)
    assert again.status_code == 303
    assert finished(app_client, job.id)["state"] == "done"
    refused = app_client.post(f"/sources/jobs/{job.id}/run")
    assert refused.status_code == 400 and "only an interrupted job runs again" in refused.text

    elsewhere = app_client.post("/sources/upload", data={"url": "https://example.org/"},
                                headers={"Origin": "https://evil.example"})
    assert elsewhere.status_code == 403 and app_client.get("/api/jobs/" + job.id).status_code == 200


def test_a_viewer_reads_sources_and_downloads_originals_but_cannot_upload_or_mark(workspace: Any) -> None:
    viewer = client_of(workspace, "vira", "viewer")
    page = viewer.get("/sources")
    assert page.status_code == 200 and 'action="/sources/upload"' not in page.text
    assert 'id="sensitivity-form"' not in viewer.get("/incidents/1").text
    [source] = viewer.get("/api/sources").json()[:1]
    assert viewer.get(f"/sources/{source['id']}/original").status_code == 200
    assert upload(viewer, url="https://example.org/").status_code == 403
    assert viewer.post("/incidents/1/sensitivity", data={"mark": ["graphic"], "reason": "r"}).status_code == 403
    anonymous = anonymous_client(workspace)
    assert anonymous.get(f"/sources/{source['id']}/original", follow_redirects=False).status_code == 303
    assert anonymous.get("/api/jobs/20260101T000000-00000000").status_code == 401
    client_of(workspace, "monitor", "editor")
    no_token = anonymous_client(workspace)
    log_in(no_token, "monitor")  # an editor, but a post without the session's CSRF token
    del no_token.headers["X-CSRF-Token"]
    refused = upload(no_token, url="https://example.org/")
    assert refused.status_code == 403 and "CSRF" in refused.text
