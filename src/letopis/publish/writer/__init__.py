"""Readable text from the structured fields of a record, in English, Ukrainian or Russian.

    facts = IncidentFacts("mobilization_detention", "2025-03-12", "day", place, detained=3,
                          actors=("recruitment_officers",), country="UA")
    write_incident(facts, "uk")
    # "12 березня 2025 р. у Харкові зафіксовано затримання з метою мобілізації. Затримано 3 особи.
    #  Учасники: працівники ТЦК."

The writer reads only the structured fields (type, date and its precision,
place, counts, actor roles, metric), never the source text: what it writes holds
no name of a person and no quote, whatever the source said. Dates are Babel's
(``dates.py``), places are the gazetteer's names declined with pymorphy3
(``places.py``, ``inflect.py``), counts agree with the number by Babel's plural
rules (``counts.py``). The same writer makes the ``summary`` that ``letopis
extract`` prints and the paragraphs of ``letopis digest``.
"""

from __future__ import annotations

from dataclasses import dataclass

from letopis.publish.writer.counts import number, people, plural_category
from letopis.publish.writer.dates import when
from letopis.publish.writer.places import PlaceText, place_name, place_text, where
from letopis.publish.writer.words import (
    ACTOR_BY_COUNTRY,
    ACTOR_DEFAULT,
    ACTORS,
    AND,
    EVENTS,
    INVOLVED,
    LANGUAGES,
    METRICS,
    REPORTED,
    TYPE_TITLES,
)

__all__ = [
    "LANGUAGES", "IncidentFacts", "PlaceText", "place_text", "place_name", "where", "when", "people",
    "plural_category", "write_incident", "write_statistic", "type_title", "language_of",
]


@dataclass(frozen=True)
class IncidentFacts:
    """The fields of an incident the writer reads."""

    event_type: str
    date: str | None = None
    date_precision: str | None = None
    place: PlaceText | None = None
    fatalities: int | None = None
    injured: int | None = None
    detained: int | None = None
    actors: tuple[str, ...] = ()
    country: str | None = None


def language_of(lang: str | None) -> str:
    """The writer's language for a report's language: en, uk or ru (English for any other)."""
    return lang if lang in LANGUAGES else "en"


def type_title(event_type: str, lang: str) -> str:
    """The event type as a heading: "Detentions for mobilization", "Затримання для мобілізації"."""
    return TYPE_TITLES[language_of(lang)].get(event_type, event_type.replace("_", " "))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {AND[lang]} {items[-1]}"


def _opening(date_value: str | None, precision: str | None, place: PlaceText | None, lang: str) -> list[str]:
    parts = []
    date_words = when(date_value, precision, lang)
    if date_words:
        parts.append(date_words)
    if place is not None:
        parts.append(where(place, lang))
    return parts


def _actors(actors: tuple[str, ...], country: str | None, lang: str) -> str | None:
    fill = ACTOR_BY_COUNTRY.get((lang, country or ""), ACTOR_DEFAULT.get(lang, {}))
    names = [ACTORS[lang][a].format(**fill) for a in actors if a in ACTORS[lang] and a != "unknown"]
    return INVOLVED[lang].format(_join(list(dict.fromkeys(names)), lang)) if names else None


def write_incident(facts: IncidentFacts, lang: str) -> str:
    """One paragraph for an incident: when and where, what, how many, who was involved."""
    lang = language_of(lang)
    event = EVENTS[lang].get(facts.event_type, EVENTS[lang]["other"])
    opening = _opening(facts.date, facts.date_precision, facts.place, lang)
    if lang == "en":
        head = ", ".join([*opening, REPORTED[lang].format(event=event)])
    else:
        head = " ".join([*opening, REPORTED[lang].format(event=event)])
    sentences = [_capital(head) + "."]
    counts = [people(field, n, lang) for field, n in
              (("detained", facts.detained), ("fatalities", facts.fatalities), ("injured", facts.injured))
              if n]
    if counts:
        sentences.append(_capital(_join(counts, lang)) + ".")
    involved = _actors(facts.actors, facts.country, lang)
    if involved:
        sentences.append(involved)
    return " ".join(sentences)


def write_statistic(metric: str | None, value: int | None, date_value: str | None, precision: str | None,
                    place: PlaceText | None, lang: str) -> str:
    """One line for a statistic: "У 2025 році в Україні: випадки СЗЧ — 19 000."."""
    lang = language_of(lang)
    label = METRICS[lang].get(metric or "", (metric or "").replace("_", " ")) or "—"
    figure = f"{label} — {number(value, lang)}" if value is not None else label
    opening = _opening(date_value, precision, place, lang)
    if not opening:
        return _capital(figure) + "."
    return _capital((", " if lang == "en" else " ").join(opening)) + ": " + figure + "."
