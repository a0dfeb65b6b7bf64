"""The engine version: which engine made a record, so that a better one can re-read the archive.

``0.1.0+g1a2b3c4d.j5e6f7a8b.r9c0d1e2f``: the package version, then a short hash
of the gazetteer's data (its GeoNames and KATOTTG files and any imported dumps),
one of the judge's weights (``j-`` when the rules decide alone) and one of the
rules' code (the ``extract`` and ``gazetteer`` modules). Every record
stored and every ``derive`` custody entry carries it
(``docs/extraction.md``, *Engine version*).

The data files are about 80 MB: hashing them costs a third of a second, so
each file's digest is kept in the cache directory under its size and
modification time, and the version is computed once per process.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from letopis._version import __version__

__all__ = ["engine_version", "files_digest"]

log = logging.getLogger(__name__)

_CACHE_NAME = "engine-file-digests.json"
_lock = threading.Lock()
_versions: dict[bool, str] = {}


def engine_version(judged: bool = True) -> str:
    """The version of the engine as this process would build it (``judged``: with the judge's weights)."""
    with _lock:
        if judged not in _versions:
            from letopis.extract.judge import WEIGHTS_PATH
            from letopis.gazetteer import cache, sources

            root = cache.cache_root()
            gazetteer = files_digest([*sources.source_files(), *sorted(cache.imports_dir(root).glob("*.tsv"))], root)
            judge = files_digest([WEIGHTS_PATH], root) if judged and WEIGHTS_PATH.exists() else "-"
            rules = files_digest(_rule_files(), root)
            _versions[judged] = f"{__version__}+g{gazetteer[:8]}.j{judge[:8]}.r{rules[:8]}"
        return _versions[judged]


def _rule_files() -> list[Path]:
    """The extraction rules' own code (the engine's and the place matcher's modules): a changed rule
    is a new engine even when the package version and the data stay the same."""
    package = Path(__file__).resolve().parent.parent
    return sorted([*(package / "extract").rglob("*.py"), *(package / "gazetteer").glob("*.py")])


def files_digest(paths: Iterable[Path], cache_dir: Path | None = None) -> str:
    """SHA-256 over the files' names and contents (each file's digest cached under its size and mtime)."""
    known = _load(cache_dir)
    changed = False
    outer = hashlib.sha256()
    for path in paths:
        stat = path.stat()
        key = f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
        digest = known.get(key)
        if digest is None:
            digest = _hash_file(path)
            known[key] = digest
            changed = True
        outer.update(path.name.encode())
        outer.update(bytes.fromhex(digest))
    if changed and cache_dir is not None:
        _save(cache_dir, known)
    return outer.hexdigest()


def _hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _load(cache_dir: Path | None) -> dict[str, str]:
    if cache_dir is None:
        return {}
    try:
        data = json.loads((cache_dir / _CACHE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _save(cache_dir: Path, known: dict[str, str]) -> None:
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".engine-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(known, fh)
        os.replace(tmp, cache_dir / _CACHE_NAME)
    except OSError as exc:  # a read-only cache costs a third of a second per process, nothing more
        log.warning("could not write %s in %s: %s", _CACHE_NAME, cache_dir, exc)
