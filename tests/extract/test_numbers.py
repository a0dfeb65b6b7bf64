"""Numbers of people: digits, number words, vague quantities, ages, non-counts."""

from __future__ import annotations

import pytest

from letopis.extract.number_words import word_to_number
from letopis.extract.numbers import NumberMention, find_numbers, is_count_context


def _values(text: str, lang: str) -> list[tuple[str, int, bool, bool]]:
    return [(n.surface, n.value, n.vague, n.is_age) for n in find_numbers(text, lang)]


WORDS = [
    ("two", "en", 2), ("Five", "en", 5), ("twenty-five", "en", 25), ("twenty five", "en", 25),
    ("two hundred and five", "en", 205), ("three thousand", "en", 3000), ("two dozen", "en", 24),
    ("both", "en", 2), ("one", "en", 1),
    ("двоє", "uk", 2), ("двох", "uk", 2), ("трьох", "uk", 3), ("троє", "uk", 3), ("чотирьом", "uk", 4),
    ("п'ятьох", "uk", 5), ("п’ятьох", "uk", 5), ("п'ятеро", "uk", 5), ("двадцять", "uk", 20),
    ("двадцять п'ять", "uk", 25), ("сто двадцять", "uk", 120), ("дві тисячі", "uk", 2000),
    ("обох", "uk", 2), ("одного", "uk", 1), ("сімох", "uk", 7), ("двома", "uk", 2),
    ("пятеро", "ru", 5), ("пятерых", "ru", 5), ("двумя", "ru", 2), ("двое", "ru", 2), ("трое", "ru", 3),
    ("обоих", "ru", 2), ("одного", "ru", 1), ("двадцать пять", "ru", 25), ("сорока", "ru", 40),
    ("трёх", "ru", 3), ("четверых", "ru", 4), ("двухсот", "ru", 200),
]


@pytest.mark.parametrize("word,lang,value", WORDS)
def test_word_to_number(word: str, lang: str, value: int) -> None:
    assert word_to_number(word, lang) == value


@pytest.mark.parametrize("word,lang", [("man", "en"), ("several", "en"), ("кілька", "uk"),
                                       ("люди", "uk"), ("несколько", "ru"), ("", "ru")])
def test_word_to_number_rejects_non_numbers(word: str, lang: str) -> None:
    assert word_to_number(word, lang) is None


