"""Names that look like places but are not: streets and stations, abbreviations, English words."""

import pytest


@pytest.mark.parametrize("text", [
    "They met near Lisova metro station.",
    "На вулиці Київській затримали чоловіка.",
    "На проспекті Гагаріна стояв бус.",
    "Задержали у станции метро Киевская.",
    "Він пішов у СОЧ минулого тижня.",
    "He threw a Molotov cocktail at the building.",
    "The Central District Court ruled on Monday.",
    "A rally on Independence Square.",
    "She unfurled a sign at the Solovetsky Stone.",      # a landmark's proper name
    "Flowers were laid at the Pushkin Monument.",
])
def test_not_a_settlement(gaz, text):
    assert [m.surface for m in gaz.find(text) if m.level == "settlement"] == []


def test_street_rule_keeps_the_city_of_the_same_sentence(gaz):
    found = gaz.find("На вулиці Київській у Харкові затримали чоловіка.")
    assert [gaz.resolve(m, found).name for m in found] == ["Kharkiv"]


def test_a_region_mention_resolves_to_the_region_not_a_namesake_town(gaz):
    found = gaz.find("Прикордонники на Волині затримали чоловіка.")
    assert [gaz.resolve(m, found).name for m in found] == ["Volyn Oblast"]


def test_datelines_in_capitals_still_count(gaz):
    found = gaz.find("UZHHOROD — Border guards detained two men.")
    assert [gaz.resolve(m, found).name for m in found] == ["Uzhhorod"]


@pytest.mark.parametrize("text,expected", [
    ("На Центральному ринку Рівного затримали чоловіка.", ["Rivne"]),
    ("Возле Южного рынка в Курске задержали мужчину.", ["Kursk"]),
    ("В Москве полиция задержала троих.", ["Moscow"]),          # a noun-like name before a noun stays
    ("У Южному затримали двох чоловіків.", ["Pivdenne"]),        # an adjective-like town before a verb stays
])
def test_an_adjective_before_its_noun_is_not_a_settlement(gaz, text, expected):
    found = gaz.find(text)
    assert [gaz.resolve(m, found).name for m in found] == expected


@pytest.mark.parametrize("text,expected", [
    ("Студенти протестували на Михайлівській площі Києва.", ["Kyiv"]),
    ("Акция прошла на Пушкинской площади Москвы.", ["Moscow"]),
    ("Студенти протестували на площі Києва.", []),     # the square may be named after the city
])
def test_a_named_street_or_square_keeps_the_city_it_lies_in(gaz, text, expected):
    found = gaz.find(text)
    assert [gaz.resolve(m, found).name for m in found if m.level == "settlement"] == expected
