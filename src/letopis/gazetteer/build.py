"""Building the index from the sources: places, their name forms, adjectives, the automaton."""

from __future__ import annotations

import difflib
import logging
import time
from collections import defaultdict

import ahocorasick

from letopis.gazetteer import forms, local, regions, sources
from letopis.gazetteer.index import COMMON, LEN_BITS, MAX_KEY, PERSON, POP, Index, LEVEL, normalize
from letopis.gazetteer.regions import REGION_NOUN_EN, Region
from letopis.gazetteer.translit import fold_ascii, latin_spellings, ru_legacy, uk_national

log = logging.getLogger(__name__)

SMALL_PERSONLIKE = 10_000     # a personal-name form naming only places below this is dropped
FLAG_MAX_LEN = 10             # longer forms are not tested against the dictionaries (no clashes seen)


class Builder:
    def __init__(self) -> None:
        self.places: list[tuple] = []
        self.names: dict[str, set[int]] = defaultdict(set)
        self.adjectives: dict[str, tuple[set, set, set]] = defaultdict(lambda: (set(), set(), set()))
        self.admin1_by_name: dict[tuple[str, str], int] = {}
        self.centre_admin1: dict[int, list[int]] = defaultdict(list)
        self.city_district: dict[int, int] = {}
        self.by_gid: dict[int, int] = {}
        self.personlike: set[int] = set()
        self.local_names: dict[str, local.LocalNames] = {}

    # ------------------------------------------------------------ places and names
    def add_place(self, pid, name, admin1, country, lat, lon, population, level) -> int:
        self.places.append((pid, name, admin1, country, float(lat), float(lon), int(population), level))
        return len(self.places) - 1

    def add_latin(self, idx: int, name: str) -> None:
        for n in {v for plain in (name, fold_ascii(name)) for v in latin_spellings(plain)}:
            key = normalize(n.strip())
            if len(key) >= 3 and key not in regions.STOP_WORDS:
                self.names[key].add(idx)

    def add_cyrillic(self, idx: int, name: str, langs: tuple[str, ...] | None = None) -> None:
        if len(name) < 3 or name.lower() in regions.STOP_WORDS:
            return
        if " " not in name and forms.word_flags(normalize(name))[1]:
            self.personlike.add(idx)            # "Володимир", "Киров": its Latin names are person-like too
        for form in forms.name_forms(name, langs):
            form = normalize(form)
            if len(form) >= 3 and form not in regions.STOP_WORDS:
                self.names[form].add(idx)

    def add_adjective(self, adj: str, lang: str, admin1=None, district=None, settlement=None) -> None:
        for form in forms.adjective_forms(adj, lang):
            form = normalize(form)
            a, d, s = self.adjectives[form]
            if admin1 is not None:
                a.add(admin1)
            if district is not None:
                d.add(district)
            if settlement is not None:
                s.add(settlement)

    # ------------------------------------------------------------ compile
    def compile(self) -> Index:
        entries: list[tuple] = []
        entry_ids: dict[tuple, int] = {}
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        dropped = 0

        def order(idx):
            return sorted(idx, key=lambda i: (-self.places[i][POP], i))

        def entry_id(entry) -> int:
            if entry not in entry_ids:
                entry_ids[entry] = len(entries)
                entries.append(entry)
            return entry_ids[entry]

        no_adj = (set(), set(), set())
        for key in set(self.names) | set(self.adjectives):
            if len(key) > MAX_KEY:
                continue
            idx = self.names.get(key, set())
            a, d, s = self.adjectives.get(key, no_adj)
            common, person = forms.word_flags(key) if len(key) <= FLAG_MAX_LEN else (False, False)
            inferred = latin = latin_only = False
            if not person and idx and " " not in key and not forms.is_cyrillic(key):
                inferred = order(idx)[0] in self.personlike      # the main place's name is a personal name
                latin, latin_only = forms.latin_person(key)      # the word, back in Cyrillic, is a name
            flags = (COMMON if common else 0) | (PERSON if person or inferred or latin else 0)
            if idx and (person or latin_only) and all(self.places[i][POP] < SMALL_PERSONLIKE
                                      and self.places[i][LEVEL] == "settlement" for i in idx):
                dropped += 1
                idx = set()
            if not (idx or a or d or s):
                continue
            entry = (tuple(order(idx)), flags, tuple(order(a)), tuple(order(d)), tuple(order(s)))
            automaton.add_word(key, (entry_id(entry) << LEN_BITS) | len(key))
        automaton.make_automaton()
        log.info("index: %d places, %d keys, %d entries (%d person-like keys dropped)",
                 len(self.places), len(automaton), len(entries), dropped)
        return Index(self.places, entries, automaton, dict(self.admin1_by_name),
                     {k: list(v) for k, v in self.centre_admin1.items()}, dict(self.city_district),
                     local_names=dict(self.local_names))


