from __future__ import annotations

import hashlib
import os
import stat
import tracemalloc
from pathlib import Path

import pytest

from letopis.evidence.store import ObjectStore


def test_put_bytes_writes_once_read_only(tmp_path: Path) -> None:
    store = ObjectStore(tmp_path / "evidence", pack_max=0)  # every object a loose file
    data = "Харків, 18 жовтня".encode()
    first = store.put_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    assert first.sha256 == sha and first.size == len(data) and first.created
    path = store.path_of(sha)
    assert path == tmp_path / "evidence" / "objects" / sha[:2] / sha[2:4] / sha
    assert path.read_bytes() == data
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    inode = path.stat().st_ino

    again = store.put_bytes(data)
    assert again.sha256 == sha and not again.created
    assert path.stat().st_ino == inode  # not rewritten
    assert list(store.iter_files()) == [path]
    assert store.read_bytes(sha) == data
    with store.open(sha) as handle:
        assert handle.read(4) == data[:4]
    assert list(store.tmp_dir.iterdir()) == []


def test_put_file_streams_without_loading_the_file(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    block = os.urandom(1 << 20)
    hasher = hashlib.sha256()
    with open(big, "wb") as handle:
        for _ in range(24):
            handle.write(block)
            hasher.update(block)
    store = ObjectStore(tmp_path / "evidence")
    tracemalloc.start()
    try:
        result = store.put_file(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.sha256 == hasher.hexdigest() and result.size == 24 << 20
    assert peak < 6 << 20, f"peak {peak} bytes: the file was loaded whole"
    assert store.hash_object(result.sha256) == (result.sha256, result.size)
    assert not store.put_file(big).created
    assert list(store.tmp_dir.iterdir()) == []


def test_batch_journal_lifecycle(tmp_path: Path) -> None:
    store = ObjectStore(tmp_path / "evidence")
    with store.batch() as batch:
        result = batch.put_bytes(b"committed")
        assert batch.path.exists() and result.sha256 in batch.path.read_text()
    assert not batch.path.exists()  # clean exit: nothing to recover

    with pytest.raises(RuntimeError):
        with store.batch() as failed:
            lost = failed.put_bytes(b"never referenced")
            kept = failed.put_bytes(b"committed")  # adopted: already there
            raise RuntimeError("transaction failed")
    assert failed.path.exists()
    report = store.recover(lambda shas: {kept.sha256} & set(shas))
    assert report.removed_orphans == [lost.sha256]
    assert report.dead_journals == 1
    assert not store.exists(lost.sha256) and store.exists(kept.sha256)


def test_live_batches_are_not_recovered(tmp_path: Path) -> None:
    store = ObjectStore(tmp_path / "evidence")
    with store.batch() as batch:
        pending = batch.put_bytes(b"in flight")
        report = store.recover(lambda shas: set())
        assert report.pending == {pending.sha256}
        assert store.exists(pending.sha256)


def test_a_batch_ending_while_recovery_lists_the_journals_is_no_error(tmp_path: Path, monkeypatch) -> None:
    """A batch commits and removes its journal between recovery's listing and its opening of the journal (verify
    runs recovery while an ingest writes): recovery goes on; the batch's objects stay."""
    store = ObjectStore(tmp_path / "evidence")
    batch = store.batch().__enter__()
    kept = batch.put_bytes(b"committed by the batch")
    real_open = os.open

    def open_after_the_batch_ended(path, flags, *args):
        if str(path).endswith(".journal") and flags & os.O_RDWR:
            batch.__exit__(None, None, None)  # the batch ends now: its journal is gone
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", open_after_the_batch_ended)
    report = store.recover(lambda shas: set())
    monkeypatch.undo()
    assert report.dead_journals == 0 and report.removed_orphans == []
    assert store.exists(kept.sha256) and not batch.path.exists()


def test_naming_seam(tmp_path: Path) -> None:
    class Reversed:
        def name_for(self, sha256: str) -> str:
            return sha256[::-1]

    store = ObjectStore(tmp_path / "evidence", naming=Reversed())
    result = store.put_bytes(b"x")
    assert store.path_of(result.sha256).name == result.sha256[::-1]
    assert store.read_bytes(result.sha256) == b"x"
