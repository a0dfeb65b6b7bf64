"""Finding date expressions in report text and resolving them to dates.

``find_dates`` finds explicit dates ("18 жовтня 2025 року", "October 18",
"18.10"), months, seasons, years, parts of months ("в конце декабря"),
ranges ("3–5 жовтня"), nights ("у ніч на 30 жовтня"), dates relative to the
report ("вчора", "last week", "в понедельник") and dates chained to the
previous incident ("two days earlier", "наступного дня", "накануне").

``resolve_date`` turns one mention into a ``ResolvedDate`` with the
precision the text really gives (day, week, month, season, year): it never
invents a day. Conventions: docs/records.md ("Dates") and docs/dates.md.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import logging
from dataclasses import fields as dc_fields

from letopis.extract.dates.model import DateMention, ResolvedDate
from letopis.extract.dates.relative import relative_rules
from letopis.extract.dates.rules import WORD_START, Rule, absolute_rules
from letopis.extract.multiscan import MultiScan
from letopis.extract.spans import DisjointSpans

__all__ = ["DateMention", "ResolvedDate", "find_dates", "resolve_date"]

log = logging.getLogger(__name__)

_FIELD_NAMES = {f.name for f in dc_fields(DateMention)}
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4}


# --------------------------------------------------------------------------- finding

def _rules(lang: str) -> tuple[Rule, ...]:
    lang = lang if lang in {"en", "uk", "ru"} else "en"
    return absolute_rules(lang) + relative_rules(lang)


@functools.lru_cache(maxsize=8)
def _scanner(lang: str, lowercase: bool) -> MultiScan:
    """The language's rules, for lower-cased text or any text, scanned together."""
    return MultiScan([r.lower_pattern if lowercase else r.pattern for r in _rules(lang)], WORD_START)


def find_dates(text: str, lang: str) -> list[DateMention]:
    """Date mentions in `text`, sorted by start, non-overlapping (longest wins)."""
    return list(_find_dates(text, lang))


@functools.lru_cache(maxsize=4096)
def _find_dates(text: str, lang: str) -> tuple[DateMention, ...]:
    # cached: the segmenter looks at a clause, then at the unit cut from it, and numbers
    # look at the same text again to block dates; the mentions are immutable
    candidates: list[tuple[int, int, int, dict]] = []  # type: ignore[type-arg]
    lang = lang if lang in {"en", "uk", "ru"} else "en"
    subject, lowercase = text, False
    if lang != "en":
        lowered = text.lower()
        if len(lowered) == len(text):   # same offsets: match the lowercased text case-sensitively
            subject, lowercase = lowered, True
    rules = _rules(lang)
    for index, match in _scanner(lang, lowercase).finditer(subject):
        built = rules[index].build(match, text, lang)
        if built is not None:
            candidates.append((match.start(), match.end(), index, built))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    chosen: list[tuple[int, int, dict]] = []  # type: ignore[type-arg]
    taken = DisjointSpans()
    for start, end, _, built in candidates:
        if not taken.overlaps(start, end):
            taken.add(start, end)
            chosen.append((start, end, built))
    chosen.sort(key=lambda c: c[0])
    mentions = [_mention(text, start, end, built) for start, end, built in chosen]
    log.debug("find_dates(%s): %d mentions", lang, len(mentions))
    return tuple(mentions)


def _mention(text: str, start: int, end: int, built: dict) -> DateMention:  # type: ignore[type-arg]
    values = {k: v for k, v in built.items() if k in _FIELD_NAMES}
    values.setdefault("anchor", "absolute")
    return DateMention(start=start, end=end, surface=text[start:end], **values)


# --------------------------------------------------------------------------- spans

def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def day_date(d: datetime.date) -> ResolvedDate:
    return ResolvedDate(d.isoformat(), "day", d, d)


def week_date(first: datetime.date, last: datetime.date | None = None) -> ResolvedDate:
    return ResolvedDate(first.isoformat(), "week", first, last or first + datetime.timedelta(days=6))


