"""What the pages show in the reader's language beyond the interface's words: each incident's summary (written
from its fields when the stored one is in another language, labelled, the stored one kept beside it), capture and
edit times, and the edit history's fields and values."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.web.test_formats import plain

# The months as a date names them (the genitive), to read a written date back.
MONTHS = {
    "uk": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня",
           "листопада", "грудня"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
}
YEAR_WORD = {"uk": "р.", "ru": "г."}


def _one(client: Any, q: str, **match: Any) -> int:
    found = client.get("/api/incidents", params={"q": q, "per_page": "500"}).json()["items"]
    return next(item["id"] for item in found if all(item[k] == v for k, v in match.items()))


def _vinnytsia(client: Any) -> int:
    """An incident read from the English sample: its stored summary is in English."""
    return _one(client, "Vinnytsia", location_name="Vinnytsia")


def _odesa(client: Any) -> int:
    """An incident read from the Ukrainian sample: its stored summary is in Ukrainian."""
    return _one(client, "Odesa", location_name="Odesa", date="2025-10-29")


def _summary_block(page: str) -> str:
    found = re.search(r'<p class="summary".*?</p>(\s*<details class="original-summary">.*?</details>)?', page, re.S)
    assert found, "no summary on the page"
    return plain(found.group(0))


def _read_moment(text: str, language: str) -> datetime:
    """A moment as the page writes it in ``language`` ("3 листопада 2025 р., 14:05:09 UTC"), read back."""
    found = re.fullmatch(rf"(\d+) (\w+) (\d{{4}}) {re.escape(YEAR_WORD[language])}, (\d\d):(\d\d):(\d\d) UTC",
                         plain(text))
    assert found, f"not a {language} date and time: {text!r}"
    day, month, year, hour, minute, second = found.groups()
    return datetime(int(year), MONTHS[language].index(month) + 1, int(day), int(hour), int(minute), int(second),
                    tzinfo=UTC)


@pytest.mark.parametrize(("language", "generated", "place", "label"), [
    ("uk", "31 жовтня 2025 р. поблизу Вінниці зафіксовано опір затриманню.", "Вінниці", "згенеровано"),
    ("ru", "31 октября 2025 г. недалеко от Винницы зафиксировано сопротивление задержанию.", "Винницы",
     "сгенерировано"),
], ids=("uk", "ru"))
def test_a_summary_in_another_language_is_written_from_the_fields(client: Any, language: str, generated: str,
                                                                   place: str, label: str) -> None:
    incident = _vinnytsia(client)
    stored = client.get(f"/api/incidents/{incident}").json()["summary"]
    assert stored.startswith("On October 31, 2025, near Vinnytsia")

    block = _summary_block(client.get(f"/incidents/{incident}", params={"lang": language}).text)
    assert f'<p class="summary" lang="{language}">' in block
    assert '<span class="badge generated"' in block and f">{label}</span> {generated}" in block
    assert place in block   # the gazetteer's name, declined, and "near" from the place's precision
    assert '<details class="original-summary">' in block and f'<p lang="en">{stored}</p>' in block

    # the table writes it too, labelled, the stored one in the label's title
    table = plain(client.get("/incidents", params={"lang": language, "q": "Vinnytsia"}).text)
    row = re.search(rf'<a href="/incidents/{incident}" lang="{language}">([^<]*)</a> <span class="badge generated" '
                    rf'title="([^"]*)">{label}</span>', table)
    assert row, "the table's row shows no generated summary"
    assert row.group(1).startswith(generated) and row.group(2).endswith(stored)

    # the API gives both, for the map's cards; its incident stays as stored
    answer = client.get(f"/api/incidents/{incident}/summary", params={"lang": language}).json()
    assert answer["generated"] is True and plain(answer["text"]).startswith(generated)
    assert (answer["original"], answer["original_language"], answer["language"]) == (stored, "en", language)
    assert client.get(f"/api/incidents/{incident}", params={"lang": language}).json()["summary"] == stored


def test_a_summary_in_the_reader_s_language_is_shown_as_stored(client: Any) -> None:
    incident = _odesa(client)
    stored = client.get(f"/api/incidents/{incident}").json()["summary"]
    assert "в Одесі" in stored
    block = _summary_block(client.get(f"/incidents/{incident}", params={"lang": "uk"}).text)
    assert block == plain(f'<p class="summary" lang="uk">{stored}</p>')
    answer = client.get(f"/api/incidents/{incident}/summary", params={"lang": "uk"}).json()
    assert answer == {"text": stored, "language": "uk", "generated": False, "original": stored,
                      "original_language": "uk"}
    # read in English, the Ukrainian one is written anew from the fields
    english = client.get(f"/api/incidents/{incident}/summary", params={"lang": "en"}).json()
    assert english["generated"] and english["text"].startswith("On October 29, 2025, in Odesa, ")


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_a_generated_summary_follows_the_date_s_precision_and_the_edited_fields(client: Any, language: str) -> None:
    incident = _vinnytsia(client)
    done = client.post(f"/api/incidents/{incident}/edit",
                       json={"changes": {"date": "2025-10", "date_precision": "month", "event_type": "protest",
                                         "detained": "4", "place": "Одеса"}, "reason": "a second source"})
    assert done.status_code == 200, done.text
    text = plain(client.get(f"/api/incidents/{incident}/summary", params={"lang": language}).json()["text"])
    assert text == {"uk": "У жовтні 2025 р. в Одесі зафіксовано протест. Затримано 4 особи. "
                          "Учасники: працівники ТЦК і цивільні.",
                    "ru": "В октябре 2025 г. в Одессе зафиксирован протест. Задержаны 4 человека. "
                          "Участники: сотрудники ТЦК и гражданские."}[language]


@pytest.mark.parametrize(("language", "names", "values"), [
    ("uk", ("Тип", "Точність дати", "Статус", "Чутливість", "Місце", "Регіон"),
     ("Протест", "з точністю до місяця", "підтверджено", "жорсткий вміст", "Одеса", "Одеська область")),
    ("ru", ("Тип", "Точность даты", "Статус", "Чувствительность", "Место", "Регион"),
     ("Протест", "с точностью до месяца", "подтверждено", "жестокий контент", "Одесса", "Одесская область")),
], ids=("uk", "ru"))
def test_the_edit_history_and_the_capture_times_are_in_the_reader_s_language(
        client: Any, language: str, names: tuple[str, ...], values: tuple[str, ...]) -> None:
    incident = _vinnytsia(client)
    for change in ({"event_type": "protest", "date_precision": "month", "date": "2025-10", "place": "Одеса"},
                   {"sensitivity": "graphic"}):
        assert client.post(f"/api/incidents/{incident}/edit",
                           json={"changes": change, "reason": "checked"}).status_code == 200
    assert client.post(f"/api/incidents/{incident}/status",
                       json={"status": "verified", "reason": "checked"}).status_code == 200
    edits = client.get(f"/api/incidents/{incident}").json()["edits"]
    page = plain(client.get(f"/incidents/{incident}", params={"lang": language}).text)

    rows = {found.group(1): found for found in re.finditer(
        r'<tr data-field="(\w+)"><td><time datetime="([^"]+)">([^<]+)</time></td><td>monitor</td><td>([^<]+)</td>\s*'
        r'<td>(.*?)</td><td>(.*?)</td>', page)}
    assert set(rows) >= {"event_type", "date_precision", "date", "status", "sensitivity", "location_name", "admin1"}
    shown = {field: (row.group(4), re.sub(r"<[^>]+>", "", row.group(6))) for field, row in rows.items()}
    for field, name, value in zip(("event_type", "date_precision", "status", "sensitivity", "location_name",
                                   "admin1"), names, values, strict=True):
        assert shown[field] == (name, value), field
    assert plain(shown["date"][1]) == {"uk": "жовтень 2025 р.", "ru": "октябрь 2025 г."}[language]  # was 2025-10
    # a translated value keeps the stored one readable by a machine; the stored type, not the translated one
    assert '<data value="protest">Протест</data>' in page and '<data value="verified">' in page

    # every edit's time: the language's words, the same moment as stored (to the second)
    for edit in edits:
        row = rows.get(edit["field"])
        if row is None:
            continue
        at = datetime.fromisoformat(edit["at"].replace("Z", "+00:00"))
        assert row.group(2) == at.isoformat()
        assert _read_moment(row.group(3), language) == at.replace(microsecond=0)

    # the capture times of the sources, and the publication day
    captures = re.findall(r'<time datetime="([^"]+)">([^<]+)</time>, ', page)
    assert captures
    for stamp, text in captures:
        assert _read_moment(text, language) == datetime.fromisoformat(stamp).replace(microsecond=0)
    published = re.search(r'<time datetime="(\d{4})-(\d\d)-(\d\d)">(\d+) (\w+) (\d{4}) ', page)
    assert published and published.group(5) == MONTHS[language][int(published.group(2)) - 1]
    assert not re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? UTC", page)   # no stored stamp left as it is


@pytest.mark.parametrize("how", ["query", "cookie"])
def test_the_api_lists_and_the_map_give_the_summary_in_the_reader_s_language(client: Any, workspace: Any,
                                                                          how: str) -> None:
    from tests.web.test_api import flag_two

    incident, odesa = _vinnytsia(client), _odesa(client)
    stored = client.get(f"/api/incidents/{incident}").json()["summary"]
    flag_two(workspace, incident, odesa)
    if how == "cookie":
        client.get("/incidents", params={"lang": "uk"})   # the session's language, remembered by the cookie
    params = {"lang": "uk"} if how == "query" else {}
    written = plain(client.get(f"/api/incidents/{incident}/summary", params=params).json()["text"])
    assert written.startswith("31 жовтня 2025 р. поблизу Вінниці")

    def reader_fields(item: dict[str, Any]) -> tuple[Any, ...]:
        return (plain(item["summary_text"]), item["summary_language"], item["summary_generated"],
                item["summary_stored_language"], item["summary"])

    expected = (written, "uk", True, "en", stored)
    items = client.get("/api/incidents", params={**params, "per_page": "500"}).json()["items"]
    by_id = {item["id"]: item for item in items}
    assert reader_fields(by_id[incident]) == expected
    assert by_id[odesa]["summary_generated"] is False and by_id[odesa]["summary_text"] == by_id[odesa]["summary"]
    assert reader_fields(client.get(f"/api/incidents/{incident}", params=params).json()) == expected

    features = {f["id"]: f["properties"] for f in
                client.get("/api/map", params={**params, "fields": "summary,summary_text,actors"}).json()["features"]}
    assert reader_fields(features[incident]) == expected
    assert features[incident]["actors"] == client.get(f"/api/incidents/{incident}").json()["actors"]

    flag = client.get("/api/flags", params=params).json()[0]
    sides = {side["id"]: side for side in (flag["a"], flag["b"])}
    assert reader_fields(sides[incident]) == expected

    # in English the stored English summary is the one to show
    english = client.get("/api/incidents", params={"lang": "en", "q": "Vinnytsia"}).json()["items"]
    assert [(i["summary_text"], i["summary_generated"]) for i in english if i["id"] == incident] == [(stored, False)]


STATISTIC_SUMMARIES = {
    "en": "In October 2025, in Ukraine: cases of unauthorised absence (SZCh) — 19,000.",
    "uk": "У жовтні 2025 р. в Україні: випадки СЗЧ — 19 000.",
    "ru": "В октябре 2025 г. в Украине: случаи СЗЧ — 19 000.",
}


@pytest.mark.parametrize("how", ["query", "cookie"])
@pytest.mark.parametrize("language", ["en", "uk", "ru"])
def test_the_statistics_api_gives_the_summary_in_the_reader_s_language(client: Any, language: str,
                                                                       how: str) -> None:
    """The samples hold one figure in English and the same figure in Ukrainian: each reader gets it in their
    language, the stored one kept as stored, generated only where the stored one is in another language."""
    if how == "cookie":
        client.get("/statistics", params={"lang": language})   # the language chosen on the pages
    items = client.get("/api/statistics", params={"lang": language} if how == "query" else {}).json()["items"]
    by_stored = {item["summary_stored_language"]: item for item in items}
    assert set(by_stored) == {"en", "uk"}, items
    for stored_language, item in by_stored.items():
        assert plain(item["summary"]) == STATISTIC_SUMMARIES[stored_language]   # stays as stored
        assert plain(item["summary_text"]) == STATISTIC_SUMMARIES[language]
        assert item["summary_language"] == language
        assert item["summary_generated"] is (stored_language != language)
        assert item["geo_precision"] == 3   # only the country: "in Ukraine", not "near"


def test_the_reader_s_language_is_in_the_openapi_description(client: Any) -> None:
    schema = client.get("/api/openapi.json").json()
    for path in ("/api/incidents", "/api/incidents/{incident_id}", "/api/map", "/api/flags", "/api/statistics"):
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert "summary_text" in parameters["lang"]["description"], path
    for model in ("IncidentItem", "IncidentOut", "MapProperties", "FlagSide", "StatisticOut"):
        fields = schema["components"]["schemas"][model]["properties"]
        assert {"summary", "summary_text", "summary_language", "summary_generated",
                "summary_stored_language"} <= set(fields), model
        assert "reader" in fields["summary_text"]["description"] or "request" in fields["summary_text"]["description"]
