"""One case form of a Ukrainian or Russian name: "Кривий Ріг" → "Кривому Розі", "Орёл" → "Орле".

pymorphy3 does the declension. Our own code only chooses: which reading of a
word is the place (a noun that names a place, not a surname: "Кривий", "Львов";
an adjective agreeing with its noun: "Біла Церква"), and which of several forms
the dictionary gives is the one written about places ("у Києві", not "Київі";
"у Кременчуці", not "Кременчукові"; "в Крыму", not "Крыме"). The gazetteer's own
declension (gazetteer/forms.py) makes every plausible form for matching; a writer
needs exactly one, and says "don't know" (None) rather than guess: a word the
dictionary does not know, and the caller writes the name in the nominative.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from letopis.gazetteer.forms import analyzer

__all__ = ["inflect"]

_PERSON = {"Surn", "Name", "Patr"}
_LOCATIVE = ("loct", "loc2", "loc1")
_GENITIVE = ("gent", "gen1", "gen2")
_UK_SOFT_ALTERNATION = ("ові", "еві", "єві")
# Forms the Ukrainian dictionary does not give as the usual one: "у Криму", "у краї".
_UK_FIXED = {("крим", "loct"): "криму", ("край", "loct"): "краї"}


def _case_ok(tag: Any, case: str) -> bool:
    wanted = _LOCATIVE if case == "loct" else _GENITIVE if case == "gent" else (case,)
    return tag.case in wanted


def _noun_parses(word: str, lang: str) -> list[Any]:
    """The dictionary readings of ``word`` as a nominative noun that is not a personal name, the
    best first (a place, inanimate) with the equally good ones after it (the dictionary splits
    "ріг" in two, one of them with "розі"); an adjectival name ("Хмельницький") as a last resort."""
    parses = [p for p in analyzer(lang).parse(word) if p.is_known and p.tag.case == "nomn"]
    nouns = [p for p in parses if p.tag.POS == "NOUN" and not _PERSON & p.tag.grammemes]

    def rank(p: Any) -> tuple[bool, bool]:
        return "Geox" not in p.tag.grammemes, "anim" in p.tag.grammemes

    nouns.sort(key=rank)
    if nouns:
        return [p for p in nouns if rank(p) == rank(nouns[0]) and p.normal_form == nouns[0].normal_form]
    adjectives = [p for p in parses if p.tag.POS == "ADJF"]
    return adjectives[:1]


def _pick(options: list[str], nominative: str, case: str, lang: str, geo: bool, loc2: list[str]) -> str:
    """The form written about a place, among the dictionary's forms of the case."""
    if lang == "ru":
        if case == "loct" and geo and loc2:
            return loc2[0]                                  # в Крыму
        return options[0]
    adjectival = [o for o in options if o.endswith(("ому", "ій", "ого", "ої"))]
    if adjectival:
        return adjectival[0]                                # у Рівному, Хмельницького
    if case == "loct":
        if nominative.endswith(("ів", "їв")):
            alternated = [o for o in options if o.endswith(_UK_SOFT_ALTERNATION)]
            if alternated:
                return alternated[0]                        # у Києві, у Харкові
        plain = [o for o in options if o.endswith("і") and not o.endswith(_UK_SOFT_ALTERNATION)]
        soft = [o for o in options if o.endswith("і")]
        return (plain or soft or options)[0]                # у Кременчуці, у Розі, у Мукачеві
    if nominative.endswith(("ів", "їв")):
        alternated = [o for o in options if o.endswith(("ова", "ева", "єва"))]
        if alternated:
            return alternated[0]                            # Києва, Харкова
    return options[0]


def _forms(parse: Any, case: str, gender: str | None, plural: bool) -> tuple[list[str], list[str]]:
    options, loc2 = [], []
    for form in parse.lexeme:
        tag = form.tag
        if not _case_ok(tag, case) or (tag.number == "plur") != plural:
            continue
        if parse.tag.POS == "ADJF" and not plural and gender and tag.gender != gender:
            continue
        if form.word not in options:
            options.append(form.word)
        if tag.case == "loc2":
            loc2.append(form.word)
    return options, loc2


