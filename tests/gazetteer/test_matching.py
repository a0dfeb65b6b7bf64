"""Matching rules: stop-words, capitalisation, word boundaries, case forms, multiword names."""

from __future__ import annotations

import pytest

from letopis.gazetteer import forms

from .conftest import only


def surfaces(gaz, text):
    return [m.surface for m in gaz.find(text)]


@pytest.mark.parametrize("text", [
    "Ми хочемо, щоб був мир і спокій.",
    "Мир і спокій — це головне.",
    "Мы хотим, чтобы был мир.",
    "Слава Україні! Героям слава!",
    "Победа будет за нами.",
    "Дружба народів.",
    "Поле було заміноване, луг теж.",
    "Бор сгорел.",
    "He went to the bar after work.",
    "Police detained two men.",
    "Most men stayed home.",
    "Nova Poshta delivered the parcel.",
    "The bank was closed.",
    "A ray of light.",
])
def test_common_words_are_not_places(gaz, text):
    found = [m for m in gaz.find(text) if m.level == "settlement"]
    assert found == [], [(m.surface, m.candidates[0].name) for m in found]


def test_slava_ukraini_finds_only_the_country(gaz):
    assert surfaces(gaz, "Слава Україні!") == ["Україні"]


def test_bar_capitalised_mid_sentence_is_the_town(gaz):
    mention, place = only(gaz, "У місті Бар Вінницької області затримали чоловіка.", "Бар")
    assert place.name == "Bar" and place.admin1 == "Vinnytsia Oblast"


def test_lowercase_settlement_not_matched(gaz):
    assert surfaces(gaz, "harkiv kharkiv odesa") == []
    assert surfaces(gaz, "у харкові") == []


def test_lowercase_cyrillic_region_is_matched(gaz):
    assert surfaces(gaz, "затримання на харківщині") == ["харківщині"]


def test_word_boundaries(gaz):
    assert surfaces(gaz, "Kharkivska street in Odesaville") == []
    assert surfaces(gaz, "Харківщинаааа") == []
    assert surfaces(gaz, "(Kharkiv)") == ["Kharkiv"]
    assert surfaces(gaz, "Odesa-based activists") == ["Odesa"]


def test_offsets(gaz):
    text = "Вчора у Кривому Розі та в Новій Каховці."
    for m in gaz.find(text):
        assert text[m.start:m.end] == m.surface


def test_apostrophes(gaz):
    mention, place = only(gaz, "Чоловіка затримали в Кам’янському.", "Кам’янському")
    assert place.name == "Kamianske"


@pytest.mark.parametrize("text,surface,name", [
    ("Вибух у Кривому Розі.", "Кривому Розі", "Kryvyi Rih"),
    ("Вчора Кривий Ріг атакували.", "Кривий Ріг", "Kryvyi Rih"),
    ("Взрыв в Кривом Роге.", "Кривом Роге", "Kryvyi Rih"),
    ("Подія в Новій Каховці.", "Новій Каховці", "Nova Kakhovka"),
    ("Вчора Нова Каховка без світла.", "Нова Каховка", "Nova Kakhovka"),
    ("Затримання у Білгороді-Дністровському.", "Білгороді-Дністровському", "Bilhorod-Dnistrovskyi"),
    ("Вчора Білгород-Дністровський прийняв біженців.", "Білгород-Дністровський", "Bilhorod-Dnistrovskyi"),
    ("Протест в Ростове-на-Дону.", "Ростове-на-Дону", "Rostov-on-Don"),
    ("Затримали у Кам'янці-Подільському.", "Кам'янці-Подільському", "Kamianets-Podilskyi"),
])
def test_multiword_names(gaz, text, surface, name):
    _, place = only(gaz, text, surface)
    assert place.name == name


def test_rule_forms_for_unknown_words():
    # words the dictionaries do not know are declined by their ending
    assert {"зарубинці", "зарубинки", "зарубинкою", "зарубинку"} <= forms.name_forms("Зарубинка", ("uk",))
    assert {"гайсині", "гайсина", "гайсином"} <= set(forms._uk_rules("гайсин")["loct"]
                                                        | forms._uk_rules("гайсин")["gent"]
                                                        | forms._uk_rules("гайсин")["ablt"])
    assert "щасливому" in forms._uk_rules("щасливе")["loct"]
    assert "луганську" in forms._uk_rules("луганськ")["loct"]
    assert "харкові" in forms._uk_rules("харків")["loct"]
    assert "чернівцях" in forms._uk_rules("чернівці")["loct"]
    assert "ивановке" in forms._ru_rules("ивановка")["loct"]
    assert "петровске" in forms._ru_rules("петровск")["loct"]
    assert "бирюкове" in forms._ru_rules("бирюков")["loct"]


