"""Content-addressed, write-once object store on the local file system.

Layout under the store root (``<data>/evidence``)::

    packs/<id>.pack, .idx  objects up to ``pack_max`` bytes (256 KiB), appended
                           to pack files with a hash index each (see
                           :mod:`letopis.evidence.packs`)
    objects/ab/cd/<name>   one file per larger content (and every object of a
                           store written before packs), read-only (0444)
    objects/ab/cd/<name>.z the same, zlib-compressed: a larger content whose
                           first 256 KiB compress to under 80% (text, JSON)
    tmp/                   partial writes; never visible under a final name
    journal/<id>.journal   names of objects a live batch wrote but may not
                           have referenced in the database yet
    .lock                  flock: shared while putting, exclusive to recover

``<name>`` comes from a :class:`Naming` strategy (plain: the SHA-256 hex of
the content) and bytes on disk pass through a :class:`Codec` (plain: as is).
Both are seams for a later change to encrypt at rest and to name files by a
keyed hash; the identity used everywhere else stays the SHA-256 of the
plain content.

Write order (crash safety), loose objects: copy into ``tmp/`` while
hashing → fsync the file → chmod 0444 → (in a batch: journal the SHA-256,
fsync the journal) → link/rename to the final name → fsync the directory. A
kill at any point leaves either no file under the final name or the complete
one. Packed objects: (in a batch: journal the SHA-256) → append the record
to the pack → fsync the pack → append its index entry → fsync the index; a
*deferred* batch does the fsyncs and index writes for all its objects at
:meth:`PutBatch.sync`, which its caller calls before committing the rows
that name them. A kill leaves at most a tail no index entry points at. See
``docs/storage.md``.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import io
import itertools
import logging
import os
import re
import threading
import uuid
import zlib
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO, Protocol, cast

from letopis.errors import CorruptObject
from letopis.evidence.packs import PackSet, decode_body, encode_body, fsync_dir as _fsync_dir

__all__ = [
    "Naming",
    "PlainNaming",
    "Codec",
    "Encoder",
    "PlainCodec",
    "PutResult",
    "ObjectStore",
    "PutBatch",
    "RecoveryReport",
    "StoredObject",
    "CHUNK_SIZE",
    "PACK_MAX",
    "CorruptObject",
]

logger = logging.getLogger(__name__)

CHUNK_SIZE = 1 << 20
PACK_MAX = 256 << 10  # objects up to this size are packed; larger ones are loose files
COMPRESSED_SUFFIX = ".z"  # a loose file holding its content zlib-compressed
_WORTH_COMPRESSING = 0.8  # a larger content is compressed when its head compresses to under this share
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


# --------------------------------------------------------------- strategies


class Naming(Protocol):
    """Maps a content SHA-256 to the file name used on disk.

    A naming may also define ``seal(sha256) -> str`` and
    ``unseal(line) -> str | None``: then batch journals hold sealed lines
    instead of SHA-256s in clear (a keyed naming must not leak them there).
    """

    def name_for(self, sha256: str) -> str: ...


class PlainNaming:
    """File name = SHA-256 hex of the plain content."""

    def name_for(self, sha256: str) -> str:
        return sha256


class Encoder(Protocol):
    def write(self, chunk: bytes) -> None: ...
    def finish(self) -> None: ...


class Codec(Protocol):
    """Turns plain content into the bytes kept on disk, and back."""

    def encoder(self, raw: BinaryIO) -> Encoder: ...
    def reader(self, raw: BinaryIO) -> BinaryIO: ...


class _PassThrough:
    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw

    def write(self, chunk: bytes) -> None:
        self._raw.write(chunk)

    def finish(self) -> None:
        self._raw.flush()


class PlainCodec:
    """Bytes on disk are the content itself."""

    def encoder(self, raw: BinaryIO) -> Encoder:
        return _PassThrough(raw)

    def reader(self, raw: BinaryIO) -> BinaryIO:
        return raw


# --------------------------------------------------------------- results


@dataclass(frozen=True)
class PutResult:
    sha256: str
    size: int
    created: bool  # False: identical content was already stored (adopted)


@dataclass(frozen=True)
class StoredObject:
    """Where an object's bytes are: ``where`` relative to the store root; ``writable`` for a loose file
    that lost its read-only mode; ``created`` (seconds since the epoch) when it was stored."""

    name: str
    where: str
    packed: bool
    writable: bool
    created: float


@dataclass
class RecoveryReport:
    removed_temp: list[str] = field(default_factory=list)
    removed_orphans: list[str] = field(default_factory=list)  # SHA-256 of unreferenced objects of dead batches
    # (a loose file is removed; a packed object is dropped: its index no longer finds it)
    dead_journals: int = 0
    pending: set[str] = field(default_factory=set)  # SHA-256 listed by live batches

    def as_dict(self) -> dict[str, object]:
        return {
            "removed_temp": len(self.removed_temp),
            "removed_orphans": sorted(self.removed_orphans),
            "dead_journals": self.dead_journals,
            "pending": len(self.pending),
        }


# --------------------------------------------------------------- file helpers


def _makedirs(path: Path, stop: Path) -> None:
    """mkdir -p that fsyncs each parent whose entry it created."""
    missing: list[Path] = []
    current = path
    while not current.exists() and current != stop:
        missing.append(current)
        current = current.parent
    for directory in reversed(missing):
        try:
            directory.mkdir(mode=0o755)
        except FileExistsError:
            continue
        _fsync_dir(directory.parent)


def _read_up_to(source: BinaryIO, limit: int) -> bytes:
    """Up to ``limit`` bytes: fewer only at the end (a pipe or socket may hand out less per read)."""
    parts: list[bytes] = []
    wanted = limit
    while wanted > 0:
        part = source.read(wanted)
        if not part:
            break
        parts.append(part)
        wanted -= len(part)
    return b"".join(parts)


def _worth_compressing(head: bytes) -> bool:
    """Whether a larger content whose first bytes are ``head`` is kept compressed (media files are not)."""
    return bool(head) and len(zlib.compress(head, 1)) < _WORTH_COMPRESSING * len(head)


class _Compressing:
    """An encoder that deflates what it is given into another encoder."""

    def __init__(self, inner: Encoder) -> None:
        self._inner = inner
        self._zlib = zlib.compressobj(6)

    def write(self, chunk: bytes) -> None:
        out = self._zlib.compress(chunk)
        if out:
            self._inner.write(out)

    def finish(self) -> None:
        self._inner.write(self._zlib.flush())
        self._inner.finish()


class _Inflating(io.RawIOBase):
    """Reads the plain content of a compressed loose file; a damaged or cut stream raises CorruptObject."""

    def __init__(self, raw: BinaryIO, where: str) -> None:
        self._raw = raw
        self._where = where
        self._zlib = zlib.decompressobj()
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        view = memoryview(target).cast("B")
        while not self._buffer:
            if self._zlib.eof:
                if self._zlib.unused_data or self._raw.read(1):
                    raise CorruptObject(f"{self._where}: bytes after the end of the compressed content")
                return 0
            chunk = self._zlib.unconsumed_tail or self._raw.read(CHUNK_SIZE)
            if not chunk:
                raise CorruptObject(f"{self._where}: the compressed content is cut short")
            try:
                self._buffer = self._zlib.decompress(chunk, CHUNK_SIZE)
            except zlib.error as error:
                raise CorruptObject(f"{self._where}: compressed content does not inflate ({error})") from None
        n = min(len(view), len(self._buffer))
        view[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


def _read_journal(path: Path, unseal: Callable[[str], str | None] | None = None) -> set[str]:
    try:
        lines = path.read_text(encoding="ascii", errors="replace").splitlines()
    except FileNotFoundError:
        return set()
    if unseal is not None:
        opened = (unseal(line.strip()) for line in lines if line.strip())
        return {sha for sha in opened if sha is not None and _SHA256_RE.match(sha)}
    return {line.strip() for line in lines if _SHA256_RE.match(line.strip())}


# --------------------------------------------------------------- the store


class ObjectStore:
    """Write-once content-addressed store rooted at ``root`` (``<data>/evidence``)."""

    def __init__(
        self, root: Path | str, *, naming: Naming | None = None, codec: Codec | None = None, pack_max: int = PACK_MAX
    ) -> None:
        self.root = Path(root)
        self.naming: Naming = naming or PlainNaming()
        self.codec: Codec = codec or PlainCodec()
        self.pack_max = pack_max  # 0: every object a loose file (as before packs)
        self.objects_dir = self.root / "objects"
        self.tmp_dir = self.root / "tmp"
        self.journal_dir = self.root / "journal"
        self._lock_path = self.root / ".lock"
        for directory in (self.root, self.objects_dir, self.tmp_dir, self.journal_dir):
            directory.mkdir(parents=True, exist_ok=True)
        self._lock_path.touch(exist_ok=True)
        self.packs = PackSet(self.root / "packs")
        self._deferred: set[PutBatch] = set()  # live deferred batches, whose journals sync() fsyncs
        self._deferred_lock = threading.Lock()

    @classmethod
    def in_data_dir(
        cls, data_dir: Path | str, *, naming: Naming | None = None, codec: Codec | None = None,
        pack_max: int = PACK_MAX,
    ) -> ObjectStore:
        """The store of a data directory: ``<data>/evidence``."""
        return cls(Path(data_dir) / "evidence", naming=naming, codec=codec, pack_max=pack_max)

    def close(self) -> None:
        """Index what is pending and let go of the pack this store appends to."""
        self.packs.close()

    # ---- names and paths

    def path_of(self, sha256: str) -> Path:
        """Where the object is, or would be, as a loose file."""
        name = self.naming.name_for(sha256)
        return self.objects_dir / name[0:2] / name[2:4] / name

    def compressed_path_of(self, sha256: str) -> Path:
        """Where the object is, or would be, as a compressed loose file."""
        return self._loose_paths(sha256)[1]

    def _loose_paths(self, sha256: str) -> tuple[Path, Path]:
        """Where the object is, or would be, as a loose file: plain, then compressed."""
        plain = self.path_of(sha256)
        return plain, plain.with_name(plain.name + COMPRESSED_SUFFIX)

    def _loose(self, sha256: str) -> Path | None:
        """The loose file holding the object (plain or compressed), if any."""
        return next((path for path in self._loose_paths(sha256) if path.is_file()), None)

    def _packed_name(self, sha256: str) -> bytes:
        return bytes.fromhex(self.naming.name_for(sha256))

    def exists(self, sha256: str) -> bool:
        if self._loose(sha256) is not None:
            return True
        self.packs.refresh_dropped()
        return self.packs.find(self._packed_name(sha256)) is not None

    def _stored(self, sha256: str) -> bool:
        """For a put: is it there already, from what this process knows (another writer's copy is no harm)."""
        self.packs.refresh_dropped()
        return self.packs.find(self._packed_name(sha256), fresh=False) is not None or self._loose(sha256) is not None

    def iter_files(self) -> Iterator[Path]:
        """Every file under ``objects/`` (whatever its name): the loose objects."""
        for dirpath, _dirnames, filenames in os.walk(self.objects_dir):
            for filename in filenames:
                yield Path(dirpath) / filename

    def locate(self, sha256: str) -> StoredObject | None:
        """Where an object is stored (loose first, then packed), or None."""
        paths = self._loose_paths(sha256)
        name = paths[0].name
        for path in paths:
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            writable = bool(stat.st_mode & 0o222)
            return StoredObject(name, str(path.relative_to(self.root)), False, writable, stat.st_ctime)
        location = self.packs.find(self._packed_name(sha256))
        if location is None:
            return None
        return StoredObject(name, location.where, True, False, location.written_ns / 1e9)

    def iter_objects(self) -> Iterator[StoredObject]:
        """Every object stored, loose or packed, by its name on disk (packed names once each)."""
        for path in self.iter_files():
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            yield StoredObject(path.name.removesuffix(COMPRESSED_SUFFIX), str(path.relative_to(self.root)), False,
                               bool(stat.st_mode & 0o222), stat.st_ctime)
        for name, location in self.packs.live():
            yield StoredObject(name.hex(), location.where, True, False, location.written_ns / 1e9)

    # ---- journal lines (sealed when the naming can seal)

    def _journal_line(self, sha256: str) -> str:
        sealer = getattr(self.naming, "seal", None)
        return sealer(sha256) if callable(sealer) else sha256

    def _read_journal(self, path: Path) -> set[str]:
        unseal = getattr(self.naming, "unseal", None)
        return _read_journal(path, unseal if callable(unseal) else None)

    # ---- locking

    @contextmanager
    def _locked(self, *, exclusive: bool) -> Iterator[None]:
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            yield
        finally:
            os.close(fd)  # releases the flock

    # ---- writing

    def put_bytes(self, data: bytes, *, journal: PutBatch | None = None) -> PutResult:
        """Store ``data`` (once); returns its SHA-256 and whether it was new."""
        sha = hashlib.sha256(data).hexdigest()
        with self._locked(exclusive=False):
            if journal is not None:
                journal._record(sha)
            durable = journal is None or not journal.deferred
            if self._stored(sha):
                if durable and self.packs.pending():  # it may be another batch's, not yet durable
                    self._sync_locked()
                return PutResult(sha, len(data), created=False)
            if len(data) <= self.pack_max:
                self._append(sha, data, durable=durable)
                return PutResult(sha, len(data), created=True)
            compress = _worth_compressing(data[: self.pack_max or CHUNK_SIZE]) if self.pack_max else False
            temp, _, _ = self._write_temp([data], compress=compress)
            return PutResult(sha, len(data), created=self._publish(temp, sha, compressed=compress))

    def _append(self, sha: str, data: bytes, *, durable: bool) -> None:
        buffer = io.BytesIO()
        encoder = self.codec.encoder(buffer)
        encoder.write(encode_body(data))
        encoder.finish()
        self.packs.append(self._packed_name(sha), buffer.getvalue(), durable=durable)
        logger.debug("packed object %s", sha)

    def put_file(self, path: Path | str, *, journal: PutBatch | None = None) -> PutResult:
        """Store a file by streaming it (hashed while copied, never read whole)."""
        with open(path, "rb") as source:
            return self.put_stream(source, journal=journal)

    def put_stream(self, source: BinaryIO, *, journal: PutBatch | None = None) -> PutResult:
        head = _read_up_to(source, self.pack_max + 1) if self.pack_max else b""
        if self.pack_max and len(head) <= self.pack_max:
            return self.put_bytes(head, journal=journal)
        with self._locked(exclusive=False):
            chunks = itertools.chain([head] if head else [], iter(lambda: source.read(CHUNK_SIZE), b""))
            compress = _worth_compressing(head)  # no head (pack_max 0): every object a plain file, as before packs
            temp, sha, size = self._write_temp(chunks, compress=compress)
            try:
                if journal is not None:
                    journal._record(sha)
                if self.exists(sha):
                    if (journal is None or not journal.deferred) and self.packs.pending():
                        self._sync_locked()
                    return PutResult(sha, size, created=False)
                return PutResult(sha, size, created=self._publish(temp, sha, compressed=compress))
            finally:
                temp.unlink(missing_ok=True)

    def _write_temp(self, chunks: Collection[bytes] | Iterator[bytes], *, compress: bool = False
                    ) -> tuple[Path, str, int]:
        hasher = hashlib.sha256()
        size = 0
        temp = self.tmp_dir / f".tmp-{os.getpid()}-{uuid.uuid4().hex}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb", closefd=True) as raw:
                encoder = self.codec.encoder(raw)
                if compress:
                    encoder = _Compressing(encoder)
                for chunk in chunks:
                    hasher.update(chunk)
                    size += len(chunk)
                    encoder.write(chunk)
                encoder.finish()
                raw.flush()
                os.fsync(raw.fileno())
                os.fchmod(raw.fileno(), 0o444)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return temp, hasher.hexdigest(), size

    def _publish(self, temp: Path, sha: str, *, compressed: bool = False) -> bool:
        """Give a complete, fsynced temp file its final name; False if already there (in either form)."""
        plain, deflated = self._loose_paths(sha)
        final, other = (deflated, plain) if compressed else (plain, deflated)
        if other.is_file():
            temp.unlink(missing_ok=True)
            return False
        _makedirs(final.parent, self.objects_dir)
        try:
            os.link(temp, final)  # never replaces an existing object
            created = True
        except FileExistsError:
            created = False
        except OSError as error:  # file systems without hard links
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
                raise
            created = not final.exists()
            if created:
                os.replace(temp, final)
        temp.unlink(missing_ok=True)
        if created:
            _fsync_dir(final.parent)
            logger.debug("stored object %s", sha)
        return created

    def batch(self, *, deferred: bool = False) -> PutBatch:
        """A batch of puts whose objects a crash before commit lets :meth:`recover` remove.

        ``deferred``: packed objects are made durable and indexed only by
        :meth:`PutBatch.sync` (one fsync for many objects), which the caller
        must call before committing rows that name them.
        """
        return PutBatch(self, deferred=deferred)

    def sync(self) -> None:
        """Make every object put so far durable and findable (journals of deferred batches, packs, indexes)."""
        with self._locked(exclusive=False):
            self._sync_locked()

    def _sync_locked(self) -> None:
        with self._deferred_lock:
            batches = list(self._deferred)
        for batch in batches:
            batch._fsync_journal()
        self.packs.sync()

    # ---- reading

    def open(self, sha256: str) -> BinaryIO:
        """The plain content of an object as a binary file (caller closes it)."""
        plain, compressed = self._loose_paths(sha256)
        try:
            raw = open(plain, "rb")  # noqa: SIM115 - handed to the caller
        except FileNotFoundError:
            pass
        else:
            return self.codec.reader(raw)
        try:
            raw = open(compressed, "rb")  # noqa: SIM115 - handed to the caller
        except FileNotFoundError:
            return io.BytesIO(self._read_packed(sha256))
        where = str(compressed.relative_to(self.root))
        return cast(BinaryIO, io.BufferedReader(_Inflating(self.codec.reader(raw), where), CHUNK_SIZE))

    def _read_packed(self, sha256: str) -> bytes:
        name = self._packed_name(sha256)
        location = self.packs.find(name)
        if location is None:
            raise FileNotFoundError(f"object {sha256} is not in the store")
        payload = self.packs.read(name, location)
        with self.codec.reader(io.BytesIO(payload)) as reader:
            body = reader.read()
        return decode_body(body, location.where)

    def read_bytes(self, sha256: str) -> bytes:
        with self.open(sha256) as handle:
            return handle.read()

    def hash_object(self, sha256: str) -> tuple[str, int]:
        """Re-hash an object's plain content: (actual SHA-256, size)."""
        hasher = hashlib.sha256()
        size = 0
        with self.open(sha256) as handle:
            for chunk in iter(lambda: handle.read(CHUNK_SIZE), b""):
                hasher.update(chunk)
                size += len(chunk)
        return hasher.hexdigest(), size

    # ---- recovery

    def recover(self, referenced: Callable[[Collection[str]], set[str]]) -> RecoveryReport:
        """Clean up after killed writers.

        Removes partial files in ``tmp/`` and, for each journal of a batch
        that is no longer running, the objects it names that ``referenced``
        (given SHA-256s, returns those the database references) does not
        claim. Objects named by live batches are left alone and reported as
        ``pending``. Waits for puts in progress to finish.
        """
        report = RecoveryReport()
        with self._locked(exclusive=True):
            for temp in self.tmp_dir.iterdir():
                temp.unlink(missing_ok=True)
                report.removed_temp.append(temp.name)
            dead: list[tuple[Path, set[str], int]] = []
            for journal in sorted(self.journal_dir.glob("*.journal")):
                try:
                    fd = os.open(journal, os.O_RDWR)
                except FileNotFoundError:  # its batch ended (committed) since the listing: nothing to recover
                    continue
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    report.pending |= self._read_journal(journal)
                    continue
                dead.append((journal, self._read_journal(journal), fd))
            try:
                candidates = set().union(*(shas for _, shas, _ in dead)) - report.pending
                keep = referenced(candidates) if candidates else set()
                if candidates - keep:
                    self.packs.refresh()
                for sha in sorted(candidates - keep):
                    removed = False
                    for path in self._loose_paths(sha):
                        if path.exists():
                            path.unlink()
                            _fsync_dir(path.parent)
                            removed = True
                    if self.packs.drop(self._packed_name(sha)):
                        removed = True
                    if removed:
                        report.removed_orphans.append(sha)
                for journal, _shas, _fd in dead:
                    journal.unlink(missing_ok=True)
                    report.dead_journals += 1
            finally:
                for _journal, _shas, fd in dead:
                    os.close(fd)
        if report.removed_temp or report.removed_orphans or report.dead_journals:
            logger.info(
                "evidence store recovery: %d partial file(s), %d unreferenced object(s) of %d dead batch(es) removed",
                len(report.removed_temp), len(report.removed_orphans), report.dead_journals,
            )
        return report


