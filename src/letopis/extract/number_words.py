"""Number words in English, Ukrainian and Russian: the lexicon, and a word's value.

``word_to_number`` reads a number word or compound ("two", "двох",
"двадцять п'ять"); ``number_word_forms`` lists every surface form of the
small ones (for date patterns such as "two days earlier"); ``token`` codes
one word as a number, a scale or a vague quantity. Inflected forms are
normalised with pymorphy3. A leaf: both ``letopis.extract.numbers`` (finding
numbers in text) and ``letopis.extract.dates`` build on it.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["VAGUE", "VAGUE_SCALE", "norm", "token", "combine", "word_to_number", "number_word_forms"]

_EN = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "both": 2,
}
_UK = {
    "один": 1, "два": 2, "три": 3, "чотири": 4, "п'ять": 5, "шість": 6, "сім": 7, "вісім": 8,
    "дев'ять": 9, "десять": 10, "одинадцять": 11, "дванадцять": 12, "тринадцять": 13,
    "чотирнадцять": 14, "п'ятнадцять": 15, "шістнадцять": 16, "сімнадцять": 17,
    "вісімнадцять": 18, "дев'ятнадцять": 19, "двадцять": 20, "тридцять": 30, "сорок": 40,
    "п'ятдесят": 50, "шістдесят": 60, "сімдесят": 70, "вісімдесят": 80, "дев'яносто": 90,
    "сто": 100, "двісті": 200, "триста": 300, "чотириста": 400, "п'ятсот": 500,
    "шістсот": 600, "сімсот": 700, "вісімсот": 800, "дев'ятсот": 900,
    "двоє": 2, "троє": 3, "четверо": 4, "п'ятеро": 5, "шестеро": 6, "семеро": 7,
    "восьмеро": 8, "дев'ятеро": 9, "десятеро": 10, "обидва": 2, "обидві": 2, "обоє": 2,
}
_RU = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
    "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
    "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17,
    "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40,
    "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500,
    "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7,
    "восьмеро": 8, "девятеро": 9, "десятеро": 10, "оба": 2, "обе": 2,
}
_LEXICON = {"en": _EN, "uk": _UK, "ru": _RU}
# Surface forms pymorphy3 does not lemmatise to a numeral.
_UK_FORMS = {"п'ятьох": 5, "обох": 2, "обома": 2, "обом": 2, "двом": 2, "двома": 2}
_RU_FORMS = {"обоих": 2, "обеих": 2, "обоим": 2, "обеим": 2, "обоими": 2}

_SCALES = {
    "en": {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12},
    "uk": {"тисяча": 1000, "мільйон": 1_000_000},
    "ru": {"тысяча": 1000, "миллион": 1_000_000},
}

# Vague quantities (surface forms, lower case) -> coded value.
VAGUE = {
    "several": 3, "few": 3, "couple": 2, "dozens": 12, "hundreds": 100, "thousands": 1000,
    "tens": 10,
    "кілька": 3, "кількох": 3, "кільком": 3, "кількома": 3, "декілька": 3, "декількох": 3,
    "декільком": 3, "декількома": 3, "десятки": 12, "десятків": 12, "десяткам": 12,
    "десятками": 12, "десятках": 12, "сотні": 100, "сотень": 100, "сотням": 100,
    "сотнями": 100, "сотнях": 100, "тисячі": 1000, "тисяч": 1000, "тисячами": 1000,
    "дюжина": 12, "дюжину": 12, "дюжини": 12, "десяток": 10, "десятка": 10,
    "несколько": 3, "нескольких": 3, "нескольким": 3, "несколькими": 3, "десятков": 12,
    "сотни": 100, "сотен": 100, "сотнями": 100, "тысячи": 1000, "тысяч": 1000,
    "тысячами": 1000, "дюжины": 12,
}

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "ё": "е", "Ё": "Е"})


def norm(word: str) -> str:
    return word.translate(_APOSTROPHES).lower().strip()


@lru_cache(maxsize=2)
def _morph(lang: str):  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@lru_cache(maxsize=20000)
def token(word: str, lang: str) -> tuple[str, int] | None:
    """("num"|"scale"|"vague", value) for one word, or None."""
    w = norm(word)
    if w in VAGUE and not (lang == "en" and w in {"few", "couple"}):
        return ("vague", VAGUE[w])
    lexicon = _LEXICON.get(lang, _EN)
    if w in lexicon:
        return ("num", lexicon[w])
    scales = _SCALES.get(lang, _SCALES["en"])
    if lang == "en":
        if w in scales:
            return ("scale", scales[w])
        return None
    forms = _UK_FORMS if lang == "uk" else _RU_FORMS
    if w in forms:
        return ("num", forms[w])
    if not re.fullmatch(r"[а-яіїєґ']+", w):
        return None
    collective = _collective(w, lexicon)
    if collective is not None:
        return ("num", collective)
    if w[:2] not in _numeral_heads(lang):
        return None   # a numeral's forms begin as its lemma does: most words need no analysis
    parses = _morph(lang).parse(w)
    for p in sorted(parses, key=lambda p: "NUMR" not in p.tag):
        lemma = norm(p.normal_form)
        if lemma in lexicon:
            return ("num", lexicon[lemma])
        if lemma in scales:
            return ("scale", scales[lemma])
    return None


@lru_cache(maxsize=4)
def _numeral_heads(lang: str) -> frozenset[str]:
    """The first two letters of every numeral and scale word of the language, in any form."""
    words = list(_LEXICON.get(lang, _EN)) + list(_SCALES.get(lang, _SCALES["en"]))
    words += list(_UK_FORMS if lang == "uk" else _RU_FORMS)
    return frozenset(norm(w)[:2] for w in words)


# Endings of collective numerals in all cases: uk "-еро/-ьох/-ьом/-ьома", ru "-еро/-ерых/-ерым/-ерыми";
# the stem + "ь" is the cardinal ("одинадцятеро" -> "одинадцять", "двадцатерых" -> "двадцать").
_COLLECTIVE_ENDINGS = ("ерыми", "ерым", "ерых", "еро", "ьома", "ьох", "ьом")


def _collective(w: str, lexicon: dict[str, int]) -> int | None:
    """Value of a collective numeral formed from a cardinal in -ять/-ать, in any case."""
    for ending in _COLLECTIVE_ENDINGS:
        if w.endswith(ending) and len(w) > len(ending) + 2:
            base = w[: -len(ending)] + "ь"
            if base in lexicon and lexicon[base] >= 5:
                return lexicon[base]
    return None


def combine(values: list[tuple[str, int]]) -> int | None:
    total, current = 0, 0
    for kind, value in values:
        if kind == "scale" and value == 100:
            current = max(current, 1) * 100
        elif kind == "scale":
            total += max(current, 1) * value
            current = 0
        elif kind == "num":
            current += value
        else:
            return None
    return total + current


def word_to_number(word: str, lang: str) -> int | None:
    """Value of a number word or compound ("two", "двох", "двадцять п'ять"), else None.

    Vague words ("several", "кілька") are not numbers here; see find_numbers.
    """
    parts = [p for p in re.split(r"[\s\-‐–]+", norm(word)) if p]
    if lang == "en":
        parts = [p for p in parts if p != "and"]
        if parts[:1] == ["a"] and len(parts) > 1:
            parts[0] = "one"
    if not parts:
        return None
    values = [token(p, lang) for p in parts]
    values = [("scale", VAGUE_SCALE[p]) if i and v and v[0] == "vague" and p in VAGUE_SCALE else v
              for i, (p, v) in enumerate(zip(parts, values))]
    if any(v is None or v[0] == "vague" for v in values):
        if len(parts) == 1 and parts[0] in {"дюжина", "дюжину", "дюжини"}:
            return 12
        return None
    return combine(values)  # type: ignore[arg-type]


# Vague words that act as a scale after a number: "дві тисячі", "три сотні".
VAGUE_SCALE = {
    "тисячі": 1000, "тисяч": 1000, "тисячами": 1000, "тысячи": 1000, "тысяч": 1000,
    "тысячами": 1000, "сотні": 100, "сотень": 100, "сотни": 100, "сотен": 100,
    "десятки": 10, "десятків": 10, "десятков": 10, "десятка": 10, "thousands": 1000, "hundreds": 100,
}


@lru_cache(maxsize=3)
def number_word_forms(lang: str, limit: int = 100) -> tuple[str, ...]:
    """Every surface form of the number words below `limit` (inflected for uk/ru),
    longest first: for regexes that must only match number words."""
    forms: set[str] = set()
    lexicon = _LEXICON.get(lang, _EN)
    for lemma, value in lexicon.items():
        if value >= limit:
            continue
        forms.add(lemma)
        if lang in {"uk", "ru"}:
            for parse in _morph(lang).parse(lemma)[:3]:
                if "NUMR" in parse.tag and norm(parse.normal_form) == lemma:
                    forms.update(norm(f.word) for f in parse.lexeme)
    forms.update(w for w, v in (_UK_FORMS if lang == "uk" else _RU_FORMS if lang == "ru" else {}).items())
    return tuple(sorted(forms, key=len, reverse=True))
