"""Dates written to their precision in each language, and places named in it, on the pages and the map."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from letopis.web.formats import date_text, day_text, edit_value, moment_text, profile_value


def plain(text: str) -> str:
    """CLDR's patterns put narrow no-break spaces (U+202F) and thin spaces in dates: plain spaces here."""
    return text.replace("\u202f", " ").replace("\u2009", " ").replace("\xa0", " ")


@pytest.mark.parametrize(("value", "precision", "en", "uk", "ru"), [
    ("2025-11-03", "day", "November 3, 2025", "3 листопада 2025 р.", "3 ноября 2025 г."),
    ("2025-11-03", "week", "the week of November 3, 2025", "тиждень з 3 листопада 2025 р.",
     "неделя с 3 ноября 2025 г."),
    ("2025-11", "month", "November 2025", "листопад 2025 р.", "ноябрь 2025 г."),
    ("2025-03", "season", "March – May 2025", "березень — травень 2025 р.", "март — май 2025 г."),
    ("2025", "year", "2025", "2025", "2025"),
])
def test_a_date_is_written_to_its_precision(value: str, precision: str, en: str, uk: str, ru: str) -> None:
    assert [plain(date_text(value, precision, language)) for language in ("en", "uk", "ru")] == [en, uk, ru]


def test_a_moment_and_a_day_are_written_in_each_language() -> None:
    moment = datetime(2025, 11, 3, 16, 5, 9, tzinfo=timezone(timedelta(hours=2)))   # 14:05:09 UTC
    assert [plain(moment_text(moment, language)) for language in ("en", "uk", "ru")] == [
        "November 3, 2025, 2:05:09 PM UTC", "3 листопада 2025 р., 14:05:09 UTC", "3 ноября 2025 г., 14:05:09 UTC"]
    assert plain(moment_text("2025-11-03T14:05:09+00:00", "uk")) == "3 листопада 2025 р., 14:05:09 UTC"
    assert moment_text(None, "ru") == "" and day_text(None, "ru") == ""
    assert plain(day_text(datetime(2025, 11, 3, 23, 30, tzinfo=UTC), "ru")) == "3 ноября 2025 г."
    assert plain(day_text(datetime(2025, 3, 1).date(), "uk")) == "1 березня 2025 р."


def test_the_history_s_values_are_named_as_the_page_names_them() -> None:
    assert edit_value("event_type", "resistance", "uk") == "Опір затриманню"
    assert edit_value("status", "rejected", "ru") == "отклонено"
    assert edit_value("date_precision", "week", "uk") == "з точністю до тижня"
    assert plain(edit_value("date", "2025-11-03", "ru")) == "3 ноября 2025 г."
    assert edit_value("sensitivity", ["graphic", "personal_data"], "en") == "graphic, personal data visible"
    assert edit_value("country", "UA", "uk") == "Україна" and edit_value("admin1", "Kharkiv Oblast", "ru") == (
        "Харьковская область")
    assert edit_value("detained", None, "uk") == "—" and edit_value("detained", 3, "uk") == "3"
    assert edit_value("merged_into", 12, "ru") == "#12" and edit_value("actors", ["police", "civilians"], "en") == (
        "police, civilians")
    assert profile_value("stance", "state_media", "uk") == "державні медіа"
    assert profile_value("kind", "court_record", "ru") == "судебный документ"
    assert profile_value("country", "RU", "ru") == "Россия" and profile_value("reliability", "B", "uk") == "B"


def test_what_is_no_date_is_shown_as_it_is() -> None:
    assert date_text("sometime", "day", "uk") == "sometime"
    assert date_text(None, None, "ru") == ""


def _kharkiv(client: Any) -> int:
    found = client.get("/api/incidents", params={"q": "Kharkiv", "per_page": "500"}).json()["items"]
    return next(item["id"] for item in found if item["location_name"] == "Kharkiv" and item["date"] == "2025-10-30")


def test_the_pages_write_dates_and_places_in_the_chosen_language(client: Any) -> None:
    incident = _kharkiv(client)
    uk = plain(client.get("/incidents", params={"lang": "uk", "q": "Kharkiv"}).text)
    assert "30 жовтня 2025 р." in uk and "<td>Харків</td>" in uk and "<td>Харківська область</td>" in uk
    ru = plain(client.get(f"/incidents/{incident}", params={"lang": "ru"}).text)
    assert '<time datetime="2025-10-30">30 октября 2025 г.</time>' in ru
    assert "<dd>Харьков</dd>" in ru and "<dd>Харьковская область</dd>" in ru and "Украина <code>UA</code>" in ru
    assert "с точностью до дня" in ru
    en = client.get(f"/incidents/{incident}", params={"lang": "en"}).text
    assert "October 30, 2025" in en and "<dd>Kharkiv</dd>" in en
    statistics = client.get("/statistics", params={"lang": "uk"}).text
    assert ">Харківська область</a>" in statistics


def test_the_map_cards_carry_the_date_and_place_in_the_chosen_language(client: Any) -> None:
    incident = _kharkiv(client)
    for language, date, place in (("ru", "30 октября 2025 г.", "Харьков, Харьковская область"),
                                  ("en", "October 30, 2025", "Kharkiv, Kharkiv Oblast")):
        client.cookies.set("lang", language)
        features = client.get("/api/map", params={"q": "Kharkiv", "fields": "date_text,place_text"}).json()["features"]
        properties = next(f["properties"] for f in features if f["id"] == incident)
        assert (plain(properties["date_text"]), properties["place_text"]) == (date, place)
        assert properties["location_name"] == "Kharkiv"   # the stored fields stay as they are
