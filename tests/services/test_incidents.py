"""The search service: event types checked against the taxonomy, places and regions in any language and form."""

from __future__ import annotations

import pytest

from letopis.model import EVENT_TYPES
from letopis.services.incidents import FilterError, admin1_names, check_event_type, place_names


def test_event_types_are_those_of_the_taxonomy() -> None:
    assert check_event_type("resistance") == "resistance"
    assert check_event_type(" Border incident ") == "border_incident"
    with pytest.raises(FilterError) as error:
        check_event_type("riot")
    assert "'riot'" in str(error.value) and all(t in str(error.value) for t in EVENT_TYPES)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("typed", ["Харків", "харків", "ХАРКІВ", "Харкові", "Харькове", "Харьков", "Kharkov",
                                   "kharkiv"])
def test_a_town_in_any_language_and_case_form_is_its_english_name(typed: str) -> None:
    assert place_names(typed)[0] == "Kharkiv"


def test_words_that_name_no_place_give_no_names() -> None:
    assert place_names("затримали") == [] and place_names("ТЦК") == [] and place_names(" ") == []
    assert "Kryvyi Rih" in place_names("Кривому Розі")  # two words, one name


@pytest.mark.parametrize("typed", ["Kharkiv Oblast", "kharkiv oblast", "KHARKIV OBLAST", "Харківська область",
                                   "Харківській області", "на Харківщині", "Харьковская область", "Kharkov region"])
def test_a_region_in_any_language_and_case_is_its_admin1(typed: str) -> None:
    assert admin1_names(typed) == ["Kharkiv Oblast"]


def test_a_region_the_gazetteer_does_not_know_is_kept_as_typed() -> None:
    assert admin1_names("Atlantis") == ["Atlantis"]
