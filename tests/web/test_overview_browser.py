"""The map, the timeline and the statistics in a real browser (Debian's chromium through Playwright) against a
real `letopis serve` on the ingested samples.

The map draws a marker or a cluster for every incident with coordinates and
the offline outlines of countries and regions; a marker's popup opens its
incident; the timeline draws a bar per day; dragging across the bars sets
the From and To filters in the URL, and the table then lists exactly those
incidents; and no request leaves the app's host. Screenshots go to pytest's
temporary folder (and to LETOPIS_SCREENSHOTS when set).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from letopis.web.assets import CHECKOUT_MODULES, missing_assets
from tests.web.conftest import PASSWORD
from tests.web.test_browser import browser, server  # noqa: F401 - the fixtures

pytestmark = pytest.mark.usefixtures("assets_installed")


@pytest.fixture
def assets_installed() -> None:
    missing = missing_assets(CHECKOUT_MODULES)
    if missing:
        message = f"the map tests need `npm ci` (make setup) to have filled {CHECKOUT_MODULES}: missing {missing[0]}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def _logged_in(browser: Any, base: str) -> Any:  # noqa: F811 - the fixture's value
    """A page logged in as the editor the server fixture made (the API answers the page's session)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/login")
    page.fill("input[name=name]", "monitor")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("#login-form button[type=submit]")
    return page


def _api(page: Any, path: str, **query: str) -> Any:
    """What the API answers this page's session (the same request the page's scripts make)."""
    base = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    response = page.request.get(f"{base}{path}?{urlencode(query)}")
    assert response.ok, response.text()
    return response.json()


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("LETOPIS_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _markers_shown(page: Any) -> int:
    """Incidents the map shows: single markers plus the number written on each cluster."""
    singles = page.locator(".leaflet-marker-pane .incident-marker").count()
    clustered = sum(int(text) for text in page.locator(".leaflet-marker-pane .marker-cluster span").all_inner_texts())
    return singles + clustered


def test_the_map_draws_the_filtered_incidents_over_offline_outlines(server: str, browser: Any,  # noqa: F811
                                                                     tmp_path: Path) -> None:
    requested: list[str] = []
    page = _logged_in(browser, server)
    page.on("request", lambda request: requested.append(request.url))
    shots = _shots(tmp_path)

    page.goto(f"{server}/map?lang=en")
    page.wait_for_selector("#map[data-ready=true]")
    placed = len(_api(page, "/api/map")["features"])
    assert placed >= 5
    assert _markers_shown(page) == placed
    assert page.locator(".leaflet-marker-pane .leaflet-marker-icon").count() >= 1
    assert int(page.locator("#map").get_attribute("data-markers")) == placed
    assert re.search(rf"\b{placed} incidents on the map", page.locator("#map-count").inner_text())
    # The offline base layer: Natural Earth's countries, and the regions of Ukraine, Russia and the neighbours.
    page.wait_for_function("() => document.querySelectorAll('path.outline-region').length > 300")
    assert page.locator("path.outline-country").count() > 100
    assert page.locator(".legend-types li").count() == 11
    page.screenshot(path=str(shots / "map-en.png"), full_page=True)

    # A marker's popup links to its incident.
    marker = page.locator(".leaflet-marker-pane .incident-marker").first
    marker.click()
    link = page.locator(".incident-popup a")
    link.wait_for()
    href = link.get_attribute("href")
    assert href and re.fullmatch(r"/incidents/\d+", href)
    page.wait_for_function("() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    page.screenshot(path=str(shots / "map-popup.png"))
    with page.expect_navigation(url=re.compile(r".*/incidents/\d+$")):
        link.click()
    assert page.locator("h1").inner_text().startswith("Incident")

    # The filters of the table narrow the map.
    page.goto(f"{server}/map?type=resistance")
    page.wait_for_selector("#map[data-ready=true]")
    resistance = len(_api(page, "/api/map", type="resistance")["features"])
    assert 0 < resistance < placed and _markers_shown(page) == resistance

    page.goto(f"{server}/map?lang=uk")
    page.wait_for_selector("#map[data-ready=true]")
    assert page.locator("h1").inner_text() == "Мапа"
    page.screenshot(path=str(shots / "map-uk.png"), full_page=True)
    # The card writes the date and place in Ukrainian (the gazetteer's names, the date to its precision).
    page.locator(".leaflet-marker-pane .incident-marker").first.click()
    card = page.locator(".incident-popup")
    card.locator(".popup-summary[data-ready=true]").wait_for()   # the card's details come when it opens
    texts = [(f["properties"]["date_text"], f["properties"]["place_text"])
             for f in _api(page, "/api/map", fields="date_text,place_text")["features"]]
    shown = card.inner_text()
    assert any(date in shown and place in shown for date, place in texts if date and place), shown
    assert re.search(r"\d{4}\s*р\.", shown) and re.search("[А-ЯІЇЄҐ][а-яіїєґ'’]+", shown), shown
    page.wait_for_function("() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    page.screenshot(path=str(shots / "map-popup-uk.png"))

    # An incident read from the English sample: its card's summary is written in Ukrainian from its fields,
    # marked as generated, the stored English one in the mark's title.
    page.goto(f"{server}/map?lang=uk&q=Vinnytsia")
    page.wait_for_selector("#map[data-ready=true]")
    page.locator(".leaflet-marker-pane .incident-marker").first.click()
    summary = page.locator(".incident-popup .popup-summary[data-ready=true]")
    summary.wait_for()
    assert "поблизу Вінниці зафіксовано опір затриманню" in summary.inner_text()
    badge = summary.locator(".badge.generated")
    assert badge.inner_text() == "згенеровано" and "On October 31, 2025, near Vinnytsia" in badge.get_attribute("title")

    app_host = urlsplit(server).netloc
    assert {urlsplit(url).netloc for url in requested} == {app_host}
    assert any("/vendor/outlines/ukr.json" in url for url in requested)
    assert any("/vendor/leaflet/leaflet.js" in url for url in requested)
    # the page draws its markers from the compact rows and asks for a card when one opens
    assert any(urlsplit(url).path == "/api/map/markers" for url in requested)
    assert any(re.fullmatch(r"/api/incidents/\d+/card", urlsplit(url).path) for url in requested)


def test_brushing_the_timeline_sets_the_dates_the_table_follows(server: str, browser: Any,  # noqa: F811
                                                               tmp_path: Path) -> None:
    requested: list[str] = []
    page = _logged_in(browser, server)
    page.on("request", lambda request: requested.append(request.url))
    shots = _shots(tmp_path)

    page.goto(f"{server}/timeline?by=day&lang=en")
    page.wait_for_selector("[data-timeline][data-drawn=true]")
    days = _api(page, "/api/timeline", by="day")["bars"]
    assert len(days) >= 3
    bars = page.locator("svg.timeline-svg g.bar")
    assert bars.count() == len(days)
    assert page.locator("svg.timeline-svg rect.segment").count() == sum(len(bar["counts"]) for bar in days)
    page.screenshot(path=str(shots / "timeline-en.png"), full_page=True)

    # Drag from the middle of the second bar to the middle of the third.
    second, third = bars.nth(1).bounding_box(), bars.nth(2).bounding_box()
    page.mouse.move(second["x"] + second["width"] / 2, second["y"] + second["height"] / 2)
    page.mouse.down()
    page.mouse.move(third["x"] + third["width"] / 2, third["y"] + third["height"] / 2, steps=5)
    with page.expect_navigation(url=re.compile(r".*from=.*to=.*")):
        page.mouse.up()
    query = parse_qs(urlsplit(page.url).query)
    assert query["from"] == [days[1]["start"]] and query["to"] == [days[2]["end"]] and query["by"] == ["day"]
    assert page.locator("input[name=from]").input_value() == days[1]["start"]
    page.wait_for_selector("[data-timeline][data-drawn=true]")
    assert page.locator("svg.timeline-svg g.bar").count() == 2
    page.screenshot(path=str(shots / "timeline-brushed.png"), full_page=True)

    # The table follows through the view links, with the same dates.
    with page.expect_navigation(url=re.compile(r".*/incidents\?.*")):
        page.click("nav.views a[href^='/incidents']")
    window = _api(page, "/api/incidents", **{"from": days[1]["start"], "to": days[2]["end"]})
    assert int(page.locator("#count").get_attribute("data-total")) == window["total"] >= 2

    # The panel on the incidents page: opened, drawn, brushed onto one day by a click on its bar.
    page.goto(f"{server}/incidents")
    page.click("#timeline-panel summary")
    page.wait_for_selector("#timeline-panel [data-timeline][data-drawn=true]")
    month = page.locator("#timeline-panel svg.timeline-svg g.bar")
    assert month.count() == len(_api(page, "/api/timeline")["bars"]) >= 1
    with page.expect_navigation(url=re.compile(r".*/incidents\?.*from=.*")):
        month.first.click()
    query = parse_qs(urlsplit(page.url).query)
    assert query["from"] == ["2025-10-01"] and query["to"] == ["2025-10-31"]
    expected = _api(page, "/api/incidents", **{"from": "2025-10-01", "to": "2025-10-31"})["total"]
    assert int(page.locator("#count").get_attribute("data-total")) == expected
    page.wait_for_selector("#timeline-panel[open] [data-timeline][data-drawn=true]")  # still open, drawn again
    page.screenshot(path=str(shots / "incidents-with-timeline.png"), full_page=True)

    # The statistics page: the counts by region and type, the stored figures with their sources.
    page.goto(f"{server}/statistics?lang=ru")
    regions = _api(page, "/api/statistics/regions")["regions"]
    assert page.locator("#region-counts tbody tr").count() == len(regions)
    assert page.locator("#statistic-records tbody tr").count() == _api(page, "/api/statistics")["total"] == 2
    assert page.locator("h1").inner_text() == "Статистика"
    page.screenshot(path=str(shots / "statistics-ru.png"), full_page=True)

    app_host = urlsplit(server).netloc
    assert {urlsplit(url).netloc for url in requested} == {app_host}
