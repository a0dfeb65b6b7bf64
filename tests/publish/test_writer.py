"""The writer: incidents in English, Ukrainian and Russian from structured fields only.

Every expected sentence here was written by hand, not copied from the writer's output.
"""

from __future__ import annotations

from typing import Any

import pytest

from letopis.gazetteer import load_gazetteer
from letopis.model import EVENT_TYPES
from letopis.publish.writer import (
    IncidentFacts,
    PlaceText,
    people,
    place_text,
    type_title,
    when,
    where,
    write_incident,
    write_statistic,
)


@pytest.fixture(scope="module")
def gazetteer() -> Any:
    return load_gazetteer()


@pytest.fixture(scope="module")
def kharkiv(gazetteer: Any) -> PlaceText:
    return place_text(gazetteer, "Kharkiv", "Kharkiv Oblast", "UA", 1)


# ------------------------------------------------------------------ event types

EVENTS = {
    "mobilization_detention": ("a detention for mobilization was reported",
                               "зафіксовано затримання з метою мобілізації",
                               "зафиксировано задержание с целью мобилизации"),
    "resistance": ("resistance to a detention was reported", "зафіксовано опір затриманню",
                   "зафиксировано сопротивление задержанию"),
    "attack_on_officials": ("an attack on officials was reported", "зафіксовано напад на посадових осіб",
                            "зафиксировано нападение на должностных лиц"),
    "abuse_of_conscripts": ("abuse of conscripts was reported", "зафіксовано насильство щодо мобілізованих",
                            "зафиксировано насилие в отношении мобилизованных"),
    "border_incident": ("a border incident was reported", "зафіксовано інцидент на кордоні",
                        "зафиксирован инцидент на границе"),
    "desertion": ("a desertion was reported", "зафіксовано самовільне залишення частини",
                  "зафиксировано самовольное оставление части"),
    "legal_action": ("a legal action was reported", "зафіксовано судову або слідчу дію",
                     "зафиксировано судебное или следственное действие"),
    "protest": ("a protest was reported", "зафіксовано протест", "зафиксирован протест"),
    "labor_dispute": ("a labour dispute was reported", "зафіксовано трудовий конфлікт",
                      "зафиксирован трудовой конфликт"),
    "censorship": ("a case of censorship was reported", "зафіксовано випадок цензури",
                   "зафиксирован случай цензуры"),
    "other": ("an incident was reported", "зафіксовано інцидент", "зафиксирован инцидент"),
}


def test_every_event_type_has_its_words() -> None:
    assert set(EVENTS) == set(EVENT_TYPES)


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_each_event_type_in_the_three_languages(event_type: str, kharkiv: PlaceText) -> None:
    en, uk, ru = EVENTS[event_type]
    facts = IncidentFacts(event_type, "2025-03-12", "day", kharkiv)
    assert write_incident(facts, "en") == f"On March 12, 2025, in Kharkiv, {en}."
    assert write_incident(facts, "uk") == f"12 березня 2025 р. у Харкові {uk}."
    assert write_incident(facts, "ru") == f"12 марта 2025 г. в Харькове {ru}."


def test_type_titles_name_every_type_in_every_language() -> None:
    for lang in ("en", "uk", "ru"):
        titles = [type_title(t, lang) for t in EVENT_TYPES]
        assert len(set(titles)) == len(EVENT_TYPES) and all("_" not in t for t in titles)
    assert type_title("border_incident", "uk") == "Інциденти на кордоні"


def test_an_unknown_language_is_written_in_english(kharkiv: PlaceText) -> None:
    facts = IncidentFacts("protest", "2025-03-12", "day", kharkiv)
    assert write_incident(facts, "de") == write_incident(facts, "en")


# ------------------------------------------------------------------ dates

DATES = [
    ("2025-03-12", "day", "On March 12, 2025, a protest was reported.",
     "12 березня 2025 р. зафіксовано протест.", "12 марта 2025 г. зафиксирован протест."),
    ("2025-03-03", "week", "In the week of March 3, 2025, a protest was reported.",
     "Протягом тижня з 3 березня 2025 р. зафіксовано протест.",
     "В течение недели с 3 марта 2025 г. зафиксирован протест."),
    ("2025-03", "month", "In March 2025, a protest was reported.",
     "У березні 2025 р. зафіксовано протест.", "В марте 2025 г. зафиксирован протест."),
    ("2025-06", "season", "In summer 2025, a protest was reported.",
     "Влітку 2025 р. зафіксовано протест.", "Летом 2025 г. зафиксирован протест."),
    ("2023-12", "season", "In the winter of 2023–24, a protest was reported.",
     "Взимку 2023–2024 рр. зафіксовано протест.", "Зимой 2023–2024 гг. зафиксирован протест."),
    ("2025", "year", "In 2025, a protest was reported.",
     "У 2025 році зафіксовано протест.", "В 2025 году зафиксирован протест."),
    (None, None, "A protest was reported.", "Зафіксовано протест.", "Зафиксирован протест."),
    ("2025-02-30", "day", "A protest was reported.", "Зафіксовано протест.", "Зафиксирован протест."),
]


