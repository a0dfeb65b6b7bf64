"""The review keys in a real browser (Debian's chromium through Playwright, against a real `letopis serve`).

On an incident: v / r / c choose a decision and put the cursor in the reason,
Enter then decides, e goes to the edit form; in the review queue: j / k walk
the flagged pairs, m merges, a keeps apart. None of them acts while a text
field has the cursor (Esc leaves it), Enter in a reason field decides only
what was chosen, and the keys in the same places of a Cyrillic layout work
too. The pages list the keys.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.web.conftest import PASSWORD
from tests.web.test_api import flag_two
from tests.web.test_browser import browser, server  # noqa: F401 - the fixtures

__all__ = ["browser", "server"]


def _log_in(page: Any, server: str, path: str) -> None:
    page.goto(f"{server}{path}")
    page.fill("input[name=name]", "monitor")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation(url=re.compile(rf".*{re.escape(path)}$")):
        page.click("#login-form button[type=submit]")


def _press_on_cyrillic_layout(page: Any, character: str, code: str, key_code: int) -> None:
    """The key at ``code`` pressed while a Ukrainian or Russian layout is on: the browser reports ``character``."""
    session = page.context.new_cdp_session(page)
    for kind in ("keyDown", "char", "keyUp"):
        session.send("Input.dispatchKeyEvent", {"type": kind, "key": character, "code": code, "text": character,
                                                "windowsVirtualKeyCode": key_code})
    session.detach()


def _focused(page: Any) -> dict[str, str]:
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName, name: e.name || '', type: e.type || '', id: e.id || '',
                form: (e.form && e.form.id) || ''}; }""")


def _pending(page: Any) -> str | None:
    return page.evaluate("() => document.querySelector('form[data-shortcut-form]').dataset.pending || null")


def _status_history(page: Any) -> list[str]:
    return page.locator("#history tbody tr[data-field=status]").all_inner_texts()


def test_the_incident_keys_and_typing(server: str, browser: Any) -> None:  # noqa: F811 - the fixtures
    page = browser.new_page()
    posted: list[str] = []
    page.on("request", lambda request: posted.append(request.url) if request.method == "POST" else None)
    _log_in(page, server, "/incidents/8?lang=en")
    keys = page.locator("#shortcuts").inner_text()
    for listed in ("v verify", "r reject", "c back to candidate", "e edit", "Esc"):
        assert listed in keys

    # e: the cursor goes to the edit form's first field (not to its hidden token); Esc leaves it.
    page.keyboard.press("e")
    focused = _focused(page)
    assert focused["form"] == "edit-form" and focused["type"] != "hidden" and focused["name"]
    page.keyboard.press("Escape")
    assert _focused(page)["tag"] == "BODY"

    # Typing the letters in a field types them: no decision chosen, nothing sent.
    field = page.locator("#edit-form input[name=detained]")
    field.click()
    page.keyboard.type("vrcejkma")
    assert field.input_value().endswith("vrcejkma")
    assert _pending(page) is None and page.locator("button.pending").count() == 0
    assert _focused(page)["name"] == "detained"
    field.fill("")

    # Enter in the reason field without a chosen decision sends nothing (the browser would verify);
    # Esc, r, Enter then rejects with the reason already typed.
    page.fill("#status-reason", "a duplicate of another report")
    page.press("#status-reason", "Enter")
    assert _pending(page) is None
    page.keyboard.press("Escape")
    page.keyboard.press("r")
    assert _pending(page) == "rejected" and _focused(page)["id"] == "status-reason"
    with page.expect_navigation(url=re.compile(r".*/incidents/8$")):
        page.keyboard.press("Enter")
    assert page.locator("#status").inner_text() == "rejected"
    history = _status_history(page)
    assert len(history) == 1 and "rejected" in history[0] and "a duplicate of another report" in history[0]
    assert [url for url in posted if url.endswith("/status")] == [f"{server}/incidents/8/status"]

    # On a Cyrillic layout the key marked V gives "м": it still chooses verify.
    _press_on_cyrillic_layout(page, "м", "KeyV", 86)
    assert _pending(page) == "verified" and _focused(page)["id"] == "status-reason"
    page.keyboard.type("два джерела")
    with page.expect_navigation(url=re.compile(r".*/incidents/8$")):
        page.keyboard.press("Enter")
    assert page.locator("#status").inner_text() == "verified"

    # c: back to candidate.
    page.keyboard.press("c")
    page.keyboard.type("needs a second look")
    with page.expect_navigation(url=re.compile(r".*/incidents/8$")):
        page.keyboard.press("Enter")
    assert page.locator("#status").inner_text() == "candidate"
    assert len(_status_history(page)) == 3


def test_the_review_queue_keys_and_typing(server: str, browser: Any, tmp_path: Path) -> None:  # noqa: F811
    from letopis.config import load_config
    from letopis.services.workspace import open_workspace

    workspace = open_workspace(load_config({"data": str(tmp_path / "data")}))
    try:  # the fixture flagged 1 and 2
        second, third = flag_two(workspace, 3, 4), flag_two(workspace, 5, 6)
    finally:
        workspace.close()
    page = browser.new_page()
    _log_in(page, server, "/review?lang=en")
    keys = page.locator("#shortcuts").inner_text()
    for listed in ("j / k", "m merge", "a keep apart", "Esc"):
        assert listed in keys

    def current() -> str:
        return page.evaluate("() => [...document.querySelectorAll('article.flag.current')].map(a => a.id).join()")

    first = page.locator("article.flag").first.get_attribute("id")
    order = page.locator("article.flag").evaluate_all("flags => flags.map(f => f.id)")
    assert len(order) == 3 and current() == first
    page.keyboard.press("j")
    assert current() == order[1]
    _press_on_cyrillic_layout(page, "о", "KeyJ", 74)  # j on a Russian layout
    assert current() == order[2]
    page.keyboard.press("j")
    assert current() == order[2]  # the last stays
    page.keyboard.press("k")
    page.keyboard.press("k")
    assert current() == order[0]

    # Typing a reason in the third pair's field: that pair becomes the current one, the letters stay letters,
    # and Enter decides nothing; Esc, then a keeps that pair apart with the reason.
    reason = page.locator(f"#{order[2]} input[name=reason]")
    reason.click()
    page.keyboard.type("jkma: two towns of the same name")
    assert reason.input_value() == "jkma: two towns of the same name" and current() == order[2]
    reason.press("Enter")
    assert page.locator("article.flag").count() == 3
    page.keyboard.press("Escape")
    with page.expect_navigation(url=re.compile(r".*/review$")):
        page.keyboard.press("a")
    decided = int(order[2].removeprefix("flag-"))
    assert page.locator(".notice").inner_text() == f"Flag {decided}: kept apart"
    flags = {flag["id"]: flag for flag in page.evaluate(
        "async () => (await fetch('/api/flags?all=true')).json()")}
    assert flags[decided]["status"] == "dismissed"
    assert flags[decided]["resolution"] == "jkma: two towns of the same name"

    # m merges the current pair (the first left on the page).
    left = page.locator("article.flag").evaluate_all("flags => flags.map(f => f.id)")
    assert len(left) == 2 and current() == left[0]
    with page.expect_navigation(url=re.compile(r".*/review$")):
        page.keyboard.press("m")
    merged = int(left[0].removeprefix("flag-"))
    assert page.locator(".notice").inner_text() == f"Flag {merged}: merged"
    assert page.locator("article.flag").count() == 1
    assert {second, third} >= {decided} and merged != decided
