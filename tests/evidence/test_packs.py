"""Packed objects: round trips, verify over packs, torn tails, recovery, encrypted packs, mixed stores."""

from __future__ import annotations

import hashlib
import io
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from letopis.crypto import EncryptedCodec, KeyedNaming, MasterKey
from letopis.evidence.capture import record_capture
from letopis.evidence.packs import ENTRY_SIZE, INDEX_MAGIC, PACK_MAGIC, RECORD
from letopis.evidence.store import CorruptObject, ObjectStore
from letopis.evidence.verify import verify_store
from letopis.model import Artefact, Capture

T0 = datetime(2025, 11, 2, 9, 0, tzinfo=UTC)


def capture(locator: str, body: bytes) -> Capture:
    artefact = Artefact("original", "text/plain", data=body, name="message.txt")
    return Capture(
        source_kind="telegram", locator=locator, started_at=T0, finished_at=T0, method="export",
        tool="letopis/0.1.0", artefacts=(artefact,), text=body.decode(), text_method="plain",
    )


def packs_of(store: ObjectStore, suffix: str = ".pack") -> list[Path]:
    return sorted(store.packs.dir.glob(f"*{suffix}"))


def kinds(problems: list[Any]) -> list[tuple[str, str]]:
    return sorted((p.kind, p.subject) for p in problems)


def test_small_objects_are_packed_and_read_back(tmp_path: Path) -> None:
    store = ObjectStore(tmp_path / "evidence")
    texts = [f"Повідомлення {i}: у Харкові затримали {i} чоловіків. ".encode() * (i + 1) for i in range(50)]
    results = [store.put_bytes(t) for t in texts]
    assert all(r.created for r in results)
    assert list(store.iter_files()) == []  # no loose file
    assert len(packs_of(store)) == 1 and len(packs_of(store, ".idx")) == 1
    for data, result in zip(texts, results, strict=True):
        assert result.sha256 == hashlib.sha256(data).hexdigest()
        assert store.read_bytes(result.sha256) == data
        assert store.hash_object(result.sha256) == (result.sha256, len(data))
        with store.open(result.sha256) as handle:
            assert handle.read(5) == data[:5]
    assert not store.put_bytes(texts[0]).created  # stored once
    pack_size = packs_of(store)[0].stat().st_size
    assert pack_size < sum(map(len, texts)) // 2  # compressed

    other = ObjectStore(tmp_path / "evidence")  # another process: finds them through the index
    assert other.exists(results[7].sha256) and other.read_bytes(results[7].sha256) == texts[7]
    assert not other.put_bytes(texts[3]).created
    store.close()
    other.put_bytes(b"one more")  # takes over the pack nobody holds now
    assert len(packs_of(other)) == 1
    assert {o.name for o in other.iter_objects()} == {r.sha256 for r in results} | {
        hashlib.sha256(b"one more").hexdigest()}


def test_large_objects_stay_loose_and_streams_are_packed_when_small(tmp_path: Path) -> None:
    store = ObjectStore(tmp_path / "evidence", pack_max=1000)
    big = os.urandom(5000)
    small = b"x" * 1000
    assert store.put_stream(io.BytesIO(big)).created
    assert store.put_stream(io.BytesIO(small)).created
    loose = list(store.iter_files())
    assert [p.name for p in loose] == [hashlib.sha256(big).hexdigest()]
    assert store.read_bytes(hashlib.sha256(small).hexdigest()) == small
    assert store.read_bytes(hashlib.sha256(big).hexdigest()) == big
    assert sorted(o.packed for o in store.iter_objects()) == [False, True]


@pytest.fixture
def ingested(database: Any, tmp_path: Path) -> tuple[Any, ObjectStore, list[str]]:
    store = ObjectStore(tmp_path / "evidence")
    shas = []
    for i in range(4):
        body = f"Повідомлення {i}: у Києві затримали {i + 2} чоловіків.".encode()
        record_capture(database, store, capture(f"telegram:1/{i}", body), collector="t")
        shas.append(hashlib.sha256(body).hexdigest())
    return database, store, shas


