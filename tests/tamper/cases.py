"""The tampering cases: what an adversary changes, and what `letopis` must then say (one line naming it)."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass

from tests.tamper import outsider as o
from tests.tamper.conftest import Store

VERIFY = ("verify",)
ANCHOR = ("log", "verify", "--anchor", "{receipt}")


@dataclass(frozen=True)
class Case:
    name: str
    tamper: Callable[[Store], None]
    expect: str  # in the output line that names the change
    command: tuple[str, ...] = VERIFY
    encrypted: bool = False  # also run on an encrypted store


def sql(*statements: str) -> Callable[[Store], None]:
    return lambda store: o.execute(store, *statements)


def _fabricate(table: str, where: str, changes: dict[str, object]) -> Callable[[Store], None]:
    def tamper(store: Store) -> None:
        with o.database(store) as connection:
            o.copy_row(connection, table, where, changes)
    return tamper


def _delete_source(store: Store) -> None:
    with o.database(store) as connection:
        captures = [r[0] for r in connection.execute("SELECT id FROM captures WHERE source_id = 3")]
        marks = ", ".join(str(c) for c in captures)
        for statement in (
            "DELETE FROM incident_origins WHERE source_id = 3 OR origin_source_id = 3",
            "DELETE FROM incident_sources WHERE source_id = 3",
            "DELETE FROM incidents WHERE id NOT IN (SELECT incident_id FROM incident_sources)",
            "DELETE FROM source_texts WHERE source_id = 3",
            f"DELETE FROM capture_artefacts WHERE capture_id IN ({marks})",
            f"DELETE FROM captures WHERE id IN ({marks})",
            "DELETE FROM sources WHERE id = 3",
        ):
            connection.execute(statement)


_FIRST = "SELECT sha256 FROM %s ORDER BY sha256 LIMIT 1"  # (PostgreSQL has no min() of bytea)


def _other_original(store: Store) -> None:
    with o.database(store) as connection:
        other = o.scalar(connection, "SELECT original_sha256 FROM sources WHERE id = 2")
        connection.execute(f"UPDATE capture_artefacts SET sha256 = {o.mark(connection)} WHERE capture_id = 1",
                           (other,))


def _replace_original(store: Store) -> None:
    """A new original in the store, with its blob row, and every reference moved to it."""
    sha = o.put_plain_object(store, "30 жовтня у Харкові нічого не сталося.\n".encode())
    with o.database(store) as connection:
        old = o.scalar(connection, "SELECT original_sha256 FROM sources WHERE id = 1")
        m, new = o.mark(connection), o.like(old, sha)
        o.copy_row(connection, "blobs", f"sha256 = {m}", {"sha256": new}, (old,))
        connection.execute(f"UPDATE sources SET original_sha256 = {m} WHERE id = 1", (new,))
        connection.execute(f"UPDATE capture_artefacts SET sha256 = {m} WHERE sha256 = {m}", (new, old))
        connection.execute(f"UPDATE texts SET derived_from = {m} WHERE derived_from = {m}", (new, old))
        connection.execute(f"DELETE FROM blobs WHERE sha256 = {m}", (old,))


def _replace_text(store: Store) -> None:
    """A new derived text whose key is its true hash, and every reference moved to it."""
    content = "30 жовтня у Харкові нічого не сталося."
    sha = hashlib.sha256(content.encode()).hexdigest()
    with o.database(store) as connection:
        old = o.scalar(connection, "SELECT text_sha256 FROM source_texts WHERE source_id = 1")
        m, new = o.mark(connection), o.like(old, sha)
        o.copy_row(connection, "texts", f"sha256 = {m}", {"sha256": new, "content": content}, (old,))
        for table in ("source_texts", "incident_sources"):
            connection.execute(f"UPDATE {table} SET text_sha256 = {m} WHERE text_sha256 = {m}", (new, old))
        connection.execute(f"DELETE FROM texts WHERE sha256 = {m}", (old,))


def _row_and_seal(store: Store) -> None:
    """Change a row and recompute its seal the way Letopis would: only the log's sum can tell."""
    o.execute(store, "UPDATE incidents SET summary = 'нічого не сталося' WHERE id = 1")
    try:
        from letopis.evidence.seal import row_digest
    except ImportError:  # before seals existed there is nothing more to do
        return
    from sqlalchemy import select

    from letopis.db import open_database
    from letopis.db.models import Incident

    db = open_database(o.database_url(store) or store.data, migrate=False)
    try:
        with db.engine.connect() as connection:
            row = connection.execute(select(Incident.__table__).where(Incident.id == 1)).mappings().one()
    finally:
        db.dispose()
    with o.database(store) as connection:
        where = "WHERE tbl = 'incidents' AND key = '1'"
        stored = o.scalar(connection, f"SELECT digest FROM row_seals {where}")
        connection.execute(f"UPDATE row_seals SET digest = {o.mark(connection)} {where}",
                           (o.like(stored, row_digest("incidents", dict(row))),))


def _flip_object(store: Store) -> None:
    o.flip_first_object(store)


def _delete_object(store: Store) -> None:
    path = o.objects(store)[-1]
    os.chmod(path.parent, 0o755)
    path.unlink()


def _writable_object(store: Store) -> None:
    os.chmod(o.objects(store)[0], 0o644)


def _orphan_object(store: Store) -> None:
    o.put_plain_object(store, b"planted, not in the database")


def _edit_log(store: Store) -> None:
    with o.database(store) as connection:
        o.unguard_log(connection)
        connection.execute("UPDATE custody_log SET actor = 'someone else' WHERE seq = 2")