@pytest.mark.parametrize(("value", "precision", "en", "uk", "ru"), DATES)
def test_each_date_precision_is_kept(value: str | None, precision: str | None, en: str, uk: str, ru: str) -> None:
    facts = IncidentFacts("protest", value, precision)
    assert (write_incident(facts, "en"), write_incident(facts, "uk"), write_incident(facts, "ru")) == (en, uk, ru)


def test_months_after_a_preposition_are_in_the_locative() -> None:
    uk = ["січні", "лютому", "березні", "квітні", "травні", "червні", "липні", "серпні", "вересні", "жовтні",
          "листопаді", "грудні"]
    ru = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре",
          "ноябре", "декабре"]
    for month in range(1, 13):
        assert when(f"2024-{month:02d}", "month", "uk") == f"у {uk[month - 1]} 2024 р."
        assert when(f"2024-{month:02d}", "month", "ru") == f"в {ru[month - 1]} 2024 г."


def test_seasons_are_named() -> None:
    assert [when(f"2025-{m:02d}", "season", "uk") for m in (3, 9)] == ["навесні 2025 р.", "восени 2025 р."]
    assert [when(f"2025-{m:02d}", "season", "ru") for m in (3, 9)] == ["весной 2025 г.", "осенью 2025 г."]
    assert [when(f"2025-{m:02d}", "season", "en") for m in (3, 9)] == ["in spring 2025", "in autumn 2025"]


# ------------------------------------------------------------------ counts

COUNTS = [
    (1, "затримано 1 особу", "задержан 1 человек", "1 person was detained"),
    (2, "затримано 2 особи", "задержаны 2 человека", "2 people were detained"),
    (4, "затримано 4 особи", "задержаны 4 человека", "4 people were detained"),
    (5, "затримано 5 осіб", "задержаны 5 человек", "5 people were detained"),
    (11, "затримано 11 осіб", "задержаны 11 человек", "11 people were detained"),
    (14, "затримано 14 осіб", "задержаны 14 человек", "14 people were detained"),
    (21, "затримано 21 особу", "задержан 21 человек", "21 people were detained"),
    (22, "затримано 22 особи", "задержаны 22 человека", "22 people were detained"),
    (25, "затримано 25 осіб", "задержаны 25 человек", "25 people were detained"),
    (111, "затримано 111 осіб", "задержаны 111 человек", "111 people were detained"),
    (1200, "затримано 1 200 осіб", "задержаны 1 200 человек", "1,200 people were detained"),
]


@pytest.mark.parametrize(("n", "uk", "ru", "en"), COUNTS)
def test_counts_agree_with_the_number(n: int, uk: str, ru: str, en: str) -> None:
    assert (people("detained", n, "uk"), people("detained", n, "ru"), people("detained", n, "en")) == (uk, ru, en)


def test_killed_and_injured_agree_too() -> None:
    assert [people("fatalities", n, "uk") for n in (1, 3, 5)] == [
        "загинула 1 особа", "загинули 3 особи", "загинули 5 осіб"]
    assert [people("fatalities", n, "ru") for n in (1, 3, 5)] == [
        "погиб 1 человек", "погибли 3 человека", "погибли 5 человек"]
    assert [people("injured", n, "uk") for n in (1, 3, 5)] == [
        "поранено 1 особу", "поранено 3 особи", "поранено 5 осіб"]
    assert [people("injured", n, "ru") for n in (1, 3, 5)] == [
        "ранен 1 человек", "ранены 3 человека", "ранены 5 человек"]
    assert [people("fatalities", n, "en") for n in (1, 3)] == ["1 person was killed", "3 people were killed"]