def _record_offset(store: ObjectStore, sha: str) -> tuple[Path, int, int]:
    location = store.packs.find(bytes.fromhex(sha))
    assert location is not None
    return store.packs.dir / f"{location.pack}.pack", location.offset, location.length


def test_verify_detects_a_flipped_byte_in_a_pack(ingested: tuple[Any, ObjectStore, list[str]]) -> None:
    db, store, shas = ingested
    assert verify_store(db, store) == []
    pack, offset, length = _record_offset(store, shas[1])
    with open(pack, "r+b") as handle:  # a byte of the payload
        handle.seek(offset + RECORD.size + length // 2)
        byte = handle.read(1)
        handle.seek(-1, os.SEEK_CUR)
        handle.write(bytes([byte[0] ^ 0x01]))
    pack2, offset2, _ = _record_offset(store, shas[2])
    with open(pack2, "r+b") as handle:  # a byte of the record's header: it no longer matches its index entry
        handle.seek(offset2 + 10)
        byte = handle.read(1)
        handle.seek(-1, os.SEEK_CUR)
        handle.write(bytes([byte[0] ^ 0x01]))
    orphan = store.put_bytes(b"planted, not in the database")
    problems = verify_store(db, ObjectStore(store.root))
    assert kinds(problems) == sorted([("altered", shas[1]), ("altered", shas[2]), ("orphaned", orphan.sha256)])
    assert all("\n" not in str(p) for p in problems)


def test_a_damaged_index_entry_is_reported_missing(ingested: tuple[Any, ObjectStore, list[str]]) -> None:
    db, store, shas = ingested
    index = packs_of(store, ".idx")[0]
    with open(index, "r+b") as handle:  # the first entry's offset field
        handle.seek(len(INDEX_MAGIC) + 33)
        byte = handle.read(1)
        handle.seek(-1, os.SEEK_CUR)
        handle.write(bytes([byte[0] ^ 0x01]))
    problems = verify_store(db, ObjectStore(store.root))
    assert ("missing", shas[0]) in kinds(problems)
    assert ("altered", "packs") in kinds(problems)


def test_a_torn_tail_is_harmless_and_the_rerun_completes(database: Any, tmp_path: Path) -> None:
    """A kill mid-append: a partial record after the last indexed one, a torn index entry, a dead journal."""
    store = ObjectStore(tmp_path / "evidence")
    kept = capture("telegram:1/1", "Повідомлення 1: у Києві затримали двох.".encode())
    record_capture(database, store, kept, collector="t")
    lost = capture("telegram:1/2", "Повідомлення 2: у Львові затримали трьох.".encode())

    class Killed(Exception):
        pass

    with pytest.raises(Killed), store.batch(deferred=True) as batch:  # dies before its sync and commit
        batch.put_bytes(lost.artefacts[0].data or b"")
        raise Killed
    store.close()
    pack, index = packs_of(store)[0], packs_of(store, ".idx")[0]
    with open(pack, "ab") as handle:  # the torn record of another kill, and half an index entry
        handle.write(b"LTPO" + os.urandom(20))
    with open(index, "ab") as handle:
        handle.write(os.urandom(ENTRY_SIZE // 2))
    assert pack.read_bytes().startswith(PACK_MAGIC)

    again = ObjectStore(tmp_path / "evidence")
    assert verify_store(database, again) == []
    lost_sha = hashlib.sha256(lost.artefacts[0].data or b"").hexdigest()
    assert not again.exists(lost_sha)
    record_capture(database, again, lost, collector="t")  # the re-run
    assert len(packs_of(again)) == 2  # the torn pack is not appended to
    assert again.read_bytes(lost_sha) == lost.artefacts[0].data
    assert verify_store(database, ObjectStore(tmp_path / "evidence")) == []


def test_recovery_drops_packed_objects_of_a_dead_batch(database: Any, tmp_path: Path) -> None:
    store = ObjectStore(tmp_path / "evidence")
    data = b"bytes of a batch that never committed"
    sha = hashlib.sha256(data).hexdigest()

    class Killed(Exception):
        pass

    with pytest.raises(Killed), store.batch() as batch:
        batch.put_bytes(data)
        raise Killed
    reader = ObjectStore(tmp_path / "evidence")  # another process that has seen the object
    assert reader.exists(sha)
    assert verify_store(database, store) == []  # recovery first: the object is dropped, not an orphan
    assert not store.exists(sha) and not reader.exists(sha)
    with pytest.raises(FileNotFoundError):
        reader.read_bytes(sha)
    assert reader.put_bytes(data).created  # stored again, found again
    assert store.read_bytes(sha) == data


def test_deferred_batch_is_indexed_only_at_sync(tmp_path: Path) -> None:
    store = ObjectStore(tmp_path / "evidence")
    with store.batch(deferred=True) as batch:
        put = batch.put_bytes(b"deferred")
        assert store.read_bytes(put.sha256) == b"deferred"  # this process finds it at once
        assert not ObjectStore(tmp_path / "evidence").exists(put.sha256)  # nothing durable is indexed yet
        batch.sync()
        assert ObjectStore(tmp_path / "evidence").exists(put.sha256)


def test_encrypted_objects_are_packed_encrypted(tmp_path: Path) -> None:
    master = MasterKey(os.urandom(32))
    store = ObjectStore(tmp_path / "evidence", naming=KeyedNaming(master), codec=EncryptedCodec(master))
    data = "Свідчення: у Харкові затримали мого брата біля ТЦК. ".encode() * 20
    put = store.put_bytes(data)
    assert list(store.iter_files()) == []
    raw = packs_of(store)[0].read_bytes() + packs_of(store, ".idx")[0].read_bytes()
    assert data[:32] not in raw and bytes.fromhex(put.sha256) not in raw and put.sha256.encode() not in raw
    assert store.read_bytes(put.sha256) == data
    assert store.hash_object(put.sha256) == (put.sha256, len(data))
    location = store.packs.find(bytes.fromhex(store.naming.name_for(put.sha256)))
    assert location is not None
    with open(store.packs.dir / f"{location.pack}.pack", "r+b") as handle:
        handle.seek(location.offset + RECORD.size + 100)
        byte = handle.read(1)
        handle.seek(-1, os.SEEK_CUR)
        handle.write(bytes([byte[0] ^ 0x01]))
    with pytest.raises(CorruptObject):
        ObjectStore(store.root, naming=KeyedNaming(master), codec=EncryptedCodec(master)).read_bytes(put.sha256)


def test_loose_and_packed_objects_in_one_store(database: Any, tmp_path: Path) -> None:
    """A store written before packs (loose files) keeps working; new objects are packed beside them."""
    old = ObjectStore(tmp_path / "evidence", pack_max=0)
    first = capture("telegram:1/1", "Повідомлення 1: у Києві затримали двох.".encode())
    record_capture(database, old, first, collector="t")
    assert len(list(old.iter_files())) == 1 and packs_of(old) == []

    store = ObjectStore(tmp_path / "evidence")
    second = capture("telegram:1/2", "Повідомлення 2: у Львові затримали трьох.".encode())
    record_capture(database, store, second, collector="t")
    record_capture(database, store, first, collector="t")  # the same bytes again: the loose file is adopted
    assert len(list(store.iter_files())) == 1 and len(packs_of(store)) == 1
    for item in (first, second):
        data = item.artefacts[0].data or b""
        assert store.read_bytes(hashlib.sha256(data).hexdigest()) == data
    assert sorted(o.packed for o in store.iter_objects()) == [False, True]
    assert verify_store(database, store) == []
    loose = list(store.iter_files())[0]
    os.chmod(loose, 0o644)
    loose.unlink()
    assert kinds(verify_store(database, store)) == [("missing", loose.name)]


class _Trickle(io.RawIOBase):
    """A pipe that hands out at most 7 bytes a read."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        part, self._data = self._data[:7], self._data[7:]
        return part


def test_a_stream_read_in_small_pieces_is_stored_whole(tmp_path: Path) -> None:
    store = ObjectStore(tmp_path / "evidence", pack_max=100)
    for data in (b"a" * 60, os.urandom(500)):  # packed, loose
        put = store.put_stream(_Trickle(data))  # type: ignore[arg-type]
        assert put.size == len(data) and store.read_bytes(put.sha256) == data


def test_a_large_text_is_kept_compressed_and_verifies(database: Any, tmp_path: Path) -> None:
    """A larger object whose head compresses well (an export's JSON) is a loose file holding it deflated;
    media (random bytes here) stay plain. Both read back, hash and verify; damage to the compressed file is
    reported as altered."""
    store = ObjectStore(tmp_path / "evidence", pack_max=1000)
    text = "".join(f'{{"id": {i}, "text": "Повідомлення {i}: у Харкові затримали чоловіка."}},\n'
                   for i in range(3000)).encode()
    media = os.urandom(5000)
    put, plain = store.put_stream(io.BytesIO(text)), store.put_bytes(media)
    assert put.created and plain.created and put.size == len(text)
    names = sorted(p.name for p in store.iter_files())
    assert names == sorted([put.sha256 + ".z", plain.sha256])
    assert store.compressed_path_of(put.sha256).stat().st_size < len(text) // 4
    assert store.compressed_path_of(put.sha256).stat().st_mode & 0o777 == 0o444
    assert store.read_bytes(put.sha256) == text and store.hash_object(put.sha256) == (put.sha256, len(text))
    with store.open(put.sha256) as handle:
        assert handle.read(10) == text[:10]
    assert not store.put_bytes(text).created and not store.put_stream(io.BytesIO(text)).created  # stored once
    assert {o.name for o in store.iter_objects()} == {put.sha256, plain.sha256}
    located = store.locate(put.sha256)
    assert located is not None and located.where.endswith(".z") and not located.packed

    export = Capture(source_kind="file", locator="/export/result.json", started_at=T0, finished_at=T0,
                     method="file", tool="letopis/0.1.0",
                     artefacts=(Artefact("original", "application/json", data=text, name="result.json"),
                                Artefact("media", "image/jpeg", data=media, name="photo.jpg")))
    record_capture(database, store, export, collector="t")
    assert verify_store(database, store) == []
    path = store.compressed_path_of(put.sha256)
    os.chmod(path, 0o644)
    damaged = bytearray(path.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01
    path.write_bytes(bytes(damaged))
    os.chmod(path, 0o444)
    assert kinds(verify_store(database, store)) == [("altered", put.sha256)]
    os.chmod(path, 0o644)
    path.write_bytes(bytes(damaged[: len(damaged) // 3]))  # cut short
    os.chmod(path, 0o444)
    assert kinds(verify_store(database, store)) == [("altered", put.sha256)]


def test_a_compressed_object_of_a_dead_batch_is_recovered(tmp_path: Path) -> None:
    store = ObjectStore(tmp_path / "evidence", pack_max=1000)
    text = ("Повідомлення: у Харкові затримали чоловіка. " * 500).encode()
    batch = store.batch().__enter__()
    put = batch.put_bytes(text)
    batch.__exit__(RuntimeError, RuntimeError("killed"), None)  # the journal stays, as after a kill
    assert store.compressed_path_of(put.sha256).is_file()
    report = store.recover(lambda shas: set())
    assert report.removed_orphans == [put.sha256] and not store.exists(put.sha256)


def test_an_encrypted_large_object_is_compressed_then_encrypted(tmp_path: Path) -> None:
    master = MasterKey(os.urandom(32))
    store = ObjectStore(tmp_path / "evidence", naming=KeyedNaming(master), codec=EncryptedCodec(master),
                        pack_max=1000)
    data = "Свідчення: у Харкові затримали мого брата біля ТЦК. ".encode() * 200
    put = store.put_bytes(data)
    [path] = list(store.iter_files())
    assert path.name.endswith(".z") and put.sha256 not in path.name
    raw = path.read_bytes()
    assert data[:32] not in raw and len(raw) < len(data) // 4
    assert store.read_bytes(put.sha256) == data and store.hash_object(put.sha256) == (put.sha256, len(data))
