"""How many people, in words that agree with the number: "затримано 1 особу / 3 особи / 5 осіб".

The plural category of a number (one, few, many, other) is Babel's, from the
CLDR plural rules of each language (21 is "one" in Ukrainian and Russian, 11 is
"many"); the words for each category are ours, written out below so that each
form can be read and checked.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

__all__ = ["people", "plural_category"]

# (field, lang) -> category -> template; {n} is the number
_PHRASES: dict[tuple[str, str], dict[str, str]] = {
    ("detained", "en"): {"one": "{n} person was detained", "other": "{n} people were detained"},
    ("fatalities", "en"): {"one": "{n} person was killed", "other": "{n} people were killed"},
    ("injured", "en"): {"one": "{n} person was injured", "other": "{n} people were injured"},
    ("detained", "uk"): {"one": "затримано {n} особу", "few": "затримано {n} особи", "many": "затримано {n} осіб"},
    ("fatalities", "uk"): {"one": "загинула {n} особа", "few": "загинули {n} особи", "many": "загинули {n} осіб"},
    ("injured", "uk"): {"one": "поранено {n} особу", "few": "поранено {n} особи", "many": "поранено {n} осіб"},
    ("detained", "ru"): {"one": "задержан {n} человек", "few": "задержаны {n} человека",
                         "many": "задержаны {n} человек"},
    ("fatalities", "ru"): {"one": "погиб {n} человек", "few": "погибли {n} человека", "many": "погибли {n} человек"},
    ("injured", "ru"): {"one": "ранен {n} человек", "few": "ранены {n} человека", "many": "ранены {n} человек"},
}


@lru_cache(maxsize=8)
def locale(lang: str) -> Locale:
    """Babel's locale, parsed once (parsing it again for every number is most of the cost)."""
    return Locale.parse(lang)


@lru_cache(maxsize=4096)
def plural_category(n: int, lang: str) -> str:
    """CLDR's plural category of ``n`` in ``lang`` (Babel): one, few, many or other."""
    return locale(lang).plural_form(n)


def people(field: str, n: int, lang: str) -> str:
    """"3 people were detained", "затримано 3 особи", "задержаны 3 человека"."""
    forms = _PHRASES[(field, lang)]
    category = plural_category(n, lang)
    template = forms.get(category) or forms.get("other") or forms["many"]
    return template.format(n=number(n, lang))


def number(n: int, lang: str) -> str:
    """``n`` with the language's digit grouping ("1 200", "1,200"); under a thousand as it is."""
    if 0 <= n < 1000:
        return str(n)
    return format_decimal(n, locale=locale(lang)).replace("\u202f", " ").replace("\xa0", " ")
