"""When an incident happened, in words, at the precision the record has (it never invents a day).

Babel formats the dates and names the months in each language ("12 березня
2025 р.", "12 марта 2025 г.", "March 12, 2025"); the month after "у"/"в" is put
in the locative by :func:`letopis.publish.writer.inflect.inflect` ("у березні",
"в марте"). Seasons and years are short phrases of our own.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel.dates import format_date, format_skeleton

from letopis.publish.writer.counts import locale
from letopis.publish.writer.inflect import inflect

__all__ = ["when"]

_SEASONS = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}
_SEASON_WORDS = {
    "en": {"spring": "in spring", "summer": "in summer", "autumn": "in autumn", "winter": "in winter"},
    "uk": {"spring": "навесні", "summer": "влітку", "autumn": "восени", "winter": "взимку"},
    "ru": {"spring": "весной", "summer": "летом", "autumn": "осенью", "winter": "зимой"},
}
_YEAR = {"uk": ("р.", "рр."), "ru": ("г.", "гг.")}


def _parse(value: str) -> tuple[int, int | None, int | None] | None:
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts[:3]]
        if len(numbers) == 3:
            date(*numbers)
        elif len(numbers) == 2 and not 1 <= numbers[1] <= 12:
            return None
    except ValueError:
        return None
    return numbers[0], numbers[1] if len(numbers) > 1 else None, numbers[2] if len(numbers) > 2 else None


def _day(d: date, lang: str) -> str:
    # "12 березня 2025 р.", "March 12, 2025" (Babel's narrow no-break space made plain)
    return format_date(d, "long", locale=locale(lang)).replace("\u202f", " ")


def _month(year: int, month: int, lang: str) -> str:
    d = date(year, month, 1)
    if lang == "en":
        return f"in {format_skeleton('yMMMM', d, locale=locale('en'))}"
    name = format_date(d, "LLLL", locale=locale(lang))              # standalone: "березень", "март"
    locative = inflect(name, "loct", lang) or name
    word = "у" if lang == "uk" else "в"
    return f"{word} {locative} {year} {_YEAR[lang][0]}"


def _season(year: int, month: int, lang: str) -> str:
    season = _SEASONS.get(month)
    if season is None:
        return _month(year, month, lang)
    words = _SEASON_WORDS[lang][season]
    if season == "winter":                                   # 2023-12: winter 2023/24
        span = f"{year}–{str(year + 1)[-2:]}" if lang == "en" else f"{year}–{year + 1} {_YEAR[lang][1]}"
        return f"{words} {span}" if lang != "en" else f"in the winter of {span}"
    return f"{words} {year}" if lang == "en" else f"{words} {year} {_YEAR[lang][0]}"


@lru_cache(maxsize=4096)
def when(value: str | None, precision: str | None, lang: str) -> str | None:
    """A phrase for the date ("12 березня 2025 р.", "в марте 2025 г.", "on March 12, 2025",
    "in the week of March 3, 2025"), or None for no date or one that is not a calendar date."""
    if not value:
        return None
    parsed = _parse(value)
    if parsed is None:
        return None
    year, month, day = parsed
    if precision == "year" or month is None:
        return {"en": f"in {year}", "uk": f"у {year} році", "ru": f"в {year} году"}[lang]
    if precision == "season":
        return _season(year, month, lang)
    if precision == "month" or day is None:
        return _month(year, month, lang)
    d = date(year, month, day)
    if precision == "week":
        return {"en": f"in the week of {_day(d, 'en')}", "uk": f"протягом тижня з {_day(d, 'uk')}",
                "ru": f"в течение недели с {_day(d, 'ru')}"}[lang]
    return f"on {_day(d, 'en')}" if lang == "en" else _day(d, lang)
