"""Corroboration in a real browser (Debian's chromium driven by Playwright, against a real `letopis serve`): the
incident page shows the origins, the copy and the "reported by" claim; the filters form's corroboration fields
narrow the table; no request goes to another host. Skipped without /usr/bin/chromium (fails under CI=true)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.web.conftest import PASSWORD
from tests.web.corroboration import corroboration_store
from tests.web.test_browser import browser  # noqa: F401 - a fixture, used by name


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    """`letopis serve --port 0` on the three-incident store; its address and the store's numbers."""
    store = corroboration_store(tmp_path / "data")
    try:
        from letopis.services import accounts

        accounts.add_user(store.workspace, "monitor", "editor", PASSWORD)
    finally:
        store.workspace.close()
    env = {**os.environ, "LETOPIS_DATA": str(tmp_path / "data"), "LETOPIS_COLLECTOR": "monitor",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[2] / "src"),
                                                       os.environ.get("PYTHONPATH")]))}
    env.pop("LETOPIS_DATABASE_URL", None)
    process = subprocess.Popen([sys.executable, "-m", "letopis.cli", "serve", "--port", "0"], env=env,
                               stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        found = re.search(r"http://127\.0\.0\.1:\d+/", process.stderr.readline())
        assert found, "no address announced"
        yield found.group(0).rstrip("/"), store
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_incident_page_shows_corroboration_and_the_filter_narrows_the_table(
        served: tuple[str, Any], browser: Any, tmp_path: Path) -> None:  # noqa: F811
    server, store = served
    requested: list[str] = []
    page = browser.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server}/incidents?lang=en")
    page.fill("input[name=name]", "monitor")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation(url=re.compile(r".*/incidents\?lang=en$")):
        page.click("#login-form button[type=submit]")
    assert page.locator("#count").get_attribute("data-total") == "3"
    claim_row = page.locator(f"table.incidents tbody tr:has(a[href='/incidents/{store.claim}'])")
    assert "reported by RIA Example" in claim_row.inner_text()

    page.fill("input[name=min_origins]", "2")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*min_origins=2.*"))
    rows = page.locator("table.incidents tbody tr")
    assert rows.count() == 1 and rows.first.locator("td.origins").inner_text() == "2"

    page.fill("input[name=min_origins]", "")
    page.check("input[name=court_record]")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*court_record=yes.*"))
    assert page.locator("table.incidents tbody tr").count() == 1
    page.locator("table.incidents tbody tr td a").first.click()
    page.wait_for_url(re.compile(rf".*/incidents/{store.court}$"))
    assert "court record: 1" in page.locator("#corroboration").inner_text()

    page.goto(f"{server}/incidents/{store.witnessed}")
    section = page.locator("#corroboration")
    assert "2 independent origin(s)" in section.inner_text() and "1 of them copies" in section.inner_text()
    assert section.locator("li[data-origin]").count() == 2 and section.locator("li[data-copy]").count() == 1
    page.goto(f"{server}/incidents/{store.claim}")
    assert "Reported by RIA Example" in page.locator("#reported-by").inner_text()
    assert page.locator("dd.profile .grade").inner_text() == "D4"
    shots = tmp_path / "screenshots"
    shots.mkdir()
    page.screenshot(path=str(shots / "incident-claim.png"), full_page=True)
    origin = urlsplit(server).netloc
    assert requested and {urlsplit(url).netloc for url in requested} == {origin}
