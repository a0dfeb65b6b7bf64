"""The on-disk cache of the compiled index, keyed by a hash of its inputs and of this code.

Layout of the cache directory ($LETOPIS_CACHE, default ~/.cache/letopis):

    gazetteer-<hash>.pickle     the compiled index (place table, entries, automaton)
    gazetteer-imports/*.tsv     places imported from GeoNames dumps (see dump.py)
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import tempfile
import time
from pathlib import Path

from letopis.gazetteer import sources
from letopis.gazetteer.index import Index

log = logging.getLogger(__name__)

FORMAT_VERSION = "3"
_PREFIX = "gazetteer-"


def cache_root(cache_dir: Path | None = None) -> Path:
    if cache_dir is not None:
        return Path(cache_dir)
    env = os.environ.get("LETOPIS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "letopis"


def imports_dir(root: Path) -> Path:
    return root / "gazetteer-imports"


_MATCH_TIME = frozenset({"matcher.py", "gazetteer.py", "__init__.py"})


@functools.lru_cache(maxsize=1)
def _installed_hash() -> bytes:
    """The code of this package and the installed data files: they cannot change under a running process."""
    h = hashlib.sha256(FORMAT_VERSION.encode())
    # only the code that shapes the compiled index; matching-time code (matcher.py,
    # gazetteer.py) can change without a rebuild
    for path in sorted(p for p in Path(__file__).parent.glob("*.py") if p.name not in _MATCH_TIME):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    for path in sources.source_files():
        st = path.stat()
        h.update(f"{path.name}:{st.st_size}:{int(st.st_mtime)}".encode())
    return h.digest()


# imported dumps hashed by content, again only when their names, sizes or times change
_imports_seen: dict[Path, tuple[tuple[tuple[str, int, int], ...], bytes]] = {}


def _imports_hash(root: Path) -> bytes:
    imp = imports_dir(root)
    paths = sorted(imp.glob("*.tsv")) if imp.is_dir() else []
    stamp = tuple((p.name, st.st_size, st.st_mtime_ns) for p in paths for st in (p.stat(),))
    seen = _imports_seen.get(imp)
    if seen is not None and seen[0] == stamp:
        return seen[1]
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    _imports_seen[imp] = (stamp, h.digest())
    return h.digest()


def input_hash(root: Path) -> str:
    """Hash of the code of this package, the data files' sizes and dates, and the imported dumps.

    Called for every report (the engine asks for the gazetteer each time), so the parts
    that cannot change while a process runs are hashed once, and the imported dumps
    again only when their names, sizes or times change.
    """
    h = hashlib.sha256(_installed_hash())
    h.update(_imports_hash(root))
    return h.hexdigest()[:20]


def index_path(root: Path, digest: str) -> Path:
    return root / f"{_PREFIX}{digest}.pickle"


def load(path: Path) -> Index | None:
    try:
        t0 = time.monotonic()
        with open(path, "rb") as fh:
            index = pickle.load(fh)
        log.info("gazetteer loaded from %s in %.2fs", path, time.monotonic() - t0)
        return index if isinstance(index, Index) else None
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged or foreign cache file is rebuilt, not fatal
        log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
        return None


def save(index: Index, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for old in path.parent.glob(f"{_PREFIX}*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)
    log.info("gazetteer cache written: %s (%.1f MB)", path, path.stat().st_size / 1e6)