def test_case_forms_of_villages_the_dictionary_does_not_know(gaz):
    uk = forms.analyzer("uk")
    for nom, loc in (("Видранка", "Видранці"), ("Дзиґівка", "Дзиґівці")):
        assert not uk.word_is_known(nom.lower())
        mentions = gaz.find(f"Затримання в селі {loc} вчора.")
        assert [m.surface for m in mentions] == [loc], nom
        assert all(p.country == "UA" for p in mentions[0].candidates)
        assert gaz.lookup(nom)[0] == gaz.resolve(mentions[0])


@pytest.mark.parametrize("text", [
    "Володимир Зеленський підписав закон.",
    "Президент Володимир Зеленський підписав закон.",
    "Vladimir Putin signed the decree.",
    "Указ подписал Владимир Путин.",
])
def test_personal_names_are_not_places(gaz, text):
    assert [m.surface for m in gaz.find(text) if m.level == "settlement"] == []


def test_person_like_city_alone_is_a_place(gaz):
    _, place = only(gaz, "Protest in Vladimir, Russia.", "Vladimir")
    assert place.country == "RU"
    mention, place = only(gaz, "Затримання у Володимирі на Волині.", "Володимирі")
    assert place.country == "UA" and place.admin1 == "Volyn Oblast"
    assert {p.country for p in mention.candidates} >= {"UA", "RU"}      # Vladimir, Russia, is larger


@pytest.mark.parametrize("text", [
    "Russian authorities fined journalist Sergei Sokolov on Thursday.",
    "The ambassador, Marko Shevchenko, said talks go on.",
    "Dozhd said Artem Kriger, a journalist, was detained.",
    "Vera Kotova became one of the first to be fined.",
])
def test_latin_personal_names_are_not_places(gaz, text):
    """A Latin word that reads, back in Russian, as a personal name is a person next to another name."""
    names = {"Sokolov", "Shevchenko", "Artem", "Kotova", "Vera"}
    assert [m.surface for m in gaz.find(text) if m.surface in names] == []


def test_latin_person_like_towns_alone_are_places(gaz):
    for text, surface in (("Residents of Sokolov protested.", "Sokolov"),
                          ("Detained in Artem, Primorsky Krai.", "Artem"),
                          ("A picket in Pushkin near St Petersburg.", "Pushkin")):
        assert [m.surface for m in gaz.find(text) if m.surface == surface] == [surface], text


def test_latin_spellings_read_back_in_cyrillic():
    from letopis.gazetteer.translit import ru_from_latin

    assert "соколов" in ru_from_latin("sokolov")
    assert "дмитрий" in ru_from_latin("dmitriy") and "дмитрий" in ru_from_latin("dmitry")
    assert "щукин" in ru_from_latin("shchukin")
    assert ru_from_latin("müller") == set()
    assert forms.latin_person("sokolov") == (True, True)
    assert forms.latin_person("kharkiv") == (False, False)
    assert forms.latin_person("chorna") == (False, False)   # Ukrainian, not a Russian word


@pytest.mark.parametrize("text,surname", [
    ("A court sentenced Roman Ivanov to seven years. Ivanov's mother said the case was ordered.", "Ivanov"),
    ("Police detained Zhanna Romanovskaya on Wednesday. Romanovskaya was carrying a canister.", "Romanovskaya"),
    ("Суд арештував Романа Іванова. Мати Іванова назвала справу замовною.", "Іванова"),
])
def test_a_surname_after_a_first_name_is_a_person_throughout_the_report(gaz, text, surname):
    """A settlement's name written after a first name is the person's surname, there and later."""
    assert [m.surface for m in gaz.find(text) if m.surface.startswith(surname[:5])] == []


def test_the_same_town_without_a_first_name_is_still_a_place(gaz):
    assert [m.surface for m in gaz.find("Police detained two men in Ivanovo on Sunday.")] == ["Ivanovo"]


def test_the_dictionaries_are_asked_once_per_word(gaz):
    """The first-name, Latin-surname and agreement tests are dictionary look-ups of words: a
    report that repeats a name asks once, and the places found are the same every time."""
    from letopis.gazetteer import matcher

    text = "Police detained Zhanna Romanovskaya in Ivanovo. Roman Ivanov. У Южному затримали."
    matcher._may_be_first_name.cache_clear()
    first = [m.surface for m in gaz.find(text)]
    before = matcher._may_be_first_name.cache_info().misses
    assert before > 0
    assert [m.surface for m in gaz.find(text)] == first
    assert matcher._may_be_first_name.cache_info().misses == before
