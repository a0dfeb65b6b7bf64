"""Case forms of Ukrainian and Russian place names, and the common-word test.

Names are declined with pymorphy3 (every case, singular; plural for plural-only
names like Чернівці/Черновцы; adjective + noun names agree word by word: "Кривий
Ріг" -> "Кривому Розі"). Words the dictionaries do not know are declined by
rules on their ending (Іванівка -> Іванівці, Харків -> Харкові, Рівне -> Рівному,
Луганськ -> Луганську; Russian -ов -> -ове, -ка -> -ке, -ск -> -ске). All forms are
lowercased; the matcher compares them with lowercased text.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

log = logging.getLogger(__name__)

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_CASE_ALIAS = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "gen1": "gent", "loc1": "loct"}
_UK_ONLY = set("іїєґ")
_RU_ONLY = set("ыэёъ")
_CYR = re.compile(r"[а-яіїєґё]", re.IGNORECASE)
_PROPER = {"Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "Abbr", "Init"}
_PERSON = {"Name", "Surn", "Patr"}

_analyzers: dict[str, object] = {}


def analyzer(lang: str):
    if lang not in _analyzers:
        import pymorphy3

        _analyzers[lang] = pymorphy3.MorphAnalyzer(lang=lang)
    return _analyzers[lang]


def is_cyrillic(text: str) -> bool:
    return bool(_CYR.search(text))


def languages(name: str) -> tuple[str, ...]:
    """Which analyzers to decline a Cyrillic name with, by its letters."""
    low = set(name.lower())
    if low & _UK_ONLY:
        return ("uk",)
    if low & _RU_ONLY:
        return ("ru",)
    return ("uk", "ru")


Paradigm = dict[str, set[str]]


def _empty() -> Paradigm:
    return {c: set() for c in CASES}


# ---------------------------------------------------------------- rules

def _putter(p: Paradigm):  # type: ignore[no-untyped-def]
    """``put(gent, datv, accs, ablt, loct)``: add the forms of the oblique cases to ``p``."""
    def put(g=(), d=(), a=(), i=(), loc=()):  # type: ignore[no-untyped-def]
        p["gent"].update(g)
        p["datv"].update(d)
        p["accs"].update(a)
        p["ablt"].update(i)
        p["loct"].update(loc)
    return put

def _uk_rules(w: str) -> Paradigm:
    p = _empty()
    p["nomn"].add(w)
    p["accs"].add(w)

    put = _putter(p)

    if w.endswith("ка"):
        s = w[:-2]
        put([s + "ки"], [s + "ці"], [s + "ку"], [s + "кою"], [s + "ці"])
    elif w.endswith("я"):
        s = w[:-1]
        soft = "ї" if s[-1:] in "аеиоуіїєюя'" else "і"
        put([s + soft], [s + soft], [s + "ю"], [s + ("єю" if soft == "ї" else "ею")], [s + soft])
    elif w.endswith("а"):
        s = w[:-1]
        hush = s[-1:] in "жчшщ"
        loc = s[:-1] + {"г": "з", "к": "ц", "х": "с"}.get(s[-1:], s[-1:]) + "і" if s else "і"
        put([s + ("і" if hush else "и")], [loc], [s + "у"], [s + ("ею" if hush else "ою")], [loc])
    elif w.endswith("ів") or w.endswith("їв"):
        s = w[:-2] + ("ов" if w.endswith("ів") else "єв")
        put([s + "а"], [s + "у"], [], [s + "ом"], [s + "і", s + "у"])
    elif w.endswith("ий") or w.endswith("ій"):
        s = w[:-2]
        put([s + "ого"], [s + "ому"], [], [s + "им"], [s + "ому", s + "ім"])
    elif w.endswith("е") or w.endswith("є"):
        s = w[:-1]
        put([s + "ого"], [s + "ому"], [], [s + "им"], [s + "ому", s + "ім"])
    elif w.endswith("і") or w.endswith("и"):
        s = w[:-1]
        put([s + "ів", s], [s + "ям", s + "ам"], [], [s + "ями", s + "ами"], [s + "ях", s + "ах"])
    elif w.endswith("о"):
        s = w[:-1]
        put([s + "а"], [s + "у"], [], [s + "ом"], [s + "і", s + "у"])
    elif w.endswith("ь"):
        s = w[:-1]
        stems = {s}
        if s.endswith("іл"):
            stems.add(s[:-2] + "ол")
        for t in stems:
            put([t + "я"], [t + "ю"], [], [t + "ем"], [t + "і"])
    elif w[-1:].isalpha():
        stems = {w}
        m = re.search(r"і([^аеиоуіїєюя]+)$", w)
        if m:
            stems.add(w[: m.start()] + "о" + m.group(1))
        for t in stems:
            put([t + "а"], [t + "у"], [], [t + "ом"], [t + "і", t + "у"])
    return p


def _ru_rules(w: str) -> Paradigm:
    p = _empty()
    p["nomn"].add(w)
    p["accs"].add(w)

    put = _putter(p)

    if w.endswith("ка"):
        s = w[:-2]
        put([s + "ки"], [s + "ке"], [s + "ку"], [s + "кой"], [s + "ке"])
    elif w.endswith("я"):
        s = w[:-1]
        put([s + "и"], [s + "е"], [s + "ю"], [s + "ей"], [s + "е", s + "и"])
    elif w.endswith("а"):
        s = w[:-1]
        soft = s[-1:] in "гкхжчшщ"
        put([s + ("и" if soft else "ы")], [s + "е"], [s + "у"], [s + ("ей" if s[-1:] in "жчшщц" else "ой")],
            [s + "е"])
    elif w[-2:] in ("ий", "ый", "ой"):
        s = w[:-2]
        put([s + "ого"], [s + "ому"], [], [s + ("им" if w.endswith("ий") else "ым")], [s + "ом"])
    elif w[-2:] in ("ое", "ее"):
        s = w[:-2]
        put([s + "ого"], [s + "ому"], [], [s + ("ым" if w.endswith("ое") else "им")], [s + "ом"])
    elif w.endswith("ье"):
        s = w[:-1]
        put([s + "я"], [s + "ю"], [], [s + "ем"], [s + "е"])
    elif w.endswith("о") or w.endswith("е"):
        s = w[:-1]
        put([s + "а"], [s + "у"], [], [s + "ом"], [s + "е"])
    elif w.endswith("ы") or w.endswith("и"):
        s = w[:-1]
        put([s + "ов", s + "ей"], [s + "ам", s + "ям"], [], [s + "ами", s + "ями"], [s + "ах", s + "ях"])
    elif w.endswith("ь"):
        s = w[:-1]
        put([s + "я", s + "и"], [s + "ю", s + "и"], [], [s + "ем", s + "ью"], [s + "е", s + "и"])
    elif w[-1:].isalpha():
        put([w + "а"], [w + "у"], [], [w + "ом"], [w + "е"])
    return p


# ---------------------------------------------------------------- dictionary

def _case_of(tag) -> str | None:
    case = tag.case
    case = _CASE_ALIAS.get(case, case)
    return case if case in CASES else None


@lru_cache(maxsize=200_000)
def _word_paradigm(word: str, lang: str, want: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Forms of one word by case; ``want`` is "noun", "adj" or "any" (the role in the name)."""
    an = analyzer(lang)
    out = _empty()
    found = False
    for parse in an.parse(word):
        tag = parse.tag
        if not parse.is_known or tag.case != "nomn" or tag.POS not in ("NOUN", "ADJF"):
            continue
        if want == "adj" and tag.POS != "ADJF":
            continue
        plural = tag.number == "plur" or "Pltm" in tag
        gender = tag.gender
        for form in parse.lexeme:
            ft = form.tag
            if (ft.number == "plur") != plural and ft.number is not None:
                continue
            if tag.POS == "ADJF" and not plural and gender and ft.gender and ft.gender != gender:
                continue
            case = _case_of(ft)
            if case:
                out[case].add(form.word)
                found = True
    if not found:
        out = _uk_rules(word) if lang == "uk" else _ru_rules(word)
    return tuple((c, tuple(sorted(v))) for c, v in out.items())