# ---------------------------------------------------------------- Ukrainian names of UA cities

def _uk_name(city: sources.City, katottg_names: set[str]) -> str | None:
    """The Ukrainian Cyrillic name of a UA city: the one in KATOTTG, else the closest transliteration."""
    for n in city.cyrillic:
        if n.lower() in katottg_names:
            return n
    best, score = None, 0.0
    for n in city.cyrillic:
        s = difflib.SequenceMatcher(None, uk_national(n).lower(), city.name.lower()).ratio()
        s += 0.05 if set(n.lower()) & set("іїєґ") else 0
        if s > score:
            best, score = n, s
    return best if score >= 0.75 else None


def build_index(extra_cities: list[sources.City] = ()) -> Index:
    t0 = time.monotonic()
    b = Builder()
    cities = sources.load_cities()
    known = {c.gid for c in cities}
    cities += [c for c in extra_cities if c.gid not in known]
    katottg = sources.load_katottg()
    region_of = {(r.country, r.code): r for r in regions.REGIONS}
    us_states = sources.load_us_states()

    # KATOTTG oblast ids -> GeoNames admin1 codes
    kat_oblast: dict[str, str] = {}
    for row in katottg:
        if row.category == "O":
            for r in regions.UA_REGIONS:
                if r.uk and r.uk == row.name or (r.code == "11" and "Крим" in row.name):
                    kat_oblast[row.id] = r.code
        elif row.category == "K":
            kat_oblast[row.id] = "12" if row.name.startswith("Київ") else "20"
    kat_names_by_code: dict[str, set[str]] = defaultdict(set)
    for row in katottg:
        if row.category in "MTCXK" and row.oblast in kat_oblast:
            kat_names_by_code[kat_oblast[row.oblast]].add(row.name.lower())

    # ---- cities
    ua_by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for c in cities:
        _add_city(b, c, region_of, us_states, kat_names_by_code.get(c.admin1, set()), ua_by_name)
    log.info("cities indexed (%.1fs)", time.monotonic() - t0)

    # ---- regions
    region_idx = _add_regions(b, cities, katottg)
    log.info("regions indexed (%.1fs)", time.monotonic() - t0)
    _add_katottg(b, katottg, kat_oblast, ua_by_name, region_idx)
    log.info("katottg indexed (%.1fs)", time.monotonic() - t0)
    _add_us_states(b, cities, us_states)
    _add_countries(b)
    _add_renamed(b)
    _synthesize_districts(b)
    log.info("compiling (%.1fs)", time.monotonic() - t0)
    index = b.compile()
    log.info("gazetteer built in %.1fs", time.monotonic() - t0)
    return index


