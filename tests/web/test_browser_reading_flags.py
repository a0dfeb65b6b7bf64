"""Reading flags in a real browser (Debian's chromium through Playwright, against a real `letopis serve`): the
review queue lists the open ones; an editor takes a new reading with a reason and the incident page then shows
the value read, with the edit under the editor's name; from the incident page another is kept as stored."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.web.reading_flags import verified_then_read_again
from tests.web.test_browser import browser, server  # noqa: F401 - the fixtures
from tests.web.test_overview_browser import _logged_in


def test_an_editor_decides_reading_flags_in_the_browser(server: str, browser: Any, tmp_path: Path) -> None:  # noqa: F811
    from letopis.config import load_config
    from letopis.services.workspace import open_workspace

    workspace = open_workspace(load_config({"data": str(tmp_path / "data")}))
    try:
        flags = verified_then_read_again(workspace, 1, 2)
    finally:
        workspace.close()
    first = next(f for f in flags if f.incident_id == 1 and f.field == "detained")
    second = next(f for f in flags if f.incident_id == 2 and f.field == "detained")
    requested: list[str] = []
    page = _logged_in(browser, server)
    page.on("request", lambda request: requested.append(request.url))

    page.goto(f"{server}/review?lang=en")
    assert page.locator("#reading-flags-count").inner_text() == str(len(flags))
    card = page.locator(f"#reading-flag-{first.id}")
    assert card.locator(".field").inner_text() == "Detained"
    assert card.locator(".proposed").inner_text() == str(first.proposed)
    card.locator("button[value=apply]").click()   # no reason yet: the browser asks for one, nothing is sent
    assert page.url.endswith("/review?lang=en") and card.count() == 1
    card.locator("input[name=reason]").fill("the video shows them")
    with page.expect_navigation(url=re.compile(r".*/review$")):
        card.locator("button[value=apply]").click()
    assert f"Reading flag {first.id}: applied" in page.locator(".notice").inner_text()
    assert page.locator(f"#reading-flag-{first.id}").count() == 0

    page.goto(f"{server}/incidents/1")
    history = page.locator("#history").inner_text()
    assert "the video shows them" in history and "monitor" in history
    assert page.locator("#reading-flags").count() == 0 or page.locator(f"#reading-flag-{first.id}").count() == 0

    page.goto(f"{server}/incidents/2?lang=uk")
    card = page.locator(f"#reading-flag-{second.id}")
    card.locator("input[name=reason]").fill("людина мала рацію")
    with page.expect_navigation(url=re.compile(r".*/incidents/2$")):
        card.locator("button[value=dismiss]").click()
    assert f"Позначка прочитання {second.id}: відхилено" in page.locator(".notice").inner_text()
    assert page.locator(f"#reading-flag-{second.id}").count() == 0
    assert {urlsplit(url).netloc for url in requested} == {urlsplit(server).netloc}