def _paradigm(word: str, lang: str, want: str) -> Paradigm:
    return {c: set(v) for c, v in _word_paradigm(word, lang, want)}


def _decline_words(words: list[str], lang: str) -> set[str]:
    """Case-aligned declension of a space-separated name (adjective + noun agreement)."""
    if len(words) == 1:
        par = _paradigm(words[0], lang, "any")
        return set().union(*par.values())
    paradigms = []
    for i, w in enumerate(words):
        if len(w) <= 2 or not w.isalpha():       # "на", "Дону"... kept as they are
            paradigms.append({c: {w} for c in CASES})
            continue
        last = i == len(words) - 1
        adjectival = re.search(r"(ий|ій|ый|ой|а|е|ая|ое|ее|ые|і)$", w) and not last
        paradigms.append(_paradigm(w, lang, "adj" if adjectival else "any"))
    forms = set()
    for case in CASES:
        combos = [""]
        for par in paradigms:
            options = par[case] or par["nomn"] or {""}
            combos = [f"{c} {o}".strip() for c in combos for o in list(options)[:4]]
        forms.update(combos)
    return forms


@lru_cache(maxsize=100_000)
def _name_forms(name: str, lang: str) -> frozenset[str]:
    low = name.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")
    forms = {low}
    words = low.split()
    if "-" not in low or len(words) > 1:
        forms |= _decline_words(words, lang)
    else:
        parts = low.split("-")
        linked = any(len(p) <= 2 for p in parts[1:])              # Ростов-на-Дону: only the head declines
        declined = [_paradigm(p, lang, "any") if len(p) > 2 else {c: {p} for c in CASES} for p in parts]
        for case in CASES:
            options = [sorted(d[case] or d["nomn"])[:3] for d in declined]
            for head in options[0]:
                forms.add("-".join([head] + parts[1:]))          # Ростове-на-Дону
            if not linked:
                for tail in options[-1]:
                    forms.add("-".join(parts[:-1] + [tail]))     # Усть-Каменогорске
                combos = [""]
                for opts in options:
                    combos = [f"{c}-{o}" if c else o for c in combos for o in opts]
                forms.update(combos)                             # Білгороді-Дністровському
    return frozenset(f.replace("ё", "е") for f in forms if f)