def test_a_whole_paragraph_with_counts_and_actors(kharkiv: PlaceText) -> None:
    facts = IncidentFacts("resistance", "2025-03-12", "day", kharkiv, fatalities=1, injured=2, detained=3,
                          actors=("recruitment_officers", "civilians", "police"), country="UA")
    assert write_incident(facts, "uk") == (
        "12 березня 2025 р. у Харкові зафіксовано опір затриманню. Затримано 3 особи, загинула 1 особа і "
        "поранено 2 особи. Учасники: працівники ТЦК, цивільні і поліція.")
    assert write_incident(facts, "ru") == (
        "12 марта 2025 г. в Харькове зафиксировано сопротивление задержанию. Задержаны 3 человека, погиб "
        "1 человек и ранены 2 человека. Участники: сотрудники ТЦК, гражданские и полиция.")
    assert write_incident(facts, "en") == (
        "On March 12, 2025, in Kharkiv, resistance to a detention was reported. 3 people were detained, 1 person "
        "was killed and 2 people were injured. Involved: recruitment officers, civilians and police.")


def test_recruiters_in_russia_are_a_military_commissariat() -> None:
    facts = IncidentFacts("attack_on_officials", actors=("recruitment_officers", "security_service"), country="RU")
    assert write_incident(facts, "ru").endswith("Участники: сотрудники военкомата и ФСБ.")
    assert write_incident(facts, "uk").endswith("Учасники: працівники військкомату і ФСБ.")


def test_a_count_of_zero_or_none_is_not_written() -> None:
    assert write_incident(IncidentFacts("protest", detained=0, fatalities=None), "uk") == "Зафіксовано протест."


# ------------------------------------------------------------------ places

PLACES = [
    # (name, admin1, country, geo_precision), uk, ru, en
    (("Kyiv", "Kyiv", "UA", 1), "у Києві", "в Киеве", "in Kyiv"),
    (("Kharkiv", "Kharkiv Oblast", "UA", 1), "у Харкові", "в Харькове", "in Kharkiv"),
    (("Lviv", "Lviv Oblast", "UA", 1), "у Львові", "во Львове", "in Lviv"),
    (("Odesa", "Odesa Oblast", "UA", 1), "в Одесі", "в Одессе", "in Odesa"),
    (("Uzhhorod", "Zakarpattia Oblast", "UA", 1), "в Ужгороді", "в Ужгороде", "in Uzhhorod"),
    # irregular: і→о/е in the stem, a vowel that drops, plural names, adjective + noun, hyphens
    (("Kryvyi Rih", "Dnipropetrovsk Oblast", "UA", 1), "у Кривому Розі Дніпропетровської області",
     "в Кривом Роге Днепропетровской области", "in Kryvyi Rih, Dnipropetrovsk Oblast"),
    (("Rivne", "Rivne Oblast", "UA", 1), "у Рівному", "в Ровно", "in Rivne"),
    (("Chernivtsi", "Chernivtsi Oblast", "UA", 1), "у Чернівцях", "в Черновцах", "in Chernivtsi"),
    (("Bila Tserkva", "Kyiv Oblast", "UA", 1), "у Білій Церкві Київської області",
     "в Белой Церкви Киевской области", "in Bila Tserkva, Kyiv Oblast"),
    (("Kupiansk", "Kharkiv Oblast", "UA", 1), "у Куп’янську Харківської області",
     "в Купянске Харьковской области", "in Kupiansk, Kharkiv Oblast"),
    (("Chuhuiv", "Kharkiv Oblast", "UA", 1), "у Чугуєві Харківської області",
     "в Чугуеве Харьковской области", "in Chuhuiv, Kharkiv Oblast"),
    (("Rostov-on-Don", "Rostov Oblast", "RU", 1), "у Ростові-на-Дону", "в Ростове-на-Дону", "in Rostov-on-Don"),
    (("Orël", "Oryol Oblast", "RU", 1), "в Орлі", "в Орле", "in Orël"),
    (("Kursk", "Kursk Oblast", "RU", 1), "у Курську", "в Курске", "in Kursk"),
    # regions, a district, countries
    (("Zakarpattia Oblast", "Zakarpattia Oblast", "UA", 3), "у Закарпатській області",
     "в Закарпатской области", "in Zakarpattia Oblast"),
    (("Kharkiv Oblast", "Kharkiv Oblast", "UA", 3), "у Харківській області", "в Харьковской области",
     "in Kharkiv Oblast"),
    (("Crimea", "Crimea", "UA", 3), "у Криму", "в Крыму", "in Crimea"),
    (("Krasnodar Krai", "Krasnodar Krai", "RU", 3), "у Краснодарському краї", "в Краснодарском крае",
     "in Krasnodar Krai"),
    (("Kremenchuk Raion", "Poltava Oblast", "UA", 2), "у Кременчуцькому районі Полтавської області",
     "в Кременчугском районе Полтавской области", "in Kremenchuk Raion, Poltava Oblast"),
    (("Ukraine", None, "UA", 3), "в Україні", "в Украине", "in Ukraine"),
    (("Russia", None, "RU", 3), "у Росії", "в России", "in Russia"),
    (("Romania", None, "RO", 3), "у Румунії", "в Румынии", "in Romania"),
    # near a town: the genitive
    (("Vinnytsia", "Vinnytsia Oblast", "UA", 2), "поблизу Вінниці", "недалеко от Винницы", "near Vinnytsia"),
    (("Kharkiv", "Kharkiv Oblast", "UA", 2), "поблизу Харкова", "недалеко от Харькова", "near Kharkiv"),
]