def _add_city(b: Builder, c: sources.City, region_of, us_states, kat_names: set[str], ua_by_name) -> int:
    region = region_of.get((c.country, c.admin1))
    admin1 = region.en if region else (us_states.get(c.admin1) if c.country == "US" else None)
    name = c.name
    uk = None
    if c.country == "UA":
        uk = _uk_name(c, kat_names)
        if uk:
            name = uk_national(uk)
    idx = b.add_place(f"geonames:{c.gid}", name, admin1, c.country, c.lat, c.lon, c.population, "settlement")
    b.by_gid[c.gid] = idx
    primary = list(dict.fromkeys([c.name, name]))
    ru = local.russian_name(c.cyrillic, [*primary, *c.latin], primary, uk) if c.cyrillic else None
    own = local.katottg_name(c.cyrillic, kat_names) if c.country == "UA" else None
    b.local_names[f"geonames:{c.gid}"] = (own or uk or local.ukrainian_name(c.cyrillic, primary, ru), ru)
    for n in {c.name, name, *c.latin}:
        b.add_latin(idx, n)
    for n in c.cyrillic:
        b.add_cyrillic(idx, n)
        if c.country == "UA":
            ua_by_name[(c.admin1, n.lower())].append(idx)
            if set(n.lower()) & set("іїєґ") or n == uk:
                b.add_latin(idx, uk_national(n))
            else:
                for legacy in ru_legacy(n):
                    b.add_latin(idx, legacy)
    return idx


def extend_index(index: Index, cities: list[sources.City]) -> int:
    """Add cities not yet in ``index`` (by GeoNames id) in place; returns how many were added."""
    present = {p[0] for p in index.places}
    new = [c for c in cities if f"geonames:{c.gid}" not in present]
    if not new:
        return 0
    b = Builder()
    b.places = list(index.places)
    region_of = {(r.country, r.code): r for r in regions.REGIONS}
    us_states = sources.load_us_states()
    for c in new:
        _add_city(b, c, region_of, us_states, set(), defaultdict(list))
    entries, automaton = index.entries, index.automaton
    for key, idx in b.names.items():
        if len(key) > MAX_KEY:
            continue
        old = index.entry_for(key) or ((), 0, (), (), ())
        merged = set(idx) | set(old[0])
        common, person = forms.word_flags(key) if len(key) <= FLAG_MAX_LEN else (False, False)
        flags = (COMMON if common else 0) | (PERSON if person else 0)
        entries.append((tuple(sorted(merged, key=lambda i: (-b.places[i][POP], i))), flags) + tuple(old[2:]))
        automaton.add_word(key, ((len(entries) - 1) << LEN_BITS) | len(key))
    automaton.make_automaton()
    index.places = b.places
    index.local_names.update(b.local_names)
    index._cache.clear()
    log.info("index extended by %d places", len(new))
    return len(new)


def _find_city(b: Builder, cities, country: str, code: str | None, name: str) -> int | None:
    best = None
    for c in cities:
        if c.country != country or (code is not None and c.admin1 != code):
            continue
        if c.name == name or name in c.latin:
            if best is None or c.population > best.population:
                best = c
    return b.by_gid[best.gid] if best else None


def _add_regions(b: Builder, cities, katottg) -> dict[str, int]:
    pop: dict[tuple[str, str], int] = defaultdict(int)
    for c in cities:
        pop[(c.country, c.admin1)] += c.population
    out = {}
    for r in regions.REGIONS:
        centre = _find_city(b, cities, r.country, r.code, r.centre) or _find_city(b, cities, r.country, None, r.centre)
        if centre is None:
            log.warning("no centre %s for %s", r.centre, r.en)
            continue
        cp = b.places[centre]
        idx = b.add_place(f"admin1:{r.iso}", r.en, r.en, r.country, cp[4], cp[5], max(pop[(r.country, r.code)],
                          cp[POP]), "admin1")
        out[r.code if r.country == "UA" else r.iso] = idx
        b.local_names[f"admin1:{r.iso}"] = local.region_names(r) if r.kind != "city" else b.local_names.get(
            cp[0], (None, None))
        for key in (r.en.lower(), r.iso.lower(), r.code):
            b.admin1_by_name.setdefault((r.country, key), idx)
        if r.kind == "city":
            continue
        b.centre_admin1[centre].append(idx)
        _region_names(b, r, idx, centre)
    return out


