"""The few primitives everything else is built from.

* AES-256-GCM (``cryptography``) for every encryption: wrapping keys,
  fields, file chunks. 96-bit random nonces; a key never encrypts more than
  a few million messages (one data key per file or record).
* HKDF-SHA-256 to derive independent sub-keys from the master key, one per
  purpose (``SUBKEY_*``), so a key is never used for two things.
* HMAC-SHA-256 for keyed names.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import NoReturn

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from letopis.errors import DecryptionFailed

__all__ = [
    "KEY_BYTES",
    "NONCE_BYTES",
    "TAG_BYTES",
    "MasterKey",
    "random_key",
    "seal",
    "open_sealed",
    "hkdf",
    "keyed_hash",
    "SUBKEY_SQLCIPHER",
    "SUBKEY_OBJECT_WRAP",
    "SUBKEY_OBJECT_NAME",
    "SUBKEY_FIELD_WRAP",
    "SUBKEY_JOURNAL",
    "SUBKEY_WEB_SESSION",
]

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16

SUBKEY_SQLCIPHER = b"letopis/v1/sqlcipher"
SUBKEY_OBJECT_WRAP = b"letopis/v1/object-wrap"
SUBKEY_OBJECT_NAME = b"letopis/v1/object-name"
SUBKEY_FIELD_WRAP = b"letopis/v1/field-wrap"
SUBKEY_JOURNAL = b"letopis/v1/journal"
SUBKEY_WEB_SESSION = b"letopis/v1/web-session"  # signs the web app's session cookies


def random_key() -> bytes:
    return os.urandom(KEY_BYTES)


def hkdf(key: bytes, info: bytes, length: int = KEY_BYTES, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(key)


def seal(key: bytes, plaintext: bytes, aad: bytes = b"") -> bytes:
    """``nonce || AES-256-GCM(plaintext) || tag``."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, sealed: bytes, aad: bytes = b"", *, what: str = "data") -> bytes:
    """Inverse of :func:`seal`; :class:`DecryptionFailed` when altered or the key is wrong."""
    if len(sealed) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionFailed(f"{what}: too short to be encrypted data")
    try:
        return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad)
    except InvalidTag:
        raise DecryptionFailed(f"{what}: authentication failed (altered, or not encrypted with this key)") from None


def keyed_hash(key: bytes, data: bytes) -> str:
    return hmac.new(key, data, hashlib.sha256).hexdigest()


class MasterKey:
    """The store's random 256-bit master key, held in memory only.

    Never printed: ``repr`` and ``str`` show nothing of the key. Sub-keys
    for each purpose come from :meth:`derive`.
    """

    __slots__ = ("_key", "_cache")

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("a master key is 32 bytes")
        self._key = bytes(key)
        self._cache: dict[bytes, bytes] = {}

    def derive(self, purpose: bytes) -> bytes:
        found = self._cache.get(purpose)
        if found is None:
            found = self._cache[purpose] = hkdf(self._key, purpose)
        return found

    @property
    def raw(self) -> bytes:
        """The key bytes (for wrapping in the keyring only)."""
        return self._key

    def fingerprint(self) -> str:
        """A short, non-secret identifier of the key (safe to show)."""
        return self.derive(b"letopis/v1/fingerprint").hex()[:16]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MasterKey) and hmac.compare_digest(self._key, other._key)

    def __hash__(self) -> int:
        return hash(self.fingerprint())

    def __repr__(self) -> str:
        return f"MasterKey(fingerprint={self.fingerprint()})"

    __str__ = __repr__

    def __reduce__(self) -> NoReturn:  # refuse pickling: keys are not to be serialised by accident
        raise TypeError("MasterKey cannot be pickled")
