"""What tells a personal name in Latin script (English reports, transliterated Ukrainian and Russian names).

The redactor (:mod:`letopis.publish.redact`) asks this module about capitalised
Latin words; nothing here is downloaded or trained:

- **given names**: the first-name lists of Faker's person providers for the
  Latin-script locales (:func:`given_name`, with the gender of the list a name
  is in), less the given names that are also everyday English words ("Grace",
  "Will", "June"), which start a name only beside another capitalised word;
- **Ukrainian spellings**: a Latin word spelled back into Ukrainian Cyrillic
  ("Mykola" → "микола", "Yuliia" → "юлія", "Olha" → "ольга") and read by the
  Ukrainian dictionary pymorphy3 already keeps (:func:`uk_person`); Russian
  spellings are read by :func:`letopis.gazetteer.forms.latin_person`;
- **titles** ("Mr", "Ms", "Dr") and **role nouns** ("lawyer", "resident") that
  put a name next to them, and the age or role said after a name ("Kowalczyk,
  37," "Kowalczyk, a driver");
- **nouns of places and bodies** ("Street", "Oblast", "University", "Watch",
  "Pravda"): a run of capitalised words holding or followed by one names a
  street, a region or an organisation ("Taras Shevchenko Park", "Human Rights
  Watch"), not a private person.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from letopis.gazetteer.forms import analyzer

__all__ = ["TITLES", "ROLE_NOUNS", "given_name", "everyday", "uk_person", "is_place_or_body_noun", "not_a_name"]

# Titles before a name, and the gender they say (None: not said).
TITLES: dict[str, str | None] = {"mr": "masc", "mister": "masc", "mrs": "femn", "ms": "femn", "miss": "femn",
                                 "madam": "femn", "mx": None, "dr": None}

# English nouns that say who a person is: right before a capitalised word ("lawyer Anna Bilyk"), or after a
# name and "a"/"an"/"the" ("Kowalczyk, a driver"), they make the word a name.
ROLE_NOUNS = frozenset("""
man woman boy girl person resident residents local villager farmer worker driver teacher doctor nurse student
pensioner conscript recruit serviceman servicewoman soldier deserter veteran volunteer activist protester
lawyer attorney advocate journalist reporter blogger photographer priest pastor witness victim detainee
prisoner defendant plaintiff neighbour neighbor friend relative cousin uncle aunt wife husband son daughter
mother father brother sister grandson granddaughter grandfather grandmother partner fiance fiancee
officer officers policeman policewoman recruiter recruiters guard guards commander sergeant lieutenant
captain colonel major private corporal investigator prosecutor judge official employee named called
""".split())

# Nouns that, in or right after a run of capitalised words, make it a place or a body, not a person.
_PLACE_OR_BODY = frozenset("""
street st avenue ave prospekt prospect boulevard blvd lane road square park garden gardens embankment alley
highway bridge station airport port district raion oblast region province krai republic village town city
settlement hromada community metro market mall stadium hospital clinic school lyceum gymnasium college
university academy institute museum theatre theater library cathedral church monastery monument memorial
centre center council court tribunal ministry agency service office committee commission department bureau
directorate administration parliament rada duma government foundation fund group watch network project
initiative movement party union association alliance coalition brigade battalion regiment division corps
army navy guard forces police company corporation bank plant factory media news post times press herald
tribune journal gazette gazeta pravda radio tv television channel agency foundation prize award lab
""".split())

# Capitalised words that are never a person: months, weekdays.
_NOT_NAMES = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""".split())

# Given names that are also everyday English words: not a name alone ("Grace period", "Will the men…").
_EVERYDAY = frozenset("""
april august june may summer autumn winter dawn grace hope faith joy charity mercy patience constance
chase hunter mark bill frank guy don ray dean rose lily ivy amber ruby pearl jade crystal angel christian
will art rich sky star sunny holly heather daisy violet iris hazel olive robin jay drew gene carter mason
cash king prince major earl baron duke sterling golden case page price miles lane wade reed rod pat sue
nick bob sandy brook brooks clay glen forest river storm rain sage coral jasmine destiny trinity unique
precious honey justice liberty rocky buck colt ace lance gay harmony melody serenity blessing royal
general marshal victor victoria august georgia virginia carolina dakota jordan santa salvador santiago
alexandria paris florence austin dallas houston denver phoenix sydney india china asia africa
""".split())

_LOCALES = ("en_US", "en_GB", "en_IE", "pl_PL", "cs_CZ", "sk_SK", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_PT",
            "nl_NL", "ro_RO", "hu_HU", "hr_HR", "lt_LT", "lv_LV", "et_EE", "tr_TR", "az_AZ")


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str | None]:
    """Lowercase given name → gender ("masc", "femn", None when both lists hold it), from Faker's lists."""
    genders: dict[str, set[str]] = {}
    for locale in _LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute, gender in (("first_names_male", "masc"), ("first_names_female", "femn"),
                                  ("first_names", "")):
            for name in getattr(provider, attribute, None) or ():
                if name.isascii() and name.isalpha() and len(name) >= 3:
                    genders.setdefault(name.lower(), set()).add(gender)
    out: dict[str, str | None] = {}
    for name, found in genders.items():
        known = found - {""}
        out[name] = next(iter(known)) if len(known) == 1 else None
    return out


