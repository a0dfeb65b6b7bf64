"""The compiled index: a place table, name entries and the Aho-Corasick automaton over all name forms.

Built once by :mod:`letopis.gazetteer.build`, then pickled by :mod:`letopis.gazetteer.cache`.
Places are kept as plain tuples and turned into :class:`Place` objects on demand.

Automaton value = ``entry_index << 7 | len(key)``. An entry is
``(places, flags, admin1, districts, settlements)``: ``places`` are the places this
form names; the last three are filled when the form is also a relative adjective
("харківський", "кременчуцький", "курской") that names a region, a raion or a city
together with the word after it (область, районний, міський ...).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from letopis.gazetteer.model import Place

log = logging.getLogger(__name__)

COMMON = 1      # the form is also an ordinary word: needs a capital and must not start a sentence
PERSON = 2      # the form is also a personal name
LEN_BITS = 7
MAX_KEY = (1 << LEN_BITS) - 1

# Place tuple layout
ID, NAME, ADMIN1, COUNTRY, LAT, LON, POP, LEVEL = range(8)


def normalize(text: str) -> str:
    """Lowercase with the same length, apostrophes unified, ё -> е."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return low.translate(_NORM)


_NORM = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "′": "'", "ё": "е", "\u00a0": " ", "\t": " ",
                       "\u2009": " ", "\u202f": " "})


@dataclass
class Index:
    places: list[tuple]
    entries: list[tuple]
    automaton: object
    admin1_by_name: dict[tuple[str, str], int]      # (country, lowercase English name or ISO code) -> place
    centre_admin1: dict[int, list[int]]              # settlement place -> admin1 places it is the centre of
    city_district: dict[int, int]                    # settlement place -> district place centred on it
    # place id -> (Ukrainian, Russian) nominative name, None where unknown (see local.py)
    local_names: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    _cache: dict[int, Place] = field(default_factory=dict, repr=False)

    def place(self, i: int) -> Place:
        p = self._cache.get(i)
        if p is None:
            t = self.places[i]
            p = Place(t[ID], t[NAME], t[ADMIN1], t[COUNTRY], t[LAT], t[LON], t[POP], t[LEVEL])
            self._cache[i] = p
        return p

    def places_of(self, indices) -> tuple[Place, ...]:
        return tuple(self.place(i) for i in indices)

    def entry_for(self, key: str) -> tuple | None:
        value = self.automaton.get(key, None)
        if value is None:
            return None
        return self.entries[value >> LEN_BITS]

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_cache"] = {}
        return state
