"""SQLAlchemy 2 models: the one schema for SQLite and PostgreSQL.

The migrations in :mod:`letopis.db.migrations` create exactly this schema
(a test compares them); the full-text index and the custody-log triggers are
dialect-specific DDL that only the migrations hold (see :mod:`letopis.db.fts`).
See ``docs/storage.md`` for what each table means.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from letopis.db.types import Digest, JSONType, UTCDateTime, utc_now

__all__ = [
    "Base",
    "ApiKey",
    "Blob",
    "Capture",
    "CaptureArtefact",
    "Source",
    "DerivedText",
    "SourceText",
    "Incident",
    "IncidentSource",
    "Statistic",
    "Edit",
    "MergeFlag",
    "CustodyEntry",
    "IngestItem",
    "DataKey",
    "Testimony",
    "TestimonyFile",
    "Witness",
    "TestimonyGrant",
    "User",
    "IncidentOrigin",
    "SourceProfile",
    "SourceProfileChange",
    "ReadingFlag",
    "RowSeal",
    "MachineTranslation",
    "INCIDENT_STATUSES",
    "READING_FLAG_STATUSES",
    "MERGE_FLAG_STATUSES",
    "CUSTODY_EVENTS",
    "ARTEFACT_ROLES",
    "CONSENT_LEVELS",
    "TESTIMONY_STATUSES",
    "GRANT_SCOPES",
    "USER_ROLES",
]

INCIDENT_STATUSES: tuple[str, ...] = ("candidate", "verified", "rejected")
MERGE_FLAG_STATUSES: tuple[str, ...] = ("open", "merged", "dismissed")
READING_FLAG_STATUSES: tuple[str, ...] = ("open", "applied", "dismissed")
CUSTODY_EVENTS: tuple[str, ...] = (
    "collect", "import", "derive", "edit", "merge", "split", "export", "verify",
    "withdraw", "grant", "seal",
)
ARTEFACT_ROLES: tuple[str, ...] = ("original", "warc", "media", "text")
INGEST_STATES: tuple[str, ...] = ("started", "done", "failed")
CONSENT_LEVELS: tuple[str, ...] = ("public", "internal", "restricted")
TESTIMONY_STATUSES: tuple[str, ...] = ("active", "withdrawn")
GRANT_SCOPES: tuple[str, ...] = ("content", "identity")
USER_ROLES: tuple[str, ...] = ("viewer", "editor", "admin")

SHA256 = String(64)  # a SHA-256 as hex text, where it is not a key (a testimony's, a translated text's)
# Digest (letopis.db.types): a SHA-256 stored as its 32 bytes, hex in Python: the evidence's and texts' keys and
# every column referring to them, the custody log's hashes, the row seals (0018)
ENGINE = String(64)  # an engine version (letopis.extract.version): package version + data hashes

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Blob(Base):
    """One object in the evidence store, named by the SHA-256 of its bytes."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(Digest, primary_key=True)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    media_type: Mapped[str] = mapped_column(String(255), nullable=False)
    created: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)


class Source(Base):
    """A source item: its content (original bytes). The locator is where it was first read; each capture
    keeps its own (the same bytes from a file and a URL are one source, captured twice)."""

    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("locator", "original_sha256", name="uq_sources_locator_original"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    locator: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(64), nullable=False)
    original_sha256: Mapped[str] = mapped_column(Digest, ForeignKey("blobs.sha256"), nullable=False, index=True)
    published: Mapped[datetime | None] = mapped_column(UTCDateTime())
    title: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    created: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)

    captures: Mapped[list[Capture]] = relationship(back_populates="source", order_by="Capture.id")


class Capture(Base):
    """One act of reading a source item (re-reads of the same bytes add captures)."""

    __tablename__ = "captures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_kind: Mapped[str] = mapped_column(String(64), nullable=False)
    locator: Mapped[str] = mapped_column(Text, nullable=False, index=True)
    final_url: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    collector: Mapped[str] = mapped_column(String(255), nullable=False)
    tool: Mapped[str] = mapped_column(Text, nullable=False)
    method: Mapped[str] = mapped_column(String(255), nullable=False)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("captures.id"), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    published: Mapped[datetime | None] = mapped_column(UTCDateTime())
    title: Mapped[str | None] = mapped_column(Text)
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", JSONType, nullable=False, default=dict)
    error: Mapped[str | None] = mapped_column(Text)

    source: Mapped[Source | None] = relationship(back_populates="captures")
    artefacts: Mapped[list[CaptureArtefact]] = relationship(order_by="CaptureArtefact.id")


