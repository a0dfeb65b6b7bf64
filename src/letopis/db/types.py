"""Column types that behave the same on SQLite and PostgreSQL.

* :class:`UTCDateTime` — tz-aware UTC datetimes. PostgreSQL stores
  ``timestamptz``; SQLite stores a fixed-width ISO 8601 string
  (``2025-10-18T07:30:00.000000Z``) so that text order is time order.
  Either way Python gets an aware ``datetime`` in UTC back, and naive
  datetimes are refused on the way in.
* :data:`JSONType` — ``jsonb`` on PostgreSQL, JSON text on SQLite.
* :class:`Digest` — a SHA-256 as 64 lowercase hex digits in Python, stored
  as its 32 bytes (``bytea`` / ``BLOB``): half the room of the hex text, in
  the table and in any index on it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, LargeBinary, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

__all__ = ["UTCDateTime", "JSONType", "Digest", "format_utc", "parse_utc", "utc_now"]

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_now() -> datetime:
    return datetime.now(UTC)


def format_utc(value: datetime) -> str:
    """Fixed-width ISO 8601 in UTC with a ``Z``; refuses naive datetimes."""
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise ValueError(f"naive datetime refused (timestamps are tz-aware UTC): {value!r}")
    value = value.astimezone(UTC)
    if value.year < 1000:  # isoformat pads the year, strftime's %Y does not: keep what was always written
        return value.strftime(_FORMAT)
    return value.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"  # as _FORMAT, faster


def parse_utc(text: str) -> datetime:
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetime; ISO string on SQLite, ``timestamptz`` elsewhere."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(27))
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        text = format_utc(value)
        if dialect.name == "sqlite":
            return text
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            return parse_utc(value)
        assert isinstance(value, datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Digest(TypeDecorator[str]):
    """A 32-byte digest: hex text in Python (what every caller and every hashed record uses), bytes stored.

    A value another program wrote as text (not a 32-byte string) comes back
    as that text, so a check comparing it with a computed digest reports it.
    """

    impl = LargeBinary(32)
    cache_ok = True

    def process_bind_param(self, value: str | bytes | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, bytes | bytearray | memoryview):
            return bytes(value)
        raw = bytes.fromhex(value)
        if len(raw) != 32 or raw.hex() != value:
            raise ValueError(f"not a SHA-256 in lowercase hex: {value!r}")
        return raw

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return value
        return bytes(value).hex()


JSONType: TypeEngine[Any] = JSON().with_variant(JSONB(), "postgresql")