FOUND = [
    # (lang, text, [(surface, value, vague, is_age)])
    ("en", "Police detained 19,000 men.", [("19,000", 19000, False, False)]),
    ("en", "Police detained 19 000 men.", [("19 000", 19000, False, False)]),
    ("en", "Some 2.3 million people left.", [("Some 2.3 million", 2300000, False, False)]),
    ("en", "More than 200 people were detained.", [("More than 200", 200, False, False)]),
    ("en", "May 5 people were detained.", [("5", 5, False, False)]),
    ("en", "Twenty-five conscripts fled.", [("Twenty-five", 25, False, False)]),
    ("en", "Two men were detained.", [("Two", 2, False, False)]),
    ("en", "A man was detained.", []),
    ("en", "One man was detained.", []),
    ("en", "Several men were detained.", [("Several", 3, True, False)]),
    ("en", "A few men were detained.", [("A few", 3, True, False)]),
    ("en", "Dozens of men were detained.", [("Dozens", 12, True, False)]),
    ("en", "A dozen men were detained.", [("A dozen", 12, True, False)]),
    ("en", "Hundreds of men were detained.", [("Hundreds", 100, True, False)]),
    ("en", "Tens of thousands fled.", [("Tens of thousands", 10000, True, False)]),
    ("en", "A 37-year-old man was detained.", [("37", 37, False, True)]),
    ("en", "A forty-year-old man was detained.", [("forty", 40, False, True)]),
    ("en", "A man aged 37 was detained.", [("37", 37, False, True)]),
    ("en", "Ivan Petrenko, 37, was detained.", [("37", 37, False, True)]),
    ("en", "In 2024 the law changed.", []),
    ("en", "The raid began at 14:30.", []),
    ("en", "He was charged under art. 336.", []),
    ("en", "He paid 5000 hryvnias.", []),
    ("en", "On 5 May two men were detained.", [("two", 2, False, False)]),
    ("en", "Two days earlier three men fled.", [("three", 3, False, False)]),
    ("en", "The 47th brigade lost 20% of its men.", []),
    ("en", "He got 5 years in prison.", []),
    ("uk", "Затримали двох чоловіків.", [("двох", 2, False, False)]),
    ("uk", "Троє ухилянтів утекли.", [("Троє", 3, False, False)]),
    ("uk", "Затримали п'ятьох.", [("п'ятьох", 5, False, False)]),
    ("uk", "Повістки вручили чотирьом чоловікам.", [("чотирьом", 4, False, False)]),
    ("uk", "Затримали двадцять п'ять осіб.", [("двадцять п'ять", 25, False, False)]),
    ("uk", "Затримали понад 200 людей.", [("понад 200", 200, False, False)]),
    ("uk", "Виїхали 19 тис. осіб.", [("19 тис.", 19000, False, False)]),
    ("uk", "Виїхали 19 тисяч осіб.", [("19 тисяч", 19000, False, False)]),
    ("uk", "Затримали 47-річного чоловіка.", [("47", 47, False, True)]),
    ("uk", "Затримали чоловіка 37 років.", [("37", 37, False, True)]),
    ("uk", "Затримали кілька чоловіків.", [("кілька", 3, True, False)]),
    ("uk", "Затримали декількох чоловіків.", [("декількох", 3, True, False)]),
    ("uk", "Затримали десятки чоловіків.", [("десятки", 12, True, False)]),
    ("uk", "Затримали сотні чоловіків.", [("сотні", 100, True, False)]),
    ("uk", "Затримали кілька десятків чоловіків.", [("кілька десятків", 12, True, False)]),
    ("uk", "Виїхали десятки тисяч чоловіків.", [("десятки тисяч", 10000, True, False)]),
    ("uk", "Затримали обох.", [("обох", 2, False, False)]),
    ("uk", "Затримали одного чоловіка.", []),
    ("uk", "Його засудили за ст. 336 ККУ.", []),
    ("uk", "Облава почалася о 5 годині.", []),
    ("uk", "Штраф 5000 гривень.", []),
    ("uk", "18 жовтня 2025 року затримали трьох.", [("трьох", 3, False, False)]),
    ("uk", "Засудили до 5 років позбавлення волі.", []),
    ("uk", "Бійці 92-ї бригади.", []),
    ("ru", "Задержали пятерых.", [("пятерых", 5, False, False)]),
    ("ru", "Двое мужчин бежали.", [("Двое", 2, False, False)]),
    ("ru", "Задержали обоих.", [("обоих", 2, False, False)]),
    ("ru", "Выехали 1,5 тыс. человек.", [("1,5 тыс.", 1500, False, False)]),
    ("ru", "Задержали 43-летнего мужчину.", [("43", 43, False, True)]),
    ("ru", "Задержали мужчину 43 лет.", [("43", 43, False, True)]),
    ("ru", "Задержали несколько человек.", [("несколько", 3, True, False)]),
    ("ru", "Задержали десятки человек.", [("десятки", 12, True, False)]),
    ("ru", "Задержали сотни человек.", [("сотни", 100, True, False)]),
    ("ru", "Задержали двадцать пять человек.", [("двадцать пять", 25, False, False)]),
    ("ru", "Задержали около 300 человек.", [("около 300", 300, False, False)]),
    ("ru", "Задержали свыше 1000 человек.", [("свыше 1000", 1000, False, False)]),
    ("ru", "В 2024 году задержали троих.", [("троих", 3, False, False)]),
    ("ru", "Его осудили по ст. 328 УК.", []),
    ("ru", "За два дня до этого задержали двоих.", [("двоих", 2, False, False)]),
    ("ru", "Дюжина мужчин бежала.", [("Дюжина", 12, True, False)]),
]


@pytest.mark.parametrize("lang,text,expected", FOUND)
def test_find_numbers(lang: str, text: str, expected: list[tuple[str, int, bool, bool]]) -> None:
    assert _values(text, lang) == expected


def test_offsets_are_exact() -> None:
    text = "On 5 May police detained 12 men and more than 200 women."
    found = find_numbers(text, "en")
    assert [n.surface for n in found] == ["12", "more than 200"]
    for n in found:
        assert isinstance(n, NumberMention)
        assert text[n.start:n.end] == n.surface


def test_years_standing_alone_are_not_counts() -> None:
    assert _values("The law of 2022 was amended in 1999.", "en") == []
    assert _values("2025 people were detained.", "en") == [("2025", 2025, False, False)]


def test_is_count_context() -> None:
    text = "He paid 5000 hryvnias; 12 men were detained; a 37-year-old man"
    assert not is_count_context(text, 8, 12, "en")
    assert is_count_context(text, 23, 25, "en")
    assert not is_count_context(text, text.index("37"), text.index("37") + 2, "en")


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Several hundred men were detained.", [("Several hundred", 100, True, False)]),
    ("en", "Hundreds of thousands left.", [("Hundreds of thousands", 100000, True, False)]),
    ("en", "He paid $500 for No. 5.", []),
    ("uk", "Петренко (37) затримали.", [("37", 37, False, True)]),
    ("uk", "Кілька сотень чоловіків.", [("Кілька сотень", 100, True, False)]),
    ("uk", "За ч. 1 ст. 336 засудили трьох.", [("трьох", 3, False, False)]),
    ("ru", "Задержали 43-летнюю женщину и двоих мужчин.", [("43", 43, False, True), ("двоих", 2, False, False)]),
])
def test_find_numbers_more(lang: str, text: str, expected: list[tuple[str, int, bool, bool]]) -> None:
    assert _values(text, lang) == expected
