"""The app in a real browser: Debian's chromium, driven by Playwright, against a real `letopis serve`.

Log in (the app sends an anonymous browser to its login page first), open the
incidents, filter, open an incident, verify it with a reason, see the history
under the account's name; a call to the API from the page's script with the
session's CSRF token; screenshots in the three languages; log out; and no
request to any host other than the app's. Needs /usr/bin/chromium (scripts/ensure-services.sh installs
it); without it the test is skipped with the reason (and fails under CI=true).
"""

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

from tests.web.conftest import PASSWORD, filled_workspace
from tests.web.test_api import flag_two

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`letopis serve --port 0` on the ingested samples; its address."""
    workspace = filled_workspace(tmp_path / "data")
    try:
        flag_two(workspace, 1, 2)  # one pair for the review queue
        from letopis.services import accounts

        accounts.add_user(workspace, "monitor", "editor", PASSWORD)
    finally:
        workspace.close()
    env = {**os.environ, "LETOPIS_DATA": str(tmp_path / "data"), "LETOPIS_COLLECTOR": "monitor",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[2] / "src"),
                                                       os.environ.get("PYTHONPATH")]))}
    env.pop("LETOPIS_DATABASE_URL", None)
    process = subprocess.Popen([sys.executable, "-m", "letopis.cli", "serve", "--port", "0"], env=env,
                               stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, f"no address announced: {line!r}"
        yield found.group(0).rstrip("/")
    finally:
        process.terminate()
        process.wait(timeout=30)


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


def test_a_monitor_filters_opens_and_verifies_an_incident(server: str, browser: Any, tmp_path: Path) -> None:
    requested: list[str] = []
    page = browser.new_page()
    page.on("request", lambda request: requested.append(request.url))

    page.goto(f"{server}/incidents?lang=en")
    page.wait_for_url(re.compile(r".*/login\?next=.*"))  # nobody is let in without logging in
    page.fill("input[name=name]", "monitor")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation(url=re.compile(r".*/incidents\?lang=en$")):
        page.click("#login-form button[type=submit]")
    assert page.locator("#account").inner_text() == "monitor (editor)"
    total = int(page.locator("#count").get_attribute("data-total"))
    assert total >= 10 and page.locator("table.incidents tbody tr").count() == total

    page.select_option("select[name=type]", "resistance")
    page.fill("input[name=q]", "Одеса")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*type=resistance.*"))
    assert "q=" in page.url
    rows = page.locator("table.incidents tbody tr")
    assert rows.count() == 1 and "Odesa" in rows.first.inner_text()

    rows.first.locator("td a").first.click()
    page.wait_for_url(re.compile(r".*/incidents/\d+$"))
    assert page.locator("mark.quote").count() >= 1
    page.fill("#status-reason", "a second source confirms it")
    with page.expect_navigation(url=re.compile(r".*/incidents/\d+$")):
        page.click("button[value=verified]")
    assert "verified" in page.locator(".notice").inner_text()
    assert page.locator("#status").inner_text() == "verified"
    history = page.locator("#history").inner_text()
    assert "a second source confirms it" in history and "monitor" in history

    # The keys: r, the reason, Enter rejects; in the review queue, a keeps the flagged pair apart.
    page.goto(f"{server}/incidents/1")
    page.keyboard.press("r")
    page.keyboard.type("an opinion piece, not a report")
    with page.expect_navigation(url=re.compile(r".*/incidents/1$")):
        page.keyboard.press("Enter")
    assert page.locator("#status").inner_text() == "rejected"
    page.goto(f"{server}/review")
    assert page.locator("article.flag.current").count() == 1
    with page.expect_navigation(url=re.compile(r".*/review$")):
        page.keyboard.press("a")
    assert "kept apart" in page.locator(".notice").inner_text()
    assert page.locator("article.flag").count() == 0

    # The page's script calls the API with the session's CSRF token in a header; without it, refused.
    sent = page.evaluate("""async () => {
        const body = JSON.stringify({status: 'verified', reason: 'checked from the page script'});
        const bare = await fetch('/api/incidents/2/status', {method: 'POST', body: body,
                                                             headers: {'Content-Type': 'application/json'}});
        const sent = await letopis.send('POST', '/api/incidents/2/status', JSON.parse(body));
        return [bare.status, sent.status, (await sent.json()).status];
    }""")
    assert sent == [403, 200, "verified"]

    shots = tmp_path / "screenshots"
    for language, title in (("en", "Incidents"), ("uk", "Інциденти"), ("ru", "Инциденты")):
        page.goto(f"{server}/incidents?lang={language}")
        assert page.locator("h1").inner_text() == title
        page.screenshot(path=str(shots / f"incidents-{language}.png"), full_page=True)
        page.goto(f"{server}/review")  # the cookie keeps the language
        page.screenshot(path=str(shots / f"review-{language}.png"), full_page=True)
    page.goto(f"{server}/incidents?lang=en")
    with page.expect_navigation(url=re.compile(r".*/login$")):
        page.click("form.account button[type=submit]")
    page.goto(f"{server}/review")
    assert "/login?next=" in page.url  # logged out
    assert sorted(p.name for p in shots.iterdir()) == sorted(
        f"{name}-{language}.png" for name in ("incidents", "review") for language in ("en", "uk", "ru"))

    app_host = urlsplit(server).netloc
    assert requested and {urlsplit(url).netloc for url in requested} == {app_host}
    assert any(url.endswith("/static/style.css") for url in requested)
    assert any(url.endswith("/static/app.js") for url in requested)


def test_an_admin_logs_in_with_a_code_and_manages_accounts(server: str, browser: Any, tmp_path: Path) -> None:
    pyotp = pytest.importorskip("pyotp")
    from letopis.config import load_config
    from letopis.services import accounts
    from letopis.services.workspace import open_workspace

    workspace = open_workspace(load_config({"data": str(tmp_path / "data")}))
    try:
        accounts.add_user(workspace, "anna", "admin", PASSWORD)
        secret = accounts.enable_totp(workspace, "anna").secret
    finally:
        workspace.close()
    requested: list[str] = []
    page = browser.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.on("dialog", lambda dialog: dialog.accept())  # "Remove the account …?"

    page.goto(f"{server}/users?lang=en")
    page.fill("input[name=name]", "anna")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("input[name=code]")
    page.fill("input[name=code]", pyotp.TOTP(secret).now())
    with page.expect_navigation(url=re.compile(r".*/users\?lang=en$")):
        page.click("#login-form button[type=submit]")
    assert page.locator("#account").inner_text() == "anna (admin)"

    page.fill("#add-user input[name=name]", "petro")
    page.select_option("#add-user select[name=role]", "viewer")
    page.fill("#add-user input[name=password]", "petro's password")
    with page.expect_navigation(url=re.compile(r".*/users$")):
        page.click("#add-user button[type=submit]")
    assert "Account petro added" in page.locator(".notice").inner_text()
    row = page.locator("tr", has_text="petro")
    assert row.locator("select[name=role]").input_value() == "viewer"
    with page.expect_navigation(url=re.compile(r".*/users$")):
        row.locator("form[action='/users/remove'] button").click()
    assert "Account petro removed" in page.locator(".notice").inner_text()
    assert page.locator("tr", has_text="petro").count() == 0
    page.screenshot(path=str(tmp_path / "users-en.png"), full_page=True)
    assert {urlsplit(url).netloc for url in requested} == {urlsplit(server).netloc}
