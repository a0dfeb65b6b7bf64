"""The published site in a real browser (Debian's chromium via Playwright), opened from a local folder as
file://: the map draws its markers and the base map's outlines, a filter changes what is shown, the language
switch keeps the filter, an incident's page opens, the timeline draws its months, and no request leaves the
folder. Skipped without /usr/bin/chromium (fails under CI=true), as tests/web."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from letopis.services.incidents import IncidentFilters
from letopis.services.publishing import publish_site
from tests.web.conftest import filled_workspace

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"the browser tests need Debian's chromium at {CHROMIUM} (scripts/ensure-services.sh installs it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The bundled samples (candidates: published with --include-unverified), en, uk, ru."""
    workspace = filled_workspace(tmp_path / "data")
    try:
        publish_site(workspace, IncidentFilters(), tmp_path / "site", include_unverified=True)
    finally:
        workspace.close()
    return tmp_path / "site"


def features(site: Path) -> list[dict[str, Any]]:
    return json.loads((site / "data" / "incidents.geojson").read_text(encoding="utf-8"))["features"]


def test_the_site_works_from_a_folder_without_a_request_outside_it(site: Path, browser: Any) -> None:
    placed = features(site)
    total = len((site / "data" / "incidents.jsonl").read_text(encoding="utf-8").splitlines())
    resistance = [f for f in placed if f["properties"]["event_type"] == "resistance"]
    assert total >= 10 and 0 < len(resistance) < len(placed)
    requested: list[str] = []
    page = browser.new_page()
    page.on("request", lambda request: requested.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    refused: list[str] = []  # what the content security policy blocked: nothing the site itself needs
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)

    page.goto(site.joinpath("index.html").as_uri())  # the folder's start page leads to the first language's map
    page.wait_for_url(re.compile(r".*/en/index\.html$"))
    page.wait_for_selector("#map[data-ready=true]")
    assert page.get_attribute("#map", "data-markers") == str(len(placed))
    assert page.locator(".leaflet-marker-icon").count() > 0  # markers and clusters drawn
    assert page.locator("#count").get_attribute("data-shown") == str(total)
    page.wait_for_selector("#map[data-outlined=true]")
    assert page.locator(".leaflet-outlines-pane path").count() > 50  # the offline base map

    page.select_option("select[name=type]", "resistance")
    page.wait_for_selector(f"#map[data-ready=true][data-markers='{len(resistance)}']")
    assert page.locator("#count").get_attribute("data-shown") == str(len(resistance))
    assert "type=resistance" in page.url
    latest = page.locator("#latest li a")
    assert latest.count() == len(resistance)
    assert all(t.startswith("Resistance to detentions") for t in latest.all_inner_texts())

    page.click("nav.languages a[hreflang=uk]")  # the switch keeps the filter
    page.wait_for_url(re.compile(r".*/uk/index\.html#type=resistance$"))
    page.wait_for_selector(f"#map[data-ready=true][data-markers='{len(resistance)}']")
    assert page.locator("h1").inner_text() == "Мапа" and page.locator("html").get_attribute("lang") == "uk"
    assert page.input_value("select[name=type]") == "resistance"
    assert all(t.startswith("Опір затриманням") for t in page.locator("#latest li a").all_inner_texts())

    first = page.locator("#latest li a").first
    number = re.search(r"(\d+)\.html$", first.get_attribute("href") or "")
    assert number
    first.click()
    page.wait_for_url(re.compile(rf".*/uk/incidents/{number.group(1)}\.html$"))
    assert page.locator("h1").inner_text() == f"Опір затриманням #{number.group(1)}"
    assert page.locator("ol.sources li").count() >= 1 and "зафіксовано" in page.locator("p.paragraph").inner_text()

    page.click("header nav a[href$='timeline.html']")
    page.wait_for_url(re.compile(r".*/uk/timeline\.html$"))
    assert page.locator("#timeline .bar").count() >= 1
    page.locator("#timeline .bar").first.click()
    assert page.locator("#month-list li a").count() >= 1

    page.goto(site.joinpath("ru", "about.html").as_uri())
    assert page.locator("h1").inner_text() == "О данных" and page.locator("a[href$='incidents.csv']").count() == 1

    folder = site.resolve().as_uri() + "/"
    outside = [url for url in requested if not url.startswith(folder) and not url.startswith("data:")]
    assert outside == [] and errors == [] and refused == []
    assert any(url.endswith("/assets/outlines.js") for url in requested)


def test_the_pages_carry_a_content_security_policy_that_holds_from_the_disk(site: Path, browser: Any) -> None:
    page = browser.new_page()
    page.goto(site.joinpath("en", "index.html").as_uri())
    page.wait_for_selector("#map[data-ready=true]")
    policy = page.get_attribute("meta[http-equiv=Content-Security-Policy]", "content") or ""
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    # an inline script slipped into a page (as a hostile text would try) does not run; the site's own do
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';
                             document.head.appendChild(s); }""")
    assert page.evaluate("() => window.injected === undefined && typeof window.LETOPIS_ROWS === 'object'")
    for name in ("index.html", "en/timeline.html", "uk/about.html"):
        assert "Content-Security-Policy" in (site / name).read_text(encoding="utf-8"), name
