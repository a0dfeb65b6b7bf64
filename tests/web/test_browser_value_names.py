"""In a real browser (Debian's chromium through Playwright, against a real `letopis serve`): what a reader sees of
an incident's actors, its place's precision and its sources' kinds is named in the chosen language, on the
incident page, in the table and in the review queue; the stored codes are not in the visible text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.web.test_browser import browser, server  # noqa: F401 - the fixtures
from tests.web.test_overview_browser import _api, _logged_in

CODES = re.compile(r"\b(recruitment_officers|border_guards|security_service|telegram_message)\b")


def _with_recruiters(page: Any) -> dict[str, Any]:
    ids = [item["id"] for item in _api(page, "/api/incidents", per_page="500", sort="id")["items"]]
    return next(found for found in (_api(page, f"/api/incidents/{i}") for i in ids)
                if "recruitment_officers" in found["actors"])


def test_actors_precision_and_kinds_are_read_in_the_chosen_language(server: str, browser: Any) -> None:  # noqa: F811
    page = _logged_in(browser, server)
    incident = _with_recruiters(page)

    page.goto(f"{server}/incidents/{incident['id']}?lang=uk")
    assert "працівники ТЦК (військкомату)" in page.locator("#actors").inner_text()
    if incident["geo_precision"] == 1:
        assert page.locator("#geo-precision").inner_text() == "у населеному пункті"
    assert page.locator(".source-kind").first.inner_text() == "файл"
    assert not CODES.search(page.locator("main").inner_text())

    page.goto(f"{server}/incidents?lang=ru&per_page=500")
    actors = page.locator("table.incidents small.actors").all_inner_texts()
    assert any("сотрудники военкомата (ТЦК)" in text for text in actors)
    assert not CODES.search(page.locator("main").inner_text())

    page.goto(f"{server}/review?lang=en")  # the server's flagged pair: both sides name their actors
    sides = page.locator("article.flag .side .actors").all_inner_texts()
    assert len(sides) == 2 and all(text and not CODES.search(text) for text in sides)


def test_an_editor_chooses_the_actors_by_their_names(server: str, browser: Any, tmp_path: Path) -> None:  # noqa: F811
    page = _logged_in(browser, server)
    incident = _with_recruiters(page)
    page.goto(f"{server}/incidents/{incident['id']}?lang=uk")
    choices = page.locator("#actor-choices")
    # each role a box named in the reader's language; none of the codes is in the words shown
    assert "поліція" in choices.inner_text() and "працівники ТЦК (військкомату)" in choices.inner_text()
    assert not CODES.search(choices.inner_text())
    recruiters = choices.get_by_label("працівники ТЦК (військкомату)", exact=True)
    assert recruiters.is_checked() and recruiters.get_attribute("value") == "recruitment_officers"

    recruiters.uncheck()
    choices.get_by_label("поліція", exact=True).check()
    choices.get_by_label("цивільні", exact=True).check()
    page.locator("#edit-form").screenshot(path=str(tmp_path / "actor-choices-uk.png"))
    page.fill("#edit-reason", "два джерела")
    with page.expect_navigation():
        page.click("#edit-form button[type=submit]")
    assert page.locator("#actors").inner_text() == "поліція, цивільні"
    assert _api(page, f"/api/incidents/{incident['id']}")["actors"] == ["police", "civilians"]
    assert page.locator("#actor-choices").get_by_label("поліція", exact=True).is_checked()

    # the server still checks: a box whose value was changed in the page is refused, and nothing is stored
    page.locator("#actor-choices input[value=police]").evaluate("box => { box.value = 'boss'; }")
    page.fill("#edit-reason", "спроба")
    with page.expect_navigation():
        page.click("#edit-form button[type=submit]")
    assert "boss" in page.locator("main").inner_text()
    assert _api(page, f"/api/incidents/{incident['id']}")["actors"] == ["police", "civilians"]
