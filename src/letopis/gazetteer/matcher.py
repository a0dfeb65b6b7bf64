"""Finding place mentions: one Aho-Corasick pass over the lowercased text, then filters.

A raw hit is kept when it sits on word boundaries, passes the capitalisation rules
(settlements and districts need a capital letter in the original text; forms that are
also ordinary words need a capital and must not start a sentence) and, for adjectives,
is followed by a region/district/city word. Organisation patterns then set ``in_org``
and the level the organisation covers. Overlaps are settled longest-first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from letopis.gazetteer import orgs
from letopis.gazetteer.adjectives import COURT_CIRCUIT, NATIONAL, derived_mentions
from letopis.gazetteer.index import COMMON, LEN_BITS, LEVEL, PERSON, POP, Index, normalize
from letopis.gazetteer.model import PlaceMention

_CYR = frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяыэъё")
_OPENERS = set(" \t\"'«»“”„(—–-[*•")
_ENDERS = set(".!?…\n")


def _word_char(ch: str) -> bool:
    return ch.isalnum()


def _boundary_before(norm: str, start: int) -> bool:
    if start == 0:
        return True
    ch = norm[start - 1]
    if _word_char(ch):
        return False
    return not (ch == "'" and start >= 2 and norm[start - 2] in _CYR)


def _boundary_after(norm: str, end: int) -> bool:
    if end >= len(norm):
        return True
    ch = norm[end]
    if _word_char(ch):
        return False
    return not (ch == "'" and end + 1 < len(norm) and norm[end + 1] in _CYR)


def forms_adjectival(norm: str, start: int, end: int) -> bool:
    return norm[start:end].endswith(("ий", "ій", "ый", "ой", "ська", "цька", "ская", "цкая", "ське", "ское"))


# A word opening its line and followed by a colon, or by a comma and a day of the month: a label
# ("Джерело:", "Автор:") or a weekday in a byline ("П'ятниця, 3 липня 2015, 13:41").
_LABEL_AFTER = re.compile(r"\s*(?::|,\s*\d{1,2}\s)")


def _label(text: str, start: int, end: int) -> bool:
    return (start == 0 or text[start - 1] == "\n") and bool(_LABEL_AFTER.match(text, end))


# An institution's name built on an ordinary adjective or noun: the word is no village there.
_ADJECTIVE_FORM = re.compile(r"(?:ого|его|ому|ом|ем|ое|ее|ій|ий|ый|ой|ая|яя|ське|ское|цьке|цкое)$")
_INSTITUTION_AFTER = re.compile(
    r"[ \t\n]+(?:(?:\w+[ \t]+)?(?:межрегиональн\w*|міжрегіональн\w*)[ \t]+)?"
    r"(?:следствен\w*|слідч\w*|управлен\w*|управлінн\w*|тцк|ртцк|отдел\w*|відділ\w*|прокуратур\w*|"
    r"військкомат\w*|военкомат\w*|межрегиональн\w*|міжрегіональн\w*|районн\w+ суд\w*|"
    r"окружн\w* (?:військов\w* )?суд\w*|гарнизонн\w*)")
_RANK_BEFORE = re.compile(r"(?:верховн|конституційн|конституционн|апеляційн|апелляционн|касаційн|кассационн|"
                          r"высш|вищ)\w*[ \t]+$")


def next_to_name(text: str, start: int, end: int) -> bool:
    """A capitalised word right after, or (not at a sentence start) right before, the match."""
    after = text[end:end + 2]
    if len(after) == 2 and after[0] == " " and after[1].isupper():
        return True
    i = start - 1
    if i < 1 or text[i] != " ":
        return False
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    word = text[j:i]
    if len(word) < 2 or not word[0].isupper():
        return False
    # a capitalised word before it at a sentence start is a first name when the dictionaries say
    # so ("Денис Молотов" on a byline line is a man, not Perm's old name)
    return not sentence_initial(text, j) or _first_name(word)


@lru_cache(maxsize=65_536)   # a dictionary look-up of one word: the same answer every time
def _first_name(word: str) -> bool:
    from letopis.gazetteer.forms import analyzer
    from letopis.gazetteer.translit import ru_from_latin

    low = word.lower()
    if not any(ch in _CYR for ch in low):
        # a Latin spelling of a Russian or Ukrainian first name ("Vera Kotova", "Sergei Sokolov")
        return low.isascii() and any(any("Name" in p.tag for p in analyzer("ru").parse(form)[:2])
                                     for form in ru_from_latin(low))
    lang = "uk" if any(ch in low for ch in "іїєґ") else "ru"
    return any("Name" in p.tag for p in analyzer(lang).parse(low)[:2])


def _first_name_before(text: str, start: int) -> bool:
    """The word right before is a capitalised first name ("Zhanna Romanovskaya", "Роман Іванів")."""
    i = start - 1
    if i < 2 or text[i] != " ":
        return False
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    word = text[j:i]
    return len(word) >= 3 and word[0].isupper() and word[1:].islower() and _may_be_first_name(word)


def _stem(name: str) -> str:
    """A surname's stem across its case forms ("ivanov", "ivanova", "романовской" -> "романовск")."""
    return name[:max(4, len(name) - 2)]


