"""Places told as a list: one incident per town a sentence enumerates.

A report often tells one kind of act in several towns at once: "about three
thousand people came out in Kyiv, Odesa, Sumy and Kharkiv", or, after its own
case, "similar arsons were recorded in Rossosh, Kazan, Omsk and Kaluga". A
monitor records one incident per town (each has its own place, and each is
corroborated on its own); the rules made one record at most, placed by one of
the towns. Two shapes are read:

* **The lead's list.** The sentence a record opens with names two or more towns
  as its scene (after "in"/"у"/"в" or "the streets of"), joined by commas and a
  final conjunction (a preposition may repeat: "в Твери и Воронеже"). The
  record becomes one record per town, the counts staying with the town the
  record was placed in (a figure for all towns belongs to none).
* **Similar acts elsewhere.** A later sentence that calls its acts similar
  ("аналогичные", "подобные", "схожі", "similar", "the same kind") and names
  towns other than the record's tells one more incident of the record's kind
  and date in each of them.

A list that also names a region or a country ("in Siberia, the Urals, Tver
and Voronezh") is the report's summary of a wave, not a list of cases: it is
left as it is, and so is a wave counted by its towns ("in 36 Russian cities,
over half in St. Petersburg and Moscow"). So is a route or a span ("between
Kyiv and Lviv", "from Odesa to Chop") and an address ("у Харкові на
Салтівці"): only commas and "and"/"і"/"та"/"и"/"або"/"или" may join the towns.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from types import SimpleNamespace

from letopis.extract.location import PRECISION, to_location
from letopis.extract.segment import Unit
from letopis.extract.summary import placed_copy
from letopis.gazetteer import Gazetteer, Place, PlaceMention
from letopis.model import Location, Record

# What may stand between two towns of one list: a comma or a conjunction, and a repeated preposition.
# A comma or a conjunction must stand there: "Kharkiv, Saltivka:" and "у Харкові на Салтівці" give an
# address, a town and its quarter, not a list; and the last two towns are joined by a conjunction.
_CONJUNCTION = r"(?:and|or|і|й|та|або|и|или|а также)"
_JOIN = re.compile(r"(?:\s*,\s*(?:" + _CONJUNCTION + r"\s+)?|\s+" + _CONJUNCTION + r"\s+)"
                   r"(?:(?:in|at|у|в|во|на)\s+)?(?:(?:the\s+)?(?:city|town|village|місті|городе|селі|селе)\s+(?:of\s+)?)?",
                   re.IGNORECASE)
_LAST_JOIN = re.compile(r"[\s,]*" + _CONJUNCTION + r"\s", re.IGNORECASE)
# A list that opens a span or a route is no list of scenes.
_SPAN_BEFORE = re.compile(r"(?<!\w)(?:between|from|між|поміж|від|з|із|между|от|из|до|to|through|через)\s+"
                          r"(?:(?:the\s+)?(?:city|town|міст\w*|город\w*)\s+(?:of\s+)?)?$", re.IGNORECASE)
# Acts called like the one told before.
_SIMILAR = re.compile(r"(?<!\w)(?:аналогічн\w*|аналогичн\w*|подібн\w*|подобн\w*|схож\w*|такі ж|такие же|"
                      r"similar|the same kind|likewise)(?!\w)", re.IGNORECASE)
_LIST_JOIN = r"(?:\s*,\s*|\s+(?:and|or|і|й|та|або|и|или)\s+)(?:(?:in|at|у|в|во|на)\s+)?"
_NAME = r"[A-ZА-ЯІЇЄҐЁ][\w'’-]+"
_NAME_JOINED_BEFORE = re.compile(_NAME + r"(?:\s+" + _NAME + r")?" + _LIST_JOIN + r"$")
_NAME_JOINED_AFTER = re.compile(_LIST_JOIN + r"(?:[а-яіїєґёa-z]+\s+)?" + _NAME)
# "в Харкові на Салтівці", "in Kyiv at Maidan": a quarter after its town is no town of its own
_ADDRESS_GAP = re.compile(r"\s+(?:на|в|у|in|at)\s+")
_SCENE_BEFORE = re.compile(r"(?:(?<!\w)(?:in|at|near|у|в|во|біля|під|возле|около|под)\s+"
                           r"(?:(?:the\s+)?(?:city|town|village|місті|городе|селі|селе|селищі|поселке)\s+(?:of\s+)?)?"
                           r"|[—–]\s*)$", re.IGNORECASE)
_STREETS_BEFORE = re.compile(r"(?:вулиц\w*|улиц\w*|streets of|площах|площадях)\s+$", re.IGNORECASE)
# "in 36 Russian cities … over half in St. Petersburg and Moscow", "в 38 городах": a wave counted by its
# towns, with its biggest named, is one record
_TOWNS_COUNTED = re.compile(r"(?<!\w)\d+\s+(?:[\w-]+\s+)?(?:cities|towns|regions|городах|городов|регионах|регионов|"
                            r"містах|міст|регіонах|регіонів|областях|областей)(?!\w)", re.IGNORECASE)
LEAST_TOWNS = 2


def town_lists(records: list[Record], text: str, units: Sequence[Unit], mentions: Sequence[PlaceMention],
               gazetteer: Gazetteer) -> list[Record]:
    """``records`` with one incident per town of a list (see the module's text)."""
    incidents = sorted((r for r in records if r.kind == "incident"), key=lambda r: r.start)
    if not incidents:
        return records
    out: list[Record] = []
    added: list[Record] = []
    starts = [u.start for u in units]
    for record in records:
        if record.kind != "incident":
            out.append(record)
            continue
        # the record's first unit that names an act (units come in text order: a bisection finds its first)
        lead = next((u for u in units[bisect_left(starts, record.start):]
                     if u.start >= record.end or u.cues), None)
        if lead is not None and lead.start >= record.end:
            lead = None
        listed = _town_list(text, lead) if lead is not None else []
        places = _distinct(gazetteer, listed, mentions)
        if len(places) >= LEAST_TOWNS and _placed_by_list(record.location, places):
            out.extend(_one_per_town(record, places, gazetteer))
        else:
            out.append(record)
    for unit in units:
        if not _SIMILAR.search(unit.text):
            continue
        before = [r for r in incidents if r.start <= unit.start]
        if not before:
            continue
        told = before[-1]
        named = unit.places
        towns: list[PlaceMention] = []
        for i, m in enumerate(named):
            if not _a_town(m) or _SPAN_BEFORE.search(text[max(0, m.start - 30):m.start]):
                continue
            if i and _ADDRESS_GAP.fullmatch(text, named[i - 1].end, m.start):
                continue
            # the scene of the act: after a locative word ("у Чернівцях", "in the town of Tver", "— Омске"), or
            # listed after such a town; not a landmark's name ("під стінами Ратуші")
            if _SCENE_BEFORE.search(text, max(0, m.start - 40), m.start) \
                    or (towns and _JOIN.fullmatch(text, towns[-1].end, m.start)):
                towns.append(m)
        for place in _distinct(gazetteer, towns, mentions):
            if not _at(place, told.location):
                added.append(_copy(told, place, text[unit.start:unit.end], unit.start, unit.end, gazetteer,
                                   keep_counts=False))
    return sorted(out + added, key=lambda r: r.start)


def _a_town(mention: PlaceMention) -> bool:
    return mention.level == "settlement" and bool(mention.candidates) and not mention.in_org


def _town_list(text: str, unit: Unit) -> list[PlaceMention]:
    """The longest run of towns in ``unit`` joined only by commas and conjunctions, when every place
    the run's sentence names next to it is a town."""
    best: list[PlaceMention] = []
    run: list[PlaceMention] = []
    for mention in unit.places:
        if run and _JOIN.fullmatch(text, run[-1].end, mention.start):
            run.append(mention)
        else:
            if len(run) > len(best):
                best = run
            run = [mention]
    if len(run) > len(best):
        best = run
    if len(best) < LEAST_TOWNS or not all(_a_town(m) for m in best):
        return []
    if not _LAST_JOIN.match(text, best[-2].end) or _TOWNS_COUNTED.search(unit.text):
        return []
    # the towns are the scene ("in Lviv, Dnipro and Rivne", "на вулиці Києва, Одеси та Харкова"), not a list of
    # names told for themselves ('three directions: "Rava-Ruska, Ustyluh and Uhryniv"')
    if not (_SCENE_BEFORE.search(text, max(0, best[0].start - 40), best[0].start)
            or _STREETS_BEFORE.search(text, max(0, best[0].start - 30), best[0].start)):
        return []
    if _SPAN_BEFORE.search(text[max(0, best[0].start - 30):best[0].start]):
        return []
    # a neighbour joined to the run that is no town ("в Сибири, на Урале, в Твери и Воронеже",
    # "у Києві, Одесі та Харківській області"): the list sums up a wave
    if _NAME_JOINED_BEFORE.search(text, max(0, best[0].start - 40), best[0].start) \
            or _NAME_JOINED_AFTER.match(text, best[-1].end):
        return []
    return best


def _distinct(gazetteer: Gazetteer, towns: Sequence[PlaceMention], mentions: Sequence[PlaceMention]) -> list[Place]:
    places: dict[tuple[float, float], Place] = {}
    for mention in towns:
        place = gazetteer.resolve(mention, mentions)
        if place is not None:
            places.setdefault(_key(place), place)
    return list(places.values())


def _key(place: Place) -> tuple[float, float]:
    """The place's coordinates as a location keeps them (five decimals)."""
    return round(place.lat, 5), round(place.lon, 5)


def _at(place: Place, location: Location | None) -> bool:
    return location is not None and _key(place) == (location.lat, location.lon)


def _placed_by_list(location: Location | None, places: Sequence[Place]) -> bool:
    """The record has no town of its own outside the list: it is unplaced, placed by a region or a
    country, or placed in one of the listed towns."""
    if location is None or location.geo_precision > 1:
        return True
    return any(_at(p, location) for p in places)


def _one_per_town(record: Record, places: Sequence[Place], gazetteer: Gazetteer) -> list[Record]:
    own = next((p for p in places if _at(p, record.location)), places[0])
    return [_copy(record, place, record.quote, record.start, record.end, gazetteer, keep_counts=place is own)
            for place in places]


def _copy(record: Record, place: Place, quote: str, start: int, end: int, gazetteer: Gazetteer,
          keep_counts: bool) -> Record:
    counts = SimpleNamespace(fatalities=record.fatalities if keep_counts else None,
                             injured=record.injured if keep_counts else None,
                             detained=record.detained if keep_counts else None)
    return placed_copy(record, to_location(place, PRECISION["settlement"]), counts, lang=record.language,
                       quote=quote, start=start, end=end, gazetteer=gazetteer,
                       confidence=record.confidence if keep_counts else min(record.confidence, 0.5))
