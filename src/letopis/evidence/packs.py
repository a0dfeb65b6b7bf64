"""Pack files: small objects appended to a few large files, found through a per-pack hash index.

Layout under ``<store>/packs/``::

    <id>.pack    "LTPACK" 0x00 0x01, then records: "LTPO" || name (32) || length (4, big-endian) || payload
    <id>.idx     "LTPIDX" 0x00 0x01, then entries of 56 bytes:
                 name (32) || offset (8) || length (4) || written (8, ns since the epoch) || CRC-32 of those (4)
    dropped      "LTPDRP" 0x00 0x01, then entries of 64 bytes: pack id (16) || offset (8) || name (32) ||
                 reserved (4) || CRC-32 (4) — records a recovery took back (unreferenced objects of a
                 killed batch); the bytes stay, the object is no longer there

``name`` is the object's name in the store (the SHA-256 of its content, or
its keyed hash in an encrypted store), as 32 bytes; the payload is what the
store's codec made of one format byte (0: as is, 1: zlib) and the body.

Append order (crash safety): the record is written to the pack, the pack
fsynced, and only then its index entry written and the index fsynced. A
record without an index entry (a kill before the entry) is dead bytes that
nothing finds; an index entry is read only whole and with its CRC right, and
the record it points at must carry the same name and length. A writer holds
an exclusive ``flock`` on the pack it appends to; it takes over an existing
pack only when its index accounts for every byte of it (no dead tail) and it
may open it for writing. Packs and indexes are created read-only (mode 0444:
the creating descriptor appends), and nothing in them is ever rewritten.
"""

from __future__ import annotations

import fcntl
import logging
import os
import struct
import threading
import time
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from letopis.errors import CorruptObject

__all__ = ["Location", "PackSet", "PACK_LIMIT", "FORMAT_PLAIN", "FORMAT_ZLIB", "fsync_dir"]

logger = logging.getLogger(__name__)

PACK_MAGIC = b"LTPACK\x00\x01"
INDEX_MAGIC = b"LTPIDX\x00\x01"
DROP_MAGIC = b"LTPDRP\x00\x01"
RECORD_MAGIC = b"LTPO"
RECORD = struct.Struct(">4s32sI")
ENTRY = struct.Struct(">32sQIq")
ENTRY_SIZE = ENTRY.size + 4
DROP = struct.Struct(">16sQ32s4s")
DROP_SIZE = DROP.size + 4
PACK_LIMIT = 256 << 20  # a writer starts a new pack past this size
FORMAT_PLAIN = 0
FORMAT_ZLIB = 1


@dataclass(frozen=True, slots=True)
class Location:
    """Where a packed object is: its pack, the record's offset, the payload's length, when it was indexed."""

    pack: str
    offset: int
    length: int
    written_ns: int

    @property
    def where(self) -> str:
        return f"packs/{self.pack}.pack@{self.offset}"


def _fsync(fd: int) -> None:
    os.fsync(fd)