@lru_cache(maxsize=65_536)
def _may_be_first_name(word: str) -> bool:
    """Any dictionary reading of the word, in either language, is a first name ("Roman" is a novel
    first); the analysers' guesses for unknown words do not count."""
    from letopis.gazetteer.forms import analyzer
    from letopis.gazetteer.translit import ru_from_latin

    low = word.lower()
    if low.isascii():
        return any("Name" in p.tag and p.is_known for form in ru_from_latin(low) for p in analyzer("ru").parse(form))
    return any("Name" in p.tag and p.is_known for lang in ("uk", "ru") for p in analyzer(lang).parse(low))


SMALL_TOWN = 50_000
# A newspaper's or a site's name made of a place and a media word: the outlet, not the place.
_OUTLET_AFTER = re.compile(r" (?:Times|Post|Independent|Journal|Herald|Tribune|Telegraph|Gazette|Daily|Insider|"
                           r"Observer|Chronicle|Courier|Reporter|Weekly)(?![\w-])")
# The region nouns ("Полтавщина", "Харківщини", "Смоленщину"): no common word reads so at a sentence start.
_REGION_NOUN = re.compile(r"щин[аиуіе]$|щиной$|щиною$")
_LATIN_WORD = re.compile(r" ([A-Z][a-z]{3,})\b")


def _surname_after(text: str, end: int) -> bool:
    """A capitalised Latin word right after that reads, back in Russian, as a personal name."""
    m = _LATIN_WORD.match(text, end)
    return bool(m) and text[end - 1].isascii() and _latin_name(m.group(1).lower())


@lru_cache(maxsize=65_536)
def _latin_name(key: str) -> bool:
    from letopis.gazetteer.forms import latin_person

    return latin_person(key)[0]


_NEXT_NAME = re.compile(r" ([A-ZА-ЯІЇЄҐЁ][\w'’-]*)")
_SETTLEMENT_WORD_BEFORE = re.compile(r"(?:\bс\.|\bм\.|смт|сел\w*|сил\w*|місто|міста|місті|город\w*|деревн\w*|"
                                     r"village|town)[ \t]*$", re.IGNORECASE)


def _capital_after(text: str, end: int) -> bool:
    """A capitalised word right after, on the same line, that is no adjective ("Богдан Рахівського району"
    names the village)."""
    m = _NEXT_NAME.match(text, end)
    return bool(m) and not _ADJECTIVE_FORM.search(m.group(1).lower())


def sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _ENDERS or "\n" in text[i + 1:start]


