"""A stored place shown in the reader's language: the gazetteer's name, else the stored one."""

from __future__ import annotations

from letopis.services.places import country_name, place_name, region_name


def test_a_stored_place_in_each_language() -> None:
    assert place_name("Kharkiv", "uk", country="UA", admin1="Kharkiv Oblast") == "Харків"
    assert place_name("Kharkiv", "ru", country="UA", admin1="Kharkiv Oblast", lat=49.98, lon=36.25) == "Харьков"
    assert place_name("Kharkiv", "en", country="UA") == "Kharkiv"
    assert region_name("Kharkiv Oblast", "uk", country="UA") == "Харківська область"
    assert region_name("Kharkiv Oblast", "ru") == "Харьковская область"
    assert country_name("UA", "uk") == "Україна"
    assert country_name("UA", "en") == "Ukraine"


def test_a_name_the_gazetteer_does_not_know_is_shown_as_stored() -> None:
    assert place_name("Bus stop on Koneva street", "uk", country="UA") == "Bus stop on Koneva street"
    assert region_name("Nowhere Oblast", "ru") == "Nowhere Oblast"
    assert country_name("ZZ", "ru") == "ZZ"
    assert (place_name(None, "uk"), region_name(None, "ru"), country_name(None, "uk")) == ("", "", "")
