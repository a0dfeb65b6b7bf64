"""The one-paragraph ``summary`` of a record, in the report's language.

Written by :mod:`letopis.publish.writer` from the structured fields only (type,
date and precision, place, counts, actor roles, metric), not from the text, so
it never repeats personal data from the source (names stay in the quote, which
is redacted on publication). ``letopis digest`` writes its paragraphs with the
same writer.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from letopis.gazetteer import Gazetteer
from letopis.model import Location, Record
from letopis.publish.writer import IncidentFacts, PlaceText, place_text, write_incident, write_statistic


def _place(gazetteer: Gazetteer | None, location: Location | None) -> PlaceText | None:
    if location is None:
        return None
    if gazetteer is None:
        return PlaceText(location.name, None, None, near=location.geo_precision == 2)
    return _place_text(gazetteer, location.name, location.admin1, location.country, location.geo_precision)


@lru_cache(maxsize=2048)
def _place_text(gazetteer: Gazetteer, name: str, admin1: str | None, country: str, precision: int) -> PlaceText:
    """Reports name the same places again and again: each is looked up once."""
    return place_text(gazetteer, name, admin1, country, precision)


def summarise(lang: str, event_type: str, location: Location | None, when: Any, counts: Any,
              metric: str | None = None, value: int | None = None, actors: tuple[str, ...] = (),
              gazetteer: Gazetteer | None = None) -> str:
    """The record's summary; ``when`` has ``date`` and ``precision``, ``counts`` the three counts."""
    place = _place(gazetteer, location)
    date = when.date if when is not None else None
    precision = when.precision if when is not None else None
    if event_type == "statistic":
        return write_statistic(metric, value, date, precision, place, lang)
    facts = IncidentFacts(
        event_type, date, precision, place,
        fatalities=getattr(counts, "fatalities", None), injured=getattr(counts, "injured", None),
        detained=getattr(counts, "detained", None), actors=tuple(actors),
        country=location.country if location is not None else None)
    return write_incident(facts, lang)


def placed_copy(record: Record, location: Location, counts: Any, *, lang: str, quote: str, start: int, end: int,
                confidence: float, gazetteer: Gazetteer | None) -> Record:
    """``record`` told again for another place and span (an item of a list, a town of a list): its kind,
    date and actors kept, its place, counts, quote and span given, its summary written anew."""
    when = SimpleNamespace(date=record.date, precision=record.date_precision) if record.date else None
    return replace(record, location=location, fatalities=counts.fatalities, injured=counts.injured,
                   detained=counts.detained,
                   summary=summarise(lang, record.event_type or "other", location, when, counts,
                                     actors=record.actors, gazetteer=gazetteer),
                   quote=quote, start=start, end=end, confidence=confidence)