def fsync_dir(path: Path) -> None:
    """Make a directory's entries (a new or renamed file in it) durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _entry(name: bytes, offset: int, length: int, written_ns: int) -> bytes:
    body = ENTRY.pack(name, offset, length, written_ns)
    return body + struct.pack(">I", zlib.crc32(body))


def _parse_entries(data: bytes) -> tuple[list[tuple[bytes, int, int, int]], int, int]:
    """Whole entries with a right CRC from ``data``; (entries, bytes consumed, bad entries skipped).

    A bad entry followed by a good one is skipped (damage); bad entries at the end are left unconsumed
    (an entry being written), to be read again.
    """
    entries: list[tuple[bytes, int, int, int]] = []
    consumed = bad = pending_bad = 0
    for start in range(0, len(data) - ENTRY_SIZE + 1, ENTRY_SIZE):
        chunk = data[start : start + ENTRY_SIZE]
        if zlib.crc32(chunk[:-4]) != struct.unpack(">I", chunk[-4:])[0]:
            pending_bad += 1
            continue
        bad += pending_bad
        pending_bad = 0
        entries.append(ENTRY.unpack(chunk[:-4]))
        consumed = start + ENTRY_SIZE
    return entries, consumed, bad


class _Writer:
    """The pack this process appends to, held under an exclusive flock."""

    def __init__(self, pack_id: str, pack_fd: int, index_fd: int, size: int) -> None:
        self.id = pack_id
        self.pack_fd = pack_fd
        self.index_fd = index_fd
        self.size = size
        self.pending: list[bytes] = []  # index entries of records not yet fsynced
        self.unsynced = False

    def close(self) -> None:
        os.close(self.index_fd)
        os.close(self.pack_fd)  # releases the flock


class PackSet:
    """The packs of one store: appends (one writer pack per instance), the in-memory index, reads."""

    def __init__(self, root: Path) -> None:
        self.dir = root
        self.dir.mkdir(exist_ok=True)
        self._dropped_path = self.dir / "dropped"
        self._lock = threading.RLock()
        self._entries: dict[bytes, Location] = {}
        self._extra: dict[bytes, list[Location]] = {}  # further copies of a name (rare: two writers, one content)
        self._read_offsets: dict[str, int] = {}
        self._dropped: set[tuple[str, int]] = set()
        self._dropped_offset = len(DROP_MAGIC)
        self._bad_entries = 0
        self._writer: _Writer | None = None

    # ---- the index in memory

    def _add(self, name: bytes, location: Location) -> None:
        if (location.pack, location.offset) in self._dropped:
            return
        current = self._entries.get(name)
        if current is None:
            self._entries[name] = location
        elif current != location:
            self._extra.setdefault(name, []).append(location)

    def _remove(self, name: bytes, pack: str, offset: int) -> None:
        current = self._entries.get(name)
        extra = [loc for loc in self._extra.pop(name, []) if (loc.pack, loc.offset) != (pack, offset)]
        if current is not None and (current.pack, current.offset) == (pack, offset):
            if extra:
                self._entries[name] = extra.pop(0)
            else:
                del self._entries[name]
        if extra:
            self._extra[name] = extra

    def refresh_dropped(self) -> None:
        """Read what a recovery dropped since last time (one stat when nothing changed)."""
        with self._lock:
            try:
                size = self._dropped_path.stat().st_size
            except FileNotFoundError:
                return
            if size < self._dropped_offset + DROP_SIZE:
                return
            with open(self._dropped_path, "rb") as handle:
                handle.seek(self._dropped_offset)
                data = handle.read()
            usable = len(data) - len(data) % DROP_SIZE
            for start in range(0, usable, DROP_SIZE):
                chunk = data[start : start + DROP_SIZE]
                if zlib.crc32(chunk[:-4]) != struct.unpack(">I", chunk[-4:])[0]:
                    continue  # a torn or padded entry (drops are written under the store's exclusive lock)
                pack_raw, offset, name, _ = DROP.unpack(chunk[:-4])
                pack = pack_raw.hex()
                self._dropped.add((pack, offset))
                self._remove(name, pack, offset)
            self._dropped_offset += usable

    def refresh(self) -> None:
        """Read the index entries written since last time, by this process or another."""
        with self._lock:
            self.refresh_dropped()
            for index in sorted(self.dir.glob("*.idx")):
                pack = index.stem
                offset = self._read_offsets.get(pack, len(INDEX_MAGIC))
                try:
                    if index.stat().st_size < offset + ENTRY_SIZE:
                        continue
                    with open(index, "rb") as handle:
                        if handle.read(len(INDEX_MAGIC)) != INDEX_MAGIC:
                            continue
                        handle.seek(offset)
                        data = handle.read()
                except FileNotFoundError:
                    continue
                entries, consumed, bad = _parse_entries(data)
                if bad:
                    logger.warning("pack index %s: %d damaged entr%s skipped", index.name, bad,
                                   "y" if bad == 1 else "ies")
                    self._bad_entries += bad
                for name, at, length, written_ns in entries:
                    self._add(name, Location(pack, at, length, written_ns))
                self._read_offsets[pack] = offset + consumed

    @property
    def bad_entries(self) -> int:
        return self._bad_entries

    def find(self, name: bytes, *, fresh: bool = True) -> Location | None:
        """Where ``name`` is packed; on a miss the indexes are read again when ``fresh``."""
        with self._lock:
            found = self._entries.get(name)
            if found is None and fresh:
                self.refresh()
                found = self._entries.get(name)
            return found

    def locations(self, name: bytes) -> list[Location]:
        with self._lock:
            first = self._entries.get(name)
            return [] if first is None else [first, *self._extra.get(name, [])]

    def live(self) -> Iterator[tuple[bytes, Location]]:
        """Every packed name and its first location (the indexes read again first)."""
        self.refresh()
        with self._lock:
            items = list(self._entries.items())
        yield from items

    # ---- writing

    def _adopt_or_create(self) -> _Writer:
        for pack_path in sorted(self.dir.glob("*.pack")):
            writer = self._try_adopt(pack_path)
            if writer is not None:
                return writer
        pack_id = uuid.uuid4().hex
        # read-only on disk like a loose object: only the descriptor that created it (or a taker-over's) writes
        pack_fd = os.open(self.dir / f"{pack_id}.pack", os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o444)
        fcntl.flock(pack_fd, fcntl.LOCK_EX)
        os.write(pack_fd, PACK_MAGIC)
        _fsync(pack_fd)
        index_fd = os.open(self.dir / f"{pack_id}.idx", os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o444)
        os.write(index_fd, INDEX_MAGIC)
        _fsync(index_fd)
        fsync_dir(self.dir)
        logger.debug("started pack %s", pack_id)
        return _Writer(pack_id, pack_fd, index_fd, len(PACK_MAGIC))

    def _try_adopt(self, pack_path: Path) -> _Writer | None:
        """Take over a pack no one holds whose index accounts for all of it, and under the size limit."""
        pack_id = pack_path.stem
        try:
            if pack_path.stat().st_size >= PACK_LIMIT:
                return None
            pack_fd = os.open(pack_path, os.O_RDWR | os.O_APPEND)
        except OSError:
            return None
        try:
            fcntl.flock(pack_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(pack_fd)
            return None
        try:
            size = os.fstat(pack_fd).st_size
            index_path = self.dir / f"{pack_id}.idx"
            data = index_path.read_bytes()
            body = data[len(INDEX_MAGIC) :]
            entries, consumed, bad = _parse_entries(body)
            end = max((at + RECORD.size + length for _, at, length, _ in entries), default=len(PACK_MAGIC))
            if (data[: len(INDEX_MAGIC)] != INDEX_MAGIC or bad or consumed != len(body) or end != size
                    or size < len(PACK_MAGIC) or os.pread(pack_fd, len(PACK_MAGIC), 0) != PACK_MAGIC):
                os.close(pack_fd)
                return None
            index_fd = os.open(index_path, os.O_RDWR | os.O_APPEND)
        except OSError:
            os.close(pack_fd)
            return None
        for name, at, length, written_ns in entries:
            self._add(name, Location(pack_id, at, length, written_ns))
        self._read_offsets[pack_id] = len(INDEX_MAGIC) + consumed
        logger.debug("appending to pack %s", pack_id)
        return _Writer(pack_id, pack_fd, index_fd, size)

    def append(self, name: bytes, payload: bytes, *, durable: bool) -> Location:
        """Append one record; ``durable``: fsynced and indexed before returning, else at :meth:`sync`."""
        with self._lock:
            writer = self._writer
            if writer is not None and writer.size >= PACK_LIMIT:
                self._flush(writer)
                writer.close()
                writer = self._writer = None
            if writer is None:
                writer = self._writer = self._adopt_or_create()
            offset = writer.size
            record = RECORD.pack(RECORD_MAGIC, name, len(payload)) + payload
            written = os.write(writer.pack_fd, record)
            if written != len(record):
                raise OSError(f"short write to pack {writer.id}")
            writer.size += len(record)
            location = Location(writer.id, offset, len(payload), time.time_ns())
            writer.pending.append(_entry(name, offset, len(payload), location.written_ns))
            writer.unsynced = True
            self._add(name, location)
            self._read_offsets.setdefault(writer.id, len(INDEX_MAGIC))
            if durable:
                self._flush(writer)
            return location

    def pending(self) -> bool:
        with self._lock:
            return self._writer is not None and bool(self._writer.pending)

    def sync(self) -> None:
        """Make every record appended so far durable and indexed (pack fsynced, then the index)."""
        with self._lock:
            if self._writer is not None:
                self._flush(self._writer)

    def _flush(self, writer: _Writer) -> None:
        if writer.unsynced:
            _fsync(writer.pack_fd)
            writer.unsynced = False
        if writer.pending:
            data = b"".join(writer.pending)
            os.write(writer.index_fd, data)
            _fsync(writer.index_fd)
            self._read_offsets[writer.id] = self._read_offsets.get(writer.id, len(INDEX_MAGIC)) + len(data)
            writer.pending.clear()

    def close(self) -> None:
        with self._lock:
            if self._writer is not None:
                self._flush(self._writer)
                self._writer.close()
                self._writer = None

    # ---- reading

    def read(self, name: bytes, location: Location) -> bytes:
        """The payload of a record, its header checked against the index entry."""
        fd = os.open(self.dir / f"{location.pack}.pack", os.O_RDONLY)
        try:
            data = os.pread(fd, RECORD.size + location.length, location.offset)
        finally:
            os.close(fd)
        if len(data) != RECORD.size + location.length:
            raise CorruptObject(f"{location.where}: pack ends inside the record")
        magic, stored_name, length = RECORD.unpack(data[: RECORD.size])
        if magic != RECORD_MAGIC or stored_name != name or length != location.length:
            raise CorruptObject(f"{location.where}: record header does not match the index")
        return data[RECORD.size :]

    def files(self) -> list[Path]:
        """The pack and index files (read-only on disk, as loose objects are)."""
        return sorted([*self.dir.glob("*.pack"), *self.dir.glob("*.idx")])

    # ---- recovery

    def drop(self, name: bytes) -> int:
        """Take back every copy of ``name`` (a tombstone each); call under the store's exclusive lock."""
        with self._lock:
            locations = self.locations(name)
            if not locations:
                return 0
            fd = os.open(self._dropped_path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
            try:
                size = os.fstat(fd).st_size
                if size == 0:
                    os.write(fd, DROP_MAGIC)
                    size = len(DROP_MAGIC)
                misaligned = (size - len(DROP_MAGIC)) % DROP_SIZE
                if misaligned:  # a torn entry: pad it to a whole (bad) entry so the next ones stay aligned
                    os.write(fd, b"\x00" * (DROP_SIZE - misaligned))
                data = b""
                for location in locations:
                    body = DROP.pack(bytes.fromhex(location.pack), location.offset, name, b"\x00" * 4)
                    data += body + struct.pack(">I", zlib.crc32(body))
                os.write(fd, data)
                _fsync(fd)
            finally:
                os.close(fd)
            self.refresh_dropped()
            return len(locations)


def encode_body(data: bytes) -> bytes:
    """Format byte and body: zlib when it saves space, else as is."""
    packed = zlib.compress(data, 6)
    if len(packed) + 1 < len(data):
        return bytes([FORMAT_ZLIB]) + packed
    return bytes([FORMAT_PLAIN]) + data


def decode_body(body: bytes, where: str) -> bytes:
    if not body:
        raise CorruptObject(f"{where}: empty record")
    if body[0] == FORMAT_PLAIN:
        return body[1:]
    if body[0] == FORMAT_ZLIB:
        try:
            return zlib.decompress(body[1:])
        except zlib.error as error:
            raise CorruptObject(f"{where}: compressed body does not inflate ({error})") from None
    raise CorruptObject(f"{where}: unknown record format {body[0]}")
