"""A report's publication date when its source gives none, from the report's own evidence.

Relative dates ("yesterday"), dates without a year and undated news are all
resolved against the publication date, so guessing it from today's date files a
report of 2024 under the wrong year. In order of trust:

1. a date in the page's address (``/2025/08/07/``, ``…-2025-08-07``): the day;
2. a byline: a full date with a time on one of the first lines ("16:17, 27 грудня
   2025", "05-02-2025 19:48 IST"): the day;
3. a weekday written with a day and month ("on Tuesday, 1 April", "у вівторок, 1
   квітня"): the latest year, not after today, in which that day falls on that weekday;
4. the latest year the text names: that year, with year precision (an undated
   incident is then dated to the year, not to an invented day).

``None`` when the text holds no such evidence (the caller falls back to today).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from letopis.extract.dates import find_dates
from letopis.extract.language import detect_language
from letopis.model import Report


@dataclass(frozen=True)
class Publication:
    date: date
    precision: str          # "day" or "year"
    source: str             # where it comes from, said to the user


_ADDRESS_DAY = re.compile(r"(?<!\d)(20\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")
_ADDRESS_DAY_SLASHED = re.compile(r"/(20\d\d)/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/")
_TIME = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)")
_NUMERIC_DAY = re.compile(r"(?<!\d)(0?[1-9]|[12]\d|3[01])[./-](0?[1-9]|1[0-2])[./-](20\d\d)(?!\d)")
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "понеділ": 0, "вівтор": 1, "серед": 2, "четвер": 3, "п'ятниц": 4, "субот": 5, "неділ": 6,
    "понедельник": 0, "вторник": 1, "сред": 2, "пятниц": 4, "воскресен": 6,
}
_WEEKDAY = re.compile(r"(?<!\w)(" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\w*", re.IGNORECASE)
BYLINE_LINES = 4


def infer_publication(text: str, address: str | None = None, today: date | None = None) -> Publication | None:
    today = today or date.today()
    found = _from_address(address or "", today)
    if found:
        return found
    lang = detect_language(text[:2000])
    return _from_byline(text, lang, today) or _from_weekday(text, lang, today) or _from_years(text, lang, today)


def _valid(y: int, m: int, d: int, today: date) -> date | None:
    try:
        when = date(y, m, d)
    except ValueError:
        return None
    return when if when <= today else None


def _from_address(address: str, today: date) -> Publication | None:
    for pattern in (_ADDRESS_DAY_SLASHED, _ADDRESS_DAY):
        for m in pattern.finditer(address):
            when = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)), today)
            if when:
                return Publication(when, "day", "the date in the address")
    return None


def _from_byline(text: str, lang: str, today: date) -> Publication | None:
    for line in text.splitlines()[:BYLINE_LINES]:
        if len(line) > 200 or not _TIME.search(line):
            continue
        for m in _NUMERIC_DAY.finditer(line):
            when = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)), today)
            if when:
                return Publication(when, "day", "the byline")
        for mention in find_dates(line, lang):
            if mention.kind == "day" and mention.year and mention.month and mention.day:
                when = _valid(mention.year, mention.month, mention.day, today)
                if when:
                    return Publication(when, "day", "the byline")
    return None


def _from_weekday(text: str, lang: str, today: date) -> Publication | None:
    for m in _WEEKDAY.finditer(text):
        weekday = _WEEKDAYS[m.group(1).lower()]
        after = text[m.end():m.end() + 30]
        day = next((d for d in find_dates(after, lang) if d.kind == "day"), None)
        if day is None or day.year or day.month is None or day.day is None:
            continue
        for year in range(today.year, today.year - 11, -1):
            when = _valid(year, day.month, day.day, today)
            if when and when.weekday() == weekday:
                return Publication(when, "day", f"the weekday of {m.group(0)} {day.surface}")
    return None


def _from_years(text: str, lang: str, today: date) -> Publication | None:
    years = [d.year for d in find_dates(text, lang) if d.year and d.year <= today.year]
    if not years:
        return None
    year = max(years)
    when = today if year == today.year else date(year, 12, 31)
    return Publication(when, "year", f"the latest year the text names ({year})")


def report_of(text: str, page_date: date | None, page_source: str | None, caller: date | None,
              address: str | None, language: str | None = None, today: date | None = None) -> Report:
    """The report as the engine reads it, with its publication date and where that date came from
    (``metadata["published_from"]``; ``metadata["published_precision"]`` is "year" when only the year
    is known): the caller's date (``--published``), the page's own date, the report's own evidence,
    else today."""
    today = today or date.today()
    precision = "day"
    if caller is not None:
        when, source = caller, "--published"
    elif page_date is not None:
        when, source = page_date, f"the page ({page_source})" if page_source else "the page"
    else:
        found = infer_publication(text, address, today)
        if found is not None:
            when, source, precision = found.date, found.source, found.precision
        else:
            when, source = today, "today (the report gives no date)"
    return Report(text=text, published=when, language=language,
                  metadata={"published_from": source, "published_precision": precision})