def name_forms(name: str, langs: tuple[str, ...] | None = None) -> set[str]:
    """All lowercased case forms of a Cyrillic place name (the name itself included)."""
    langs = langs or languages(name)
    out: set[str] = set()
    for lang in langs:
        out |= _name_forms(name, lang)
    return out


# ---------------------------------------------------------------- adjectives

_UK_ADJ = ("ий", "ого", "ому", "им", "ім", "а", "ої", "ій", "у", "ою", "е", "і", "их", "ими")
_RU_ADJ = ("ий", "ого", "ому", "им", "ом", "ая", "ой", "ую", "ое", "ие", "их", "ими", "ей")
_RU_ADJ_HARD = ("ый", "ого", "ому", "ым", "ом", "ая", "ой", "ую", "ое", "ые", "ых", "ыми")
_RU_ADJ_STRESSED = ("ой", "ого", "ому", "ым", "ом", "ая", "ую", "ое", "ые", "ых", "ыми")


def adjective_forms(adj: str, lang: str) -> set[str]:
    """Every gender/case/number form of a relative adjective (Харківська -> харківського, харківській ...)."""
    low = adj.lower().replace("ё", "е")
    stem = re.sub(r"(ий|ій|ый|ой|ая|яя|ое|ее|а|я|е)$", "", low)
    if stem == low:
        return {low}
    if lang == "uk":
        endings = _UK_ADJ
    elif low.endswith("ой"):
        endings = _RU_ADJ_STRESSED
    elif stem[-1:] in "кгхжчшщ" or low.endswith("ий"):
        endings = _RU_ADJ
    else:
        endings = _RU_ADJ_HARD
    return {stem + e for e in endings} | {low}