class CaptureArtefact(Base):
    __tablename__ = "capture_artefacts"
    __table_args__ = (CheckConstraint(_in("role", ARTEFACT_ROLES), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    capture_id: Mapped[int] = mapped_column(ForeignKey("captures.id", ondelete="CASCADE"), nullable=False, index=True)
    sha256: Mapped[str] = mapped_column(Digest, ForeignKey("blobs.sha256"), nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    name: Mapped[str | None] = mapped_column(Text)


class DerivedText(Base):
    """Plain text derived from a blob; the key is the SHA-256 of its UTF-8 bytes."""

    __tablename__ = "texts"

    sha256: Mapped[str] = mapped_column(Digest, primary_key=True)
    derived_from: Mapped[str] = mapped_column(Digest, ForeignKey("blobs.sha256"), nullable=False)
    method: Mapped[str] = mapped_column(String(255), nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    created: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)


class SourceText(Base):
    __tablename__ = "source_texts"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True)
    text_sha256: Mapped[str] = mapped_column(Digest, ForeignKey("texts.sha256"), primary_key=True)


class Incident(Base):
    __tablename__ = "incidents"
    __table_args__ = (
        CheckConstraint(_in("status", INCIDENT_STATUSES), name="status"),
        Index("ix_incidents_date_start", "date_start"),
        Index("ix_incidents_status_type", "status", "event_type"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="candidate")
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default="incident")
    date: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(8))
    date_start: Mapped[str | None] = mapped_column(String(10))  # first day the date may mean
    date_end: Mapped[str | None] = mapped_column(String(10))  # last day the date may mean
    event_type: Mapped[str] = mapped_column(String(64), nullable=False)
    location_name: Mapped[str | None] = mapped_column(Text)
    admin1: Mapped[str | None] = mapped_column(String(255), index=True)
    country: Mapped[str | None] = mapped_column(String(2))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    detained: Mapped[int | None] = mapped_column(Integer)
    actors: Mapped[list[str]] = mapped_column(JSONType, nullable=False, default=list)
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="")
    confidence: Mapped[float | None] = mapped_column(Float)
    # marks of SENSITIVITY_MARKS a person set (personal data visible, graphic); [] when nobody marked it
    sensitivity: Mapped[list[str]] = mapped_column(JSONType, nullable=False, default=list,
                                                   server_default=text("'[]'"))
    merged_into: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    engine: Mapped[str | None] = mapped_column(ENGINE)  # the engine whose reading gave its fields
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)

    sources: Mapped[list[IncidentSource]] = relationship(
        back_populates="incident", order_by="IncidentSource.id", cascade="all, delete-orphan"
    )


class IncidentSource(Base):
    """One source supporting an incident, with its quote and the record it gave."""

    __tablename__ = "incident_sources"
    __table_args__ = (UniqueConstraint("incident_id", "source_id", name="uq_incident_sources_pair"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), nullable=False, index=True)
    text_sha256: Mapped[str | None] = mapped_column(Digest, ForeignKey("texts.sha256"))
    quote: Mapped[str] = mapped_column(Text, nullable=False)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str | None] = mapped_column(String(16))
    record: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False)
    merge_reason: Mapped[str | None] = mapped_column(Text)
    engine: Mapped[str | None] = mapped_column(ENGINE)  # the engine that read ``record`` from the source
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)

    incident: Mapped[Incident] = relationship(back_populates="sources")
    source: Mapped[Source] = relationship()


class Statistic(Base):
    """An aggregate figure from one source (``kind == "statistic"`` records)."""

    __tablename__ = "statistics"
    __table_args__ = (CheckConstraint(_in("status", INCIDENT_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="candidate")
    metric: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    value: Mapped[int | None] = mapped_column(Integer)
    period: Mapped[str | None] = mapped_column(String(32))
    date: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(8))
    date_start: Mapped[str | None] = mapped_column(String(10))
    date_end: Mapped[str | None] = mapped_column(String(10))
    location_name: Mapped[str | None] = mapped_column(Text)
    admin1: Mapped[str | None] = mapped_column(String(255))
    country: Mapped[str | None] = mapped_column(String(2))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="")
    confidence: Mapped[float | None] = mapped_column(Float)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), nullable=False, index=True)
    text_sha256: Mapped[str | None] = mapped_column(Digest, ForeignKey("texts.sha256"))
    quote: Mapped[str] = mapped_column(Text, nullable=False)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str | None] = mapped_column(String(16))
    record: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False)
    engine: Mapped[str | None] = mapped_column(ENGINE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)


