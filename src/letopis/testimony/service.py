"""Testimonies: add (encrypted), read (by role), grant, list, withdraw (crypto-shred).

Each testimony has its own random data key; its text, its files (stored in
the evidence store as objects encrypted under that key, then again by the
store's codec) and the original file names are sealed with it. The witness's
identity has a second key, in a separate table. Both keys live in
``data_keys``, wrapped by the master key. Withdrawal deletes both key rows
and the ciphertexts: the content cannot be recovered even by someone holding
the passphrase, and the custody log records only the fact, the time and the
hash.

Testimonies require an encrypted data directory (``letopis init --encrypt``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import mimetypes
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from letopis.crypto.codec import EncryptedCodec
from letopis.crypto.fields import FieldCipher, field_aad
from letopis.crypto.primitives import MasterKey, random_key
from letopis.crypto.store import OpenStore
from letopis.db.blobs import put_blob
from letopis.db.fts import refresh_incidents
from letopis.db.models import (
    CONSENT_LEVELS,
    GRANT_SCOPES,
    DataKey,
    DerivedText,
    IncidentSource,
    Source,
    SourceText,
    Statistic,
    Testimony as TestimonyRow,
    TestimonyFile,
    TestimonyGrant,
    Witness,
)
from letopis.db.types import utc_now
from letopis.errors import NotEncrypted
from letopis.evidence.custody import append_event
from letopis.evidence.store import CHUNK_SIZE
from letopis.testimony.purge import purge_old_pages
from letopis.testimony.records import (
    AccessDenied,
    ConsentEnded,
    FileText,
    Testimony,
    TestimonyError,
    TestimonyExists,
    TestimonyFileInfo,
    TestimonyInfo,
    TestimonyNotFound,
    TestimonyWithdrawn,
    WithdrawResult,
    WitnessIdentity,
)

__all__ = [
    "SEALED_MEDIA_TYPE",
    "PUBLIC_ROLE",
    "add_testimony",
    "read_testimony",
    "account_to_reread",
    "read_witness",
    "grant",
    "revoke",
    "list_testimonies",
    "content_grants",
    "get_info",
    "open_testimony_file",
    "withdraw",
]

logger = logging.getLogger(__name__)

SEALED_MEDIA_TYPE = "application/x-letopis-testimony"
PUBLIC_ROLE = "public"
_TEXT_SUFFIXES = {".txt", ".md", ".text"}


def _master(opened: OpenStore) -> MasterKey:
    if opened.master is None:
        raise NotEncrypted("testimonies are kept only in an encrypted store: create one with letopis init --encrypt")
    return opened.master


def _parse_until(until: date | str | None) -> str | None:
    if until is None or until == "":
        return None
    if isinstance(until, date):
        return until.isoformat()
    try:
        return date.fromisoformat(until).isoformat()
    except ValueError:
        raise TestimonyError(f"--until {until!r}: not a date (YYYY-MM-DD)") from None


def _media_type(path: Path) -> str:
    guessed, _ = mimetypes.guess_type(path.name)
    if path.suffix.lower() in _TEXT_SUFFIXES:
        return "text/plain; charset=utf-8"
    return guessed or "application/octet-stream"


def _seal_file(source: BinaryIO, key: bytes) -> tuple[BinaryIO, str, int]:
    """Encrypt ``source`` under ``key`` into an anonymous temp file; (file at 0, plain SHA-256, size)."""
    sealed = tempfile.TemporaryFile()  # noqa: SIM115 - returned to the caller; holds ciphertext only
    encoder = EncryptedCodec(wrap_key=key).encoder(sealed)
    hasher = hashlib.sha256()
    size = 0
    for chunk in iter(lambda: source.read(CHUNK_SIZE), b""):
        hasher.update(chunk)
        size += len(chunk)
        encoder.write(chunk)
    encoder.finish()
    sealed.seek(0)
    return sealed, hasher.hexdigest(), size


def _info(row: TestimonyRow) -> TestimonyInfo:
    return TestimonyInfo(
        id=row.id,
        status=row.status,
        consent=row.consent,
        consent_until=date.fromisoformat(row.consent_until) if row.consent_until else None,
        pseudonym=row.pseudonym,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        language=row.language,
        sha256=row.sha256,
        source_id=row.source_id,
        withdrawn_at=row.withdrawn_at,
    )


def _row(session: Session, testimony_id: int) -> TestimonyRow:
    row = session.get(TestimonyRow, testimony_id)
    if row is None:
        raise TestimonyNotFound(f"no testimony {testimony_id}")
    return row


# --------------------------------------------------------------- add


def add_testimony(
    opened: OpenStore,
    files: Sequence[Path | str],
    *,
    consent: str,
    recorded_by: str,
    recorded_at: datetime | None = None,
    until: date | str | None = None,
    pseudonym: str | None = None,
    witness: WitnessIdentity | None = None,
    text: str | None = None,
    language: str | None = None,
    actor: str | None = None,
    reader: Callable[[Path], FileText] | None = None,
    within: Callable[[Session, Testimony], object] | None = None,
) -> Testimony:
    """Store a first-hand account (text, audio or image files) encrypted, with its consent.

    ``text``: the account's text when it is not (only) in the files.
    ``reader`` gives a file's text (None for audio, images, scans) and media
    type; :mod:`letopis.services.testimony` passes the source readers (PDFs,
    any encoding). Without one, ``.txt``/``.md`` files are read as UTF-8.
    The texts are joined. ``within(session, testimony)`` runs in the same
    transaction, before it commits (extraction's records attached): if it
    raises, nothing is written. Returns the readable testimony: run
    extraction on ``.text`` and link records to ``.source_id`` with
    :func:`~letopis.testimony.redact_record`.
    """
    master = _master(opened)
    if consent not in CONSENT_LEVELS:
        raise TestimonyError(f"consent must be one of {', '.join(CONSENT_LEVELS)}, not {consent!r}")
    until_iso = _parse_until(until)
    paths = [Path(f).expanduser() for f in files]
    for path in paths:
        if not path.is_file():
            raise TestimonyError(f"no such file: {path}")
    if not paths and not text:
        raise TestimonyError("a testimony needs a file or a text")
    recorded_at = recorded_at or utc_now()
    texts = [text] if text else []
    media_types: list[str] = []
    for path in paths:
        read = (reader or _read_utf8)(path)
        media_types.append(read.media_type or _media_type(path))
        if read.text:
            texts.append(read.text)
    account = "\n\n".join(t.strip("\n") for t in texts) if texts else None
    _refuse_again(opened, paths, account)

    key = random_key()
    stored: list[tuple[str, str, int, str, str | None, int]] = []  # blob sha, plain sha, size, media, name, sealed size
    with opened.objects.batch() as batch:
        inputs: list[tuple[BinaryIO, str, str | None]] = []
        if not paths:
            inputs.append((io.BytesIO((account or "").encode("utf-8")), "text/plain; charset=utf-8", None))
        for path, media_type in zip(paths, media_types, strict=True):
            inputs.append((open(path, "rb"), media_type, path.name))  # noqa: SIM115 - closed below
        try:
            for handle, media_type, name in inputs:
                sealed, plain_sha, size = _seal_file(handle, key)
                with sealed:
                    put = batch.put_stream(sealed)
                stored.append((put.sha256, plain_sha, size, media_type, name, put.size))
        finally:
            for handle, _, _ in inputs:
                handle.close()
        primary_sha = stored[0][1]
        with opened.db.session() as session:
            testimony_id = _record(
                session, master, key, stored,
                consent=consent, until_iso=until_iso, pseudonym=pseudonym, recorded_by=recorded_by,
                recorded_at=recorded_at, language=language, account=account, primary_sha=primary_sha,
                witness=witness, actor=actor or recorded_by,
            )
            testimony = Testimony(
                **vars(_info(_row(session, testimony_id))),
                text=account,
                files=tuple(TestimonyFileInfo(m, s, p, n) for _b, p, s, m, n, _z in stored),
            )
            if within is not None:
                within(session, testimony)
    logger.info("testimony %s stored (consent %s)", testimony_id, consent)
    return testimony


def _plain_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def _refuse_again(opened: OpenStore, paths: list[Path], account: str | None) -> None:
    """Refuse files (or a text) that are an active testimony already: a retry after a crash adds nothing.

    Checked before anything is sealed or written. The same files withdrawn
    earlier may be added again (consent given anew).
    """
    shas = [_plain_sha256(p) for p in paths] if paths else [hashlib.sha256((account or "").encode()).hexdigest()]
    with opened.db.session(readonly=True) as session:
        for row in session.scalars(select(TestimonyRow).where(TestimonyRow.sha256 == shas[0],
                                                              TestimonyRow.status != "withdrawn")):
            files = list(session.scalars(select(TestimonyFile.plain_sha256)
                                         .where(TestimonyFile.testimony_id == row.id).order_by(TestimonyFile.id)))
            if files == shas:
                raise TestimonyExists(f"these files are testimony {row.id} already (recorded "
                                      f"{row.recorded_at:%Y-%m-%d}); nothing added")


def _read_utf8(path: Path) -> FileText:
    if _media_type(path).startswith("text/"):
        return FileText(path.read_bytes().decode("utf-8-sig", errors="replace"), None)
    return FileText(None, None)


def _record(
    session: Session,
    master: MasterKey,
    key: bytes,
    stored: list[tuple[str, str, int, str, str | None, int]],
    *,
    consent: str,
    until_iso: str | None,
    pseudonym: str | None,
    recorded_by: str,
    recorded_at: datetime,
    language: str | None,
    account: str | None,
    primary_sha: str,
    witness: WitnessIdentity | None,
    actor: str,
) -> int:
    cipher = FieldCipher(master)
    for blob_sha, _plain, _size, _media, _name, sealed_size in stored:
        put_blob(session, blob_sha, sealed_size, SEALED_MEDIA_TYPE)
    key_row, _ = cipher.new_data_key(session, "testimony", key)
    row = TestimonyRow(
        status="active", consent=consent, consent_until=until_iso, pseudonym=pseudonym or "",
        recorded_by=recorded_by, recorded_at=recorded_at, language=language, sha256=primary_sha,
        key_id=key_row.id, created=utc_now(),
    )
    session.add(row)
    session.flush()
    if not pseudonym:
        row.pseudonym = f"W-{row.id:05d}"
    if account is not None:
        row.content = cipher.seal_text(key, account, field_aad("testimonies", "content", row.id))
    source = Source(
        locator=f"testimony:{row.id}", kind="testimony", original_sha256=stored[0][0],
        language=language, created=utc_now(),
    )
    session.add(source)
    session.flush()
    row.source_id = source.id
    for blob_sha, plain_sha, size, media_type, name, _sealed in stored:
        file_row = TestimonyFile(
            testimony_id=row.id, blob_sha256=blob_sha, plain_sha256=plain_sha, size=size, media_type=media_type,
        )
        session.add(file_row)
        session.flush()
        if name is not None:
            file_row.name = cipher.seal_text(key, name, field_aad("testimony_files", "name", file_row.id))
    if witness is not None:
        witness_key_row, witness_key = cipher.new_data_key(session, "witness")
        witness_row = Witness(testimony_id=row.id, key_id=witness_key_row.id)
        session.add(witness_row)
        session.flush()
        witness_row.identity = cipher.seal_json(
            witness_key, witness.as_dict(), field_aad("witnesses", "identity", witness_row.id)
        )
    session.flush()
    append_event(
        session, "collect", f"testimony:{row.id}", actor,
        {"testimony": row.id, "sha256": primary_sha, "files": [s[1] for s in stored],
         "consent": consent, "until": until_iso},
    )
    return row.id


# --------------------------------------------------------------- access


def _granted(session: Session, testimony_id: int, role: str, scope: str) -> bool:
    return session.scalar(
        select(TestimonyGrant.id).where(
            TestimonyGrant.testimony_id == testimony_id, TestimonyGrant.role == role, TestimonyGrant.scope == scope
        )
    ) is not None


def _check_content_access(session: Session, row: TestimonyRow, role: str, today: date) -> None:
    if row.status == "withdrawn":
        when = row.withdrawn_at.date().isoformat() if row.withdrawn_at else "?"
        raise TestimonyWithdrawn(f"testimony {row.id} was withdrawn on {when}: its content no longer exists")
    if _granted(session, row.id, role, "content"):
        return
    if _info(row).consent_lapsed(today):
        raise AccessDenied(f"testimony {row.id}: consent ended on {row.consent_until}; only granted roles may read it")
    if row.consent == "public":
        return
    if row.consent == "internal" and role != PUBLIC_ROLE:
        return
    raise AccessDenied(f"testimony {row.id} is {row.consent}: role {role!r} has no grant to read it")


def _open_account(session: Session, cipher: FieldCipher, row: TestimonyRow) -> tuple[bytes, str | None] | None:
    """(the testimony's data key, its decrypted account or None when it has none); None when the key is gone."""
    key = cipher.data_key(session, row.key_id)
    if key is None:
        return None
    account = cipher.open_text(key, row.content, field_aad("testimonies", "content", row.id)) if row.content else None
    return key, account


def read_testimony(opened: OpenStore, testimony_id: int, *, role: str, today: date | None = None) -> Testimony:
    """The decrypted testimony if ``role`` may read it.

    public: anyone; internal: any role but ``public``; restricted (or a
    consent whose ``until`` date has passed): only roles granted it. The
    check is made by Letopis: whoever holds the passphrase holds every key.
    """
    master = _master(opened)
    today = today or utc_now().date()
    cipher = FieldCipher(master)
    with opened.db.session(readonly=True) as session:
        row = _row(session, testimony_id)
        _check_content_access(session, row, role, today)
        opened_account = _open_account(session, cipher, row)
        if opened_account is None:
            raise TestimonyWithdrawn(f"testimony {row.id}: its key no longer exists")
        key, account = opened_account
        files = []
        for file_row in session.scalars(
            select(TestimonyFile).where(TestimonyFile.testimony_id == row.id).order_by(TestimonyFile.id)
        ):
            name = (
                cipher.open_text(key, file_row.name, field_aad("testimony_files", "name", file_row.id))
                if file_row.name else None
            )
            files.append(TestimonyFileInfo(file_row.media_type, file_row.size, file_row.plain_sha256, name))
        return Testimony(**vars(_info(row)), text=account, files=tuple(files))


def account_to_reread(opened: OpenStore, testimony_id: int, *, today: date | None = None) -> Testimony:
    """The decrypted account, for the engine to read again (``letopis reextract``): in memory only.

    Not a role's reading: the engine read every testimony when it was added,
    whatever its consent level, and reads it again on the same terms, unless
    the witness's consent has since ended (:class:`ConsentEnded`) or the
    testimony was withdrawn (:class:`TestimonyWithdrawn`). ``files`` is left
    empty (their names are not decrypted); :class:`NotEncrypted` when the
    store was opened without its key.
    """
    master = _master(opened)
    today = today or utc_now().date()
    cipher = FieldCipher(master)
    with opened.db.session(readonly=True) as session:
        row = _row(session, testimony_id)
        if row.status == "withdrawn":
            raise TestimonyWithdrawn(f"testimony {row.id} was withdrawn: its content no longer exists")
        info = _info(row)
        if info.consent_lapsed(today):
            raise ConsentEnded(f"testimony {row.id}: consent ended on {row.consent_until}")
        opened_account = _open_account(session, cipher, row)
        if opened_account is None:
            raise TestimonyError(f"testimony {row.id} is not withdrawn but its key is missing")
        return Testimony(**vars(info), text=opened_account[1], files=())


def open_testimony_file(opened: OpenStore, testimony_id: int, index: int, *, role: str) -> BinaryIO:
    """The plain bytes of the ``index``-th file of a testimony (caller closes)."""
    master = _master(opened)
    cipher = FieldCipher(master)
    with opened.db.session(readonly=True) as session:
        row = _row(session, testimony_id)
        _check_content_access(session, row, role, utc_now().date())
        key = cipher.data_key(session, row.key_id)
        file_rows = list(
            session.scalars(
                select(TestimonyFile).where(TestimonyFile.testimony_id == row.id).order_by(TestimonyFile.id)
            )
        )
    if key is None or not 0 <= index < len(file_rows):
        raise TestimonyNotFound(f"testimony {testimony_id} has no file {index}")
    outer = opened.objects.open(file_rows[index].blob_sha256)
    return EncryptedCodec(wrap_key=key).reader(outer)


def read_witness(opened: OpenStore, testimony_id: int, *, role: str) -> WitnessIdentity | None:
    """The witness's identity: only for roles granted scope ``identity`` on this testimony."""
    master = _master(opened)
    cipher = FieldCipher(master)
    with opened.db.session(readonly=True) as session:
        row = _row(session, testimony_id)
        if row.status == "withdrawn":
            raise TestimonyWithdrawn(f"testimony {row.id} was withdrawn: the witness's identity no longer exists")
        if not _granted(session, row.id, role, "identity"):
            raise AccessDenied(f"testimony {row.id}: role {role!r} has no grant to see the witness's identity")
        witness = session.scalar(select(Witness).where(Witness.testimony_id == row.id))
        if witness is None or witness.identity is None:
            return None
        key = cipher.data_key(session, witness.key_id)
        if key is None:
            return None
        data = cipher.open_json(key, witness.identity, field_aad("witnesses", "identity", witness.id))
        return WitnessIdentity.from_dict(data)


def grant(opened: OpenStore, testimony_id: int, role: str, *, scope: str = "content", actor: str) -> None:
    """Let ``role`` read the content (or, with ``scope="identity"``, the witness's identity)."""
    if scope not in GRANT_SCOPES:
        raise TestimonyError(f"scope must be one of {', '.join(GRANT_SCOPES)}")
    with opened.db.session() as session:
        row = _row(session, testimony_id)
        if row.status == "withdrawn":
            raise TestimonyWithdrawn(f"testimony {row.id} was withdrawn")
        if _granted(session, row.id, role, scope):
            return
        session.add(TestimonyGrant(testimony_id=row.id, role=role, scope=scope, granted_by=actor, granted_at=utc_now()))
        append_event(session, "grant", f"testimony:{row.id}", actor, {"role": role, "scope": scope, "granted": True})


def revoke(opened: OpenStore, testimony_id: int, role: str, *, scope: str = "content", actor: str) -> bool:
    with opened.db.session() as session:
        _row(session, testimony_id)
        result = session.execute(
            delete(TestimonyGrant).where(
                TestimonyGrant.testimony_id == testimony_id, TestimonyGrant.role == role, TestimonyGrant.scope == scope
            )
        )
        removed = bool(getattr(result, "rowcount", 0))
        if removed:
            append_event(session, "grant", f"testimony:{testimony_id}", actor,
                         {"role": role, "scope": scope, "granted": False})
        return removed


def list_testimonies(opened: OpenStore) -> list[TestimonyInfo]:
    """Every testimony's metadata (nothing is decrypted)."""
    with opened.db.session(readonly=True) as session:
        return [_info(r) for r in session.scalars(select(TestimonyRow).order_by(TestimonyRow.id))]


def content_grants(opened: OpenStore) -> dict[int, set[str]]:
    """Testimony id → the roles granted its content (nothing is decrypted)."""
    out: dict[int, set[str]] = {}
    with opened.db.session(readonly=True) as session:
        rows = session.execute(select(TestimonyGrant.testimony_id, TestimonyGrant.role)
                               .where(TestimonyGrant.scope == "content"))
        for testimony_id, role in rows:
            out.setdefault(testimony_id, set()).add(role)
    return out


def get_info(opened: OpenStore, testimony_id: int) -> TestimonyInfo:
    with opened.db.session(readonly=True) as session:
        return _info(_row(session, testimony_id))


# --------------------------------------------------------------- withdraw


def withdraw(opened: OpenStore, testimony_id: int, *, actor: str) -> WithdrawResult:
    """Destroy a testimony's content: delete its data keys and ciphertexts (crypto-shredding).

    Also removes what was derived from it: the quotes and records linking
    incidents to it (the incidents stay, listed in the result for review),
    statistics from it, derived texts. The encrypted files stay in the
    evidence store (their key is gone; ``verify`` still passes). The custody
    log gets a ``withdraw`` event with the hash and nothing else. Afterwards
    SQLite's WAL is checkpointed and truncated; PostgreSQL's tables holding
    keys and ciphertext are rewritten (``VACUUM FULL``).
    """
    now = utc_now()
    with opened.db.session() as session:
        row = _row(session, testimony_id)
        withdrawn_before = row.status == "withdrawn"
    if withdrawn_before:  # a retry after a crash: the purge that may not have run is run again
        _purge_old_pages(opened)
        raise TestimonyWithdrawn(f"testimony {testimony_id} was already withdrawn")
    with opened.db.session() as session:
        row = _row(session, testimony_id)
        key_ids = [row.key_id]
        witness = session.scalar(select(Witness).where(Witness.testimony_id == row.id))
        if witness is not None:
            key_ids.append(witness.key_id)
            session.delete(witness)
        row.key_id = None
        row.content = None
        row.pseudonym = f"withdrawn-{row.id}"
        row.language = None
        row.status = "withdrawn"
        row.withdrawn_at = now
        for file_row in session.scalars(select(TestimonyFile).where(TestimonyFile.testimony_id == row.id)):
            file_row.name = None
        session.execute(delete(TestimonyGrant).where(TestimonyGrant.testimony_id == row.id))
        session.flush()
        session.execute(delete(DataKey).where(DataKey.id.in_([k for k in key_ids if k is not None])))
        incidents: list[int] = []
        statistics = 0
        if row.source_id is not None:
            incidents = sorted(set(session.scalars(
                select(IncidentSource.incident_id).where(IncidentSource.source_id == row.source_id)
            )))
            session.execute(delete(IncidentSource).where(IncidentSource.source_id == row.source_id))
            statistics = len(list(session.scalars(select(Statistic.id).where(Statistic.source_id == row.source_id))))
            session.execute(delete(Statistic).where(Statistic.source_id == row.source_id))
            text_shas = list(
                session.scalars(select(SourceText.text_sha256).where(SourceText.source_id == row.source_id))
            )
            session.execute(delete(SourceText).where(SourceText.source_id == row.source_id))
            for sha in text_shas:
                still_used = session.scalar(select(SourceText.source_id).where(SourceText.text_sha256 == sha).limit(1))
                if still_used is None:
                    session.execute(delete(DerivedText).where(DerivedText.sha256 == sha))
            refresh_incidents(session, incidents)
        entry = append_event(session, "withdraw", f"testimony:{row.id}", actor, {"sha256": row.sha256}, at=now)
        result = WithdrawResult(row.id, row.sha256, now, entry.seq, tuple(incidents), statistics)
    result = dataclasses.replace(result, residue=_purge_old_pages(opened))
    logger.info("testimony %s withdrawn: keys destroyed", testimony_id)
    return result


def _purge_old_pages(opened: OpenStore) -> tuple[str, ...]:
    """Leave no old copy of the deleted keys in the database's own files (:mod:`letopis.testimony.purge`)."""
    return purge_old_pages(opened.db.engine)
