"""Where an incident happened, in words: "у Харкові", "в Харькове", "in Kharkiv".

A :class:`PlaceText` holds a place's names in the three languages (from the
gazetteer, see :meth:`letopis.gazetteer.Gazetteer.local_name`) and how precise it
is; :func:`where` writes it with the right preposition and case. When a name
cannot be declined (the dictionary does not know it) or is missing in the
language, the name stays in the nominative after a word that takes any name
("у населеному пункті Коханівка", "в населённом пункте Новороссийск"), which is
always grammatical.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from letopis.gazetteer import Gazetteer
from letopis.publish.writer.inflect import inflect

__all__ = ["PlaceText", "place_text", "where", "place_name"]

_VOWELS = set("аеєиіїоуюяАЕЄИІЇОУЮЯ")
_LEVEL_WORD = {
    # the nominative fallback: "in"-phrase and "near"-phrase; "{}" is the name as it is
    "uk": {"settlement": ("у населеному пункті {}", "поблизу населеного пункту {}"),
           "district": ("у районі ({})", "у районі ({})"),
           "admin1": ("у регіоні ({})", "у регіоні ({})"),
           "country": ("у країні ({})", "у країні ({})")},
    "ru": {"settlement": ("в населённом пункте {}", "недалеко от населённого пункта {}"),
           "district": ("в районе ({})", "в районе ({})"),
           "admin1": ("в регионе ({})", "в регионе ({})"),
           "country": ("в стране ({})", "в стране ({})")},
}


@dataclass(frozen=True)
class PlaceText:
    """A place's names (nominative) by language, its level, whether the event was only near it,
    and its region's names when the region is worth naming (a settlement that is not its centre)."""

    en: str
    uk: str | None
    ru: str | None
    level: str = "settlement"          # settlement | district | admin1 | country
    near: bool = False                 # geo_precision 2 at a settlement: "near Kharkiv"
    region: PlaceText | None = None

    def name(self, lang: str) -> str | None:
        return self.en if lang == "en" else self.uk if lang == "uk" else self.ru if lang == "ru" else None


def place_text(gazetteer: Gazetteer, name: str, admin1: str | None, country: str | None,
               geo_precision: int | None) -> PlaceText:
    """The names of a stored location (its English name, region and country) in the three languages.
    A location the gazetteer does not know keeps its English name, with its region's names."""
    place = gazetteer.place_of(name, admin1, country)
    if place is None and name.endswith(" District"):
        # a district the gazetteer made for a city's court or office ("Belgorod District" from
        # "Белгородский районный суд"), placed at the city: written as near the city
        city = gazetteer.place_of(name.removesuffix(" District"), admin1, country)
        if city is not None and city.level == "settlement":
            return place_text(gazetteer, city.name, city.admin1, country, 2)
    if place is None:
        level = "district" if name.endswith((" District", " Raion")) else "settlement"
        return PlaceText(name, None, None, level=level, near=geo_precision == 2 and level == "settlement",
                         region=_region(gazetteer, country, admin1, name))
    region = None
    if place.level in ("settlement", "district") and not (place.level == "settlement"
                                                          and gazetteer.region_centre(place)):
        region = _region(gazetteer, country, place.admin1, place.name)
    return PlaceText(place.name, gazetteer.local_name(place, "uk"), gazetteer.local_name(place, "ru"),
                     level=place.level, near=geo_precision == 2 and place.level == "settlement", region=region)


def _region(gazetteer: Gazetteer, country: str | None, admin1: str | None, name: str) -> PlaceText | None:
    region = gazetteer.admin1_place(country, admin1) if country and admin1 else None
    if region is None or region.name == name:
        return None
    return PlaceText(region.name, gazetteer.local_name(region, "uk"), gazetteer.local_name(region, "ru"),
                     level="admin1")


def _uk_in(word: str) -> str:
    """"в" before a vowel, "у" before a consonant: "в Одесі", "у Харкові", "у Вінниці"."""
    return "в" if word[:1] in _VOWELS else "у"


def _ru_in(word: str) -> str:
    """"во" before в/ф and a consonant, and before "Льв": "во Владимире", "во Львове"."""
    low = word.lower()
    if (low[:1] in "вф" and low[1:2] and low[1:2] not in "аеёиоуыэюя") or low.startswith("льв"):
        return "во"
    return "в"


def place_name(place: PlaceText, lang: str) -> str:
    """The place's name in ``lang`` (nominative), else in the other Cyrillic language, else English."""
    return place.name(lang) or (place.uk or place.ru if lang in ("uk", "ru") else None) or place.en


def _located(place: PlaceText, lang: str) -> str:
    """"у Харкові" / "поблизу Харкова"; the nominative after a word that takes any name when the
    name cannot be declined."""
    own = place.name(lang)
    if lang == "en":
        the = "the " if place.level == "country" and place.en.startswith("United") else ""
        return f"{'near' if place.near else 'in'} {the}{place.en}"
    case = "gent" if place.near else "loct"
    form = inflect(own, case, lang) if own else None
    if form is not None:
        if place.near:
            return f"{'поблизу' if lang == 'uk' else 'недалеко от'} {form}"
        return f"{_uk_in(form) if lang == 'uk' else _ru_in(form)} {form}"
    locative, near = _LEVEL_WORD[lang].get(place.level, _LEVEL_WORD[lang]["settlement"])
    return (near if place.near else locative).format(place_name(place, lang))


@lru_cache(maxsize=4096)
def where(place: PlaceText, lang: str) -> str:
    """The place with its preposition, its region after it when named: "у Чугуєві Харківської
    області", "в Чугуеве Харьковской области", "in Chuhuiv, Kharkiv Oblast"."""
    text = _located(place, lang)
    region = place.region
    if region is None:
        return text
    if lang == "en":
        return f"{text}, {region.en}"
    own = region.name(lang)
    genitive = inflect(own, "gent", lang) if own else None
    return f"{text} {genitive}" if genitive else f"{text} ({place_name(region, lang)})"
