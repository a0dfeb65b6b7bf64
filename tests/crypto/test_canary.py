"""After ingesting a report with a unique canary sentence into an encrypted store, no file
under the data directory holds the sentence, any five consecutive words of it, or its SHA-256
(evidence object, derived text, incident quote and search index, testimony, witness, custody
log; the SQLite file, its WAL and SHM, the evidence folder, journals, keyring)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select

from letopis.crypto import KdfParams, init_store, open_store
from letopis.crypto.store import OpenStore
from letopis.db.incidents import add_incident, search_incidents
from letopis.db.models import DerivedText
from letopis.evidence.capture import record_capture
from letopis.evidence.verify import verify_store
from letopis.model import Location, Record
from letopis.testimony import WitnessIdentity, add_testimony, grant
from tests.crypto.support import PASSPHRASE, grep_tree, needles, report_capture

CANARY = "Канарка семнадцять бачила як зелений трамвай віз сорок два кавуни до Ізюму опівночі"
WITNESS = "Olha Kanarchuk-Zelena"
CONTACT = "+380 67 000 12 34"


def _fill(store: OpenStore, tmp_path: Path) -> list[bytes]:
    report = f"Зведення за день.\n{CANARY}.\nІнших подій не зафіксовано."
    result = record_capture(store.db, store.objects, report_capture("/reports/canary.txt", report, title=CANARY[:40]),
                            collector="analyst")
    assert result.source_id is not None
    start = report.index(CANARY)
    record = Record(
        kind="incident", date="2025-11-01", date_precision="day", event_type="detention",
        location=Location("Ізюм", "Kharkiv", "UA", 49.2, 37.3, 1), fatalities=None, injured=None, detained=2,
        actors=("unknown",), summary=CANARY, quote=CANARY, start=start, end=start + len(CANARY),
        language="uk", confidence=0.9,
    )
    with store.db.session() as session:
        add_incident(session, record, source_id=result.source_id, text_sha256=result.text_sha256)
    account = tmp_path / "account.txt"
    account.write_text(f"Я бачила це сама. {CANARY}.", encoding="utf-8")
    testimony = add_testimony(store, [account], consent="restricted", recorded_by="analyst",
                              witness=WitnessIdentity(WITNESS, CONTACT), pseudonym="Svitlo")
    account.unlink()
    grant(store, testimony.id, "lead", actor="analyst")
    with store.db.session(readonly=True) as session:
        assert search_incidents(session, q="трамвай кавуни").total == 1  # the FTS index holds it too
    return [hashlib.sha256(report.encode()).hexdigest().encode(), testimony.sha256.encode()]


def test_no_file_in_the_data_directory_reveals_the_canary(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = init_store(data, encrypt=True, passphrase=PASSPHRASE, kdf=KdfParams.fast())
    store = result.store
    extra_hashes = _fill(store, tmp_path)
    assert verify_store(store.db, store.objects) == []
    patterns = needles(CANARY)
    patterns.update({"witness": WITNESS.encode(), "contact": CONTACT.encode(), "passphrase": PASSPHRASE.encode()})
    for i, digest in enumerate(extra_hashes):
        patterns[f"file sha256 {i}"] = digest

    # while open: the WAL and SHM files exist and hold recent pages
    names = {p.name for p in data.iterdir()}
    assert "letopis.sqlite3-wal" in names
    assert grep_tree(data, patterns) == []
    store.close()
    assert grep_tree(data, patterns) == []

    # and the store still reads back what was written
    with open_store(data, passphrase=PASSPHRASE) as again:
        with again.db.session(readonly=True) as session:
            texts = [t.content for t in session.scalars(select(DerivedText))]
        assert any(CANARY in t for t in texts)


def test_the_grep_finds_the_canary_in_a_plain_store(tmp_path: Path) -> None:
    """Control: the same grep over an unencrypted store finds the sentence, words and hash."""
    data = tmp_path / "plain"
    store = init_store(data, encrypt=False).store
    report = f"Зведення.\n{CANARY}.\n"
    record_capture(store.db, store.objects, report_capture("/reports/canary.txt", report), collector="analyst")
    hits = grep_tree(data, {**needles(CANARY), "file sha256": hashlib.sha256(report.encode()).hexdigest().encode()})
    store.close()
    assert any("sentence" in h for h in hits)
    assert any("file sha256" in h for h in hits)  # the object's file name
