"""The Gazetteer: find mentions, resolve them to places, look names up."""

from __future__ import annotations

from collections.abc import Sequence

from letopis.gazetteer.index import Index, normalize
from letopis.gazetteer.matcher import Matcher
from letopis.gazetteer.model import Place, PlaceMention
from letopis.gazetteer.translit import fold_ascii, latin_spellings, uk_national


class Gazetteer:
    def __init__(self, index: Index) -> None:
        self.index = index
        self._matcher = Matcher(index)

    def __len__(self) -> int:
        return len(self.index.places)

    def find(self, text: str) -> list[PlaceMention]:
        """All place mentions in ``text``, non-overlapping, longest match first, in text order."""
        return self._matcher.find(text)

    def resolve(self, mention: PlaceMention, context: Sequence[PlaceMention] = ()) -> Place | None:
        """The candidate the context points to (its admin1 or country named nearby), else the most populous."""
        candidates = mention.candidates
        if mention.level in ("admin1", "country"):
            # "на Волині" names the region; a same-spelled town abroad (Wolin) is no candidate
            same_level = tuple(c for c in candidates if c.level == mention.level)
            candidates = same_level or candidates
        if not candidates:
            return None
        near_admin1: dict[tuple[str, str], int] = {}      # named region -> distance to the mention
        near_country: dict[str, int] = {}
        for other in context:
            if (other.start, other.end) == (mention.start, mention.end):
                continue
            distance = abs(other.start - mention.start)
            for place in other.candidates:
                if place.level == "admin1" and other.level == "admin1":
                    key = (place.country, place.admin1 or place.name)
                    near_admin1[key] = min(distance, near_admin1.get(key, distance))
                elif place.level == "country" and other.level == "country":
                    near_country[place.country] = min(distance, near_country.get(place.country, distance))
        if not near_admin1 and not near_country:
            return _by_own_name(mention.surface, candidates)

        def score(rank_place: tuple[int, Place]) -> tuple[int, int, int]:
            rank, place = rank_place
            key = (place.country, place.admin1 or "")
            if key in near_admin1:
                return (2, -near_admin1[key], -rank)
            if place.country in near_country:
                return (1, -near_country[place.country], -rank)
            return (0, 0, -rank)

        return max(enumerate(candidates), key=score)[1]

    def lookup(self, name: str, country: str | None = None) -> list[Place]:
        """Places with this name in any form (English, old spelling, Ukrainian/Russian, inflected)."""
        out: list[Place] = []
        for key in dict.fromkeys((normalize(name.strip()), normalize(fold_ascii(name.strip())))):
            entry = self.index.entry_for(key)
            if entry is None:
                continue
            groups = (entry[0],) if entry[0] else (entry[2], entry[3], entry[4])
            for group in groups:
                for place in self.index.places_of(group):
                    if place not in out and (country is None or place.country == country.upper()):
                        out.append(place)
        out.sort(key=lambda p: -p.population)
        return out

    def local_name(self, place: Place, lang: str) -> str | None:
        """The place's own name in ``lang`` (en, uk, ru), nominative; None when the gazetteer has none."""
        if lang == "en":
            return place.name
        names = getattr(self.index, "local_names", {}).get(place.id)
        if names is None:
            return None
        return names[0] if lang == "uk" else names[1] if lang == "ru" else None

    def place_of(self, name: str, admin1: str | None, country: str | None) -> Place | None:
        """The place a stored location names (its English name, region and country), or None."""
        if country and admin1 and name == admin1:
            return self.admin1_place(country, admin1)
        whole = self.country_place(country) if country else None
        if whole is not None and whole.name == name:
            return whole                                    # the country itself ("Ukraine")
        found = [p for p in self.lookup(name, country) if p.name == name]
        same = [p for p in found if p.admin1 == admin1]
        return (same or found)[0] if found else None

    def country_place(self, iso: str) -> Place | None:
        """The country (ISO 3166-1 alpha-2) as a Place at its capital, when the gazetteer has it."""
        i = self.index.admin1_by_name.get((iso.upper(), ""))
        return self.index.place(i) if i is not None else None

    def region_centre(self, place: Place) -> bool:
        """Whether a settlement is the administrative centre of its region (Kharkiv of Kharkiv Oblast)."""
        if place.admin1 is None:
            return False
        region = self.admin1_place(place.country, place.admin1)
        return region is not None and (region.lat, region.lon) == (place.lat, place.lon)

    def admin1_place(self, country: str, admin1: str) -> Place | None:
        """The region (by English name or ISO 3166-2 / GeoNames code) as a Place at its administrative centre."""
        i = self.index.admin1_by_name.get((country.upper(), admin1.strip().lower()))
        return self.index.place(i) if i is not None else None


def _by_own_name(surface: str, candidates: Sequence[Place]) -> Place:
    """The most populous candidate, unless a town of comparable size bears the name as its own:
    "Сміла" is Smila, not Izmail, whose old names include it (the spelling's first four letters
    decide, in the same country; a village does not outweigh a city: "Львове" stays Lviv, not Lvove;
    a renamed town keeps its old name: "Южному" is Pivdenne, not Yuzhnyy in Russia)."""
    top = candidates[0]
    if surface[:1].isascii() and "-" in surface:
        # a hyphenated Latin name is the town that bears it, not a bigger one with it among its alternate
        # names ("Bilhorod-Dnistrovsky" is the Odesa-region town, not Belgorod)
        spellings = {v.lower().replace("'", "") for v in latin_spellings(fold_ascii(surface))}
        own = [c for c in candidates if fold_ascii(c.name).lower().replace("'", "") in spellings]
        return top if not own or top in own else own[0]
    if not surface[:1].isalpha() or surface[:1].isascii():
        return top
    head = uk_national(surface).lower()[:4]
    if len(head) < 4 or fold_ascii(top.name).lower().startswith(head):
        return top
    own = [c for c in candidates if fold_ascii(c.name).lower().startswith(head) and c.country == top.country
           and c.population * OWN_NAME_SHARE >= top.population]
    return own[0] if own else top


OWN_NAME_SHARE = 10   # a town bearing the name as its own wins against one at most 10x as populous
