"""Writing a static site into a folder, one public incident shape at a time.

:class:`SiteWriter` takes the shapes the publish use case streams (already
redacted) and writes, for each, one page per language (``{lang}/incidents/{id}.html``)
and one row of the marker data; :meth:`SiteWriter.finish` writes the map,
timeline and "about" pages, the data files read by the pages' script (plain
``.js`` files assigning a global: ``fetch()`` of a local file fails from
``file://``) and copies the browser libraries and the offline outlines.

The marker rows are the same in every language: ``[id, lat, lon, type, region,
place, date, geo_precision]``, the last five being indexes into the
language's tables (``data/tables.{lang}.js``: type names, region names,
place names, dates written out with their first and last day). Only the tables
are kept in memory (one entry per distinct place or date); the rows are
written as they come.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from babel.dates import format_date

from letopis.gazetteer import Gazetteer
from letopis.publish.site import pages
from letopis.publish.vendor import OUTLINE_COUNTRIES, outline_topology
from letopis.publish.writer import IncidentFacts, PlaceText, place_name, place_text, type_title, when, write_incident
from letopis.timespan import date_span

__all__ = ["SiteWriter", "VENDOR_FILES", "DATA_GLOBAL", "TABLES_GLOBAL", "OUTLINES_GLOBAL"]

DATA_GLOBAL = "LETOPIS_ROWS"
TABLES_GLOBAL = "LETOPIS_TABLES"
OUTLINES_GLOBAL = "LETOPIS_OUTLINES"

# A text, its language and the language wanted → its machine translation, or None (not translated).
Translate = Callable[[str | None, str | None, str], str | None]
STATIC = Path(__file__).parent / "static"

# What the site copies from node_modules: (source under node_modules, target under assets/).
VENDOR_FILES = (
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"), ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster/leaflet.markercluster.js"),
    ("leaflet.markercluster/dist/MarkerCluster.css", "leaflet.markercluster/MarkerCluster.css"),
    ("topojson-client/dist/topojson-client.min.js", "topojson-client/topojson-client.min.js"),
    *((f"leaflet/dist/images/{name}", f"leaflet/images/{name}")
      for name in ("layers.png", "layers-2x.png", "marker-icon.png", "marker-icon-2x.png", "marker-shadow.png")),
)


def js_global(name: str, value: Any) -> str:
    """``window.NAME = <JSON>;`` (the reread check parses it back)."""
    return f"window.{name} = " + json.dumps(value, ensure_ascii=False, separators=(",", ":")) + ";\n"


class _Tables:
    """One language's tables; an entry's index is shared by every language (keys are added in one order)."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}

    def add(self, key: Any) -> int:
        if key not in self.index:
            self.index[key] = len(self.index)
        return self.index[key]


