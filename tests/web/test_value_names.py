"""Stored codes shown by their names in the reader's language: the actors' roles, how precisely a place is known,
how a source came in, what a figure counts, and the fields a notice names. The code itself stays in the page only
as ``<data value="…">``, never as the text a reader sees."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from letopis.services.incidents import IncidentFilters, search_incidents
from tests.web.test_api import flag_two

WORDS = {
    "en": {"recruitment_officers": "recruitment officers", "civilians": "civilians", "police": "police",
           "file": "file", "szch_cases": "cases of unauthorised absence (SZCh)", "precision": "in the settlement",
           "changed": "Changed: Actors"},
    "uk": {"recruitment_officers": "працівники ТЦК (військкомату)", "civilians": "цивільні", "police": "поліція",
           "file": "файл", "szch_cases": "випадки СЗЧ", "precision": "у населеному пункті",
           "changed": "Змінено: Учасники"},
    "ru": {"recruitment_officers": "сотрудники военкомата (ТЦК)", "civilians": "гражданские", "police": "полиция",
           "file": "файл", "szch_cases": "случаи СЗЧ", "precision": "в населённом пункте",
           "changed": "Изменено: Участники"},
}
CODES = ("recruitment_officers", "szch_cases", "border_guards", "security_service")


def visible(page: str) -> str:
    """What a reader sees of a page's body: its text, without tags (and attributes), scripts and the edit form."""
    body = page.split("<main", 1)[-1]
    body = re.sub(r"<script.*?</script>", "", body, flags=re.S)
    body = re.sub(r'<form method="post" action="/incidents/\d+/edit".*?</form>', "", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def _with_recruiters(workspace: Any) -> Any:
    rows = search_incidents(workspace.db, IncidentFilters(), sort="id", limit=500).items
    return next(row for row in rows if "recruitment_officers" in row.actors and row.geo_precision == 1)


@pytest.mark.parametrize("language", ["en", "uk", "ru"])
def test_actors_and_other_codes_are_named_in_the_reader_language(client: Any, workspace: Any,
                                                                  language: str) -> None:
    words = WORDS[language]
    row = _with_recruiters(workspace)
    other = next(r for r in search_incidents(workspace.db, IncidentFilters(), sort="id", limit=500).items
                 if r.id != row.id)
    flag_two(workspace, row.id, other.id)

    page = client.get(f"/incidents/{row.id}", params={"lang": language}).text
    actors = re.search(r'<dd id="actors">(.*?)</dd>', page, re.S)
    assert actors and '<data value="recruitment_officers">' + words["recruitment_officers"] + "</data>" in \
        actors.group(1)
    precision = re.search(r'<dd id="geo-precision">(.*?)</dd>', page, re.S)
    assert precision and precision.group(1) == f'<data value="1">{words["precision"]}</data>'
    assert f'<data value="file" class="source-kind">{words["file"]}</data>' in page
    seen = visible(page)
    assert words["recruitment_officers"] in seen
    assert not any(code in seen for code in CODES), [code for code in CODES if code in seen]

    # the table and the review queue (its rows and both sides of a flagged pair) name them too
    table = client.get("/incidents", params={"lang": language, "per_page": "500"}).text
    assert f'<small class="actors">{words["recruitment_officers"]}' in table
    assert not any(code in visible(table) for code in CODES)
    queue = client.get("/review", params={"lang": language}).text
    sides = re.findall(r'<dd class="actors">(.*?)</dd>', queue)
    assert len(sides) == 2 and any(words["recruitment_officers"] in side for side in sides)
    assert not any(code in visible(queue) for code in CODES)

    # the sources list, and the figures on the statistics page
    sources = client.get("/sources", params={"lang": language}).text
    assert f'<data value="file" class="source-kind">{words["file"]}</data>' in sources
    statistics = client.get("/statistics", params={"lang": language}).text
    assert f'<data value="szch_cases" class="metric">{words["szch_cases"]}</data>' in statistics
    assert f'<option value="szch_cases" >{words["szch_cases"]} (2)</option>' in statistics
    assert "szch_cases" not in visible(statistics)


def test_an_edit_of_the_actors_is_named_in_the_notice_and_the_history(client: Any, workspace: Any) -> None:
    row = _with_recruiters(workspace)
    done = client.post(f"/incidents/{row.id}/edit", data={"actors": "police, civilians", "reason": "two sources"},
                       follow_redirects=False)
    assert done.status_code == 303
    for language in ("en", "uk", "ru"):
        page = client.get(f"/incidents/{row.id}", params={"lang": language}).text
        words = WORDS[language]
        history = page.split('id="history"', 1)[1]
        assert f'<data value="police,civilians">{words["police"]}, {words["civilians"]}</data>' in history
        assert words["recruitment_officers"] in visible(history)
        if language == "en":   # the notice of the edit, shown once, names the field as the form does
            assert words["changed"] in visible(page)


def _actor_boxes(page: str) -> dict[str, tuple[str, bool]]:
    """The edit form's actor choices: stored code → (the name shown beside its box, whether it is ticked)."""
    fieldset = re.search(r'<fieldset class="actor-choices[^"]*" id="actor-choices">(.*?)</fieldset>', page, re.S)
    assert fieldset, "the edit form offers no actor choices"
    boxes = re.findall(r'<label class="choice"><input type="checkbox" name="actors" value="([^"]+)" ?(checked)?> '
                       r'([^<]+)</label>', fieldset.group(1))
    return {code: (html.unescape(name), bool(checked)) for code, checked, name in boxes}


@pytest.mark.parametrize("language", ["en", "uk", "ru"])
def test_the_edit_form_offers_the_actor_roles_by_name_with_the_code_as_value(client: Any, workspace: Any,
                                                                            language: str) -> None:
    from letopis.model import ACTOR_ROLES

    row = _with_recruiters(workspace)
    page = client.get(f"/incidents/{row.id}", params={"lang": language}).text
    boxes = _actor_boxes(page)
    assert list(boxes) == list(ACTOR_ROLES)   # every role, the stored code as each box's value
    words = WORDS[language]
    for code in ("recruitment_officers", "civilians", "police"):
        assert boxes[code][0] == words[code]
    assert {code for code, (_, ticked) in boxes.items() if ticked} == set(row.actors)
    assert not any(code in visible(page) for code in ACTOR_ROLES if "_" in code)   # no code in the words shown


def test_ticked_roles_are_saved_as_their_codes_and_checked_by_the_server(client: Any, workspace: Any) -> None:
    row = _with_recruiters(workspace)
    stored = list(row.actors)

    def edit(*roles: str) -> Any:
        # as the browser posts the form: the empty hidden value, then one value per ticked box
        return client.post(f"/incidents/{row.id}/edit", data={"actors": ["", *roles], "reason": "checked"},
                           follow_redirects=False)

    def actors() -> list[str]:
        return list(client.get(f"/api/incidents/{row.id}").json()["actors"])

    # the same roles in another order change nothing (the taxonomy's order is the form's, not the stored one)
    assert edit(*reversed(stored)).status_code == 303 and actors() == stored
    assert not [e for e in client.get(f"/api/incidents/{row.id}").json()["edits"] if e["field"] == "actors"]
    # a role added keeps the stored ones first
    assert edit("police", *stored).status_code == 303 and actors() == [*stored, "police"]
    assert _actor_boxes(client.get(f"/incidents/{row.id}").text)["police"][1] is True
    # a code the taxonomy does not have is refused, with the server's message, and nothing is stored
    refused = edit("police", "boss")
    assert refused.status_code == 400 and "unknown role(s) boss" in refused.text
    assert actors() == [*stored, "police"]
    # no box ticked clears the roles
    assert edit().status_code == 303 and actors() == []
    assert not any(ticked for _, ticked in _actor_boxes(client.get(f"/incidents/{row.id}").text).values())
