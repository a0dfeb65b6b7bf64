"""Dates and places as a reader of the chosen language writes them.

A stored date is as precise as its sources were (``date_precision``: day, week,
month, season or year; docs/records.md): it is written out to that precision
with Babel's patterns for the language (``3 листопада 2025 р.``, ``ноябрь 2025
г.``, ``March – May 2025``), never to a day it does not know. Places come from
:mod:`letopis.services.places` (the gazetteer's names in the language).
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from babel.dates import format_date, format_interval, format_skeleton

from letopis.services import places
from letopis.web.i18n import translator

__all__ = ["date_text", "place_text", "region_text", "country_text"]


def _month_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


@functools.lru_cache(maxsize=8192)
def date_text(value: str | None, precision: str | None, language: str) -> str:
    """A stored date (``2025-11-03``, ``2025-11``, ``2025``) written to its precision in ``language``;
    a value that is no date is given back as it is."""
    if not value:
        return ""
    try:
        day = date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value[:10])
    except ValueError:
        return value
    if precision == "year" or len(value) == 4:
        return format_skeleton("y", day, locale=language)
    if precision == "season":
        return format_interval(day, _month_later(day, 2), "yMMMM", locale=language)
    if precision == "month" or len(value) == 7:
        return format_skeleton("yMMMM", day, locale=language)
    text = format_date(day, "long", locale=language)
    if precision != "week":
        return text
    t = translator(language)
    return t("the week of {date}", date=text)


def place_text(item: Any, language: str) -> str:
    """The place of an incident (a row or a detail: ``location_name``, ``admin1``, ``country``, ``lat``,
    ``lon``) in ``language``."""
    return places.place_name(item.location_name, language, country=getattr(item, "country", None),
                             admin1=item.admin1,
                             lat=getattr(item, "lat", None), lon=getattr(item, "lon", None))


def region_text(admin1: str | None, language: str, country: str | None = None) -> str:
    return places.region_name(admin1, language, country=country)


def country_text(code: str | None, language: str) -> str:
    return places.country_name(code, language)