class SiteWriter:
    """Writes a site into ``root`` (an empty folder) in ``langs``, with libraries from ``modules``."""

    def __init__(self, root: Path, langs: Sequence[str], gazetteer: Gazetteer, modules: Path,
                 translate: Translate | None = None) -> None:
        self.root, self.langs, self.gazetteer, self.modules = root, tuple(langs), gazetteer, modules
        self.translate = translate
        self.count = 0
        self.types, self.regions, self.places, self.dates = _Tables(), _Tables(), _Tables(), _Tables()
        for lang in self.langs:
            (root / lang / "incidents").mkdir(parents=True)
        (root / "data").mkdir()
        self._rows: TextIO = (root / "data" / "markers.js").open("w", encoding="utf-8")
        self._rows.write(f"window.{DATA_GLOBAL} = [\n")
        self._place = lru_cache(maxsize=100_000)(self._place_uncached)
        self._region = lru_cache(maxsize=10_000)(self._region_uncached)
        self._when = lru_cache(maxsize=100_000)(when)

    # ------------------------------------------------------------------ texts

    def _place_uncached(self, name: str, admin1: str | None, country: str | None,
                        precision: int | None) -> PlaceText:
        return place_text(self.gazetteer, name, admin1, country, precision)

    def _region_uncached(self, country: str | None, admin1: str | None, lang: str) -> str | None:
        if country and admin1:
            place = self.gazetteer.admin1_place(country, admin1)
            return (self.gazetteer.local_name(place, lang) if place else None) or admin1
        if country:
            whole = self.gazetteer.country_place(country)
            return (self.gazetteer.local_name(whole, lang) if whole else None) or country
        return None

    def _texts(self, shape: Mapping[str, Any], lang: str) -> dict[str, str | None]:
        location = shape.get("location") or {}
        place = (self._place(location["name"], location.get("admin1"), location.get("country"),
                             location.get("geo_precision")) if location.get("name") else None)
        facts = IncidentFacts(shape["event_type"], shape.get("date"), shape.get("date_precision"), place,
                              shape.get("fatalities"), shape.get("injured"), shape.get("detained"),
                              tuple(shape.get("actors") or ()), location.get("country"))
        date_words = self._when(shape.get("date"), shape.get("date_precision"), lang)
        region = self._region(location.get("country"), location.get("admin1"), lang) if location else None
        return {"paragraph": write_incident(facts, lang), "date": _capital(date_words),
                "place": place_name(place, lang) if place else None,
                "region": region if region != (place_name(place, lang) if place else None) else None,
                "country": None}

    # ------------------------------------------------------------------ per incident

    def add(self, shape: Mapping[str, Any], files: Sequence[Sequence[Any]] = ()) -> None:
        """Write an incident's pages and its marker row; ``files``: for each source, the clean copies of its
        images and PDFs already in the site (:class:`letopis.services.site_files.PublishedFile`), if any."""
        number = int(shape["id"])
        for lang in self.langs:
            published = [_published(s.get("published"), lang) for s in shape.get("sources") or []]
            text = pages.incident_page(shape, lang, self._texts(shape, lang), published, files,
                                       self._machine(shape, lang))
            (self.root / lang / pages.incident_path(number)).write_text(text, encoding="utf-8")
        self._rows.write(("," if self.count else "") + json.dumps(self._row(shape), separators=(",", ":")) + "\n")
        self.count += 1

    def _machine(self, shape: Mapping[str, Any], lang: str) -> dict[str, str | None]:
        """Machine translations into ``lang`` of the summary, the sources' titles and their quotes in another
        language (none without a translator); a source's title is taken to be in its report's language."""
        if self.translate is None:
            return {}
        out = {"summary": self.translate(shape.get("summary"), shape.get("language"), lang)}
        for n, source in enumerate(shape.get("sources") or []):
            out[f"title:{n}"] = self.translate(source.get("title"), source.get("language"), lang)
            out[f"quote:{n}"] = self.translate(source.get("quote"), source.get("language"), lang)
        return out

    def _row(self, shape: Mapping[str, Any]) -> list[Any]:
        location = shape.get("location") or {}
        lat, lon = location.get("lat"), location.get("lon")
        region = (self.regions.add((location.get("country"), location.get("admin1")))
                  if location.get("admin1") or location.get("country") else -1)
        place = (self.places.add((location["name"], location.get("admin1"), location.get("country"),
                                  location.get("geo_precision"))) if location.get("name") else -1)
        day = self.dates.add((shape["date"], shape.get("date_precision"))) if shape.get("date") else -1
        return [int(shape["id"]), None if lat is None else round(lat, 5), None if lon is None else round(lon, 5),
                self.types.add(shape["event_type"]), region, place, day, location.get("geo_precision")]

    # ------------------------------------------------------------------ the rest

    def finish(self) -> None:
        """Close the rows and write the tables, the pages of each language, the libraries and outlines."""
        self._rows.write("];\n")
        self._rows.close()
        for lang in self.langs:
            self._write(f"data/tables.{lang}.js", js_global(TABLES_GLOBAL, self._tables(lang)))
            self._write(f"{lang}/index.html", pages.index_page(lang))
            self._write(f"{lang}/timeline.html", pages.timeline_page(lang))
            self._write(f"{lang}/about.html", pages.about_page(lang, self.count))
        self._write("index.html", pages.root_page(self.langs))
        self._copy_assets()

    def _tables(self, lang: str) -> dict[str, Any]:
        def dates(key: tuple[str, str | None]) -> list[str | None]:
            start, end = date_span(*key)
            return [_capital(self._when(key[0], key[1], lang)) or key[0], _iso(start), _iso(end)]

        return {"types": [[t, type_title(t, lang)] for t in self.types.index],
                "regions": [[f"{c or ''}/{a or ''}", self._region(c, a, lang) or a or c or ""]
                            for c, a in self.regions.index],
                "places": [place_name(self._place(*key), lang) for key in self.places.index],
                "dates": [dates(key) for key in self.dates.index]}

    def _write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def _copy_assets(self) -> None:
        for source, target in VENDOR_FILES:
            path = self.root / "assets" / target
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.modules / source, path)
        for name in ("site.js", "site.css"):
            shutil.copyfile(STATIC / name, self.root / "assets" / name)
        self._write("assets/outlines.js", outlines_script(self.modules))


@lru_cache(maxsize=2)
def outlines_script(modules: Path) -> str:
    """The offline base map as a script: the world's countries and the regions of the outlined countries."""
    world = json.loads((modules / "world-atlas" / "countries-50m.json").read_text(encoding="utf-8"))
    regions = {}
    for code in OUTLINE_COUNTRIES:
        topology = outline_topology(modules, code)
        if topology is not None:
            regions[code] = json.loads(topology)
    return js_global(OUTLINES_GLOBAL, {"world": world, "regions": regions})


def _capital(text: str | None) -> str | None:
    return text[:1].upper() + text[1:] if text else text


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


_PUBLISHED: Callable[[str, str], str] = lru_cache(maxsize=10_000)(
    lambda value, lang: format_date(datetime.fromisoformat(value).date(), "long", locale=lang).replace("\u202f", " "))


def _published(value: str | None, lang: str) -> str | None:
    try:
        return _PUBLISHED(value, lang) if value else None
    except ValueError:
        return value
