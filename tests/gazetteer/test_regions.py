"""Regions and countries in every form, and admin1_place."""

from __future__ import annotations

import pytest

from .conftest import only

REGION_FORMS = [
    ("Shelling in the Kharkiv oblast continued.", "Kharkiv oblast", "Kharkiv Oblast"),
    ("Shelling in the Kharkiv Oblast continued.", "Kharkiv Oblast", "Kharkiv Oblast"),
    ("Shelling in the Kharkov region continued.", "Kharkov region", "Kharkiv Oblast"),
    ("Обстріли Харківська область пережила вночі.", "Харківська область", "Kharkiv Oblast"),
    ("У Харківській області затримали чоловіка.", "Харківській області", "Kharkiv Oblast"),
    ("Харківщина під обстрілом.", "Харківщина", "Kharkiv Oblast"),
    ("Затримання на Харківщині тривають.", "Харківщині", "Kharkiv Oblast"),
    ("Харьковская область под обстрелом.", "Харьковская область", "Kharkiv Oblast"),
    ("Харьковщина под обстрелом.", "Харьковщина", "Kharkiv Oblast"),
    ("Мужчину задержали в Харьковской области.", "Харьковской области", "Kharkiv Oblast"),
    ("Drones hit the Belgorod region again.", "Belgorod region", "Belgorod Oblast"),
    ("Белгородская область снова под ударом.", "Белгородская область", "Belgorod Oblast"),
    ("В Белгородской области объявлена тревога.", "Белгородской области", "Belgorod Oblast"),
    ("Бєлгородська область знову під ударом.", "Бєлгородська область", "Belgorod Oblast"),
    ("Краснодарский край принял беженцев.", "Краснодарский край", "Krasnodar Krai"),
    ("В Краснодарском крае задержали мужчину.", "Краснодарском крае", "Krasnodar Krai"),
    ("Пожар на Кубани потушили.", "Кубани", "Krasnodar Krai"),
    ("Кубань приняла беженцев.", "Кубань", "Krasnodar Krai"),
    ("Протесты в Курской области.", "Курской области", "Kursk Oblast"),
    ("Затримання на Одещині.", "Одещині", "Odesa Oblast"),
    ("Events in Odesa Oblast.", "Odesa Oblast", "Odesa Oblast"),
    ("Вибухи у Криму.", "Криму", "Crimea"),
    ("Взрывы в Крыму.", "Крыму", "Crimea"),
    ("Explosions in Crimea.", "Crimea", "Crimea"),
    ("Акція на Закарпатті.", "Закарпатті", "Zakarpattia Oblast"),
    ("Crossings in Transcarpathia.", "Transcarpathia", "Zakarpattia Oblast"),
    ("Затримання на Київщині.", "Київщині", "Kyiv Oblast"),
    ("Events in the Kyiv region.", "Kyiv region", "Kyiv Oblast"),
    ("Затримання у Волинській області.", "Волинській області", "Volyn Oblast"),
    ("Протесты в Татарстане.", "Татарстане", "Tatarstan"),
    ("Bryansk Oblast was shelled.", "Bryansk Oblast", "Bryansk Oblast"),
]


@pytest.mark.parametrize("text,surface,expected", REGION_FORMS, ids=[r[1] for r in REGION_FORMS])
def test_region_forms(gaz, text, surface, expected):
    mention, place = only(gaz, text, surface)
    assert mention.level == "admin1", mention
    assert place.name == expected and place.admin1 == expected and place.level == "admin1"


COUNTRY_FORMS = [
    ("Він повернувся в Україну.", "Україну", "UA"), ("Мобілізація в Україні.", "Україні", "UA"),
    ("Мобилизация в Украине.", "Украине", "UA"), ("Он бежал из России.", "России", "RU"),
    ("Він утік до Польщі.", "Польщі", "PL"), ("He fled to Romania.", "Romania", "RO"),
    ("Він утік до Румунії.", "Румунії", "RO"), ("Он уехал в Грузию.", "Грузию", "GE"),
    ("He moved to the USA.", "USA", "US"), ("Він поїхав до США.", "США", "US"),
    ("Вони перетнули кордон з Угорщиною.", "Угорщиною", "HU"), ("Из Молдавии.", "Молдавии", "MD"),
    ("Until recently Belarus was quiet.", "Belarus", "BY"), ("Он уехал в Казахстан.", "Казахстан", "KZ"),
]


@pytest.mark.parametrize("text,surface,iso", COUNTRY_FORMS, ids=[c[1] for c in COUNTRY_FORMS])
def test_country_forms(gaz, text, surface, iso):
    mention, place = only(gaz, text, surface)
    assert mention.level == "country"
    assert place.country == iso and place.level == "country" and place.admin1 is None


def test_every_ukrainian_oblast_has_a_place(gaz):
    names = ["Cherkasy Oblast", "Chernihiv Oblast", "Chernivtsi Oblast", "Dnipropetrovsk Oblast", "Donetsk Oblast",
             "Ivano-Frankivsk Oblast", "Kharkiv Oblast", "Kherson Oblast", "Khmelnytskyi Oblast",
             "Kirovohrad Oblast", "Crimea", "Kyiv", "Kyiv Oblast", "Luhansk Oblast", "Lviv Oblast",
             "Mykolaiv Oblast", "Odesa Oblast", "Poltava Oblast", "Rivne Oblast", "Sevastopol", "Sumy Oblast",
             "Ternopil Oblast", "Vinnytsia Oblast", "Volyn Oblast", "Zakarpattia Oblast", "Zaporizhzhia Oblast",
             "Zhytomyr Oblast"]
    assert len(names) == 27
    for name in names:
        place = gaz.admin1_place("UA", name)
        assert place is not None and place.level == "admin1" and place.admin1 == name, name


def test_admin1_place_at_centre(gaz):
    kharkiv = gaz.admin1_place("UA", "Kharkiv Oblast")
    assert abs(kharkiv.lat - 49.98) < 0.05 and abs(kharkiv.lon - 36.25) < 0.05
    assert kharkiv.id == "admin1:UA-63"
    assert gaz.admin1_place("UA", "UA-63") == kharkiv
    belgorod = gaz.admin1_place("RU", "Belgorod Oblast")
    assert belgorod.country == "RU" and abs(belgorod.lat - 50.6) < 0.1
    assert gaz.admin1_place("RU", "Krasnodar Krai").name == "Krasnodar Krai"
    assert gaz.admin1_place("RU", "Tatarstan") is not None
    assert gaz.admin1_place("US", "Texas").country == "US"
    assert gaz.admin1_place("UA", "Atlantis") is None


def test_russian_border_and_big_regions(gaz):
    for name in ("Belgorod Oblast", "Bryansk Oblast", "Kursk Oblast", "Voronezh Oblast", "Rostov Oblast",
                 "Krasnodar Krai", "Moscow", "Moscow Oblast", "Saint Petersburg", "Bashkortostan",
                 "Sverdlovsk Oblast", "Novosibirsk Oblast", "Dagestan", "Chechnya", "Stavropol Krai"):
        assert gaz.admin1_place("RU", name) is not None, name


def test_settlement_admin1_names(gaz):
    assert gaz.lookup("Kyiv")[0].admin1 == "Kyiv"
    assert gaz.lookup("Belgorod")[0].admin1 == "Belgorod Oblast"
    assert gaz.lookup("Kazan")[0].admin1 == "Tatarstan"
    assert gaz.lookup("Simferopol")[0].admin1 == "Crimea"
