"""Testimonies: encrypted content, consent and roles, identity apart, withdrawal by crypto-shredding."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from letopis.crypto import NotEncrypted, init_store
from letopis.crypto.store import OpenStore, sqlcipher_key
from letopis.db.incidents import add_incident, incidents_for_source
from letopis.db.models import DataKey, IncidentSource, Testimony as _Row
from letopis.evidence.custody import iter_events, verify_log
from letopis.evidence.verify import verify_store
from letopis.model import Location, Record
from letopis.testimony import (
    AccessDenied,
    TestimonyExists as AlreadyAdded,
    TestimonyWithdrawn as Withdrawn,
    WitnessIdentity,
    add_testimony,
    get_info,
    grant,
    list_testimonies,
    open_testimony_file,
    read_testimony,
    read_witness,
    redact_record,
    withdraw,
)
from tests.crypto.support import python_dump, sqlcipher_plain_pages, sqlcipher_wal_pages

ACCOUNT = "Мене затримали 3 березня біля школи в Бахмуті, тримали два дні в підвалі комендатури."
WITNESS = WitnessIdentity("Taras Svidok", "+380 50 111 22 33", "lives with his mother")


def _add(store: OpenStore, tmp_path: Path, consent: str = "restricted", **kwargs: object) -> int:
    text_file = tmp_path / "interview.txt"
    text_file.write_text(ACCOUNT, encoding="utf-8")
    audio = tmp_path / "interview-taras.ogg"
    audio.write_bytes(b"OggS" + os.urandom(200_000))
    testimony = add_testimony(store, [text_file, audio], consent=consent, recorded_by="olena",
                              witness=WITNESS, **kwargs)  # type: ignore[arg-type]
    assert testimony.text == ACCOUNT
    assert [f.media_type for f in testimony.files][0].startswith("text/plain")
    return testimony.id


def test_restricted_content_needs_a_grant_and_identity_its_own(
    encrypted: tuple[OpenStore, str], tmp_path: Path
) -> None:
    store, _ = encrypted
    tid = _add(store, tmp_path)
    with pytest.raises(AccessDenied):
        read_testimony(store, tid, role="analyst")
    grant(store, tid, "analyst", actor="olena")
    seen = read_testimony(store, tid, role="analyst")
    assert seen.text == ACCOUNT and seen.files[1].name == "interview-taras.ogg"
    with open_testimony_file(store, tid, 1, role="analyst") as handle:
        assert handle.read() == (tmp_path / "interview-taras.ogg").read_bytes()
    with pytest.raises(AccessDenied):
        read_witness(store, tid, role="analyst")  # reading the account is not seeing who gave it
    grant(store, tid, "protection-officer", scope="identity", actor="olena")
    assert read_witness(store, tid, role="protection-officer") == WITNESS
    assert "Taras" not in repr(read_witness(store, tid, role="protection-officer"))


def test_consent_levels_and_expiry(encrypted: tuple[OpenStore, str], tmp_path: Path) -> None:
    store, _ = encrypted
    public = _add(store, tmp_path, consent="public")
    internal = _add(store, tmp_path / ".." / tmp_path.name, consent="internal",
                    until=(date.today() + timedelta(days=30)).isoformat())
    assert read_testimony(store, public, role="public").text == ACCOUNT
    assert read_testimony(store, internal, role="analyst").text == ACCOUNT
    with pytest.raises(AccessDenied):
        read_testimony(store, internal, role="public")
    later = date.today() + timedelta(days=31)
    with pytest.raises(AccessDenied, match="consent ended"):
        read_testimony(store, internal, role="analyst", today=later)
    grant(store, internal, "lead", actor="olena")
    assert read_testimony(store, internal, role="lead", today=later).text == ACCOUNT
    infos = {i.id: i for i in list_testimonies(store)}
    assert infos[internal].consent_lapsed(later) and not infos[public].consent_lapsed(later)


def test_a_dump_of_the_database_shows_no_account_and_no_identity(
    encrypted: tuple[OpenStore, str], tmp_path: Path
) -> None:
    store, _ = encrypted
    tid = _add(store, tmp_path)
    dump = python_dump(store.db.engine)
    for secret in (ACCOUNT, "Бахмуті", "підвалі комендатури", WITNESS.name, WITNESS.contact or "", "interview-taras"):
        assert secret.encode("utf-8") not in dump, secret
    assert get_info(store, tid).pseudonym == f"W-{tid:05d}"


def test_incidents_from_a_testimony_link_back_without_quoting_it(
    encrypted: tuple[OpenStore, str], tmp_path: Path
) -> None:
    store, _ = encrypted
    tid = _add(store, tmp_path)
    testimony = get_info(store, tid)
    start = ACCOUNT.index("тримали")
    record = Record(
        kind="incident", date="2025-03-03", date_precision="day", event_type="detention",
        location=Location("Бахмут", "Donetsk", "UA", 48.6, 38.0, 1), fatalities=None, injured=None, detained=1,
        actors=(), summary="Detention in Bakhmut", quote=ACCOUNT[start:], start=start, end=len(ACCOUNT),
        language="uk", confidence=0.8,
    )
    assert testimony.source_id is not None
    with store.db.session() as session:
        incident = add_incident(session, redact_record(record), source_id=testimony.source_id)
        incident_id = incident.id
    with store.db.session(readonly=True) as session:
        detail = incidents_for_source(session, testimony.source_id)
        assert [i.id for i in detail] == [incident_id]
    assert "підвалі" not in python_dump(store.db.engine).decode("utf-8", "replace")
    result = withdraw(store, tid, actor="olena")
    assert result.unlinked_incidents == (incident_id,)
    with store.db.session(readonly=True) as session:
        assert session.scalar(select(func.count()).select_from(IncidentSource)) == 0


def test_withdraw_destroys_the_content_and_the_custody_log_still_verifies(
    encrypted: tuple[OpenStore, str], tmp_path: Path
) -> None:
    store, _ = encrypted
    tid = _add(store, tmp_path)
    grant(store, tid, "analyst", actor="olena")
    with store.db.session(readonly=True) as session:
        row = session.get(_Row, tid)
        assert row is not None and row.content is not None
        ciphertext = bytes(row.content)
        wrapped = [bytes(k.wrapped) for k in session.scalars(select(DataKey))]
    assert len(wrapped) == 2  # the account's key and the witness's key

    result = withdraw(store, tid, actor="olena")
    wal = store.data_dir / "letopis.sqlite3-wal"
    if store.db.dialect == "sqlite":  # checkpointed and truncated: no old frame holds the deleted key
        assert not wal.exists() or wal.stat().st_size == 0

    with pytest.raises(Withdrawn):
        read_testimony(store, tid, role="analyst")
    with pytest.raises(Withdrawn):
        read_witness(store, tid, role="analyst")
    with pytest.raises(Withdrawn):
        withdraw(store, tid, actor="olena")
    with store.db.session(readonly=True) as session:
        assert session.scalar(select(func.count()).select_from(DataKey)) == 0
        assert verify_log(session) == []
        last = list(iter_events(session, subject=f"testimony:{tid}"))[-1]
    assert last.event == "withdraw" and last.seq == result.custody_seq
    assert json.loads(last.details) == {"sha256": result.sha256}  # the fact, the time, the hash: nothing else
    assert verify_store(store.db, store.objects) == []

    # Nothing left that the passphrase could open: not in any live row ...
    dump = python_dump(store.db.engine)
    for gone in (ciphertext, *wrapped):
        assert gone not in dump
    # ... nor in the SQLite file's pages, live or free, decrypted with the database key, nor in its WAL
    if store.db.dialect == "sqlite":
        assert store.master is not None
        key = sqlcipher_key(store.master)
        db_file = store.data_dir / "letopis.sqlite3"
        pages = sqlcipher_plain_pages(db_file, key)
        assert b"CREATE TABLE" in pages  # the decryption works
        wal_pages = sqlcipher_wal_pages(wal, key)
        for gone in (ciphertext, *wrapped):
            assert gone not in pages
            assert gone not in wal_pages


def test_the_same_files_again_add_nothing_until_withdrawn(encrypted: tuple[OpenStore, str], tmp_path: Path) -> None:
    """A retry after a crash (or a second add of the same files) adds no second testimony, row or log entry."""
    store, _ = encrypted
    text_file = tmp_path / "interview.txt"
    text_file.write_text(ACCOUNT, encoding="utf-8")
    first = add_testimony(store, [text_file], consent="restricted", recorded_by="olena").id
    with store.db.session(readonly=True) as session:
        log_before = len(list(iter_events(session)))
    objects_before = sorted(p.name for p in store.objects.root.rglob("*") if p.is_file())
    with pytest.raises(AlreadyAdded, match=f"testimony {first} already"):
        add_testimony(store, [text_file], consent="restricted", recorded_by="olena")
    with store.db.session(readonly=True) as session:
        assert session.scalar(select(func.count()).select_from(_Row)) == 1
        assert len(list(iter_events(session))) == log_before
    assert sorted(p.name for p in store.objects.root.rglob("*") if p.is_file()) == objects_before
    other = tmp_path / "other.txt"  # the same text and another file: another testimony
    other.write_text("друга частина", encoding="utf-8")
    assert add_testimony(store, [text_file, other], consent="restricted", recorded_by="olena").id != first
    withdraw(store, first, actor="olena")  # withdrawn: the witness may give the account again
    assert add_testimony(store, [text_file], consent="restricted", recorded_by="olena").id != first


def test_testimonies_need_an_encrypted_store(tmp_path: Path) -> None:
    plain = init_store(tmp_path / "plain", encrypt=False).store
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    with pytest.raises(NotEncrypted, match="init --encrypt"):
        add_testimony(plain, [tmp_path / "a.txt"], consent="public", recorded_by="x")
    plain.close()
