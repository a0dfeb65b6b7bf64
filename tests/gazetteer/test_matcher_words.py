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
