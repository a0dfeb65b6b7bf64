"""Lists of labelled items: one incident per place-labelled paragraph.

Digests and official round-ups tell several cases of one kind as a list whose
items open with the place they happened in and a colon ("Poltava region: a
surgeon sold fake certificates …", "Київщина: …", "Москва: …"). The items
often carry no event verb of their own: the lead says what they all are ("law
enforcement officers exposed six schemes"). Each item is then an incident of
the lead's kind, placed by its label, unless the rules already made a record
inside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from letopis.extract.counts import count_people
from letopis.extract.location import PRECISION, to_location
from letopis.extract.segment import Unit
from letopis.extract.summary import placed_copy
from letopis.gazetteer import Gazetteer, PlaceMention
from letopis.model import Record

# After the place name: a region word at most, then the colon ("Kyiv:", "Poltava region:", "Одеська область:").
_LABEL_TAIL = re.compile(r"(?:[ \t]+(?:region|oblast|область|области|обл\.|край|krai))?[ \t]*:[ \t]+\S",
                         re.IGNORECASE)
# An item must name something of the field itself: a shelling round-up labelled by region is not a list of cases.
_FIELD_CUES = frozenset({"recruitment", "mobilize", "evasion", "desert", "border", "crossing", "censorship", "summons",
                         "legal", "court", "verdict", "detain", "protest", "offence", "wartime_offence", "bribe"})
LEAST_ITEMS = 2


def labelled_items(records: list[Record], text: str, units: Sequence[Unit], mentions: Sequence[PlaceMention],
                   gazetteer: Gazetteer) -> list[Record]:
    """``records`` with one more incident for every place-labelled item of a list the rules left without one."""
    lead = next((r for r in records if r.kind == "incident"), None)
    if lead is None:
        return records
    items = _items(text, units, mentions)
    if len(items) < LEAST_ITEMS:
        return records
    # the items are what the text before the list tells ("officers detained eight organisers of schemes")
    first = items[0][1][0].start
    lead_type = next((u.event_type for u in units if u.start < first and u.event_type is not None), None)
    if lead_type is not None:
        lead = replace(lead, event_type=lead_type)
    out = list(records)
    for mention, paragraph in items:
        start, end = paragraph[0].start, paragraph[-1].end
        if any(start <= r.start < end for r in records):
            continue
        if not _FIELD_CUES.intersection(name for u in paragraph for name in u.cues):
            continue
        place = gazetteer.resolve(mention, mentions)
        if place is None:
            continue
        location = to_location(place, PRECISION.get(place.level, 3))
        body = text[start:end]
        counts = count_people(body, paragraph[0].lang, event_type=lead.event_type,
                              cues={name for u in paragraph for name in u.cues})
        out.append(placed_copy(lead, location, counts, lang=paragraph[0].lang, quote=body, start=start, end=end,
                               confidence=min(lead.confidence, 0.5), gazetteer=gazetteer))
    return sorted(out, key=lambda r: r.start)


def _items(text: str, units: Sequence[Unit], mentions: Sequence[PlaceMention]) -> list[tuple[PlaceMention,
                                                                                              list[Unit]]]:
    """The paragraphs that open with a place and a colon, with that place."""
    by_start = {m.start: m for m in mentions if m.level in ("settlement", "admin1") and m.candidates and not m.in_org}
    paragraphs: dict[int, list[Unit]] = {}
    for unit in units:
        paragraphs.setdefault(unit.paragraph_start, []).append(unit)
    found = []
    for start, paragraph in paragraphs.items():
        mention = by_start.get(start)
        if mention is not None and _LABEL_TAIL.match(text, mention.end):
            found.append((mention, paragraph))
    return found
