"""Each place's own name in Ukrainian and in Russian (nominative), chosen at build time.

The index keeps, for matching, every case form of every Cyrillic name; a writer
needs one name per language to start from. GeoNames alternate names mix
languages (Belarusian "Масква", Tatar "Мәскәү", old names, case forms such as
"Киевом"), so the choice is made here by rules: a Ukrainian name has letters of
its own (і ї є ґ) or is the KATOTTG name of a Ukrainian place; a Russian name
has no Ukrainian letters, and the Russian dictionary (pymorphy3) knows it as a
place name in the nominative, or its old transliteration is one of the place's
Latin names. Regions and countries take their names from the hand-written tables
in ``regions.py``. A place with no name found in a language has ``None`` there,
and the writer falls back to a form that needs no case.
"""

from __future__ import annotations

import difflib
import re

from letopis.gazetteer import forms
from letopis.gazetteer.regions import Country, Region
from letopis.gazetteer.translit import ru_legacy, uk_national

LocalNames = tuple[str | None, str | None]     # (Ukrainian, Russian)

_UK_ONLY = set("іїєґ")
_RU_ONLY = set("ыэёъ")
_FOREIGN = set("ўәөүңһҗқғҳӣӯ")                  # Belarusian, Tatar, Kazakh … letters
_WORD = re.compile(r"^[А-ЯІЇЄҐЁ][а-яіїєґё'ʼ]+(?:[ -](?:на-)?[А-ЯІЇЄҐЁа-яіїєґё][а-яіїєґё'ʼ]+)*$")
_REGION_NOUN = {"oblast": ("область", "область"), "krai": ("край", "край")}


def _letters(name: str) -> set[str]:
    return set(name.lower())


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()


def _known_ru_place(name: str) -> bool:
    """A one-word name the Russian dictionary knows as a place in the nominative; a longer one whose
    every word it knows in the nominative ("Белая Церковь", not "Била Церква")."""
    words = name.split("-на-")[0].replace("-", " ").split()      # Ростов-на-Дону: the head
    an = forms.analyzer("ru")
    if len(words) == 1:
        low = words[0].lower().replace("ё", "е")
        return any(p.is_known and "Geox" in p.tag.grammemes and p.tag.case == "nomn"
                   and p.normal_form.replace("ё", "е") == low for p in an.parse(words[0]))
    return all(any(p.is_known and p.tag.case == "nomn" for p in an.parse(w)) for w in words)


def russian_name(cyrillic: list[str], latin: list[str], primary: list[str], uk: str | None = None) -> str | None:
    """The Russian name among a place's Cyrillic names, or None. ``primary`` are its main Latin
    names, ``latin`` all of them; a Ukrainian place's Russian name is close to its Ukrainian one
    ("Кирово", an old name, is not Kropyvnytskyi's)."""
    latin_low = {n.lower() for n in latin}
    best, score = None, 0.0
    for n in cyrillic:
        if _letters(n) & (_UK_ONLY | _FOREIGN) or not _WORD.match(n):
            continue
        legacy = ru_legacy(n)
        exact = bool({x.lower() for x in legacy} & latin_low)
        similar = max((_similar(x, y) for x in legacy for y in primary), default=0.0)
        if not exact and similar < 0.5 or uk and _similar(n, uk) < 0.5:
            continue
        s = similar + (1 if exact else 0) + (2 if _known_ru_place(n) else 0)
        s += 0.1 if _letters(n) & _RU_ONLY else 0
        if s > score:
            best, score = n, s
    return best if score >= 1.75 else None


def katottg_name(cyrillic: list[str], katottg_names: set[str]) -> str | None:
    """The name of a Ukrainian place that the KATOTTG register spells so, whatever the apostrophe
    ("Куп'янськ" in GeoNames is "Куп’янськ" in KATOTTG), written with the Ukrainian apostrophe."""
    for n in cyrillic:
        for apostrophe in ("’", "ʼ", "'"):
            if n.lower().replace("'", apostrophe) in katottg_names:
                return n.replace("'", "’")
    return None


def ukrainian_name(cyrillic: list[str], primary: list[str], russian: str | None) -> str | None:
    """The Ukrainian name of a place outside Ukraine: the closest to its Latin name by the national
    transliteration, with Ukrainian letters or known to the Ukrainian dictionary ("Курськ",
    "Москва", "Варшава"); None when no name comes close."""
    an = forms.analyzer("uk")
    best, score = None, 0.0
    for n in dict.fromkeys([*cyrillic, *([russian] if russian else [])]):
        if _letters(n) & (_RU_ONLY | _FOREIGN) or not _WORD.match(n):
            continue
        s = max((_similar(uk_national(n), y) for y in primary), default=0.0)
        known = " " not in n and any(p.is_known and p.tag.case == "nomn" for p in an.parse(n))
        if not known and not _letters(n) & _UK_ONLY:
            continue                      # "Новороссийск" is Russian spelling
        s += (0.2 if _letters(n) & _UK_ONLY else 0) + (0.5 if known else 0)
        if s > score:
            best, score = n, s
    return best if score >= 0.9 else None


def region_names(r: Region) -> LocalNames:
    """"Харківська область" / "Харьковская область"; a republic by its noun; Crimea by its alias."""
    if r.kind in _REGION_NOUN and r.uk and r.ru:
        uk_noun, ru_noun = _REGION_NOUN[r.kind]
        return f"{r.uk} {uk_noun}", f"{r.ru} {ru_noun}"
    if r.uk and r.ru:
        return r.uk, r.ru
    cyr = [a for a in r.aliases if forms.is_cyrillic(a)]
    uk = next((a for a in cyr if not _letters(a) & _RU_ONLY), None)
    ru = next((a for a in cyr if _letters(a) & _RU_ONLY), None) or next(
        (a for a in cyr if not _letters(a) & _UK_ONLY and a != uk), None)
    return uk, ru


def country_names(c: Country) -> LocalNames:
    return (c.uk[0] if c.uk else None), (c.ru[0] if c.ru else None)


def district_names(raion_adjective: str, ru_centre: str | None) -> LocalNames:
    """A KATOTTG raion ("Кременчуцький") as "Кременчуцький район"; in Russian the adjective of its
    centre's Russian name when the Russian dictionary knows it ("Кременчугский район"), else None."""
    ru = None
    if ru_centre and " " not in ru_centre and "-" not in ru_centre:
        adjective = forms.ru_adjective_of(ru_centre)
        if any(p.is_known and p.tag.POS == "ADJF" for p in forms.analyzer("ru").parse(adjective)):
            ru = f"{adjective[:1].upper()}{adjective[1:]} район"
    return f"{raion_adjective} район", ru
