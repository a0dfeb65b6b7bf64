"""Gazetteer: place names in English, Ukrainian and Russian, in every case form, resolved to places.

    from letopis.gazetteer import load_gazetteer
    gaz = load_gazetteer()
    for m in gaz.find("У Харкові та на Одещині ..."):
        place = gaz.resolve(m, context)

See docs/gazetteer.md.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from letopis.gazetteer import cache, dump
from letopis.gazetteer.gazetteer import Gazetteer
from letopis.gazetteer.model import Place, PlaceMention

__all__ = ["Place", "PlaceMention", "Gazetteer", "load_gazetteer", "import_geonames_dump"]

log = logging.getLogger(__name__)
_lock = threading.Lock()
_loaded: dict[str, Gazetteer] = {}


def load_gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """The gazetteer, from the cache when it is current, else built (tens of seconds) and cached."""
    root = cache.cache_root(cache_dir)
    with _lock:
        digest = cache.input_hash(root)
        key = f"{root.resolve()}:{digest}"
        if key in _loaded:
            return _loaded[key]
        path = cache.index_path(root, digest)
        index = cache.load(path)
        if index is None:
            from letopis.gazetteer.build import build_index

            log.info("building the gazetteer (first use or changed inputs)")
            index = build_index(dump.read_imports(cache.imports_dir(root)))
            try:
                cache.save(index, path)
            except OSError as exc:
                log.warning("could not write gazetteer cache %s: %s", path, exc)
        gaz = Gazetteer(index)
        _loaded[key] = gaz
        return gaz


def import_geonames_dump(path: Path, cache_dir: Path | None = None) -> int:
    """Add the populated places of a GeoNames country dump; returns how many places are new."""
    cities = dump.parse_dump(Path(path))
    root = cache.cache_root(cache_dir)
    gaz = load_gazetteer(root)
    dump.write_import(cities, cache.imports_dir(root), Path(path))
    with _lock:
        from letopis.gazetteer.build import extend_index

        added = extend_index(gaz.index, cities)
        digest = cache.input_hash(root)
        cache.save(gaz.index, cache.index_path(root, digest))
        for key in [k for k in _loaded if k.startswith(f"{root.resolve()}:")]:
            del _loaded[key]
        _loaded[f"{root.resolve()}:{digest}"] = gaz
    log.info("imported %s: %d populated places, %d new", Path(path).name, len(cities), added)
    return added