def given_name(word: str) -> tuple[bool, bool, str | None]:
    """(a given name?, one that is not also an everyday English word?, gender) of a lowercase Latin word."""
    names = _given_names()
    if word not in names or word in _NOT_NAMES:
        return False, False, None
    return True, word not in _EVERYDAY, names[word]


def not_a_name(word: str) -> bool:
    """A month or a weekday."""
    return word.lower() in _NOT_NAMES


def everyday(word: str) -> bool:
    """A given name that is also an everyday English word ("grace", "will", "june")."""
    return word.lower() in _EVERYDAY


def is_place_or_body_noun(word: str) -> bool:
    return word.lower().rstrip(".") in _PLACE_OR_BODY


# Latin back to Ukrainian Cyrillic: each spelling and what it may stand for, longest first.
_UK_BACK: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("shch", ("щ",)), ("zgh", ("зг",)), ("zh", ("ж",)), ("kh", ("х",)), ("ts", ("ц",)), ("ch", ("ч",)),
    ("sh", ("ш",)), ("yu", ("ю",)), ("iu", ("ю", "ію")), ("ya", ("я",)), ("ia", ("я", "ія")),
    ("ye", ("є", "ие")), ("ie", ("є", "іє")), ("yi", ("ї", "ий")), ("yo", ("йо",)), ("io", ("ьо", "іо")),
    ("iy", ("ій", "ий")), ("ii", ("ій", "ії")), ("a", ("а",)), ("b", ("б",)), ("v", ("в",)), ("w", ("в",)),
    ("h", ("г",)), ("g", ("ґ", "г")), ("d", ("д",)), ("e", ("е",)), ("z", ("з",)), ("y", ("и", "й")),
    ("i", ("і", "ї", "й")), ("k", ("к",)), ("l", ("л",)), ("m", ("м",)), ("n", ("н",)), ("o", ("о",)),
    ("p", ("п",)), ("r", ("р",)), ("s", ("с",)), ("t", ("т",)), ("u", ("у",)), ("f", ("ф",)),
    ("c", ("ц", "к")), ("x", ("кс",)), ("j", ("й",)), ("q", ("к",)),
)
_SOFTENED = set("лнтсдзц")
_CONSONANTS = set("бвгґджзйклмнпрстфхцчшщ")
_MAX_FORMS = 256


def uk_forms(word: str) -> set[str]:
    """Ukrainian Cyrillic spellings a lowercase Latin word may stand for, over every way of cutting it into
    the spellings above ("mariia": "марія"; "andrii": "андрій"); an apostrophe as a soft sign or itself; a
    soft sign tried after л, н, т, с, д, з, ц before a consonant or at the end ("olha": "ольга")."""
    out: set[str] = set()
    for form in _spellings(word, 0):
        out.add(form)
        soft = "".join(c + ("ь" if c in _SOFTENED and (k + 1 == len(form) or form[k + 1] in _CONSONANTS) else "")
                       for k, c in enumerate(form))
        out.add(soft)
    return out


def _spellings(word: str, at: int) -> list[str]:
    return list(_tails(word)[at])


def _tails(word: str) -> list[tuple[str, ...]]:
    """For each position of ``word``, the Cyrillic spellings of the rest of it (at most ``_MAX_FORMS``):
    built from the end, each rest once."""
    tails: list[tuple[str, ...]] = [()] * len(word) + [("",)]
    for at in range(len(word) - 1, -1, -1):
        if word[at] in "'’ʼ":
            heads = [("ь", 1), ("'", 1)]
        else:
            heads = [(c, len(latin)) for latin, cyrillic in _UK_BACK if word.startswith(latin, at) for c in cyrillic]
        out: list[str] = []
        for head, length in heads:
            out.extend(head + tail for tail in tails[at + length])
            if len(out) >= _MAX_FORMS:
                break
        tails[at] = tuple(out[:_MAX_FORMS])
    return tails


@lru_cache(maxsize=100_000)
def uk_person(word: str) -> tuple[bool, bool, str | None]:
    """(a name?, only ever a name?, gender) of a lowercase Latin word spelled back into Ukrainian: a name
    when the Ukrainian dictionary reads one of its spellings as a first name, surname or patronymic and
    not as a place; only a name when that spelling has no other reading at all."""
    if len(word) < 4 or not word.replace("'", "").replace("’", "").isalpha() or not word.isascii():
        return False, False, None
    morph = analyzer("uk")
    name = only = False
    genders: set[str] = set()
    for form in sorted(uk_forms(word)):
        if not morph.word_is_known(form):
            continue
        parses = [p for p in morph.parse(form) if p.is_known]
        grams = [set(str(p.tag).replace(" ", ",").split(",")) for p in parses]
        person = [p for p, g in zip(parses, grams, strict=True) if g & {"Name", "Surn", "Patr"}]
        if not person or any("Geox" in g for g in grams):
            continue
        name = True
        only = only or len(person) == len(parses)
        genders.update(str(p.tag.gender) for p in person if p.tag.case == "nomn" and p.tag.gender)
    return name, only, next(iter(genders)) if len(genders) == 1 else None
