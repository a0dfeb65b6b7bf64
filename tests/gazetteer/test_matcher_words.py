"""Words that name a village but are used here as something else (texts written for these tests)."""

import pytest

from letopis.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize("text,word", [
    ("Затримання зняли на відео.\nДжерело: журналісти місцевого видання", "Джерело"),
    ("Жінки перекрили трасу (відео)\nП'ятниця, 3 липня 2015, 13:41\nАвтор: редакція", "П'ятниця"),
    ("Справу розслідує Восточное межрегиональное следственное управление на транспорте.", "Восточное"),
    ("Суд послався на правову позицію Верховного Суду щодо таких справ.", "Суду"),
])
def test_a_label_a_weekday_line_or_an_institution_is_no_village(gazetteer, text, word):
    assert word not in [m.surface for m in gazetteer.find(text)]


def test_a_village_named_mid_sentence_is_still_found(gazetteer):
    found = [m.surface for m in gazetteer.find("Увечері у селі Джерело затримали двох чоловіків.")]
    assert "Джерело" in found


@pytest.mark.parametrize("text", [
    "Over 6,000 men have swum across the river, the New York Times reported in April.",
    "The man was detained on Monday, The Moscow Times reported.",
    "Recruiters stopped him at a checkpoint, the Kyiv Independent wrote.",
])
def test_an_outlet_named_after_a_place_is_no_place(gazetteer, text):
    assert gazetteer.find(text) == []


def test_a_region_noun_opening_a_line_is_the_region(gazetteer):
    found = [(m.surface, m.level) for m in gazetteer.find("Що викрили\n\nПолтавщина: хірург продавав довідки.")]
    assert ("Полтавщина", "admin1") in found
