"""The HTML digest in a real browser (Debian's chromium via Playwright), opened from a local file:
the bar chart draws one bar a type with widths in proportion, the text is there in Ukrainian, and no
request leaves the file. Skipped without /usr/bin/chromium (fails under CI=true), as tests/web."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from letopis.gazetteer import load_gazetteer
from letopis.model import EVENT_TYPES, Digest, DigestEntry
from letopis.publish.digest import render_digest
from letopis.services.digest import build_digest
from tests.publish.test_digest import MARCH

SVG_TEXTS_INSIDE = """() => {
  const svg = document.querySelector('svg').getBoundingClientRect();
  return [...document.querySelectorAll('svg text')].every(t => {
    const box = t.getBoundingClientRect();
    return box.width > 0 && box.left >= svg.left && box.right <= svg.right;
  });
}"""

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


def test_the_html_digest_draws_its_chart_offline(month: Any, browser: Any, tmp_path: Path) -> None:
    db, _, _ = month
    path = tmp_path / "digest.html"
    path.write_text(render_digest(build_digest(db, MARCH), load_gazetteer(), "uk", "html"), encoding="utf-8")
    requested: list[str] = []
    page = browser.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.goto(path.as_uri())
    assert page.title() == "Дайджест інцидентів: березень 2025 р."
    bars = page.locator("svg rect")
    assert bars.count() == 5
    widths = [bars.nth(i).bounding_box()["width"] for i in range(5)]
    assert widths[0] == pytest.approx(2 * widths[1]) and min(widths) > 0
    texts = page.locator("svg text")
    assert texts.all_text_contents()[:2] == ["Затримання для мобілізації", "2"]
    assert page.evaluate(SVG_TEXTS_INSIDE)          # no label runs out of the chart
    assert page.locator("ol > li").count() == 6
    assert "у Кривому Розі Дніпропетровської області" in page.locator("ol").inner_text()
    assert requested == [path.as_uri()]


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_every_type_label_fits_in_the_chart(browser: Any, tmp_path: Path, lang: str) -> None:
    """The longest type names ("Насилие в отношении мобилизованных") stay inside the drawing."""
    one = DigestEntry(1, "other", "2025-03-01", "day", None, None, None, None, None, None, None, (), ())
    digest = Digest(date(2025, 3, 1), date(2025, 3, 31), (one,),
                    tuple((t, 11 - i) for i, t in enumerate(EVENT_TYPES)), ((("UA", None), 1),))
    path = tmp_path / f"types.{lang}.html"
    path.write_text(render_digest(digest, load_gazetteer(), lang, "html"), encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    assert page.locator("svg rect").count() == len(EVENT_TYPES)
    assert page.evaluate(SVG_TEXTS_INSIDE)