class Edit(Base):
    """One field change on an incident by a person or a process."""

    __tablename__ = "edits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False, index=True)
    actor: Mapped[str] = mapped_column(String(255), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)
    field: Mapped[str] = mapped_column(String(64), nullable=False)
    old: Mapped[Any] = mapped_column(JSONType, nullable=True)
    new: Mapped[Any] = mapped_column(JSONType, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text)  # why a person changed it (None for a process's change)


class MergeFlag(Base):
    """A pair of incidents that may be the same, waiting for a person."""

    __tablename__ = "merge_flags"
    __table_args__ = (
        UniqueConstraint("incident_a", "incident_b", name="uq_merge_flags_pair"),
        CheckConstraint(_in("status", MERGE_FLAG_STATUSES), name="status"),
        CheckConstraint("incident_a < incident_b", name="ordered"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_a: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False)
    incident_b: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by: Mapped[str | None] = mapped_column(String(255))
    resolution: Mapped[str | None] = mapped_column(Text)  # why the person merged the pair or kept it apart


class ReadingFlag(Base):
    """A new reading (``letopis reextract``) that disagrees with what a person decided, left for a person.

    About one field of an incident (or a statistic): the value kept (the
    person's) and the one the engine ``engine`` read from ``source_id``;
    ``field`` is ``"record"`` when the reading no longer finds a record a person
    verified, merged or split.
    """

    __tablename__ = "reading_flags"
    __table_args__ = (CheckConstraint(_in("status", READING_FLAG_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    statistic_id: Mapped[int | None] = mapped_column(ForeignKey("statistics.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), nullable=False)
    field: Mapped[str] = mapped_column(String(64), nullable=False)
    kept: Mapped[Any] = mapped_column(JSONType, nullable=True)
    proposed: Mapped[Any] = mapped_column(JSONType, nullable=True)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    engine: Mapped[str] = mapped_column(ENGINE, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by: Mapped[str | None] = mapped_column(String(255))
    resolution: Mapped[str | None] = mapped_column(Text)


class CustodyEntry(Base):
    """Append-only, hash-chained log; the database refuses UPDATE and DELETE.

    ``details`` holds canonical JSON as text (not a JSON column) so that the
    bytes hashed are the bytes stored, on every backend.
    """

    __tablename__ = "custody_log"
    __table_args__ = (CheckConstraint(_in("event", CUSTODY_EVENTS), name="event"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    event: Mapped[str] = mapped_column(String(16), nullable=False)
    subject: Mapped[str] = mapped_column(Text, nullable=False)
    actor: Mapped[str] = mapped_column(String(255), nullable=False)
    details: Mapped[str] = mapped_column(Text, nullable=False)
    prev_hash: Mapped[str] = mapped_column(Digest, nullable=False)  # 32 bytes stored, hex in Python (0018)
    hash: Mapped[str] = mapped_column(Digest, nullable=False)


class IngestItem(Base):
    """Restart bookkeeping: which items of an ingest run (a collection) are done.

    Mark an item ``done`` in the same transaction that writes its source,
    captures, texts and incidents; a killed run then leaves every item either
    done (committed) or not done (nothing committed), and a re-run skips the
    done ones.
    """

    __tablename__ = "ingest_items"
    __table_args__ = (
        UniqueConstraint("collection", "item", name="uq_ingest_items_collection_item"),
        CheckConstraint(_in("state", INGEST_STATES), name="state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    collection: Mapped[str] = mapped_column(Text, nullable=False)
    item: Mapped[str] = mapped_column(Text, nullable=False)
    state: Mapped[str] = mapped_column(String(16), nullable=False)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    detail: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)


# --------------------------------------------------------------- testimonies
# Content and identity are encrypted by the application (letopis.testimony),
# each under its own data key; the key rows hold those keys wrapped by the
# store's master key, which never reaches the database.


class DataKey(Base):
    """A random data key, wrapped (AES-256-GCM) by a key derived from the master key.

    Deleting the row destroys whatever it encrypted (crypto-shredding).
    """

    __tablename__ = "data_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purpose: Mapped[str] = mapped_column(String(32), nullable=False)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    created: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)


class Testimony(Base):
    """A first-hand account: consent, who recorded it and when; the text encrypted."""

    __tablename__ = "testimonies"
    __table_args__ = (
        CheckConstraint(_in("consent", CONSENT_LEVELS), name="consent"),
        CheckConstraint(_in("status", TESTIMONY_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="active")
    consent: Mapped[str] = mapped_column(String(16), nullable=False)
    consent_until: Mapped[str | None] = mapped_column(String(10))  # ISO date the consent ends
    pseudonym: Mapped[str] = mapped_column(String(255), nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(255), nullable=False)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    language: Mapped[str | None] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(SHA256, nullable=False)  # of the account as given (text or first file)
    key_id: Mapped[int | None] = mapped_column(ForeignKey("data_keys.id", ondelete="SET NULL"))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)  # encrypted text
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class TestimonyFile(Base):
    """A file of a testimony: an evidence object holding the file encrypted under the testimony's key."""

    __tablename__ = "testimony_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    testimony_id: Mapped[int] = mapped_column(
        ForeignKey("testimonies.id", ondelete="CASCADE"), nullable=False, index=True
    )
    blob_sha256: Mapped[str] = mapped_column(Digest, ForeignKey("blobs.sha256"), nullable=False)
    plain_sha256: Mapped[str] = mapped_column(SHA256, nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    media_type: Mapped[str] = mapped_column(String(255), nullable=False)
    name: Mapped[bytes | None] = mapped_column(LargeBinary)  # encrypted original file name


class Witness(Base):
    """Who gave a testimony, kept apart from the account under its own key."""

    __tablename__ = "witnesses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    testimony_id: Mapped[int] = mapped_column(
        ForeignKey("testimonies.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    key_id: Mapped[int | None] = mapped_column(ForeignKey("data_keys.id", ondelete="SET NULL"))
    identity: Mapped[bytes | None] = mapped_column(LargeBinary)  # encrypted JSON: name, contact, notes


class TestimonyGrant(Base):
    """A role allowed to read a testimony's content, or its witness's identity."""

    __tablename__ = "testimony_grants"
    __table_args__ = (
        UniqueConstraint("testimony_id", "role", "scope", name="uq_testimony_grants_triple"),
        CheckConstraint(_in("scope", GRANT_SCOPES), name="scope"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    testimony_id: Mapped[int] = mapped_column(ForeignKey("testimonies.id", ondelete="CASCADE"), nullable=False)
    role: Mapped[str] = mapped_column(String(64), nullable=False)
    scope: Mapped[str] = mapped_column(String(16), nullable=False, default="content")
    granted_by: Mapped[str] = mapped_column(String(255), nullable=False)
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)


# ------------------------------------------------------------------ accounts


class User(Base):
    """An account of the web app: a name, a role, an argon2 password hash and an optional TOTP secret.

    The TOTP secret is sealed under its own data key when the store is encrypted
    (``totp_key_id`` set), as the testimony fields are; otherwise it is stored as
    ASCII. ``session_epoch`` grows whenever the account's sessions must end
    (a new password, a new second factor, a logout); a session signed with an
    older epoch is no longer accepted. It starts at a random number, so a new
    account that gets a removed one's id does not inherit its sessions. ``totp_step`` is the last time step a code
    was accepted for, so a code is never accepted twice.
    """

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", USER_ROLES), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    totp_key_id: Mapped[int | None] = mapped_column(ForeignKey("data_keys.id", ondelete="SET NULL"))
    totp_secret: Mapped[bytes | None] = mapped_column(LargeBinary)
    totp_step: Mapped[int | None] = mapped_column(Integer)
    session_epoch: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)


# ------------------------------------------------------------- reliability


class ApiKey(Base):
    """A key a script sends as ``Authorization: Bearer …`` to ``/api``: it acts as its owner, with its own role.

    Only the SHA-256 of the secret part is kept (a key is 32 random bytes: a
    slow password hash adds nothing, and every request checks one). ``prefix``
    finds the row; the key's role is never above its owner's when it is made,
    and is capped by the owner's role at each use. A revoked key stays (with
    ``revoked_at``) so a list shows what was once allowed. Removing the owner
    removes its keys.
    """

    __tablename__ = "api_keys"
    __table_args__ = (CheckConstraint(_in("role", USER_ROLES), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    label: Mapped[str] = mapped_column(String(64), nullable=False)
    prefix: Mapped[str] = mapped_column(String(16), nullable=False, unique=True)
    secret_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class IncidentOrigin(Base):
    """Where one supporting source's text comes from: itself (an origin) or an earlier source (a copy).

    One row per supporting source of an incident, recomputed whenever the
    incident's sources change (``letopis.services.origins``). ``kind`` is the
    origin kind of the source (official, media, channel, testimony,
    court_record, unknown); an incident's independent origins are its rows
    with ``origin_source_id == source_id``.
    """

    __tablename__ = "incident_origins"
    __table_args__ = (
        UniqueConstraint("incident_id", "source_id", name="uq_incident_origins_pair"),
        Index("ix_incident_origins_origin_kind", "incident_id", "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), nullable=False, index=True)
    origin_source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    similarity: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)


class IncidentGrade(Base):
    """The information grade (the Admiralty code's digit, 1-6) derived for an incident from its corroboration
    (``letopis.reliability.grades``), kept so lists can be filtered on it.

    Derived data, like the search index: recomputed whenever the incident's
    origins, its place or a source profile change, and by ``letopis origins
    recompute``; what ``show`` and the lists print is derived again when read.
    """

    __tablename__ = "incident_grades"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True)
    grade: Mapped[str] = mapped_column(String(1), nullable=False, index=True)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)


class SourceProfile(Base):
    """A site or channel: who it is, where it stands, and the Admiralty grade a person gave it."""

    __tablename__ = "source_profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    host: Mapped[str] = mapped_column(String(255), nullable=False, unique=True)  # meduza.io, t.me/name, telegram:ID
    name: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(2))
    language: Mapped[str | None] = mapped_column(String(16))
    stance: Mapped[str] = mapped_column(String(32), nullable=False, default="unknown")
    reliability: Mapped[str | None] = mapped_column(String(1))  # Admiralty A-F
    credibility: Mapped[str | None] = mapped_column(String(1))  # Admiralty 1-6
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)


class SourceProfileChange(Base):
    """One field change of a source profile: who, when, from what to what, and why."""

    __tablename__ = "source_profile_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("source_profiles.id", ondelete="CASCADE"), nullable=False,
                                            index=True)
    actor: Mapped[str] = mapped_column(String(255), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)
    field: Mapped[str] = mapped_column(String(32), nullable=False)
    old: Mapped[Any] = mapped_column(JSONType, nullable=True)
    new: Mapped[Any] = mapped_column(JSONType, nullable=True)
    reason: Mapped[str] = mapped_column(Text, nullable=False)


class RowSeal(Base):
    """The digest of one row of a table ``letopis verify`` binds to the custody log (see ``docs/verify.md``).

    ``seq`` is the ``seal`` custody event that last wrote it; the sum of all
    seals is recorded in the newest ``seal`` event, so editing a row and its
    seal together is found too.
    """

    __tablename__ = "row_seals"
    __table_args__ = {"sqlite_with_rowid": False}  # SQLite: the rows live in the key's b-tree alone (0015)

    tbl: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    digest: Mapped[str] = mapped_column(Digest, nullable=False)  # 32 bytes stored, hex in Python (0018)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)


class MachineTranslation(Base):
    """A machine translation kept for later runs (``letopis.services.translation``): the translation of one
    text, already redacted for the public, by one backend and model from one language into another.

    Written once and never changed: a text asked again in a later run is answered from here and not sent.
    Only the SHA-256 of the (redacted) text is kept, not the text; ``model`` is empty for a backend that has
    none (LibreTranslate).
    """

    __tablename__ = "machine_translations"
    __table_args__ = {"sqlite_with_rowid": False}

    backend: Mapped[str] = mapped_column(String(32), primary_key=True)
    model: Mapped[str] = mapped_column(String(255), primary_key=True)
    source_lang: Mapped[str] = mapped_column(String(16), primary_key=True)
    target_lang: Mapped[str] = mapped_column(String(16), primary_key=True)
    text_sha256: Mapped[str] = mapped_column(SHA256, primary_key=True)
    translation: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)