class PutBatch:
    """Puts whose objects are journaled until the caller's transaction commits.

    Use::

        with store.batch() as batch:
            stored = batch.put_bytes(data)
            with db.session() as session:
                ...  # rows referencing stored.sha256
        # normal exit: the journal is removed (the rows committed)

    If the block raises or the process dies, the journal stays behind, no
    longer locked, and :meth:`ObjectStore.recover` removes whichever of its
    objects no committed row references.
    """

    def __init__(self, store: ObjectStore, *, deferred: bool = False) -> None:
        self.store = store
        self.deferred = deferred
        self.path = store.journal_dir / f"{uuid.uuid4().hex}.journal"
        self._fd: int | None = None
        self._recorded: set[str] = set()
        self._unsynced = False
        self._fd_lock = threading.Lock()

    def __enter__(self) -> PutBatch:
        # Under the shared store lock, so recovery never sees it unlocked.
        with self.store._locked(exclusive=False):
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        _fsync_dir(self.store.journal_dir)
        if self.deferred:
            with self.store._deferred_lock:
                self.store._deferred.add(self)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._fd is None:
            return
        if self.deferred:
            with self.store._deferred_lock:
                self.store._deferred.discard(self)
        if exc_type is None:
            if self.deferred:
                self.store.sync()  # the caller should have synced before its commit; nothing is left pending
            self.path.unlink(missing_ok=True)
        else:
            self._fsync_journal()  # kept for recovery: it must outlast the objects it names, once they are indexed
        with self._fd_lock:
            os.close(self._fd)
            self._fd = None

    def _record(self, sha: str) -> None:
        if self._fd is None:
            raise RuntimeError("PutBatch used outside its with-block")
        if sha in self._recorded:
            return
        os.write(self._fd, f"{self.store._journal_line(sha)}\n".encode("ascii"))
        if self.deferred:
            self._unsynced = True
        else:
            os.fsync(self._fd)
        self._recorded.add(sha)

    def _fsync_journal(self) -> None:
        with self._fd_lock:
            if self._fd is not None and self._unsynced:
                self._unsynced = False
                os.fsync(self._fd)

    def sync(self) -> None:
        """Make this batch's objects (and any put before them) durable and indexed: call before the commit."""
        self.store.sync()

    @property
    def shas(self) -> frozenset[str]:
        return frozenset(self._recorded)

    def put_bytes(self, data: bytes) -> PutResult:
        return self.store.put_bytes(data, journal=self)

    def put_file(self, path: Path | str) -> PutResult:
        return self.store.put_file(path, journal=self)

    def put_stream(self, source: BinaryIO) -> PutResult:
        return self.store.put_stream(source, journal=self)