def _region_names(b: Builder, r: Region, idx: int, centre: int) -> None:
    b.add_latin(idx, r.en)
    nouns = REGION_NOUN_EN.get(r.kind, ("region",))
    for base in r.latin:
        for noun in nouns:
            b.add_latin(idx, f"{base} {noun}")
    if r.kind in ("oblast", "krai") and r.uk:
        adj_tr = uk_national(r.uk)
        for noun in nouns:
            b.add_latin(idx, f"{adj_tr} {noun}")
        b.add_adjective(forms.masculine_adjective(r.uk, "uk"), "uk", admin1=idx, settlement=centre)
        b.add_adjective(forms.masculine_adjective(r.ru, "ru"), "ru", admin1=idx, settlement=centre)
    elif r.uk:
        b.add_cyrillic(idx, r.uk)
        b.add_cyrillic(idx, r.ru)
    for alias in r.aliases:
        if forms.is_cyrillic(alias):
            b.add_cyrillic(idx, alias)
        else:
            b.add_latin(idx, alias)


def _add_katottg(b: Builder, katottg, kat_oblast, ua_by_name, region_idx) -> None:
    """KATOTTG raions as districts, and the settlements cities500 lacks (approximate, population 0)."""
    by_raion: dict[str, list] = defaultdict(list)
    for row in katottg:
        if row.category in "MT" and row.raion:
            by_raion[row.raion].append(row)
    raion_centre: dict[str, int] = {}
    added = districts = 0
    for row in katottg:
        if row.category != "P" or row.oblast not in kat_oblast:
            continue
        code = kat_oblast[row.oblast]
        admin1_idx = region_idx.get(code)
        stem = row.name.lower()
        best, best_len = None, 0
        for town in by_raion.get(row.id, []):
            t = town.name.lower()
            common = 0
            while common < min(len(t), len(stem)) and t[common] == stem[common]:
                common += 1
            if common >= max(3, len(t) - 2) and (common > best_len or (common == best_len and town.category == "M")):
                best, best_len = town, common
        centre = None
        if best is not None:
            cands = ua_by_name.get((code, best.name.lower()), [])
            centre = max(cands, key=lambda i: b.places[i][POP]) if cands else None
        if centre is None and admin1_idx is not None:
            centre_list = [i for i, a in b.centre_admin1.items() if admin1_idx in a]
            centre = centre_list[0] if centre_list else None
        if centre is None:
            continue
        cp = b.places[centre]
        centre_en = cp[1] if best is not None else uk_national(forms.masculine_adjective(row.name, "uk"))
        adm = b.places[admin1_idx][1] if admin1_idx is not None else None
        d_idx = b.add_place(f"katottg:{row.id}", f"{centre_en} Raion", adm, "UA", cp[4], cp[5], cp[POP], "district")
        districts += 1
        ru_centre = b.local_names.get(cp[0], (None, None))[1] if best is not None else None
        b.local_names[f"katottg:{row.id}"] = local.district_names(row.name, ru_centre)
        raion_centre[row.id] = centre
        if best is not None:
            b.city_district.setdefault(centre, d_idx)
        b.add_adjective(row.name, "uk", district=d_idx, settlement=centre if best is not None else None)
        for noun in ("district", "raion"):
            b.add_latin(d_idx, f"{centre_en} {noun}")
            b.add_latin(d_idx, f"{uk_national(row.name)} {noun}")
        if best is not None:
            for n in [k[1] for k, v in ua_by_name.items() if centre in v and not set(k[1]) & set("іїєґ")]:
                if n != best.name.lower():
                    b.add_adjective(forms.ru_adjective_of(n), "ru", district=d_idx, settlement=centre)
    # settlements cities500 lacks
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for row in katottg:
        if row.category not in "MTCX" or row.oblast not in kat_oblast:
            continue
        code = kat_oblast[row.oblast]
        key = (code, row.name.lower())
        seen[key] += 1
        if seen[key] <= len(ua_by_name.get(key, ())):
            continue
        centre = raion_centre.get(row.raion or "")
        if centre is None:
            continue
        cp = b.places[centre]
        admin1_idx = region_idx.get(code)
        adm = b.places[admin1_idx][1] if admin1_idx is not None else None
        idx = b.add_place(f"katottg:{row.id}", uk_national(row.name), adm, "UA", cp[4], cp[5], 0, "settlement")
        b.local_names[f"katottg:{row.id}"] = (row.name, None)
        b.add_cyrillic(idx, row.name, ("uk",))
        b.add_latin(idx, uk_national(row.name))
        added += 1
    log.info("katottg: %d districts, %d approximate settlements", districts, added)


