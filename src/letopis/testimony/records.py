"""Typed values handed out by :mod:`letopis.testimony` (no ORM objects leak out)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from letopis.errors import (
    AccessDenied,
    ConsentEnded,
    TestimonyError,
    TestimonyExists,
    TestimonyNotFound,
    TestimonyWithdrawn,
)
from letopis.model import Record

__all__ = [
    "TestimonyError",
    "AccessDenied",
    "ConsentEnded",
    "TestimonyWithdrawn",
    "TestimonyExists",
    "TestimonyNotFound",
    "WitnessIdentity",
    "FileText",
    "TestimonyFileInfo",
    "TestimonyInfo",
    "Testimony",
    "WithdrawResult",
    "RedactedRecord",
    "redact_record",
]


@dataclass(frozen=True)
class WitnessIdentity:
    """Who the witness is and how to reach them: kept apart, under its own key."""

    name: str
    contact: str | None = None
    notes: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "contact": self.contact, "notes": self.notes}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WitnessIdentity:
        return cls(name=str(data["name"]), contact=data.get("contact"), notes=data.get("notes"))

    def __repr__(self) -> str:  # never in logs or tracebacks by accident
        return "WitnessIdentity(<hidden>)"


@dataclass(frozen=True)
class FileText:
    """What a reader found in one file of a testimony: its text (None if it has none) and media type."""

    text: str | None
    media_type: str | None  # None: guessed from the file's name

    def __repr__(self) -> str:  # the account never in logs or tracebacks by accident
        return f"FileText(<{len(self.text or '')} chars>, {self.media_type!r})"


@dataclass(frozen=True)
class TestimonyFileInfo:
    media_type: str
    size: int
    sha256: str  # of the plain file
    name: str | None  # original file name, when readable


@dataclass(frozen=True)
class TestimonyInfo:
    """What may be listed without decrypting anything."""

    id: int
    status: str
    consent: str
    consent_until: date | None
    pseudonym: str
    recorded_by: str
    recorded_at: datetime
    language: str | None
    sha256: str
    source_id: int | None
    withdrawn_at: datetime | None

    def consent_lapsed(self, today: date) -> bool:
        return self.consent_until is not None and today > self.consent_until


@dataclass(frozen=True)
class Testimony(TestimonyInfo):
    """A readable testimony: its text (for extraction) and files.

    Run extraction on ``text`` and link the records to ``source_id`` through
    :func:`redact_record` so no quote of the account is stored in clear.
    """

    text: str | None
    files: tuple[TestimonyFileInfo, ...]

    def __repr__(self) -> str:
        return (f"Testimony(id={self.id}, consent={self.consent!r}, status={self.status!r}, "
                f"text=<{len(self.text or '')} chars>)")


@dataclass(frozen=True)
class WithdrawResult:
    testimony_id: int
    sha256: str
    withdrawn_at: datetime
    custody_seq: int
    unlinked_incidents: tuple[int, ...]  # incidents that lost this testimony as a source: review them
    removed_statistics: int
    residue: tuple[str, ...] = ()  # what of the database engine may still hold old copies of the keys (one line each)


@dataclass(frozen=True)
class RedactedRecord(Record):
    """A record from a testimony, as stored: same fields and offsets, no quote text.

    The offsets (``start``, ``end``) point into the encrypted testimony text,
    so a reader with access can show the passage; the database keeps no copy.
    """

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data["testimony_quote"] = "redacted"
        return data


def redact_record(record: Record) -> RedactedRecord:
    values = {f.name: getattr(record, f.name) for f in fields(Record)}
    return RedactedRecord(**{**values, "quote": ""})
