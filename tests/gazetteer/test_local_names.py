"""Each place's own Ukrainian and Russian name, as the writer starts from (nominative)."""

from __future__ import annotations

import pytest

from letopis.gazetteer import Gazetteer

CITIES = [
    ("Kharkiv", "UA", "Харків", "Харьков"),
    ("Kyiv", "UA", "Київ", "Киев"),
    ("Kryvyi Rih", "UA", "Кривий Ріг", "Кривой Рог"),
    ("Bila Tserkva", "UA", "Біла Церква", "Белая Церковь"),
    ("Kupiansk", "UA", "Куп’янськ", "Купянск"),            # KATOTTG's apostrophe, not GeoNames' "Купьянск"
    ("Rivne", "UA", "Рівне", "Ровно"),
    ("Chernivtsi", "UA", "Чернівці", "Черновцы"),
    ("Rostov-on-Don", "RU", "Ростов-на-Дону", "Ростов-на-Дону"),
    ("Kursk", "RU", "Курськ", "Курск"),
    ("Moscow", "RU", "Москва", "Москва"),
]


@pytest.mark.parametrize(("name", "country", "uk", "ru"), CITIES)
def test_cities(gaz: Gazetteer, name: str, country: str, uk: str, ru: str) -> None:
    place = gaz.lookup(name, country)[0]
    assert (gaz.local_name(place, "uk"), gaz.local_name(place, "ru"), gaz.local_name(place, "en")) == (uk, ru, name)


def test_an_old_name_is_not_taken_for_the_russian_one(gaz: Gazetteer) -> None:
    place = gaz.lookup("Kropyvnytskyi", "UA")[0]
    assert gaz.local_name(place, "uk") == "Кропивницький"
    assert gaz.local_name(place, "ru") != "Кирово"          # a name of 1934-39 among GeoNames' alternates


def test_regions_districts_countries(gaz: Gazetteer) -> None:
    def names(place: object) -> tuple[str | None, str | None]:
        return gaz.local_name(place, "uk"), gaz.local_name(place, "ru")  # type: ignore[arg-type]

    assert names(gaz.admin1_place("UA", "Zakarpattia Oblast")) == ("Закарпатська область", "Закарпатская область")
    assert names(gaz.admin1_place("UA", "Crimea")) == ("Крим", "Крым")
    assert names(gaz.admin1_place("RU", "Krasnodar Krai")) == ("Краснодарський край", "Краснодарский край")
    assert names(gaz.admin1_place("UA", "Kyiv")) == ("Київ", "Киев")      # the city with special status
    assert names(gaz.place_of("Kremenchuk Raion", "Poltava Oblast", "UA")) == (
        "Кременчуцький район", "Кременчугский район")
    assert names(gaz.country_place("UA")) == ("Україна", "Украина")


def test_a_stored_location_back_to_its_place(gaz: Gazetteer) -> None:
    kharkiv = gaz.place_of("Kharkiv", "Kharkiv Oblast", "UA")
    assert kharkiv is not None and kharkiv.level == "settlement" and gaz.region_centre(kharkiv)
    chuhuiv = gaz.place_of("Chuhuiv", "Kharkiv Oblast", "UA")
    assert chuhuiv is not None and not gaz.region_centre(chuhuiv)
    assert gaz.place_of("Kharkiv Oblast", "Kharkiv Oblast", "UA") == gaz.admin1_place("UA", "Kharkiv Oblast")
    assert gaz.place_of("Ukraine", None, "UA") == gaz.country_place("UA")
    assert gaz.place_of("Atlantis", None, "UA") is None
