"""Words for dates in English, Ukrainian and Russian, and regex pieces built from them.

Month and weekday forms are listed by case because the case decides the
pattern: a genitive month follows a day ("18 жовтня", "18 октября"), a
locative one follows "у/в" ("у жовтні", "в октябре"), a nominative one stands
with a year ("жовтень 2025"). English month names must be capitalised
("they march" is no month); Russian ones must be lower case unless a day
number precedes them ("Марта", "Мая" are names).
"""

from __future__ import annotations

import re

_EN_MONTHS = [
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May", ""),
    ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept|Sep"),
    ("October", "Oct"), ("November", "Nov"), ("December", "Dec"),
]
# stem, nominative, genitive, locative
_UK_MONTHS = [
    ("січ", "ень", "ня", "ні"), ("лют", "ий", "ого", "ому"), ("берез", "ень", "ня", "ні"),
    ("квіт", "ень", "ня", "ні"), ("трав", "ень", "ня", "ні"), ("черв", "ень", "ня", "ні"),
    ("лип", "ень", "ня", "ні"), ("серп", "ень", "ня", "ні"), ("верес", "ень", "ня", "ні"),
    ("жовт", "ень", "ня", "ні"), ("листопад", "", "а", "і"), ("груд", "ень", "ня", "ні"),
]
_RU_MONTHS = [
    ("январ", "ь", "я", "е"), ("феврал", "ь", "я", "е"), ("март", "", "а", "е"),
    ("апрел", "ь", "я", "е"), ("ма", "й", "я", "е"), ("июн", "ь", "я", "е"),
    ("июл", "ь", "я", "е"), ("август", "", "а", "е"), ("сентябр", "ь", "я", "е"),
    ("октябр", "ь", "я", "е"), ("ноябр", "ь", "я", "е"), ("декабр", "ь", "я", "е"),
]
_CASES = ("nom", "gen", "loc")


def _month_forms(lang: str) -> dict[str, tuple[int, str]]:
    """surface (lower case, no dot) -> (month number, case)."""
    forms: dict[str, tuple[int, str]] = {}
    if lang == "en":
        for number, (full, abbr) in enumerate(_EN_MONTHS, 1):
            forms[full.lower()] = (number, "any")
            for a in filter(None, abbr.split("|")):
                forms[a.lower()] = (number, "any")
        return forms
    table = _UK_MONTHS if lang == "uk" else _RU_MONTHS
    for number, (stem, *endings) in enumerate(table, 1):
        for case, ending in zip(_CASES, endings):
            forms[stem + ending] = (number, case)
    return forms


MONTH_FORMS = {lang: _month_forms(lang) for lang in ("en", "uk", "ru")}


def month_number(surface: str, lang: str) -> int | None:
    key = surface.lower().rstrip(".").replace("ё", "е")
    found = MONTH_FORMS[lang].get(key)
    return found[0] if found else None


def month_alt(lang: str, cases: str = "nom gen loc", strict: bool = True) -> str:
    """Alternation of month forms; `strict` applies the capitalisation rules."""
    forms = [f for f, (_, case) in MONTH_FORMS[lang].items() if case == "any" or case in cases.split()]
    forms.sort(key=len, reverse=True)
    if lang == "en":
        words = []
        for f in forms:
            cap = f.capitalize()
            words.append(cap if len(f) > 4 or f == "may" else cap + r"\.?")
        return r"(?-i:(?:" + "|".join(words) + r")(?!\w))"
    alt = "|".join(forms)
    if lang == "ru" and strict:
        return r"(?-i:(?:" + alt + r")(?!\w))"
    return r"(?:" + alt + r")(?!\w)"


# --------------------------------------------------------------------------- weekdays

WEEKDAY_FORMS: dict[str, dict[str, int]] = {
    "en": {d.lower(): i for i, d in enumerate(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])},
    "uk": {"понеділок": 0, "понеділка": 0, "вівторок": 1, "вівторка": 1, "середу": 2,
           "середи": 2, "середа": 2, "четвер": 3, "четверга": 3, "п'ятницю": 4, "п'ятниці": 4,
           "п'ятниця": 4, "суботу": 5, "суботи": 5, "субота": 5, "неділю": 6, "неділі": 6,
           "неділя": 6},
    "ru": {"понедельник": 0, "понедельника": 0, "вторник": 1, "вторника": 1, "среду": 2,
           "среды": 2, "четверг": 3, "четверга": 3, "пятницу": 4, "пятницы": 4,
           "субботу": 5, "субботы": 5, "воскресенье": 6, "воскресенья": 6},
}