class Matcher:
    def __init__(self, index: Index) -> None:
        self.ix = index

    def _level(self, indices) -> str:
        return self.ix.places[indices[0]][LEVEL]

    def _plain(self, text, norm, start, end, entry):
        indices, flags = entry[0], entry[1]
        if not indices:
            return None
        level = self._level(indices)
        capital = text[start].isupper()
        if flags & COMMON and (not capital or sentence_initial(text, start)) \
                and not (level == "admin1" and capital and _REGION_NOUN.search(norm, start, end)):
            return None         # a common word; but "Полтавщина: …" opening a line names the region
        if flags & PERSON and level == "settlement" and next_to_name(text, start, end):
            return None         # "Володимир Зеленський", "Vladimir Putin": a person, not the city
        if _OUTLET_AFTER.match(text, end):
            return None         # "The Moscow Times", "the Kyiv Independent", "the New York Times": an outlet
        if level == "settlement" and self.ix.places[indices[0]][POP] < SMALL_TOWN and _surname_after(text, end):
            return None         # "Vera Kotova": a first name before a Latin surname, not the village
        if level == "settlement" and self.ix.places[indices[0]][POP] < SMALL_TOWN and _capital_after(text, end) \
                and capital and norm[start] in _CYR and _may_be_first_name(text[start:end]) \
                and not _SETTLEMENT_WORD_BEFORE.search(text, max(0, start - 12), start):
            return None         # "Станіслав Свирид" in a photo credit: a man, not the village Stanislav
        if not capital and (level in ("settlement", "district") or norm[start] not in _CYR):
            return None         # lowercase is accepted only for Cyrillic region and country names
        if level == "settlement" and self.ix.places[indices[0]][POP] < SMALL_TOWN and _label(text, start, end):
            return None         # "Джерело: …", "П'ятниця, 3 липня 2015": a label or a weekday line, not a village
        if level == "settlement" and (flags & COMMON or _ADJECTIVE_FORM.search(norm, start, end)) \
                and (_INSTITUTION_AFTER.match(norm, end) or _RANK_BEFORE.search(norm, max(0, start - 30), start)):
            return None         # "Восточное следственное управление", "Подільського ТЦК", "Верховного Суду"
        if level == "settlement" and _not_a_settlement(text, norm, start, end):
            return None
        if level == "settlement" and forms_adjectival(norm, start, end) and (
                orgs.adjective_scope(norm, end) or COURT_CIRCUIT.match(norm, end)):
            return None         # "Ленинский районный суд": an adjective of a city district, not the village
        in_org = False
        scope = orgs.english_scope(norm, end)
        if scope is not None:
            new_level, new_end = scope
            mapped = self._map_scope(indices, level, new_level)
            if mapped:
                return start, new_end, new_level, True, mapped
        if level in ("admin1", "district") and orgs.org_follows(norm, end):
            in_org = True
        return start, end, level, in_org, indices

    def _map_scope(self, indices, level, scope):
        if scope == level:
            return indices
        if level != "settlement":
            return ()
        if scope == "settlement":
            return indices
        if scope == "admin1":
            out = []
            for i in indices:
                out.extend(a for a in self.ix.centre_admin1.get(i, ()) if a not in out)
            return tuple(out)
        if scope == "district":
            return tuple(self.ix.city_district[i] for i in indices if i in self.ix.city_district)
        return ()

    def _adjective(self, norm, start, end, entry):
        if not (entry[2] or entry[3] or entry[4]):
            return None
        scope = orgs.adjective_scope(norm, end)
        if scope is None:
            return None
        level, in_org, new_end = scope
        indices = {"admin1": entry[2], "district": entry[3], "settlement": entry[4]}[level]
        if not indices:
            return None
        return start, new_end, level, in_org, indices

    def find(self, text: str) -> list[PlaceMention]:
        norm = normalize(text)
        ix = self.ix
        found = []
        surnames: set[str] = set()   # settlement names written after a first name: persons' surnames
        for last, value in ix.automaton.iter(norm):
            end = last + 1
            start = end - (value & ((1 << LEN_BITS) - 1))
            if not (_boundary_before(norm, start) and _boundary_after(norm, end)):
                continue
            entry = ix.entries[value >> LEN_BITS]
            if entry[0] and text[start].isupper() and self._level(entry[0]) == "settlement" \
                    and _first_name_before(text, start):
                surnames.add(_stem(norm[start:end]))
            hit = self._adjective(norm, start, end, entry) or self._plain(text, norm, start, end, entry)
            if hit is not None:
                found.append(hit)
        if surnames:   # "Roman Ivanov" ... "Ivanov's mother": the person wherever the report names him
            found = [h for h in found if h[2] != "settlement" or _stem(norm[h[0]:h[1]]) not in surnames]
        chosen = []
        covered = bytearray(len(text) + 1)   # characters already in a longer match
        for hit in sorted(found, key=lambda h: (-(h[1] - h[0]), h[0])):
            if any(covered[hit[0]:hit[1]]):
                continue
            covered[hit[0]:hit[1]] = b"\x01" * (hit[1] - hit[0])
            chosen.append(list(hit))
        chosen.extend(derived_mentions(text, ix, covered))
        chosen.sort(key=lambda h: h[0])
        self._courts(norm, chosen)
        return [PlaceMention(s, e, text[s:e], level, in_org, ix.places_of(idx))
                for s, e, level, in_org, idx in chosen if idx]

    def _courts(self, norm: str, chosen: list[list]) -> None:
        """"<X> районный суд <City>": the city is the org's seat; a district adjective before it is dropped."""
        for hit in chosen:
            if hit[2] != "settlement" or hit[3]:
                continue
            lb = orgs.court_before(norm, hit[0])
            if lb is None:
                continue
            hit[3] = True
            for other in chosen:
                if other is not hit and other[0] < hit[0] and other[1] >= lb - 1 and other[2] == "district":
                    other[4] = ()


