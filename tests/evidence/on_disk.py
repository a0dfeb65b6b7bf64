"""Tests' hands on the evidence store's files: where an object's bytes are, flipping one, taking one away."""

from __future__ import annotations

import os
from pathlib import Path

from letopis.evidence.packs import ENTRY_SIZE, INDEX_MAGIC, RECORD, _parse_entries
from letopis.evidence.store import ObjectStore


def stored_at(store: ObjectStore, sha: str) -> tuple[Path, int, int]:
    """(file, offset, length) of the bytes an object is kept as: a loose file whole, or a pack record's payload."""
    loose = store.path_of(sha)
    if loose.exists():
        return loose, 0, loose.stat().st_size
    location = store.packs.find(bytes.fromhex(store.naming.name_for(sha)))
    assert location is not None, f"{sha} is not stored"
    return store.packs.dir / f"{location.pack}.pack", location.offset + RECORD.size, location.length


def flip(path: Path, at: int) -> None:
    """Flip one bit of a read-only file, leaving it read-only."""
    mode = path.stat().st_mode & 0o777
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    os.chmod(path, mode)


def flip_object(store: ObjectStore, sha: str, at: int | None = None) -> Path:
    """Flip a bit of an object's stored bytes (the middle unless ``at``); returns the file changed."""
    path, offset, length = stored_at(store, sha)
    flip(path, offset + (length // 2 if at is None else at))
    return path


def remove_object(store: ObjectStore, sha: str) -> None:
    """Take an object's bytes away: its loose file, or the whole pack it is in."""
    path, _, _ = stored_at(store, sha)
    path.unlink()


def packed_records(evidence: Path) -> list[tuple[Path, int, int]]:
    """(pack, payload offset, length) of every indexed record, read from the index files (no key needed)."""
    records = []
    for index in sorted((evidence / "packs").glob("*.idx")):
        entries, _, _ = _parse_entries(index.read_bytes()[len(INDEX_MAGIC):])
        for _name, offset, length, _ in entries:
            records.append((index.with_suffix(".pack"), offset + RECORD.size, length))
    return records


def stored_files(evidence: Path) -> list[Path]:
    """Every file holding objects: loose ones and packs."""
    loose = [p for p in (evidence / "objects").rglob("*") if p.is_file()]
    return sorted([*loose, *(evidence / "packs").glob("*.pack")])


__all__ = ["stored_at", "flip", "flip_object", "remove_object", "packed_records", "stored_files", "ENTRY_SIZE"]