Head = tuple[str, "str | None", bool]     # (form, gender, plural)


def _noun(word: str, case: str, lang: str) -> Head | None:
    """The case form of a head noun with its gender and number, or None when the dictionary
    does not know it."""
    fixed = _UK_FIXED.get((word.lower(), case)) if lang == "uk" else None
    parses = _noun_parses(word, lang)
    if not parses:
        return None
    parse = parses[0]
    plural = "Pltm" in parse.tag.grammemes or parse.tag.number == "plur"
    gender = parse.tag.gender
    options, loc2 = [], []
    for each in parses:
        more, more_loc2 = _forms(each, case, gender, plural)
        options += [o for o in more if o not in options]
        loc2 += more_loc2
    if fixed:
        return fixed, gender, plural
    if not options:
        return None
    geo = "Geox" in parse.tag.grammemes
    return _pick(options, word.lower(), case, lang, geo, loc2), gender, plural


def _adjective(word: str, case: str, lang: str, gender: str | None, plural: bool) -> str | None:
    for parse in analyzer(lang).parse(word):
        if not parse.is_known or parse.tag.POS != "ADJF" or parse.tag.case != "nomn":
            continue
        options, _ = _forms(parse, case, gender, plural)
        options = [o for o in options if "ейш" not in o and not o.startswith("наи")]
        if options:
            return _pick(options, word.lower(), case, lang, False, [])
    return None


def _cased(form: str, like: str) -> str:
    return form[:1].upper() + form[1:] if like[:1].isupper() else form


def _hyphenated(word: str, case: str, lang: str) -> Head | None:
    """"Ростов-на-Дону" (the head declines), "Івано-Франківськ" (the last part),
    "Білгород-Дністровський" (both, the second agreeing with the first)."""
    whole = _noun(word, case, lang)
    if whole is not None:
        pieces = zip(whole[0].split("-"), word.split("-"), strict=False)
        return "-".join(_cased(p, q) for p, q in pieces), whole[1], whole[2]
    if "-на-" in word:
        head, _, tail = word.partition("-на-")
        found = _noun(head, case, lang)
        return (f"{_cased(found[0], head)}-на-{tail}", found[1], found[2]) if found else None
    parts = word.split("-")
    first = _noun(parts[0], case, lang) if len(parts) == 2 else None
    if first is not None:
        second = _adjective(parts[1], case, lang, first[1], first[2])
        if second is not None:
            return f"{_cased(first[0], parts[0])}-{_cased(second, parts[1])}", first[1], first[2]
    last = _noun(parts[-1], case, lang)
    if last is None:
        return None
    return "-".join([*parts[:-1], _cased(last[0], parts[-1])]), last[1], last[2]


def inflect(name: str, case: str, lang: str) -> str | None:
    """``name`` (nominative) in ``case`` ("loct" or "gent"), or None when a word is unknown.

    The last word is the head noun; the words before it are adjectives agreeing with it
    ("Харківська область" → "Харківській області", "Нова Каховка" → "Новій Каховці").
    """
    apostrophe = next((a for a in "’ʼ" if a in name), None)
    if apostrophe is None:
        return _inflect(name, case, lang)
    form = _inflect(name.replace(apostrophe, "'"), case, lang)       # the dictionaries spell it "'"
    return form.replace("'", apostrophe) if form else None


@lru_cache(maxsize=4096)
def _inflect(name: str, case: str, lang: str) -> str | None:
    if lang not in ("uk", "ru"):
        return None
    words = name.split()
    if not words:
        return None
    head_word = words[-1]
    head = _hyphenated(head_word, case, lang) if "-" in head_word else _noun(head_word, case, lang)
    if head is None:
        return None
    form, gender, plural = head
    out = [_cased(form, head_word) if "-" not in head_word else form]
    for word in reversed(words[:-1]):
        adjective = _adjective(word, case, lang, gender, plural)
        if adjective is None:
            return None
        out.append(_cased(adjective, word))
    return " ".join(reversed(out))
