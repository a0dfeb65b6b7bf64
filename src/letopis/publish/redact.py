"""Redaction for public outputs: names of private persons replaced by a role, and the check that none is left.

Personal names are found word by word, with the dictionaries Letopis already
keeps (no statistical name tagger is shipped, and one trained on news would
not know the surnames of small towns): a capitalised Cyrillic word is a name
when pymorphy3 reads it as a first name, surname or patronymic (``Name``,
``Surn``, ``Patr``) more than it reads it as a place (``Geox``); a
capitalised Latin word is a name when its Russian back-transliteration
(:func:`letopis.gazetteer.translit.ru_from_latin`, through
:func:`letopis.gazetteer.forms.latin_person`) or its Ukrainian one is one, or
when it is a given name of the lexicon (:mod:`letopis.publish.latin_names`).
In Latin text the context finds more: a title, a role noun before a word, an
age or a role after it, a found name's word again on its own; a run naming a
place or a body ("Taras Shevchenko Park") is not a name. A name grows over the
capitalised words and initials right next to it ("Іван Петренко", "И. И.
Петров", "Vera Kotova", "Анной Кротовой" — a surname that is also an
adjective), so a first name or surname the dictionaries do not know is not
left beside one they do.

A found name becomes a role in the text's language, in the name's
grammatical case where pymorphy3 can inflect it ("Петренка" → "чоловіка",
"Ивановой" → "женщиной", "Sokolov" → "a man"); a name right after a word
that already says the role ("військовий ТЦК Петренко", "officer Ivanov") is
dropped, the role word stays. Names marked public (officials on record,
setting ``public_names``) are kept in any case form.

:func:`find_names` is the check a written output is read back with: what it
still finds is a leak, and the output is refused (``letopis.services.publishing``).
Over-redaction (a rare word read as a name) is the side this errs on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from letopis.gazetteer.forms import analyzer, latin_person
from letopis.gazetteer.translit import fold_ascii, ru_from_latin
from letopis.publish import latin_names

__all__ = ["NameSpan", "Redactor", "find_names", "ROLE_WORDS"]

_UPPER = "A-ZА-ЯЁІЇЄҐÀ-ÖØ-Þ"
# Capitalised words and initials: the only words a name can be made of (lowercase words are never looked at).
_WORD = re.compile(rf"(?<![^\W\d_])[{_UPPER}]\.|(?<![^\W\d_'’ʼ-])[{_UPPER}][^\W\d_]*(?:['’ʼ-][^\W\d_]+)*")
_LAST_WORD = re.compile(r"([^\W\d_]+)[^\w]*$")
_PERSON = {"Name", "Surn", "Patr"}
_POSSESSIVE = re.compile(r"['’]s$")
_FIRST_WORD = re.compile(r"\s+([^\W\d_]+)")
# After a name: its age ("Kowalczyk, 37,") or a role ("Kowalczyk, a driver", "…, a 45-year-old resident").
_ROLES = "|".join(sorted(latin_names.ROLE_NOUNS))
_APPOSITION = re.compile(r",\s+(?:\d{1,3}\s*,|(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:" + _ROLES + r")\b)")
_UK_ONLY = set("іїєґІЇЄҐ")
_RU_ONLY = set("ыэёъЫЭЁЪ")

# What a private person becomes, by language and gender (None: not known).
ROLE_WORDS: dict[str, dict[str | None, str]] = {
    "en": {"masc": "a man", "femn": "a woman", None: "a person"},
    "uk": {"masc": "чоловік", "femn": "жінка", None: "особа"},
    "ru": {"masc": "мужчина", "femn": "женщина", None: "человек"},
}

# A word just before a name that already says who the person is: the name is dropped, the role stays.
_ROLE_STEMS = (
    "тцк", "військов", "военн", "військком", "военком", "воєнком", "поліцейськ", "полицейск", "поліціянт",
    "прикордонник", "пограничник", "суддя", "судья", "прокурор", "слідч", "следовател", "офіцер", "офицер",
    "командир", "officer", "policeman", "police", "guard", "judge", "prosecutor", "investigator",
    "commander", "recruiter", "official",
    "дружин", "жена", "чоловік", "муж", "син", "сын", "доньк", "дочь", "дочк", "мати", "мать", "батьк", "отец",
    "брат", "сестр", "житель", "мешкан", "адвокат", "журналіст", "журналист", "wife", "husband", "son",
    "daughter", "mother", "father", "brother", "sister", "resident", "lawyer", "journalist",
)


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class NameSpan:
    """A personal name found in a text: ``text[start:end]``, its gender and case when known."""

    start: int
    end: int
    text: str
    gender: str | None
    case: str | None


_GENITIVE_BEFORE = {"у", "в", "от", "из", "для", "без", "до", "около", "возле", "біля", "від", "з", "із", "зі",
                    "коло", "поблизу", "після", "после", "против", "проти", "of"}


# Words before a place name: a single word after one of them that names a place is the place.
_PLACE_BEFORE = {"у", "в", "во", "на", "під", "под", "біля", "возле", "около", "з", "із", "зі", "из", "от", "від",
                 "до", "по", "через", "поблизу", "неподалік", "недалеко", "near", "in", "at", "from", "to",
                 "outside", "around"}


@lru_cache(maxsize=200_000)
def _cyrillic_reading(word: str, nominative: bool = False) -> tuple[bool, str | None, tuple[str, ...], str]:
    """(a name?, gender, the cases it may be in, normal form) of a lowercase Cyrillic word."""
    langs = ("uk",) if set(word) & _UK_ONLY else ("ru",) if set(word) & _RU_ONLY else ("ru", "uk")
    normal = word
    for lang in langs:
        morph = analyzer(lang)
        if not morph.word_is_known(word):
            continue
        parses = [p for p in morph.parse(word) if p.is_known]
        total = sum(p.score for p in parses) or 1.0
        person = [p for p in parses if _grams(p) & _PERSON]
        geo = sum(p.score for p in parses if "Geox" in _grams(p)) / total
        share = sum(p.score for p in person) / total
        if lang == "uk":  # the Ukrainian dictionary gives every reading the same score: any name reading counts
            share = 1.0 if person else 0.0
        if person and share >= 0.2 and geo < 0.3:
            first = next((p for p in person if p.tag.case == "nomn"), person[0]) if nominative else person[0]
            ranked = sorted(person, key=lambda p: -p.score)
            cases = tuple(dict.fromkeys(str(p.tag.case) for p in ranked if p.tag.case))
            return True, first.tag.gender, cases, first.normal_form
        if parses:
            normal = parses[0].normal_form
    return False, None, (), normal


def _grams(parse: Any) -> set[str]:
    return set(str(parse.tag).replace(" ", ",").split(","))


@lru_cache(maxsize=200_000)
def _latin_reading(word: str) -> tuple[bool, bool, str | None]:
    """(a name?, only ever a name?, gender) of a lowercase Latin word: spelled back into Russian or
    Ukrainian and read by their dictionaries, or a given name of the lexicon (:mod:`letopis.publish.latin_names`)."""
    word = _POSSESSIVE.sub("", word)
    if latin_names.not_a_name(word) or latin_names.everyday(word):
        return False, False, None  # a month; "Will", "Grace": such a word only joins a name next to it
    name, only = latin_person(word)
    gender = None
    if name:
        for form in sorted(ru_from_latin(word)):
            reading = _cyrillic_reading(form, nominative=True)
            if reading[0]:
                gender = reading[1]
                break
    given, not_everyday, given_gender = latin_names.given_name(word)
    for other in (latin_names.uk_person(word), (given and not_everyday, not_everyday, given_gender)):
        name, only = name or other[0], only or other[1]
        gender = gender or other[2]
    return name, only, gender


def _is_cyrillic(word: str) -> bool:
    return any("а" <= c.lower() <= "я" or c in "іїєґёІЇЄҐЁ" for c in word)


def _capitalised(word: str) -> bool:
    if not word[:1].isupper():
        return False
    return not (word.isupper() and len(word) > 1 and len(word) <= 5)  # ТЦК, СБУ, NATO: abbreviations


def _tokens(text: str) -> list[_Token]:
    """The capitalised words and initials of ``text``."""
    return [_Token(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]


def _word_before(text: str, start: int) -> str:
    """The word (any case, lowercased) before ``start``: "" at the start of the text."""
    match = _LAST_WORD.search(text, max(0, start - 40), start)
    return match.group(1).lower() if match else ""


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    """Only spaces (or an initial's dot and spaces) between two words."""
    gap = text[left.end:right.start]
    return len(gap) <= 2 and gap.strip() == ""


def _seed(token: _Token) -> tuple[bool, str | None, tuple[str, ...]]:
    """(starts a name?, gender, the cases it may be in) of one word."""
    return _seed_word(token.text)


@lru_cache(maxsize=200_000)
def _seed_word(word: str) -> tuple[bool, str | None, tuple[str, ...]]:
    if not _capitalised(word) or word.endswith("."):
        return False, None, ()
    low = word.lower().replace("’", "'").replace("ʼ", "'")
    if _is_cyrillic(low):
        name, gender, cases, _ = _cyrillic_reading(low)
        return name, gender, cases
    name, only, gender = _latin_reading(fold_ascii(low))
    return (only or name), gender, ()


def _unknown_word(token: _Token) -> bool:
    """A capitalised Cyrillic word the dictionaries do not know (a rare surname), or a Latin one."""
    low = token.text.lower()
    if not _capitalised(token.text) or token.text.endswith("."):
        return False
    if not _is_cyrillic(low):
        return True
    return not analyzer("uk" if set(low) & _UK_ONLY else "ru").word_is_known(low)


def find_names(text: str, public: frozenset[str] = frozenset(),
               is_place: Callable[[str], bool] | None = None) -> list[NameSpan]:
    """The private persons' names in ``text``.

    ``public``: words of names marked public (:func:`public_keys`), left out.
    ``is_place``: does a word name a place? A single word that does is not a
    name ("у Харкові"); two or more words together are ("Тарас Шевченко").
    """
    if not text:
        return []
    tokens = _tokens(text)
    spans: list[NameSpan] = []
    i = 0
    while i < len(tokens):
        is_name, gender, cases = _seed(tokens[i])
        before = _word_before(text, tokens[i].start) if is_name else ""
        if not is_name or (before in _PLACE_BEFORE and is_place is not None and is_place(tokens[i].text)):
            i += 1  # not a name; or "у Харкові", "in Pushkin": a place
            continue
        first = last = i
        while first > 0 and _adjacent(text, tokens[first - 1], tokens[first]) and _joins_before(text, tokens,
                                                                                               first - 1):
            first -= 1
        while last + 1 < len(tokens) and _adjacent(text, tokens[last], tokens[last + 1]) and (
                _capitalised(tokens[last + 1].text)):  # a surname after a first name, whatever else it may be
            last += 1
        words = tokens[first:last + 1]
        named = [w for w in words if not _is_initial(w)]
        alone = len(named) == 1
        if alone and not _is_cyrillic(named[0].text) and not _latin_only(named[0].text):
            i += 1  # "Pushkin" alone is a town as often as a man
            continue
        if not _is_cyrillic(named[0].text) and _latin_place_or_body(text, words, is_place):
            i = last + 1  # "Taras Shevchenko Park", "Human Rights Watch", "Bila Tserkva"
            continue
        previous = _word_before(text, words[0].start)
        if not _all_public(words, public):
            spans.append(NameSpan(words[0].start, words[-1].end, text[words[0].start:words[-1].end], gender,
                                  _case(cases, previous)))
        i = last + 1
    if any(not _is_cyrillic(t.text) for t in tokens):
        spans = _with_latin_context(text, tokens, spans, public, is_place)
    return spans


def _latin_place_or_body(text: str, words: Sequence[_Token], is_place: Callable[[str], bool] | None) -> bool:
    """Is a run of capitalised Latin words a place or a body: a noun of one in it or right after it
    ("Shevchenko Street", "Shevchenko street"), or the whole run a place the gazetteer knows ("Kryvyi Rih")?"""
    if any(latin_names.is_place_or_body_noun(_POSSESSIVE.sub("", w.text)) for w in words):
        return True
    after = _FIRST_WORD.match(text, words[-1].end)
    if after and latin_names.is_place_or_body_noun(after.group(1)):
        return True
    named = [w for w in words if not _is_initial(w)]
    return len(named) > 1 and is_place is not None and is_place(text[words[0].start:words[-1].end])


def _with_latin_context(text: str, tokens: Sequence[_Token], spans: list[NameSpan], public: frozenset[str],
                        is_place: Callable[[str], bool] | None) -> list[NameSpan]:
    """``spans`` and the Latin names only their context tells: after a title ("Mr Smith", "Ms Kowalska"),
    after a role noun or "named" ("lawyer Anna Bilyk"), before an age or a role ("Kowalczyk, 37,",
    "Kowalczyk, a driver"), and a found name's words again on their own ("… Shevchenko said"); names end
    before an English possessive ("Shevchenko's" → "a man's")."""
    found = list(spans)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if _is_cyrillic(token.text) or not _capitalised(token.text) or _inside(found, token.start):
            i += 1
            continue
        title = latin_names.TITLES.get(token.text.lower().rstrip("."), "") if token.text[:1].isupper() else ""
        run = _latin_run(text, tokens, i + 1 if title != "" else i)
        if run and title != "" and text[token.end:tokens[run[0]].start] not in (" ", ". "):
            run = None
        if not run:
            i += 1
            continue
        words = tokens[run[0]:run[1]]
        start = token.start if title != "" else words[0].start
        before = _word_before(text, token.start)
        single_place = len(words) == 1 and before in _PLACE_BEFORE and is_place is not None and \
            is_place(words[0].text)
        said = title != "" or (not single_place and (
            (before in latin_names.ROLE_NOUNS and text[token.start - 1:token.start] == " ")
            or _APPOSITION.match(text, words[-1].end) is not None))
        if said and not _latin_place_or_body(text, words, is_place) and not _all_public(words, public):
            gender = title if title else _seed(words[0])[1] or \
                latin_names.given_name(fold_ascii(words[0].text.lower()))[2]
            found.append(NameSpan(start, words[-1].end, text[start:words[-1].end], gender, None))
        i = run[1]
    found.extend(_mentioned_again(text, tokens, found, public, is_place))
    return _trimmed(text, _gendered(_non_overlapping(found)))


def _gendered(spans: Sequence[NameSpan]) -> list[NameSpan]:
    """A name's word on its own whose gender is not known takes the gender of the full name it is part of
    ("Oleksandr Shevchenko … Shevchenko": a man)."""
    genders: dict[str, str] = {}
    for span in spans:
        words = span.text.split()
        if len(words) > 1 and span.gender:
            for word in words:
                genders.setdefault(_POSSESSIVE.sub("", word).lower(), span.gender)
    return [NameSpan(s.start, s.end, s.text, genders.get(_POSSESSIVE.sub("", s.text).lower()), s.case)
            if s.gender is None and " " not in s.text else s for s in spans]


def _latin_run(text: str, tokens: Sequence[_Token], at: int) -> tuple[int, int] | None:
    """(first, end) of the run of up to three adjacent capitalised Latin words starting at ``at``."""
    if at >= len(tokens):
        return None
    end = at
    while end < len(tokens) and end - at < 3 and _capitalised(tokens[end].text) and \
            not _is_cyrillic(tokens[end].text) and not latin_names.not_a_name(tokens[end].text) and \
            (end == at or _adjacent(text, tokens[end - 1], tokens[end])):
        end += 1
    return (at, end) if end > at else None


def _mentioned_again(text: str, tokens: Sequence[_Token], spans: Sequence[NameSpan], public: frozenset[str],
                     is_place: Callable[[str], bool] | None) -> list[NameSpan]:
    """A word of a Latin name found in the text, on its own elsewhere in it."""
    seen: dict[str, str | None] = {}
    for span in spans:
        for word in _tokens(span.text):
            key = _POSSESSIVE.sub("", word.text).lower()
            if not _is_cyrillic(key) and len(key) >= 3 and key.rstrip(".") not in latin_names.TITLES:
                seen.setdefault(key, span.gender)
    out: list[NameSpan] = []
    for token in tokens:
        key = _POSSESSIVE.sub("", token.text).lower()
        if key not in seen or _inside(spans, token.start) or _all_public([token], public):
            continue
        if _word_before(text, token.start) in _PLACE_BEFORE and is_place is not None and is_place(token.text):
            continue
        out.append(NameSpan(token.start, token.end, token.text, seen[key], None))
    return out


def _inside(spans: Sequence[NameSpan], at: int) -> bool:
    return any(span.start <= at < span.end for span in spans)


def _non_overlapping(spans: Sequence[NameSpan]) -> list[NameSpan]:
    out: list[NameSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and span.start < out[-1].end:
            continue
        out.append(span)
    return out


def _trimmed(text: str, spans: Sequence[NameSpan]) -> list[NameSpan]:
    """Latin names without an English possessive's "'s"."""
    out = []
    for span in spans:
        match = _POSSESSIVE.search(span.text)
        if match and not _is_cyrillic(span.text):
            span = NameSpan(span.start, span.end - 2, span.text[:-2], span.gender, span.case)
        out.append(span)
    return out


def _case(cases: tuple[str, ...], previous: str) -> str | None:
    """The case a name is in: its likeliest reading's, or between genitive and accusative (the same form
    for a man's name) the one the word before calls for."""
    if not cases:
        return None
    if cases[0] in ("gent", "accs") and {"gent", "accs"} <= set(cases):
        return "gent" if previous in _GENITIVE_BEFORE else "accs"
    return cases[0]


def _is_initial(token: _Token) -> bool:
    return len(token.text) == 2 and token.text.endswith(".") and token.text[0].isupper()


def _joins_before(text: str, tokens: Sequence[_Token], index: int) -> bool:
    """May the word before a name be part of it: an initial, a first name, or (not opening a
    sentence) a capitalised word the dictionaries do not know?"""
    token = tokens[index]
    if _is_initial(token):
        return True
    if _word_before(text, token.start) in _PLACE_BEFORE:
        return False  # "у Харкові Олександр …": the word before is a place
    if not _capitalised(token.text):
        return False
    if _seed(token)[0]:
        return True
    if not _is_cyrillic(token.text) and latin_names.given_name(fold_ascii(token.text.lower()))[0]:
        return True  # "Grace Kelly": a given name that is also an English word, before a name
    return _unknown_word(token) and not _sentence_start(text, token.start)


def _latin_only(word: str) -> bool:
    return _latin_reading(fold_ascii(word.lower()))[1]


def public_keys(names: Iterable[str]) -> frozenset[str]:
    """The words of names marked public, normalised the way :func:`find_names` compares them."""
    keys: set[str] = set()
    for name in names:
        for token in _tokens(name):
            keys |= _keys(token.text)
    return frozenset(keys)


def _keys(word: str) -> set[str]:
    low = word.lower().rstrip(".").replace("’", "'").replace("ʼ", "'")
    if _is_cyrillic(low):
        return {low, _cyrillic_reading(low)[3]}
    folded = fold_ascii(low)
    return {folded, *(_cyrillic_reading(form)[3] for form in ru_from_latin(folded))}


def _all_public(words: Sequence[_Token], public: frozenset[str]) -> bool:
    return bool(public) and all(_public_word(w.text, public) for w in words if not _is_initial(w))


def _public_word(word: str, public: frozenset[str]) -> bool:
    """Is a word one of the public names' words, in any case form? By its normal form, or, for a word the
    dictionaries do not know ("Сирського"), by a shared stem: all but the last two letters of the name."""
    keys = _keys(word)
    if keys & public:
        return True
    return any(len(name) >= 4 and key.startswith(name[:-2]) and len(key) - len(name) <= 3
               for key in keys for name in public)


class Redactor:
    """Replaces private persons' names in a text by a role; keeps the names marked public."""

    def __init__(self, public_names: Iterable[str] = (), is_place: Callable[[str], bool] | None = None) -> None:
        self.public = public_keys(public_names)
        self.is_place = is_place

    def names(self, text: str | None) -> list[NameSpan]:
        return find_names(text or "", self.public, self.is_place)

    def redact(self, text: str | None, language: str | None = None) -> str | None:
        """``text`` with every private name replaced by a role (in ``language``; guessed from the letters)."""
        if not text:
            return text
        out: list[str] = []
        at = 0
        for span in self.names(text):
            before = text[at:span.start]
            previous = before.rstrip().rsplit(None, 1)[-1].lower() if before.strip() else ""
            if previous in ("named", "called") and before.endswith(" " + previous + " "):
                out.append(before[:-len(previous) - 2])  # "a man named Ivan Sokolov" → "a man"
            elif previous.strip("«\"'(").startswith(_ROLE_STEMS) and previous[-1:].isalpha() and \
                    before.endswith(" "):
                out.append(before[:-1])  # the role is already said: the name goes, one space with it
            else:
                out.append(before)
                out.append(_role(span, language or _language_of(text), _sentence_start(text, span.start)))
            at = span.end
        out.append(text[at:])
        return "".join(out)


def _language_of(text: str) -> str:
    if set(text) & _UK_ONLY:
        return "uk"
    if _is_cyrillic(text):
        return "ru"
    return "en"


def _sentence_start(text: str, start: int) -> bool:
    head = text[:start].rstrip()
    return not head or head[-1] in ".!?\n«\"“"


def _role(span: NameSpan, language: str, capital: bool) -> str:
    words = ROLE_WORDS.get(language, ROLE_WORDS["en"])
    role = words.get(span.gender, words[None])
    if language in ("uk", "ru") and span.case and span.case != "nomn":
        parse = analyzer(language).parse(role)[0]
        inflected = parse.inflect({span.case})
        if inflected is not None:
            role = inflected.word
    return role[:1].upper() + role[1:] if capital else role