def _add_us_states(b: Builder, cities, states: dict[str, str]) -> None:
    best: dict[str, sources.City] = {}
    pop: dict[str, int] = defaultdict(int)
    for c in cities:
        if c.country == "US":
            pop[c.admin1] += c.population
            if c.admin1 not in best or c.population > best[c.admin1].population:
                best[c.admin1] = c
    for code, name in states.items():
        c = best.get(code)
        if c is None:
            continue
        idx = b.add_place(f"admin1:US-{code}", name, name, "US", c.lat, c.lon, pop[code], "admin1")
        b.admin1_by_name[("US", name.lower())] = idx
        b.admin1_by_name[("US", f"us-{code.lower()}")] = idx
        b.add_latin(idx, name)


def _add_countries(b: Builder) -> None:
    info = sources.load_countries()
    for c in regions.COUNTRIES:
        row = info.get(c.iso, {})
        capital = _find_capital(b, c.iso, row.get("capital", ""))
        if capital is None:
            continue
        cp = b.places[capital]
        idx = b.add_place(f"country:{c.iso}", row.get("name", c.en[0]), None, c.iso, cp[4], cp[5],
                          int(row.get("population") or 0), "country")
        b.admin1_by_name[(c.iso, "")] = idx
        b.local_names[f"country:{c.iso}"] = local.country_names(c)
        for n in c.en:
            b.add_latin(idx, n)
        for n in c.uk:
            b.add_cyrillic(idx, n, ("uk",))
        for n in c.ru:
            b.add_cyrillic(idx, n, ("ru",))


def _find_capital(b: Builder, iso: str, capital: str) -> int | None:
    """The capital by name (any of its names: "Nur-Sultan" is Astana), else the largest city."""
    named = [i for i in b.names.get(normalize(capital), ()) if b.places[i][3] == iso]
    pool = named or [i for i, p in enumerate(b.places) if p[3] == iso and p[LEVEL] == "settlement"]
    return max(pool, key=lambda i: b.places[i][POP]) if pool else None


def _add_renamed(b: Builder) -> None:
    for alias, (country, target) in regions.RENAMED.items():
        found = [i for i, p in enumerate(b.places)
                 if p[3] == country and p[LEVEL] == "settlement" and p[1] == target]
        if not found:
            key = normalize(target)
            found = [i for i in b.names.get(key, ()) if b.places[i][3] == country]
        if not found:
            log.warning("renamed: no place %s for %s", target, alias)
            continue
        best = max(found, key=lambda i: b.places[i][POP])
        if forms.is_cyrillic(alias):
            b.add_cyrillic(best, alias)
        else:
            b.add_latin(best, alias)


def _synthesize_districts(b: Builder) -> None:
    """Adjectives of a city with no district of their own ("Белгородский районный суд") get one at the city."""
    for key, (a, d, s) in list(b.adjectives.items()):
        if d or not s:
            continue
        for city in s:
            if city not in b.city_district:
                cp = b.places[city]
                b.city_district[city] = b.add_place(f"district:{cp[0]}", f"{cp[1]} District", cp[2], cp[3],
                                                    cp[4], cp[5], cp[POP], "district")
            d.add(b.city_district[city])
