"""Opening encrypted stores: passphrase, key change, recovery, verify, tampering (SQLite + PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from letopis.crypto import (
    AlreadyInitialised,
    CryptoError,
    KeyringDamaged,
    NoPassphrase,
    WrongPassphrase,
    change_passphrase,
    init_store,
    open_store,
    unlock_with_recovery,
)
from letopis.crypto.store import OpenStore
from letopis.db.blobs import get_text
from letopis.db.models import Blob, DerivedText
from letopis.evidence.capture import record_capture
from letopis.evidence.packs import RECORD
from letopis.evidence.verify import verify_store
from tests.crypto.support import FAST, PASSPHRASE, report_capture


def _ingest(store: OpenStore, n: int = 3) -> list[str]:
    shas = []
    for i in range(n):
        body = f"Звіт {i}: у Харкові затримали {i + 2} чоловіків біля ТЦК."
        result = record_capture(store.db, store.objects, report_capture(f"/reports/{i}.txt", body), collector="t")
        assert result.text_sha256 is not None
        shas.append(result.text_sha256)
    return shas


def _readable(store: OpenStore) -> tuple[int, int]:
    with store.db.session(readonly=True) as session:
        blobs = list(session.scalars(select(Blob.sha256)))
        texts = list(session.scalars(select(DerivedText)))
    for sha in blobs:
        assert store.objects.hash_object(sha)[0] == sha
    return len(blobs), len(texts)


def test_right_wrong_and_no_passphrase(encrypted: tuple[OpenStore, str], monkeypatch: pytest.MonkeyPatch) -> None:
    store, _ = encrypted
    _ingest(store)
    store.close()
    url = store.db.url.render_as_string(hide_password=False) if store.db.dialect == "postgresql" else None
    with open_store(store.data_dir, passphrase=PASSPHRASE, database_url=url) as again:
        assert _readable(again) == (3, 3)
    with pytest.raises(WrongPassphrase) as wrong:
        open_store(store.data_dir, passphrase="not the passphrase", database_url=url)
    assert len(str(wrong.value).splitlines()) == 1
    monkeypatch.delenv("LETOPIS_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(NoPassphrase):
        open_store(store.data_dir, database_url=url)
    monkeypatch.setenv("LETOPIS_PASSPHRASE", PASSPHRASE)
    with open_store(store.data_dir, database_url=url) as from_env:
        assert from_env.encrypted


def test_change_passphrase_keeps_everything_readable(encrypted: tuple[OpenStore, str]) -> None:
    store, _ = encrypted
    _ingest(store)
    url = store.db.url.render_as_string(hide_password=False) if store.db.dialect == "postgresql" else None
    before = _readable(store)
    store.close()
    change_passphrase(store.data_dir, PASSPHRASE, "the new passphrase")
    with pytest.raises(WrongPassphrase):
        open_store(store.data_dir, passphrase=PASSPHRASE, database_url=url)
    with open_store(store.data_dir, passphrase="the new passphrase", database_url=url) as again:
        assert _readable(again) == before
        assert verify_store(again.db, again.objects) == []


def test_recovery_key_opens_a_store_whose_passphrase_is_lost(encrypted: tuple[OpenStore, str]) -> None:
    store, recovery = encrypted
    shas = _ingest(store)
    url = store.db.url.render_as_string(hide_password=False) if store.db.dialect == "postgresql" else None
    store.close()
    master = unlock_with_recovery(store.data_dir, recovery)
    with open_store(store.data_dir, master=master, database_url=url) as recovered:
        with recovered.db.session(readonly=True) as session:
            assert get_text(session, shas[0]) is not None
        change_passphrase(store.data_dir, master, "chosen after recovery")
    with open_store(store.data_dir, passphrase="chosen after recovery", database_url=url) as again:
        assert _readable(again)[0] == 3


def test_flipped_byte_in_an_encrypted_object_is_reported_altered(encrypted: tuple[OpenStore, str]) -> None:
    store, _ = encrypted
    _ingest(store, 2)
    assert verify_store(store.db, store.objects) == []
    with store.db.session(readonly=True) as session:
        sha = session.scalars(select(Blob.sha256).order_by(Blob.sha256)).first()
    assert sha is not None
    location = store.objects.packs.find(bytes.fromhex(store.objects.naming.name_for(sha)))  # small: packed
    assert location is not None
    path = store.objects.packs.dir / f"{location.pack}.pack"
    data = bytearray(path.read_bytes())
    data[location.offset + RECORD.size + location.length // 2] ^= 0x40
    path.write_bytes(bytes(data))
    problems = verify_store(store.db, store.objects)
    assert [(p.kind, p.subject) for p in problems] == [("altered", sha)]
    assert "authentication" in problems[0].detail


def test_encrypt_refuses_an_existing_plain_store(tmp_path: Path) -> None:
    plain = init_store(tmp_path / "data", encrypt=False)
    assert plain.recovery_key is None and not plain.store.encrypted
    plain.store.close()
    with pytest.raises(AlreadyInitialised):
        init_store(tmp_path / "data", encrypt=True, passphrase=PASSPHRASE, kdf=FAST)
    with open_store(tmp_path / "data") as reopened:
        assert not reopened.encrypted


def test_encrypted_sqlite_without_keyring_says_so(tmp_path: Path) -> None:
    result = init_store(tmp_path / "data", encrypt=True, passphrase=PASSPHRASE, kdf=FAST)
    _ingest(result.store, 1)
    result.store.close()
    (tmp_path / "data" / "keyring.json").rename(tmp_path / "keyring.json")
    with pytest.raises(KeyringDamaged, match="keyring.json is missing"):
        open_store(tmp_path / "data")
    # and a keyring of another store does not open it
    other = init_store(tmp_path / "other", encrypt=True, passphrase=PASSPHRASE, kdf=FAST)
    other.store.close()
    (tmp_path / "other" / "keyring.json").rename(tmp_path / "data" / "keyring.json")
    with pytest.raises(CryptoError, match="does not open with this keyring"):
        open_store(tmp_path / "data", passphrase=PASSPHRASE)


def test_sqlcipher_database_is_encrypted_with_wal_and_fts(encrypted: tuple[OpenStore, str]) -> None:
    store, _ = encrypted
    if store.db.dialect != "sqlite":
        pytest.skip("SQLCipher is the SQLite case")
    _ingest(store)
    with store.db.session(readonly=True) as session:
        assert session.execute(text("PRAGMA cipher_version")).scalar()
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    header = (store.data_dir / "letopis.sqlite3").read_bytes()[:16]
    assert header != b"SQLite format 3\x00"