def weekday_number(surface: str, lang: str) -> int | None:
    key = re.sub(r"['’ʼ]", "'", surface.lower())
    return WEEKDAY_FORMS[lang].get(key)


def weekday_alt(lang: str) -> str:
    forms = sorted(WEEKDAY_FORMS[lang], key=len, reverse=True)
    if lang == "en":
        return r"(?-i:(?:" + "|".join(f.capitalize() for f in forms) + r")(?!\w))"
    return r"(?:" + "|".join(f.replace("'", "['’ʼ]") for f in forms) + r")(?!\w)"


# --------------------------------------------------------------------------- seasons

SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
SEASON_FORMS: dict[str, dict[str, str]] = {
    "en": {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn",
           "winter": "winter"},
    "uk": {"навесні": "spring", "весною": "spring", "весна": "spring", "весни": "spring",
           "весну": "spring", "влітку": "summer", "улітку": "summer", "літом": "summer",
           "літо": "summer", "літа": "summer", "восени": "autumn", "осінню": "autumn",
           "осінь": "autumn", "осені": "autumn", "взимку": "winter", "узимку": "winter",
           "зимою": "winter", "зима": "winter", "зими": "winter", "зиму": "winter"},
    "ru": {"весной": "spring", "весна": "spring", "весны": "spring", "весну": "spring",
           "летом": "summer", "лето": "summer", "лета": "summer", "осенью": "autumn",
           "осень": "autumn", "осени": "autumn", "зимой": "winter", "зима": "winter",
           "зимы": "winter", "зиму": "winter"},
}
# Adverbial forms that date on their own ("влітку", "летом").
SEASON_ADVERBS = {
    "uk": "навесні|весною|влітку|улітку|літом|восени|осінню|взимку|узимку|зимою",
    "ru": "весной|летом|осенью|зимой",
}


def season_of(surface: str, lang: str) -> int:
    return SEASON_START[SEASON_FORMS[lang][surface.lower()]]


def season_alt(lang: str) -> str:
    return r"(?:" + "|".join(sorted(SEASON_FORMS[lang], key=len, reverse=True)) + r")(?!\w)"


# --------------------------------------------------------------------------- year words

# A year relative to something: (reference, offset); reference "report" or "chain".
YEAR_RELATIVE: dict[str, tuple[str, int]] = {
    "last year": ("report", -1), "of last year": ("report", -1), "this year": ("report", 0),
    "of this year": ("report", 0), "the previous year": ("chain", -1),
    "of that year": ("chain", 0), "that year": ("chain", 0), "the same year": ("chain", 0),
    "of the same year": ("chain", 0), "the following year": ("chain", 1),
    "минулого року": ("report", -1), "торік": ("report", -1), "торішнього": ("report", -1),
    "позаминулого року": ("report", -2), "цього року": ("report", 0),
    "поточного року": ("report", 0), "того ж року": ("chain", 0),
    "того самого року": ("chain", 0), "того року": ("chain", 0),
    "наступного року": ("chain", 1), "попереднього року": ("chain", -1),
    "прошлого года": ("report", -1), "позапрошлого года": ("report", -2),
    "этого года": ("report", 0), "текущего года": ("report", 0), "того же года": ("chain", 0),
    "того года": ("chain", 0), "следующего года": ("chain", 1),
    "предыдущего года": ("chain", -1),
}


def year_relative_alt() -> str:
    keys = sorted(YEAR_RELATIVE, key=len, reverse=True)
    return r"(?:" + "|".join(k.replace(" ", r"\s+") for k in keys) + r")(?!\w)"


def year_relative(surface: str) -> tuple[str, int]:
    return YEAR_RELATIVE[re.sub(r"\s+", " ", surface.lower())]


# A four-digit year as it follows a date, with the Ukrainian/Russian word for "year".
YEAR_TAIL = (
    r"(?P<y>(?:19|20)\d{2})(?!\d)(?:\s*-?\s*(?:го|м|й)(?!\w))?"
    r"(?:\s*(?:року|році|рік|роки|году|года|год|р\.|г\.|рр\.|гг\.)(?!\w))?"
)
YEAR_WORD = r"(?:року|році|рік|роки|роках|году|года|год|годах|р\.|г\.)"
