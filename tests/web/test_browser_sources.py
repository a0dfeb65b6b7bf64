"""Uploads in a real browser (Debian's chromium via Playwright) against a real `letopis serve`: a hostile
HTML file uploaded, the job followed to its end, the new incident found and shown inert, its original
downloaded as kept; no request leaves the app's host."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.web.conftest import PASSWORD
from tests.web.test_browser import browser, server  # noqa: F401 - fixtures, used by name

HOSTILE = ("<html><head><title>Звіт</title><script>window.pwned = 1; fetch('https://tracker.example/a')</script>"
           "<link rel=stylesheet href=https://tracker.example/s.css></head><body>"
           "<p>14 березня 2025 року в Полтаві працівники ТЦК затримали двох чоловіків біля вокзалу.</p>"
           "<p>Свідок додав: &lt;img src=https://tracker.example/i.png onerror=window.pwned=2&gt; "
           "&lt;script&gt;window.pwned=3&lt;/script&gt;</p>"
           "<img src=https://tracker.example/p.png onerror=\"window.pwned=4\"></body></html>").encode()


def test_a_monitor_uploads_a_hostile_page_follows_the_job_and_finds_the_incident_inert(
        server: str, browser: Any, tmp_path: Path) -> None:  # noqa: F811
    requested: list[str] = []
    dialogs: list[str] = []
    upload = tmp_path / "zvit-poltava.html"
    upload.write_bytes(HOSTILE)
    page = browser.new_page(accept_downloads=True)
    page.on("request", lambda request: requested.append(request.url))

    def dialog_opened(dialog: Any) -> None:  # an alert() from the hostile page would land here
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dialog_opened)

    page.goto(f"{server}/sources?lang=en")
    page.wait_for_url(re.compile(r".*/login\?next=.*"))
    page.fill("input[name=name]", "monitor")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation(url=re.compile(r".*/sources\?lang=en$")):
        page.click("#login-form button[type=submit]")
    assert page.locator("h1").inner_text() == "Sources"
    before = int(page.locator("#count").get_attribute("data-total"))
    page.set_input_files("input[name=files]", str(upload))
    with page.expect_navigation(url=re.compile(r".*/sources/jobs/[\w-]+$")):
        page.click("#upload-form button[type=submit]")
    assert "zvit-poltava.html" in page.locator("#job").inner_text() and "monitor" in page.locator("#job").inner_text()
    page.wait_for_selector("#job[data-state=done]", timeout=180_000)  # the page follows the job, then reloads
    assert page.locator("#job-done").inner_text() == "1" and page.locator("#job-failed").inner_text() == "0"
    page.screenshot(path=str(tmp_path / "job-done.png"), full_page=True)

    page.click("#job-incidents")
    page.fill("input[name=q]", "Полтава")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*q=.*"))
    rows = page.locator("table.incidents tbody tr")  # newest first (the job's link sorts so)
    assert rows.count() >= 1 and "Poltava" in rows.first.inner_text()
    rows.first.locator("td a").first.click()
    page.wait_for_url(re.compile(r".*/incidents/\d+$"))
    text = page.locator("pre.source-text").inner_text()
    assert "<script>window.pwned=3</script>" in text  # the markup in the text is shown as text
    assert page.evaluate("typeof window.pwned") == "undefined" and dialogs == []
    assert page.locator("pre.source-text img, pre.source-text script").count() == 0

    with page.expect_download() as download:
        page.click("article.source a.download")
    saved = download.value
    assert saved.suggested_filename.endswith("-zvit-poltava.html")
    assert Path(saved.path()).read_bytes() == HOSTILE

    page.goto(f"{server}/sources")
    assert int(page.locator("#count").get_attribute("data-total")) == before + 1
    assert page.evaluate("typeof window.pwned") == "undefined" and dialogs == []
    page.screenshot(path=str(tmp_path / "sources.png"), full_page=True)

    app_host = urlsplit(server).netloc
    assert requested and {urlsplit(url).netloc for url in requested} == {app_host}
    assert any("/api/jobs/" in url for url in requested) or any("/sources/jobs/" in url for url in requested)
