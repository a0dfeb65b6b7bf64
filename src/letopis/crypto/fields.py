"""Application-level encryption of sensitive columns (both backends).

Each record that must be shreddable gets its own random data key; the key is
kept in ``data_keys`` wrapped (AES-256-GCM) by a key derived from the master
key, and the record's fields are sealed with it. The master key never goes
to the database, so a dump (of SQLite or PostgreSQL) shows only ciphertext,
and deleting the ``data_keys`` row makes the fields unrecoverable.

Each sealed value binds its context (``aad``: table, column, row id) so a
ciphertext copied into another row or column fails to open.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from letopis.crypto.primitives import SUBKEY_FIELD_WRAP, MasterKey, open_sealed, random_key, seal
from letopis.db.models import DataKey
from letopis.errors import DecryptionFailed

__all__ = ["FieldCipher", "field_aad"]

_VERSION = b"\x01"


def field_aad(table: str, column: str, row_id: int) -> bytes:
    return f"letopis/v1/{table}/{column}/{row_id}".encode()


class FieldCipher:
    """Wraps and unwraps per-record data keys; seals and opens field values."""

    def __init__(self, master: MasterKey) -> None:
        self._wrap_key = master.derive(SUBKEY_FIELD_WRAP)

    # ---- data keys

    def new_data_key(self, session: Session, purpose: str, key: bytes | None = None) -> tuple[DataKey, bytes]:
        """A key row (flushed, so it has an id) for ``key`` (default: a fresh random one), and the plain key."""
        key = key if key is not None else random_key()
        if len(key) != 32:
            raise ValueError("a data key is 32 bytes")
        row = DataKey(purpose=purpose, wrapped=b"")
        session.add(row)
        session.flush()
        row.wrapped = seal(self._wrap_key, key, self._key_aad(row.id, purpose))
        session.flush()
        return row, key

    def data_key(self, session: Session, key_id: int | None) -> bytes | None:
        """The plain data key, or None when it was destroyed (shredded)."""
        if key_id is None:
            return None
        row = session.get(DataKey, key_id)
        if row is None:
            return None
        return open_sealed(self._wrap_key, row.wrapped, self._key_aad(row.id, row.purpose), what="data key")

    @staticmethod
    def _key_aad(key_id: int, purpose: str) -> bytes:
        return f"letopis/v1/data_keys/{key_id}/{purpose}".encode()

    # ---- values

    @staticmethod
    def seal_bytes(key: bytes, value: bytes, aad: bytes) -> bytes:
        return _VERSION + seal(key, value, aad)

    @staticmethod
    def open_bytes(key: bytes, sealed: bytes, aad: bytes) -> bytes:
        if not sealed or sealed[:1] != _VERSION:
            raise DecryptionFailed("encrypted field: unknown format")
        return open_sealed(key, sealed[1:], aad, what="encrypted field")

    @classmethod
    def seal_text(cls, key: bytes, value: str, aad: bytes) -> bytes:
        return cls.seal_bytes(key, value.encode("utf-8"), aad)

    @classmethod
    def open_text(cls, key: bytes, sealed: bytes, aad: bytes) -> str:
        return cls.open_bytes(key, sealed, aad).decode("utf-8")

    @classmethod
    def seal_json(cls, key: bytes, value: Any, aad: bytes) -> bytes:
        return cls.seal_bytes(key, json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"), aad)

    @classmethod
    def open_json(cls, key: bytes, sealed: bytes, aad: bytes) -> Any:
        return json.loads(cls.open_bytes(key, sealed, aad))