# Streets, squares and metro stations are often named after cities ("Lisova metro
# station", "вулиця Київська", "на проспекті Гагаріна"): such a name is no settlement.
_STREET_AFTER = re.compile(
    r"[ \t]+(?:street|st\b|avenue|ave\b|square|boulevard|lane|road|highway|metro|station|"
    r"вулиц\w*|проспект\w*|площ\w*|станці\w*|метро|бульвар\w*|шосе|улиц\w*|площад\w*|станци\w*|шоссе)\b")
_STREET_BEFORE = re.compile(
    r"(?:\bвул\.|вулиц\w*|просп\.|проспект\w*|\bпров\.|провулк\w*|площ\w*|станці\w* метро|метро|"
    r"\bул\.|улиц\w*|переул\w*|площад\w*|станци\w* метро|бульвар\w*|шосе|шоссе|"
    r"street|avenue|square|metro station)[ \t]*$")
# English words that are also names of far-away towns (world cities >= 15,000) or old
# city names; capitalised in titles and compounds ("Central District Court", "Molotov
# cocktail", "Independence Square"), never meant as a place in our reports.
_ENGLISH_CLASHES = frozenset({"central", "independence", "molotov", "victoria", "liberty", "union",
                              "progress", "industrial", "metro", "university", "annex", "federal", "national",
                              "soviet", "republic"})
_VERB_AFTER = re.compile(r"[ \t]+[a-zа-яіїєґё]")
_OUTLET_BEFORE = re.compile(
    r"(?:news agency|agency|newspaper|outlet|tv channel|channel|видання|агентств\w*|газет\w*|телеканал\w*|"
    r"издани\w*|інформагентств\w*|информагентств\w*)[ \t]+[«\"“]?$")
_ADJECTIVE_END = ("ий", "ій", "ый", "ой", "ого", "ому", "ім", "ым", "ая", "яя", "ої", "ою", "ое", "ее",
                  "не", "ке", "ве")
_NEXT_WORD = re.compile(r"[ \t]+([а-яіїєґё'’-]+)")


# "Українська пісня", "Русский дом": a national adjective, not Ukrainsk or Russkiy
_NATIONAL = NATIONAL


def _not_a_settlement(text: str, norm: str, start: int, end: int) -> bool:
    surface = text[start:end]
    if _NATIONAL.match(surface):
        return True
    if surface.isupper() and len(surface) <= 3:
        return True     # abbreviations: "СОЧ" (unauthorised absence) is not Sochi
    if surface.isupper() and len(surface) <= 6 and (text[start - 1:start] in ("/", "(")
                                                    or text[end:end + 1] in ("/", ")")) and start > 0:
        return True     # an agency's mark in a dateline ("MOSCOW, 9 February. /TASS/.", "(TASS)")
    if surface.isupper() and len(surface) <= 5 and _VERB_AFTER.match(text, end):
        return True     # an outlet's acronym ("TASS reported"), not a town ("KYIV —", "ЛЬВІВ:" are)
    if _OUTLET_BEFORE.search(norm, max(0, start - 30), start):
        return True     # "news agency TASS", "видання Суспільне", "телеканал Дождь"
    if surface[0].isascii() and _cyrillic_around(norm, start, end):
        return True     # a Latin name in Cyrillic prose is a brand or a model ("на Audi Q7", "Seat Alhambra")
    if norm[start:end] in _ENGLISH_CLASHES:
        return True
    if _modifies_next_noun(norm, start, end):
        return True
    if _STREET_AFTER.match(norm, end) or _LANDMARK_AFTER.match(text, end):
        return True
    street = _STREET_BEFORE.search(norm, max(0, start - 25), start)
    # "на Михайлівській площі Києва", "на Пушкинской площади Москвы": a street with its own name (an
    # adjective) before it, and the city it lies in after it
    if street is None or _STREETS_OF.search(norm, max(0, street.start() - 25), street.end()):
        return False
    return not _NAMED_BEFORE.search(text, max(0, street.start() - 30), street.start())


