"""A stored place's name in the language a reader chose, from the gazetteer's variants.

Incidents keep their place as the gazetteer's English names (``location_name``,
``admin1``, ``country``: docs/records.md, *Places*). A face that shows them in
Ukrainian or Russian asks here: the stored names are looked up in the gazetteer
again (:meth:`~letopis.gazetteer.Gazetteer.place_of`; among namesakes of the
same region, the one nearest the stored coordinates) and the place's own name in
that language is returned (:meth:`~letopis.gazetteer.Gazetteer.local_name`),
else the stored name as it is. Answers are cached for the life of the process.
"""

from __future__ import annotations

import functools

from letopis.gazetteer import Place, load_gazetteer
from letopis.gazetteer.model import distance_km

__all__ = ["place_name", "region_name", "country_name"]

_CACHE = 16_384


@functools.lru_cache(maxsize=_CACHE)
def _local(place: Place, language: str) -> str | None:
    return load_gazetteer().local_name(place, language)


@functools.lru_cache(maxsize=_CACHE)
def _namesakes(name: str, admin1: str | None, country: str | None) -> tuple[Place, ...]:
    """The gazetteer's places a stored location may stand for: the one :meth:`place_of` finds, and for a
    settlement its namesakes in the same region (the stored coordinates choose among them)."""
    gazetteer = load_gazetteer()
    place = gazetteer.place_of(name, admin1, country)
    if place is None:
        return ()
    if place.level != "settlement":
        return (place,)
    return tuple(p for p in gazetteer.lookup(name, country) if p.name == name and p.admin1 == place.admin1) or (
        place,)


def place_name(name: str | None, language: str, *, country: str | None = None, admin1: str | None = None,
               lat: float | None = None, lon: float | None = None) -> str:
    """``name`` (a stored ``location_name``) as it is written in ``language`` (``en``: as stored)."""
    if not name or language == "en":
        return name or ""
    places = _namesakes(name, admin1, country)
    if not places:
        return name
    place = places[0]
    if len(places) > 1 and lat is not None and lon is not None:
        place = min(places, key=lambda p: distance_km(lat, lon, p.lat, p.lon))
    return _local(place, language) or name


@functools.lru_cache(maxsize=_CACHE)
def region_name(admin1: str | None, language: str, *, country: str | None = None) -> str:
    """A stored region (``admin1``) in ``language``."""
    if not admin1 or language == "en":
        return admin1 or ""
    gazetteer = load_gazetteer()
    place = gazetteer.admin1_place(country, admin1) if country else None
    if place is None:   # a region stored without its country: the region of that name
        place = next((p for p in gazetteer.lookup(admin1) if p.level == "admin1" and p.name == admin1), None)
    return (_local(place, language) if place is not None else None) or admin1


@functools.lru_cache(maxsize=_CACHE)
def country_name(code: str | None, language: str) -> str:
    """A stored country (ISO code) by its name in ``language``; the code when the gazetteer has none."""
    if not code:
        return ""
    gazetteer = load_gazetteer()
    place = gazetteer.country_place(code)
    if place is None:
        return code
    return gazetteer.local_name(place, language) or place.name
