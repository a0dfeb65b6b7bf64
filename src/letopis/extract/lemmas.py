"""Cue words by lemma (pymorphy3), for Ukrainian and Russian.

The cue families of ``cues.py`` are stems matched as text: fast, but blind to
word formation. A stem misses forms whose stem alternates ("вдарив" / "б'ють",
"схопили" / "хапають") and matches words that only begin alike: "побилися"
(they fought each other) is not "побили" (they beat him). This layer reads the
words whose first letters could begin a cue verb through pymorphy3 and
decides by their lemma:

* a word whose lemma is a cue verb of a family adds that family, in any form;
* a word whose lemma is a look-alike (``FALSE_FRIENDS``: reflexive "fight each
  other" verbs, "побитий посуд" …) removes the stem matches that fall on it.

Only words whose first three letters begin a listed lemma are analysed, so the
cost stays a small part of a report's reading.
"""

from __future__ import annotations

import re
from functools import lru_cache

from letopis.gazetteer.forms import analyzer

# family -> lemmas that state it (uk and ru together: the analysers are per language, the
# lemmas do not collide)
LEMMAS: dict[str, frozenset[str]] = {
    "abuse": frozenset({
        "побити", "бити", "відлупцювати", "катувати", "знущатися", "лупцювати", "гамселити",
        "побить", "бить", "избить", "избивать", "пытать", "издеваться", "отлупить", "колотить",
    }),
    "attack": frozenset({
        "напасти", "нападати", "вдарити", "ударити", "поранити", "порізати", "пирнути", "штрикнути",
        "підпалити", "стріляти", "вистрілити", "обстріляти",
        "напасть", "нападать", "ударить", "ранить", "порезать", "пырнуть", "поджечь", "стрелять",
        "выстрелить",
    }),
    "detain": frozenset({
        "затримати", "затримувати", "схопити", "хапати", "заарештувати", "скрутити", "запхати",
        "заштовхати", "впхнути", "запакувати", "затягнути",
        "задержать", "задерживать", "схватить", "хватать", "арестовать", "скрутить", "запихнуть",
        "затолкать", "впихнуть", "запаковать", "затащить",
    }),
    "resist": frozenset({
        "відбити", "відбивати", "заблокувати", "оточити", "перегородити", "вирвати", "відтіснити",
        "отбить", "отбивать", "заблокировать", "окружить", "перегородить", "вырвать", "оттеснить",
    }),
    "clash": frozenset({
        "побитися", "битися", "битись", "побиться", "биться", "подратися", "подраться", "сутичка",
        "стычка", "бійка", "драка", "потасовка",
    }),
}
# lemmas whose words begin like a cue stem but do not state its event
FALSE_FRIENDS: dict[str, frozenset[str]] = {
    "abuse": frozenset({"побитися", "битися", "битись", "побиться", "биться", "побитий", "битий"}),
    "attack": frozenset({"ударитися", "удариться", "пораниться", "поранитися", "напастися"}),
    "detain": frozenset({"затриматися", "задержаться", "затримка", "задержка", "схопитися", "схватиться"}),
}

_WORD = re.compile(r"[а-яіїєґё'-]+")   # cue text is lowercased with apostrophes unified
_ALL = frozenset().union(*LEMMAS.values(), *FALSE_FRIENDS.values())
# the first three letters of every listed lemma, and of forms whose stem alternates ("б'ють", "бьют")
_HEADS = frozenset(w[:3] for w in _ALL) | {"б'ю", "б'є", "бью", "бье", "бьё"}
_LANG_LETTERS = {"uk": set("іїєґ"), "ru": set("ыэъё")}


@lru_cache(maxsize=50000)
def _lemmas(word: str, lang: str) -> frozenset[str]:
    parses = analyzer(lang).parse(word)
    best = parses[0].score if parses else 0.0
    return frozenset(p.normal_form for p in parses if p.score >= best * 0.5)


def _language(word: str, default: str) -> str:
    letters = set(word)
    if letters & _LANG_LETTERS["uk"]:
        return "uk"
    if letters & _LANG_LETTERS["ru"]:
        return "ru"
    return default


def lemma_cues(lowered: str, lang: str) -> tuple[dict[str, list[tuple[int, int]]], dict[str, list[tuple[int, int]]]]:
    """(families stated by a word's lemma, spans of look-alike words per family) in ``lowered``."""
    found: dict[str, list[tuple[int, int]]] = {}
    false: dict[str, list[tuple[int, int]]] = {}
    if lang not in ("uk", "ru"):
        return found, false
    for m in _WORD.finditer(lowered):
        word = m.group()
        if word[:3] not in _HEADS:
            continue
        lemmas = _lemmas(word, _language(word, lang))
        for family, listed in LEMMAS.items():
            if lemmas & listed and not lemmas & FALSE_FRIENDS.get(family, frozenset()):
                found.setdefault(family, []).append(m.span())
        for family, listed in FALSE_FRIENDS.items():
            if lemmas & listed:
                false.setdefault(family, []).append(m.span())
    return found, false