# The streets of a city, in the plural: no street is named that way ("на вулицях Києва", "улицами Москвы",
# "вийшли на вулиці Харкова", "вышли на улицы Омска")
_STREETS_OF = re.compile(r"(?:вулицях|вулицями|улицах|улицами|"
                         r"(?:вийш\w*|вийт\w*|виход\w*|вышл\w*|вышел|выйт\w*|выход\w*)[ \t]+на[ \t]+(?:вулиці|улицы))"
                         r"[ \t]*$")


# A landmark's proper name ("the Solovetsky Stone", "Pushkin Monument", "Kazan Cathedral"): the noun
# capitalised with it, so "a Moscow memorial" stays Moscow.
_LANDMARK_AFTER = re.compile(r"[ \t]+(?:Stone|Monument|Memorial|Cathedral|Park|Bridge|Embankment|Museum|"
                             r"Theatre|Theater|Stadium|Garden|Gardens|Boulevard|Prospekt)\b")
_NAMED_BEFORE = re.compile(
    r"(?<![\w'’-])[А-ЯІЇЄҐЁ][\w'’-]+(?:ій|ой|ий|ый|ая|яя|а|я|ої|ою|ом|ем|ому|ему|ого|ей|ім|ым)[ \t]+$")


_CYR_LETTER = re.compile(r"[а-яіїєґё]")
_LAT_LETTER = re.compile(r"[a-z]")


def _cyrillic_around(norm: str, start: int, end: int) -> bool:
    around = norm[max(0, start - 60):start] + norm[end:end + 60]
    if not _CYR_LETTER.search(around):
        return False    # English prose: the common case, decided at once
    cyrillic, latin = len(_CYR_LETTER.findall(around)), len(_LAT_LETTER.findall(around))
    return cyrillic + latin >= 20 and cyrillic >= 0.8 * (cyrillic + latin)


def _modifies_next_noun(norm: str, start: int, end: int) -> bool:
    """An adjective-like name before a lowercase noun names that noun, not a settlement.

    "Центральний ринок", "Южный рынок", "Павлове поле": the word agrees with the noun
    after it (a market, a field), and a village of the same spelling is not meant.
    "У Южному затримали" keeps its town: a verb follows, not a noun.
    """
    word = norm[start:end]
    if " " in word or not word.endswith(_ADJECTIVE_END) or word[0] not in _CYR:
        return False
    match = _NEXT_WORD.match(norm, end)
    if match is None:
        return False
    following = match.group(1)
    # two words do not always tell Ukrainian from Russian ("Центрального ринку"): the letters
    # of the text around them do
    around = norm[max(0, start - 200):end + 200]
    lang = "uk" if any(ch in following + word for ch in "іїєґ") or (
        any(ch in around for ch in "іїєґ") and not any(ch in around for ch in "ыэъ")) else "ru"
    return _agrees_in(lang, word, following)


@lru_cache(maxsize=65_536)
def _agrees_in(lang: str, word: str, following: str) -> bool:
    from letopis.gazetteer.forms import analyzer

    return _agrees(analyzer(lang), word, following)


def _agrees(morph, word: str, following: str) -> bool:
    """``word`` is an adjective that agrees with the noun ``following`` in case and number."""
    own = morph.parse(word)
    if not any(p.tag.POS == "ADJF" for p in own):
        return False    # "в Москве полиция …": a noun-like name before a noun is still the city
    parses = morph.parse(following)
    if not (parses and parses[0].tag.POS == "NOUN" and parses[0].score >= 0.3):
        return False
    # the adjective must agree with the noun: "Центральний ринок", but not "У Хмельницькому
    # працівники ТЦК" (a locative town before a nominative plural subject)
    adjectives = [p.tag for p in own if p.tag.POS == "ADJF"]
    nouns = [p.tag for p in parses if p.tag.POS == "NOUN"]
    return any(a.case == n.case and a.number == n.number for a in adjectives for n in nouns)
