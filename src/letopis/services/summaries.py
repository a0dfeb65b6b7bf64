"""An incident's summary in the language a reader chose.

The stored ``summary`` is in the language of the report it was read from
(the extractor writes it with :mod:`letopis.publish.writer`), or in whatever
language a person typed it. A reader of another language gets a summary
written by the same writer, in their language, from the incident's structured
fields alone: type, date to its precision, place (the gazetteer's name in that
language, declined), the counts of people and the actors' roles. Nothing is
translated and nothing is downloaded; the result says it was generated and
carries the stored summary and its language, so a face can label the one and
offer the other. The stored summary's language is read from its letters
(:func:`letopis.extract.language.detect_language`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from letopis.db import Database
from letopis.db.models import Incident
from letopis.extract.language import detect_language
from letopis.gazetteer import load_gazetteer
from letopis.publish.writer import LANGUAGES, IncidentFacts, PlaceText, place_text, write_incident, write_statistic

__all__ = ["LANGUAGES", "SummaryText", "facts_of", "incident_summary", "summary_in", "summary_fields",
           "summary_language", "statistic_summary_in", "statistic_summary_fields", "fields_of", "warm_up"]

_CACHE = 16_384


@dataclass(frozen=True)
class SummaryText:
    """What to show as an incident's summary to a reader of ``language``."""

    text: str                       # the summary to show, in ``language``
    language: str                   # the reader's language
    generated: bool                 # True: written from the fields (the stored one is in another language)
    original: str                   # the stored summary
    original_language: str | None   # its language (en, uk, ru), None when there is none


@functools.lru_cache(maxsize=_CACHE)
def summary_language(summary: str) -> str | None:
    """The language a stored summary is written in (en, uk or ru); None for an empty one."""
    if not summary.strip():
        return None
    return detect_language(summary, default="en")


@functools.lru_cache(maxsize=_CACHE)
def _place(name: str, admin1: str | None, country: str | None, geo_precision: int | None) -> PlaceText:
    return place_text(load_gazetteer(), name, admin1, country, geo_precision)


@functools.lru_cache(maxsize=_CACHE)
def _written(facts: IncidentFacts, language: str) -> str:
    return write_incident(facts, language)


def facts_of(item: Any) -> IncidentFacts:
    """The fields the writer reads, from an incident or a row of a list (``actors`` optional)."""
    name = item.location_name or item.admin1
    place = _place(name, item.admin1, item.country, item.geo_precision) if name else None
    return IncidentFacts(item.event_type, item.date, item.date_precision, place, item.fatalities, item.injured,
                         item.detained, tuple(getattr(item, "actors", None) or ()), item.country)


def _for_reader(original: str, language: str, write: Callable[[], str]) -> SummaryText:
    """The stored summary when it is in ``language`` (or empty), else what ``write`` writes in it."""
    if language not in LANGUAGES:
        raise ValueError(f"no summary language {language!r}: one of {', '.join(LANGUAGES)}")
    written_in = summary_language(original)
    if written_in is None or written_in == language:
        return SummaryText(original, language, False, original, written_in)
    return SummaryText(write(), language, True, original, written_in)


def summary_in(item: Any, language: str) -> SummaryText:
    """``item``'s summary for a reader of ``language`` (en, uk or ru): the stored one when it is in that
    language (or empty), else one written from the fields in it. ``item``: an incident or a list row."""
    return _for_reader(item.summary or "", language, lambda: _written(facts_of(item), language))


@functools.lru_cache(maxsize=_CACHE)
def _written_statistic(metric: str, value: int | None, date: str | None, precision: str | None,
                       place: PlaceText | None, language: str) -> str:
    return write_statistic(metric, value, date, precision, place, language)


def statistic_summary_in(item: Any, language: str) -> SummaryText:
    """A stored statistic record's summary for a reader of ``language``: the stored one when it is in that
    language (or empty), else one written in it from the record's metric, value, period and place, as the
    extractor writes a statistic's summary ("In 2025, in Ukraine: cases of SZCh — 19,000.")."""
    def write() -> str:
        name = item.location_name or item.admin1
        place = _place(name, item.admin1, item.country, item.geo_precision) if name else None
        return _written_statistic(item.metric, item.value, item.date, item.date_precision, place, language)

    return _for_reader(item.summary or "", language, write)


def fields_of(found: SummaryText) -> dict[str, Any]:
    """A reader's summary as the flat fields the JSON API adds beside the stored ``summary``:
    ``summary_text`` (in the reader's language), ``summary_language``, ``summary_generated`` and
    ``summary_stored_language`` (the stored summary's language; None when it is empty)."""
    return {"summary_text": found.text, "summary_language": found.language, "summary_generated": found.generated,
            "summary_stored_language": found.original_language}


def summary_fields(item: Any, language: str) -> dict[str, Any]:
    """:func:`summary_in` as the flat fields (:func:`fields_of`) the JSON API and the map's GeoJSON add beside an
    incident's stored ``summary``."""
    return fields_of(summary_in(item, language))


def statistic_summary_fields(item: Any, language: str) -> dict[str, Any]:
    """:func:`statistic_summary_in` as the flat fields (:func:`fields_of`) of ``/api/statistics``."""
    return fields_of(statistic_summary_in(item, language))


def incident_summary(db: Database, incident_id: int, language: str) -> SummaryText | None:
    """The summary of stored incident ``incident_id`` for a reader of ``language``; None when there is none."""
    with db.session(readonly=True) as session:
        incident = session.get(Incident, incident_id)
        return None if incident is None else summary_in(incident, language)


def warm_up() -> None:
    """Load what writing a summary reads (the gazetteer, the writer's words and morphology in each language) by
    writing one, so that a serving process has it before its first request (see ``letopis.web.app.settle``)."""
    place = _place("Kyiv", "Kyiv City", "UA", 1)
    for language in LANGUAGES:
        write_incident(IncidentFacts("other", "2025-01-01", "day", place, detained=1, actors=("police",),
                                     country="UA"), language)
        write_statistic("detained", 1, "2025-01", "month", place, language)