@pytest.mark.parametrize(("location", "uk", "ru", "en"), PLACES, ids=[p[0][0] for p in PLACES])
def test_places_in_the_right_case(gazetteer: Any, location: tuple[Any, ...], uk: str, ru: str, en: str) -> None:
    place = place_text(gazetteer, *location)
    assert (where(place, "uk"), where(place, "ru"), where(place, "en")) == (uk, ru, en)


def test_a_name_the_dictionary_does_not_know_stays_in_the_nominative() -> None:
    place = PlaceText("Hrondzo", "Ґрьондзьо", None)
    assert where(place, "uk") == "у населеному пункті Ґрьондзьо"
    assert where(place, "ru") == "в населённом пункте Ґрьондзьо"       # no Russian name: the Ukrainian one
    assert where(PlaceText("Hrondzo", "Ґрьондзьо", None, near=True), "uk") == "поблизу населеного пункту Ґрьондзьо"
    district = PlaceText("Hrondzo Raion", "Ґрьондзівський район", None, level="district")
    assert where(district, "ru") == "в районе (Ґрьондзівський район)"


def test_a_place_the_gazetteer_does_not_know_keeps_its_stored_name(gazetteer: Any) -> None:
    place = place_text(gazetteer, "Atlantis", None, "UA", 1)
    assert [where(place, lang) for lang in ("uk", "ru", "en")] == [
        "у населеному пункті Atlantis", "в населённом пункте Atlantis", "in Atlantis"]


def test_an_unknown_place_keeps_its_region_and_a_district_its_level(gazetteer: Any) -> None:
    village = place_text(gazetteer, "Nowhereivka", "Kharkiv Oblast", "UA", 1)
    assert where(village, "uk") == "у населеному пункті Nowhereivka Харківської області"
    district = place_text(gazetteer, "Nowhere District", "Belgorod Oblast", "RU", 2)
    assert where(district, "ru") == "в районе (Nowhere District) Белгородской области"
    assert where(district, "en") == "in Nowhere District, Belgorod Oblast"


def test_a_district_made_for_a_city_is_near_the_city(gazetteer: Any) -> None:
    place = place_text(gazetteer, "Belgorod District", "Belgorod Oblast", "RU", 2)     # "Белгородский районный суд"
    assert [where(place, lang) for lang in ("uk", "ru", "en")] == [
        "поблизу Бєлгорода", "недалеко от Белгорода", "near Belgorod"]


def test_a_russian_town_with_no_ukrainian_name_in_the_gazetteer(gazetteer: Any) -> None:
    place = place_text(gazetteer, "Shebekino", "Belgorod Oblast", "RU", 1)
    assert where(place, "ru") == "в Шебекине Белгородской области"
    assert where(place, "uk") == "у населеному пункті Шебекино Бєлгородської області"


# ------------------------------------------------------------------ statistics

def test_a_statistic_line(gazetteer: Any) -> None:
    ukraine = place_text(gazetteer, "Ukraine", None, "UA", 3)
    assert write_statistic("szch_cases", 19000, "2025-10", "month", ukraine, "uk") == (
        "У жовтні 2025 р. в Україні: випадки СЗЧ — 19 000.")
    assert write_statistic("szch_cases", 19000, "2025-10", "month", ukraine, "ru") == (
        "В октябре 2025 г. в Украине: случаи СЗЧ — 19 000.")
    assert write_statistic("szch_cases", 19000, "2025-10", "month", ukraine, "en") == (
        "In October 2025, in Ukraine: cases of unauthorised absence (SZCh) — 19,000.")
    assert write_statistic("new_metric", None, None, None, None, "en") == "New metric."
