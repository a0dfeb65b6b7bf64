"""Importing a full GeoNames country dump (UA.txt, RU.txt ...) for the villages cities500 lacks.

The dump is the tab-separated GeoNames "geoname" table (19 columns). Populated places
(feature class P) are copied, in a normalized form, into the cache's import folder;
the index is then rebuilt with them.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from letopis.gazetteer import sources

log = logging.getLogger(__name__)

_COLUMNS = 19


def parse_dump(path: Path) -> list[sources.City]:
    """Populated places of a GeoNames dump; ValueError with a one-line message on a malformed file."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    cities: list[sources.City] = []
    rows = 0
    try:
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                line = line.rstrip("\n").rstrip("\r")
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.split("\t")
                if len(cols) != _COLUMNS:
                    raise ValueError(f"{path.name}: line {lineno}: expected {_COLUMNS} tab-separated GeoNames "
                                     f"columns, found {len(cols)}")
                try:
                    gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
                    pop = int(cols[14] or 0)
                except ValueError:
                    raise ValueError(f"{path.name}: line {lineno}: bad id, coordinates or population") from None
                if not (-90 <= lat <= 90 and -180 <= lon <= 180) or len(cols[8]) != 2:
                    raise ValueError(f"{path.name}: line {lineno}: coordinates or country code out of range")
                rows += 1
                if cols[6] != "P":
                    continue
                alternates = [a for a in cols[3].split(",") if a]
                latin, cyr = sources.clean_alternates(alternates, keep_latin=True, keep_cyrillic=True)
                cities.append(sources.City(gid, cols[1], lat, lon, cols[8].upper(), cols[10], pop,
                                           [cols[2], *latin] if cols[2] else latin, cyr))
    except UnicodeDecodeError:
        raise ValueError(f"{path.name}: not UTF-8 text, not a GeoNames dump") from None
    if rows == 0:
        raise ValueError(f"{path.name}: no GeoNames rows found")
    return cities


def write_import(cities: list[sources.City], folder: Path, source: Path) -> Path:
    """Store the parsed places as a TSV named by a hash of the source file (re-importing replaces it)."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(Path(source).read_bytes()).hexdigest()[:12]
    out = folder / f"{Path(source).stem}-{digest}.tsv"
    for old in folder.glob(f"{Path(source).stem}-*.tsv"):
        if old != out:
            old.unlink()
    with open(out, "w", encoding="utf-8") as fh:
        for c in cities:
            fh.write("\t".join([str(c.gid), c.name, f"{c.lat}", f"{c.lon}", c.country, c.admin1,
                                str(c.population), "|".join(c.latin), "|".join(c.cyrillic)]) + "\n")
    return out


def read_imports(folder: Path) -> list[sources.City]:
    cities = []
    if not folder.is_dir():
        return cities
    for path in sorted(folder.glob("*.tsv")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                gid, name, lat, lon, cc, a1, pop, latin, cyr = line.rstrip("\n").split("\t")
                cities.append(sources.City(int(gid), name, float(lat), float(lon), cc, a1, int(pop),
                                           [x for x in latin.split("|") if x], [x for x in cyr.split("|") if x]))
    return cities