def masculine_adjective(adj: str, lang: str) -> str:
    low = adj.lower()
    for fem, masc in (("ська", "ський"), ("цька", "цький"), ("ська", "ський"), ("ская", "ский"),
                      ("цкая", "цкий"), ("а", "ий"), ("ая", "ый")):
        if low.endswith(fem):
            return low[: -len(fem)] + masc
    return low


def ru_adjective_of(name: str) -> str:
    """A rough Russian relative adjective of a town name: Кременчуг -> кременчугский, Одесса -> одесский."""
    low = name.lower()
    if low.endswith(("ский", "цкий", "ый", "ий", "ой")):
        return low
    if low.endswith("ск"):
        return low + "ий"
    stem = re.sub(r"(ье|ь|а|я|о|е|ы|и)$", "", low)
    return (stem + "ский").replace("ссск", "сск")


# ---------------------------------------------------------------- common words

def latin_person(key: str) -> tuple[bool, bool]:
    """(name, only a name): does a lowercase Latin word read, back in Russian Cyrillic, mostly as a
    personal name ("sokolov", "kotova", "artem", "pushkin"), and hardly ever as a place ("vera",
    "sergei")? Only the Russian dictionary is asked: Latin spellings of Ukrainian words
    ("chorna") are not Russian words at all."""
    from letopis.gazetteer.translit import ru_from_latin

    if not key.isalpha() or not key.isascii() or len(key) < 4:
        return False, False
    name = only = False
    for form in ru_from_latin(key):
        _, person, geo = _ru_shares(form)
        name = name or person >= 0.5
        only = only or (person >= 0.5 and geo < 0.2)
    return name, only


def _ru_shares(form: str) -> tuple[float, float, float]:
    """(ordinary word, personal name, place) shares of the Russian dictionary's readings of a
    known word (all 0 for an unknown one)."""
    ru = analyzer("ru")
    common = person = geo = 0.0
    if not ru.word_is_known(form):
        return common, person, geo
    for p in ru.parse(form):
        grams = set(str(p.tag).replace(" ", ",").split(","))
        if not p.is_known:
            continue
        if "Geox" in grams:
            geo += p.score
        elif grams & _PERSON:
            person += p.score
        elif not grams & _PROPER:
            common += p.score
    return common, person, geo


# Parts of speech a place name never is: pronouns, adverbs, conjunctions, prepositions, particles.
_FUNCTION_WORDS = frozenset({"NPRO", "ADVB", "CONJ", "PREP", "PRCL", "INTJ", "PRED"})


@lru_cache(maxsize=500_000)
def word_flags(form: str) -> tuple[bool, bool]:
    """(common, person): is this lowercase Cyrillic word an ordinary word, or a personal name?"""
    if " " in form or "-" in form or not is_cyrillic(form):
        return False, False
    common = person = geo = 0.0
    if not set(form) & _UK_ONLY:
        common, person, geo = _ru_shares(form)
    if not set(form) & _RU_ONLY and analyzer("uk").word_is_known(form):
        parses = [p for p in analyzer("uk").parse(form) if p.is_known]
        if parses:
            first = parses[0]
            grams = set(str(first.tag).replace(" ", ",").split(","))
            if grams & _PERSON:
                person = max(person, 1.0)
            elif first.tag.POS not in ("NOUN", None) or any(p.tag.POS in _FUNCTION_WORDS for p in parses):
                common = max(common, 1.0)   # "Чому" opening a question is no village Choma
    return common >= 0.5 and geo < 0.5, person >= 0.5 and geo < 0.2