def month_date(year: int, month: int) -> ResolvedDate:
    return ResolvedDate(f"{year:04d}-{month:02d}", "month", datetime.date(year, month, 1),
                        _month_end(year, month))


def season_date(year: int, season: int) -> ResolvedDate:
    """The season of `year`; a winter of `year` is the one whose January is in it."""
    start_year = year - 1 if season == 12 else year
    first = datetime.date(start_year, season, 1)
    end_month = (season + 1) % 12 + 1
    end_year = start_year + (1 if end_month < season else 0)
    return ResolvedDate(f"{start_year:04d}-{season:02d}", "season", first, _month_end(end_year, end_month))


def year_date(year: int) -> ResolvedDate:
    return ResolvedDate(f"{year:04d}", "year", datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def _shift_months(d: datetime.date, months: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


def _monday(d: datetime.date) -> datetime.date:
    return d - datetime.timedelta(days=d.weekday())


# --------------------------------------------------------------------------- absolute

def _span(m: DateMention, year: int) -> ResolvedDate | None:
    try:
        if m.kind == "day":
            return day_date(datetime.date(year, m.month, m.day))  # type: ignore[arg-type]
        if m.kind == "range":
            return _range_span(m, year)
        if m.kind == "month":
            return month_date(year, m.month)  # type: ignore[arg-type]
        if m.kind == "season":
            return season_date(year, m.season)  # type: ignore[arg-type]
        if m.kind == "year":
            return year_date(year)
    except (ValueError, TypeError):
        return None
    return None


def _range_span(m: DateMention, year: int) -> ResolvedDate:
    first = datetime.date(year, m.month, m.day)  # type: ignore[arg-type]
    end_month = m.month_end or m.month
    end_year = year + (1 if end_month < m.month else 0)  # type: ignore[operator]
    last = datetime.date(end_year, end_month, m.day_end)  # type: ignore[arg-type]
    if (last - first).days < 7:
        return week_date(first, last)
    return ResolvedDate(f"{first.year:04d}-{first.month:02d}", "month", first, last)


def _base(m: DateMention, published: datetime.date, previous: ResolvedDate | None) -> ResolvedDate:
    if m.anchor == "chain" and previous is not None:
        return previous
    return day_date(published)


PUBLICATION_SLACK = datetime.timedelta(days=1)


def _resolve_absolute(m: DateMention, published: datetime.date,
                      previous: ResolvedDate | None) -> ResolvedDate | None:
    if m.year is not None:
        return _span(m, m.year)
    if m.year_offset is not None:
        return _span(m, _base(m, published, previous).first.year + m.year_offset)
    spans = [s for y in range(published.year - 3, published.year + 2) if (s := _span(m, y))]
    # a day after publication is the same year: the page's date is often UTC, the report's own
    # dateline local time ("MOSCOW, February 9" on a page dated 8 February)
    slack = PUBLICATION_SLACK if m.kind == "day" else datetime.timedelta(0)
    spans = [s for s in spans if s.first <= published + slack]
    if not spans:
        return None
    latest = max(spans, key=lambda s: s.first)  # the convention: closest before publication
    if _reads_back_in_time(latest, previous):
        # a digest telling earlier events ("In March 2024 … On 5 April …"): stay near them
        return min(spans, key=lambda s: (abs((s.first - previous.first).days), -s.first.toordinal()))  # type: ignore[union-attr]
    return latest


def _reads_back_in_time(latest: ResolvedDate, previous: ResolvedDate | None) -> bool:
    """The previous dated incident is precise and far (> ~6 months) from the default year's date.

    Seasons and years ("since spring 2022") are background ranges, never anchors for a year.
    """
    if previous is None or previous.precision not in ("day", "week", "month"):
        return False
    return abs((latest.first - previous.first).days) > 183


# --------------------------------------------------------------------------- relative

def _resolve_shift(m: DateMention, base: ResolvedDate, published: datetime.date) -> ResolvedDate:
    if m.anchor == "report" and m.unit == "week":
        return week_date(_monday(published + datetime.timedelta(weeks=m.offset)))
    if base.precision != "day":
        return base  # "the next day" after "in October" is still October: no day is invented
    days = m.offset * (7 if m.unit == "week" else 1)
    return day_date(base.first + datetime.timedelta(days=days))


def _resolve_period(m: DateMention, base: ResolvedDate, published: datetime.date) -> ResolvedDate:
    if _PRECISION_RANK[base.precision] > _PRECISION_RANK.get(m.unit or "day", 0) and m.offset == 0:
        return base
    b = base.first
    if m.unit == "week":
        return week_date(_monday(b) + datetime.timedelta(weeks=m.offset))
    if m.unit == "month":
        return month_date(*_shift_months(b, m.offset))
    if m.unit == "year":
        return year_date(b.year + m.offset)
    return _resolve_season(m, b, published)


def _resolve_season(m: DateMention, b: datetime.date, published: datetime.date) -> ResolvedDate:
    season = m.season or 6
    if m.anchor == "report":
        spans = [season_date(y, season) for y in range(published.year - 2, published.year + 2)]
        if m.offset < 0:
            done = [s for s in spans if s.last < published]
            return done[m.offset] if len(done) >= -m.offset else done[0]
        return max((s for s in spans if s.first <= published), key=lambda s: s.first)
    year = b.year + (1 if season == 12 and b.month >= 3 else 0)
    return season_date(year + m.offset, season)


def _resolve_weekday(m: DateMention, published: datetime.date) -> ResolvedDate:
    delta = (published.weekday() - (m.weekday or 0)) % 7
    if m.offset < 0 and delta == 0:
        delta = 7
    if m.precision == "week":  # "at the weekend": the Saturday, precision week
        return week_date(published - datetime.timedelta(days=delta))
    return day_date(published - datetime.timedelta(days=delta))


def _resolve_day_of_month(m: DateMention, published: datetime.date,
                          previous: ResolvedDate | None) -> ResolvedDate | None:
    """"on the 2nd": that day of the month nearest the previous date, never after the report."""
    candidates = []
    for back in range(0, 4):
        year, month = published.year, published.month - back
        while month < 1:
            year, month = year - 1, month + 12
        try:
            d = datetime.date(year, month, m.day or 1)
        except ValueError:
            continue
        if d <= published:
            candidates.append(d)
    if not candidates:
        return None
    if previous is not None and previous.precision in ("day", "week", "month"):
        return day_date(min(candidates, key=lambda d: (abs((d - previous.first).days), -d.toordinal())))
    return day_date(max(candidates))


def _resolve_fuzzy(m: DateMention, base: ResolvedDate) -> ResolvedDate:
    if base.precision != "day":
        return base
    if m.offset < 0:
        return week_date(base.first - datetime.timedelta(days=7), base.first - datetime.timedelta(days=1))
    return week_date(base.first + datetime.timedelta(days=1), base.first + datetime.timedelta(days=7))


def resolve_date(m: DateMention, *, published: datetime.date,
                 previous: ResolvedDate | None) -> ResolvedDate | None:
    """The date a mention stands for.

    "absolute" mentions without a year take the year that puts them closest
    on/before `published` -- or, when `previous` is given, closest to
    `previous.first` among those on/before `published`. "chain" mentions
    count from `previous` (from `published` when there is none), "report"
    mentions from `published`.
    """
    if m.kind in {"day", "range", "month", "season", "year"}:
        return _resolve_absolute(m, published, previous)
    base = _base(m, published, previous)
    if m.kind == "same":
        return base
    if m.kind == "shift":
        return _resolve_shift(m, base, published)
    if m.kind == "period":
        return _resolve_period(m, base, published)
    if m.kind == "weekday":
        return _resolve_weekday(m, published)
    if m.kind == "fuzzy":
        return _resolve_fuzzy(m, base)
    if m.kind == "dom":
        return _resolve_day_of_month(m, published, previous)
    log.warning("resolve_date: unknown kind %r", m.kind)
    return None
