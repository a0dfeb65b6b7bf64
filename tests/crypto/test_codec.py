"""Encrypted evidence files: round trips, keyed names, tamper detection, sealed journals."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest

from letopis.crypto import EncryptedCodec, KeyedNaming, MasterKey
from letopis.crypto.codec import CHUNK, HEADER_SIZE
from letopis.evidence.store import CorruptObject, ObjectStore


def _store(root: Path, master: MasterKey) -> ObjectStore:
    return ObjectStore(root, naming=KeyedNaming(master), codec=EncryptedCodec(master), pack_max=0)  # loose files


@pytest.fixture
def master() -> MasterKey:
    return MasterKey(os.urandom(32))


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17])
def test_round_trip(tmp_path: Path, master: MasterKey, size: int) -> None:
    store = _store(tmp_path / "evidence", master)
    data = os.urandom(size)
    source = tmp_path / "in.bin"
    source.write_bytes(data)
    put = store.put_file(source)
    assert put.sha256 == hashlib.sha256(data).hexdigest()
    assert store.read_bytes(put.sha256) == data
    assert store.hash_object(put.sha256) == (put.sha256, size)
    on_disk = store.path_of(put.sha256).read_bytes()
    chunks = max(1, -(-size // CHUNK))
    assert len(on_disk) == HEADER_SIZE + size + 16 * chunks
    assert size < 32 or data[:32] not in on_disk


def test_same_content_stored_once_with_a_keyed_name(tmp_path: Path, master: MasterKey) -> None:
    store = _store(tmp_path / "evidence", master)
    first = store.put_bytes(b"the same bytes")
    again = store.put_bytes(b"the same bytes")
    assert again.created is False
    path = store.path_of(first.sha256)
    assert first.sha256 not in str(path)
    assert path.name == KeyedNaming(master).name_for(first.sha256)
    other = _store(tmp_path / "other", MasterKey(os.urandom(32)))
    assert other.path_of(first.sha256).name != path.name  # a different store's names differ


def test_wrong_key_and_tampering_are_detected(tmp_path: Path, master: MasterKey) -> None:
    store = _store(tmp_path / "evidence", master)
    data = os.urandom(2 * CHUNK + 5)
    put = store.put_bytes(data)
    path = store.path_of(put.sha256)
    stranger = ObjectStore(tmp_path / "evidence", naming=KeyedNaming(master),
                           codec=EncryptedCodec(MasterKey(os.urandom(32))))
    with pytest.raises(CorruptObject):
        stranger.read_bytes(put.sha256)
    original = path.read_bytes()
    for offset in (5, 20, HEADER_SIZE + 3, HEADER_SIZE + CHUNK + 20, len(original) - 1):
        changed = bytearray(original)
        changed[offset] ^= 0x01
        path.chmod(0o644)
        path.write_bytes(bytes(changed))
        with pytest.raises(CorruptObject):
            store.read_bytes(put.sha256)
    # truncated at a chunk boundary, by a byte, in the header
    for cut in (HEADER_SIZE + CHUNK + 16, len(original) - 1, 10):
        path.write_bytes(original[:cut])
        with pytest.raises(CorruptObject):
            store.read_bytes(put.sha256)
    path.write_bytes(original + b"\x00" * 16)  # extended
    with pytest.raises(CorruptObject):
        store.read_bytes(put.sha256)
    path.write_bytes(original)
    assert store.read_bytes(put.sha256) == data


def test_reader_streams_in_small_reads(tmp_path: Path, master: MasterKey) -> None:
    store = _store(tmp_path / "evidence", master)
    data = os.urandom(CHUNK * 2 + 100)
    put = store.put_stream(io.BytesIO(data))
    out = bytearray()
    with store.open(put.sha256) as handle:
        while piece := handle.read(1000):
            out += piece
    assert bytes(out) == data


def test_batch_journal_holds_no_sha256_in_clear(tmp_path: Path, master: MasterKey) -> None:
    store = _store(tmp_path / "evidence", master)
    data = b"journalled content"
    sha = hashlib.sha256(data).hexdigest()
    with store.batch() as batch:
        batch.put_bytes(data)
        journal = batch.path.read_text()
        assert sha not in journal
        assert store._read_journal(batch.path) == {sha}
    # a dead batch's journal is still understood by recovery (the object is removed: no row references it)
    batch = store.batch().__enter__()
    batch.put_bytes(b"orphan of a dead batch")
    assert batch._fd is not None
    os.close(batch._fd)  # the process "dies": lock released, journal left behind
    batch._fd = None
    report = store.recover(lambda shas: set())
    assert report.removed_orphans == [hashlib.sha256(b"orphan of a dead batch").hexdigest()]
