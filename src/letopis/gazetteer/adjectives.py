"""Settlements named by an adjective the index does not hold: "Лисянський районний суд",
"Чутівського районного суду", "Хабаровский краевой суд", "Сызранский НПЗ".

The index knows the adjectives of regions and of today's districts. Courts, recruitment
offices and plants keep the adjectives of towns and of districts abolished in 2020, and
Russian towns are rarely listed with their adjective. This pass derives the town from
the adjective by the regular rules of word formation and keeps it only when the index
knows a settlement of that name and an institution word follows (районний суд, РТЦК,
НПЗ, завод, военкомат …), so an ordinary adjective ("Восточный", "Центральний") does not
become a village.
"""

from __future__ import annotations

import re

from letopis.gazetteer.index import COUNTRY, LEVEL, POP, Index, normalize

# Capitalised relative adjective: stem + ськ/цьк/зьк (uk) or ск/цк/зк (ru) + case ending.
_ADJECTIVE = re.compile(
    r"(?<![\w'’-])([А-ЯІЇЄҐЁ][а-яіїєґё'’]+?)(ськ|цьк|зьк|ск|цк|зк)"
    r"(ий|ого|ому|им|ім|ій|а|ої|у|ою|е|і|их|ими|ый|ом|ая|ой|ую|ое|ые|ых|ыми)(?![\w'’])")
# What makes the adjective name a place: an institution or unit of that town or district.
_INSTITUTION = re.compile(
    r"[ \t]+(?:(?:районн|міськрайонн|міськ|городск|горрайонн|межрайонн|міжрайонн|окружн|гарнізонн|"
    r"гарнизонн|обласн|областн)\w*[ \t]+)?"
    r"(?:суд|тцк|ртцк|оргтцк|військкомат|военкомат|відділ|отдел|прокуратур|нпз|завод|комбінат|комбинат|"
    r"район|р-н|госпітал|госпиталь|лікарн|больниц|прикордонн|пограничн|загін|отряд|гарнізон|гарнизон)",
    re.IGNORECASE)
_DISTRICT_WORD = re.compile(r"[ \t]+(?:районн|район|р-н|межрайонн|міжрайонн|міськрайонн|горрайонн)",
                            re.IGNORECASE)

# Consonant alternations between a town and its adjective: Кобеляки -> Кобеляцький,
# Чутове -> Чутівський, Яворів -> Яворівський, Бобровиця -> Бобровицький.
_STEM_VARIANTS = (("ц", "к"), ("ц", "ч"), ("з", "г"), ("ч", "к"))
_ENDINGS = ("", "а", "я", "ка", "и", "і", "е", "о", "ь", "ки", "ці", "ы", "ск")
# Linking syllables between a town and its adjective: Ялта -> ялтинский, Сочи -> сочинский,
# Пенза -> пензенский, Уфа -> уфимский, Ялта -> ялтинський
_INFIXES = frozenset({"ин", "ін", "ен", "им", "ім"})


def _candidates(stem: str, suffix: str) -> list[str]:
    stems = [stem]
    for a, b in _STEM_VARIANTS:
        if suffix.startswith(a) and not stem.endswith(a):
            stems.append(stem + b)
    short = ""
    if len(stem) > 3 and stem[-2:].lower() in _INFIXES:
        short = stem[:-2]
        stems.append(short)                           # Ялтин- -> Ялт-а, Сочин- -> Соч-и, Пензен- -> Пенз-а
    if len(stem) > 2 and stem[-2] == "і":
        stems.append(stem[:-2] + "о" + stem[-1])   # Чутів- -> Чутов-е
        stems.append(stem[:-2] + "е" + stem[-1])   # Мукачів- -> Мукачев-о
    out = []
    for s in stems:
        out.extend(s + e for e in _ENDINGS)
    if suffix in ("ск", "цк"):
        out.append(stem + suffix)                    # Хабаровск-ий, Мценск-ий
    if short:
        out.extend((short + "ый", short + "ий"))     # Прохладнен- -> Прохладн-ый
    return out


# National adjectives ("Молдовські прикордонники", "румынские пограничники"): a nation, not a village whose
# name happens to be that adjective
NATIONAL = re.compile(r"(?:українськ|украинск|російськ|российск|русск|руськ|ukrainian|russian|"
                      r"молдовськ|молдавськ|молдавск|молдовск|румунськ|румынск|угорськ|венгерск|польськ|польск|"
                      r"словацьк|словацк|білоруськ|белорусск|грузинськ|грузинск|казахськ|казахск|"
                      r"moldovan|romanian|hungarian|polish|slovak|belarusian|georgian)", re.IGNORECASE)


def derived_mentions(text: str, index: Index, covered: bytearray) -> list[list]:
    """Hits ``[start, end, level, in_org, indices]`` for town adjectives followed by an institution,
    outside the characters ``covered`` by mentions already found."""
    hits: list[list] = []
    for m in _ADJECTIVE.finditer(text):
        start, end = m.start(), m.end()
        if any(covered[start:end]):
            continue
        if not _INSTITUTION.match(text, end) or NATIONAL.match(text, start, end):
            continue   # "Молдовські прикордонники": Moldova's border guards, not a village's
        stem, suffix = m.group(1), m.group(2)
        towns: dict[int, None] = {}
        for form in _candidates(stem, suffix):
            entry = index.entry_for(normalize(form))
            if entry is not None:
                towns.update((i, None) for i in entry[0] if index.places[i][LEVEL] == "settlement")
        if towns:
            level = "district" if _DISTRICT_WORD.match(text, end) else "settlement"
            # a Cyrillic institution adjective names a Ukrainian or Russian town before a namesake abroad
            ranked = tuple(sorted(towns, key=lambda i: (index.places[i][COUNTRY] not in ("UA", "RU"),
                                                        -index.places[i][POP])))
            hits.append([start, end, level, True, ranked])
    return hits


# "Восточный окружной военный суд", "Центральный районный суд": an adjective before a court
# word names the court's circuit, not a village of that spelling.
COURT_CIRCUIT = re.compile(r"[ \t]+(?:окружн|військов|военн|апеляційн|апелляционн|гарнізонн|гарнизонн)\w*[ \t]+"
                           r"(?:\w+[ \t]+)?(?:суд|прокуратур)", re.IGNORECASE)