def _delete_log_middle(store: Store) -> None:
    with o.database(store) as connection:
        o.unguard_log(connection)
        connection.execute("DELETE FROM custody_log WHERE seq = 3")


def _delete_log_tail(store: Store) -> None:
    with o.database(store) as connection:
        o.unguard_log(connection)
        newest = o.scalar(connection, "SELECT max(seq) FROM custody_log")
        connection.execute(f"DELETE FROM custody_log WHERE seq > {newest - 3}")


def _damage_keyring(store: Store) -> None:
    path = store.data / "keyring.json"
    data = json.loads(path.read_text())
    wrapped = data["passphrase"]["wrapped"]
    data["passphrase"]["wrapped"] = ("A" if wrapped[5] != "A" else "B").join([wrapped[:5], wrapped[6:]])
    path.write_text(json.dumps(data, indent=2, sort_keys=True))


CASES: tuple[Case, ...] = (
    Case("incident summary", sql("UPDATE incidents SET summary = 'нічого не сталося' WHERE id = 1"),
         "incidents 1", encrypted=True),
    Case("incident type", sql("UPDATE incidents SET event_type = 'other' WHERE id = 2"), "incidents 2"),
    Case("incident counts", sql("UPDATE incidents SET detained = 0 WHERE id = 1"), "incidents 1"),
    Case("incident place", sql("UPDATE incidents SET location_name = 'Київ', lat = 50.45 WHERE id = 3"),
         "incidents 3"),
    Case("incident deleted", sql("DELETE FROM incident_origins WHERE incident_id = 3",
                                 "DELETE FROM incident_sources WHERE incident_id = 3",
                                 "DELETE FROM incidents WHERE id = 3"), "row-deleted: incidents 3"),
    Case("incident fabricated", _fabricate("incidents", "id = 1", {"id": 99, "summary": "вигадано"}),
         "incidents 99"),
    Case("incident hidden by a merge", sql("UPDATE incidents SET merged_into = 1 WHERE id = 2"), "incidents 2"),
    Case("status verified without an edit", sql("UPDATE incidents SET status = 'verified' WHERE id = 3"),
         "incidents 3", encrypted=True),
    Case("quote changed", sql("UPDATE incident_sources SET quote = 'нічого' WHERE incident_id = 1"),
         "incident_sources", encrypted=True),
    Case("quote offsets moved", sql("UPDATE incident_sources SET start = start + 3 WHERE incident_id = 2"),
         "incident_sources"),
    Case("support fabricated", _fabricate("incident_sources", "incident_id = 1", {"id": 99, "incident_id": 2}),
         "incident_sources 99"),
    Case("source date", sql("UPDATE sources SET published = '2024-01-01 00:00:00.000000' WHERE id = 1"),
         "sources 1", encrypted=True),
    Case("source locator", sql("UPDATE sources SET locator = 'https://elsewhere.example/' WHERE id = 2"),
         "sources 2"),
    Case("whole source deleted", _delete_source, "row-deleted: sources 3"),
    Case("capture time", sql("UPDATE captures SET started_at = '2020-01-01 00:00:00.000000', "
                             "finished_at = '2020-01-01 00:00:01.000000' WHERE id = 1"), "captures 1",
         encrypted=True),
    Case("capture collector", sql("UPDATE captures SET collector = 'someone else' WHERE id = 2"), "captures 2"),
    Case("capture pointed at another original", _other_original, "capture_artefacts"),
    Case("original replaced consistently", _replace_original, "blobs"),
    Case("derived text replaced consistently", _replace_text, "texts"),
    Case("derived text edited",
         sql(f"UPDATE texts SET content = 'нічого' WHERE sha256 = ({_FIRST % 'texts'})"), "text-altered"),
    Case("source text link removed", sql("DELETE FROM source_texts WHERE source_id = 2"), "source_texts 2"),
    Case("review history deleted", sql("DELETE FROM edits"), "row-deleted: edits", encrypted=True),
    Case("edit reason changed", sql("UPDATE edits SET reason = 'no reason' WHERE id = 1"), "edits 1"),
    Case("edit fabricated", _fabricate("edits", "id = 1", {"id": 99, "actor": "someone"}), "edits 99"),
    Case("origin changed", sql("UPDATE incident_origins SET kind = 'copy' WHERE incident_id = 1"),
         "incident_origins"),
    Case("blob size", sql(f"UPDATE blobs SET size = size + 1 WHERE sha256 = ({_FIRST % 'blobs'})"), "size"),
    Case("object byte flipped", _flip_object, "altered:", encrypted=True),
    Case("object deleted", _delete_object, "missing:", encrypted=True),
    Case("object made writable", _writable_object, "writable:"),
    Case("object planted", _orphan_object, "orphaned:"),
    Case("custody entry edited", _edit_log, "chain-broken: custody_log seq 2", encrypted=True),
    Case("custody entry deleted", _delete_log_middle, "chain-broken: custody_log seq 4"),
    Case("custody tail deleted", _delete_log_tail, "anchor-missing", command=ANCHOR, encrypted=True),
    Case("custody tail rewritten, hashes recomputed", lambda s: o.rewrite_tail(s, 2, {"actor_note": "x"}),
         "anchor-mismatch", command=ANCHOR, encrypted=True),
    Case("row and its seal changed together", _row_and_seal, "seals-altered"),
    Case("seals deleted", sql("DELETE FROM row_seals"), "seals-altered"),
    Case("index page corrupted", lambda s: o.corrupt_page(s, "ix_incidents_date_start"), "damaged"),
    Case("keyring damaged", _damage_keyring, "keyring is damaged", encrypted=True),
)
