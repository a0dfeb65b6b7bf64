"""Dates, times, places and stored values as a reader of the chosen language writes them.

A stored date is as precise as its sources were (``date_precision``: day, week,
month, season or year; docs/records.md): it is written out to that precision
with Babel's patterns for the language (``3 листопада 2025 р.``, ``ноябрь 2025
г.``, ``March – May 2025``), never to a day it does not know. A moment (a
capture, an edit) is written with Babel's long pattern in UTC (``3 листопада
2025 р., 14:05:09 UTC``). Places come from :mod:`letopis.services.places` (the
gazetteer's names in the language). A value in the edit history is named as the
rest of the page names it (a type, a status, a date, a place).
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime
from typing import Any

from babel.dates import format_date, format_datetime, format_interval, format_skeleton
from babel.numbers import format_decimal

from letopis.services import places
from letopis.web.i18n import LABELS, translator

__all__ = ["number_text", "date_text", "day_text", "moment_text", "place_text", "place_and_region", "region_text",
           "country_text", "edit_value", "profile_value", "flag_field", "flag_value"]


def _month_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


@functools.lru_cache(maxsize=8192)
def number_text(value: int, language: str) -> str:
    """A count with the language's digit groups (``10,000``, ``10 000``)."""
    return format_decimal(value, locale=language)


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


def place_and_region(item: Any, language: str) -> str:
    """The place of an incident and, when it is not the region itself, its region: ``Вінниця, Вінницька
    область`` (a map card's line)."""
    place = place_text(item, language)
    region = (region_text(item.admin1, language, getattr(item, "country", None))
              if item.admin1 and item.admin1 != item.location_name else "")
    return ", ".join(part for part in (place, region) if part)


def region_text(admin1: str | None, language: str, country: str | None = None) -> str:
    return places.region_name(admin1, language, country=country)


def country_text(code: str | None, language: str) -> str:
    return places.country_name(code, language)


def moment_text(value: datetime | str | None, language: str) -> str:
    """A moment (timezone-aware, or an ISO string) written in UTC as ``language`` writes a date and time."""
    if value is None or value == "":
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_datetime(moment, "long", tzinfo=UTC, locale=language)


def day_text(value: date | datetime | None, language: str) -> str:
    """A calendar day (a publication, a recording) as ``language`` writes it: ``3 листопада 2025 р.``."""
    if value is None:
        return ""
    day = value.astimezone(UTC).date() if isinstance(value, datetime) and value.tzinfo else value
    return format_date(day, "long", locale=language)


# the edit history's fields whose values are named in a table of i18n.LABELS
_NAMED = {"status": "status", "event_type": "type", "date_precision": "precision", "geo_precision": "geo_precision"}


def edit_value(field: str, value: Any, language: str) -> str:
    """A value of the edit history (old or new) of ``field``, as the page names such values; "—" for none."""
    if value is None or value == "" or value == []:
        return "—"
    t = translator(language)
    if field in _NAMED:
        return t.name_of(_NAMED[field], str(value))
    if field in ("sensitivity", "actors") and isinstance(value, list):
        return t.names_of("sensitivity" if field == "sensitivity" else "actor", (str(item) for item in value))
    if field == "date":
        return date_text(str(value), None, language)
    if field == "location_name":
        return places.place_name(str(value), language)
    if field == "admin1":
        return region_text(str(value), language)
    if field == "country":
        return country_text(str(value), language)
    if field == "merged_into":
        return f"#{value}"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


# a source profile's fields whose values are named in a table of i18n.LABELS
_PROFILE_NAMED = {"kind": "origin", "stance": "stance", "language": "language"}


def profile_value(field: str, value: Any, language: str) -> str:
    """A value of a source profile's history (old or new) of ``field``, named as the page names it."""
    if value is None or value == "":
        return "—"
    if field in _PROFILE_NAMED:
        return translator(language).name_of(_PROFILE_NAMED[field], str(value))
    if field == "country":
        return country_text(str(value), language)
    return str(value)


def flag_field(field: str, language: str) -> str:
    """The field (or group of fields: letopis.services.reconcile.FIELD_GROUPS, a statistic's columns, "record")
    a reading flag is about, named in ``language``."""
    t = translator(language)
    return t.name_of("reading_flag.field" if field in LABELS["reading_flag.field"] else "field", field)


def flag_value(field: str, value: Any, language: str) -> str:
    """A value a reading flag kept or proposes (one column's, or a group's: a date, a place), as the page names
    it; "—" for none."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, dict):
        if "location_name" in value or "admin1" in value:
            place = places.place_name(value.get("location_name"), language, country=value.get("country"),
                                      admin1=value.get("admin1"), lat=value.get("lat"), lon=value.get("lon"))
            region = (region_text(value.get("admin1"), language, value.get("country"))
                      if value.get("admin1") and value.get("admin1") != value.get("location_name") else "")
            return ", ".join(part for part in (place, region) if part) or "—"
        if "date" in value:
            return date_text(value.get("date"), value.get("date_precision"), language) or "—"
        t = translator(language)
        return "; ".join(f"{t.name_of('field', key)}: {edit_value(key, item, language)}" for key, item in value.items())
    if field == "metric":
        return translator(language).name_of("metric", value)
    if field == "record":
        return str(value)
    return edit_value(field, value, language)
