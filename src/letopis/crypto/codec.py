"""Encrypted evidence files: the :class:`~letopis.evidence.store.Codec` and
:class:`~letopis.evidence.store.Naming` seams of the object store.

File format (version 1)::

    header (73 bytes)
      "LTPE"            magic
      0x01              version
      0x10              log2 of the plaintext chunk size (64 KiB)
      wrap nonce (12) || wrapped data key (32 + 16 tag)   AES-256-GCM under the wrap key
      stream nonce prefix (7)
    chunks
      AES-256-GCM(data key, nonce = prefix || counter (4, big-endian) || last (1),
                  aad = header) of each 64 KiB of plaintext, the final chunk
                  (possibly empty) flagged last

One random data key per file, wrapped by a key derived from the master key
(or, for testimony media, by the testimony's own data key). The chunk counter
and last-flag in the nonce make reordering, truncation and extension fail
authentication, which the reader reports as :class:`CorruptObject`.

File names are ``HMAC-SHA-256(name key, sha256)``: stable (so a content is
stored once) but useless to someone who hashes a known file to see whether
the store holds it. Batch journals list sealed SHA-256s for the same reason.
"""

from __future__ import annotations

import io
import os
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from letopis.crypto.primitives import (
    KEY_BYTES,
    NONCE_BYTES,
    SUBKEY_JOURNAL,
    SUBKEY_OBJECT_NAME,
    SUBKEY_OBJECT_WRAP,
    TAG_BYTES,
    MasterKey,
    keyed_hash,
    open_sealed,
    random_key,
    seal,
)
from letopis.errors import DecryptionFailed
from letopis.evidence.store import CorruptObject, Encoder

__all__ = ["MAGIC", "HEADER_SIZE", "EncryptedCodec", "KeyedNaming", "is_encrypted_file"]

MAGIC = b"LTPE"
VERSION = 1
CHUNK_LOG2 = 16
CHUNK = 1 << CHUNK_LOG2
PREFIX_BYTES = 7
_WRAP_AAD = MAGIC + bytes([VERSION])
_WRAPPED_BYTES = NONCE_BYTES + KEY_BYTES + TAG_BYTES
HEADER_SIZE = len(MAGIC) + 2 + _WRAPPED_BYTES + PREFIX_BYTES


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    if counter >= 1 << 32:
        raise ValueError("file too large for one data key (2^32 chunks)")
    return prefix + struct.pack(">I", counter) + (b"\x01" if last else b"\x00")


def is_encrypted_file(head: bytes) -> bool:
    return head[: len(MAGIC)] == MAGIC


class _EncryptingWriter:
    def __init__(self, raw: BinaryIO, wrap_key: bytes) -> None:
        self._raw = raw
        data_key = random_key()
        self._aead = AESGCM(data_key)
        self._prefix = os.urandom(PREFIX_BYTES)
        self._header = MAGIC + bytes([VERSION, CHUNK_LOG2]) + seal(wrap_key, data_key, _WRAP_AAD) + self._prefix
        raw.write(self._header)
        self._buffer = bytearray()
        self._counter = 0

    def _emit(self, plaintext: bytes, last: bool) -> None:
        self._raw.write(self._aead.encrypt(_nonce(self._prefix, self._counter, last), plaintext, self._header))
        self._counter += 1

    def write(self, chunk: bytes) -> None:
        self._buffer += chunk
        while len(self._buffer) > CHUNK:  # keep at least one byte back: the last chunk is flagged
            self._emit(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]

    def finish(self) -> None:
        self._emit(bytes(self._buffer), last=True)
        self._buffer.clear()
        self._raw.flush()


class _DecryptingReader(io.RawIOBase):
    def __init__(self, raw: BinaryIO, wrap_key: bytes) -> None:
        super().__init__()
        self._raw = raw
        header = raw.read(HEADER_SIZE)
        if len(header) < HEADER_SIZE or not is_encrypted_file(header):
            raw.close()
            raise CorruptObject("not an encrypted Letopis object (header missing or damaged)")
        if header[4] != VERSION or header[5] != CHUNK_LOG2:
            raw.close()
            raise CorruptObject(f"unsupported object format version {header[4]}")
        try:
            data_key = open_sealed(wrap_key, header[6 : 6 + _WRAPPED_BYTES], _WRAP_AAD, what="object key")
        except DecryptionFailed:
            raw.close()
            raise CorruptObject("object key does not unwrap: header altered, or not this store's key") from None
        self._header = header
        self._aead = AESGCM(data_key)
        self._prefix = header[-PREFIX_BYTES:]
        self._counter = 0
        self._plain = b""
        self._pos = 0
        self._done = False
        self._pending = b""

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> None:
        want = CHUNK + TAG_BYTES + 1  # one byte of look-ahead tells whether this chunk is the last
        while len(self._pending) < want:
            more = self._raw.read(want - len(self._pending))
            if not more:
                break
            self._pending += more
        last = len(self._pending) <= CHUNK + TAG_BYTES
        sealed = self._pending if last else self._pending[: CHUNK + TAG_BYTES]
        self._pending = b"" if last else self._pending[CHUNK + TAG_BYTES :]
        try:
            self._plain = self._aead.decrypt(_nonce(self._prefix, self._counter, last), sealed, self._header)
        except InvalidTag:
            raise CorruptObject(
                f"chunk {self._counter} fails authentication (altered, truncated or extended)"
            ) from None
        self._pos = 0
        self._counter += 1
        self._done = last

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while self._pos >= len(self._plain):
            if self._done:
                return 0
            self._next_chunk()
        n = min(len(buffer), len(self._plain) - self._pos)
        buffer[:n] = self._plain[self._pos : self._pos + n]
        self._pos += n
        return n

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


class EncryptedCodec:
    """AES-256-GCM in 64 KiB chunks, one random data key per file (see the module doc)."""

    def __init__(self, master: MasterKey | None = None, *, wrap_key: bytes | None = None) -> None:
        if (master is None) == (wrap_key is None):
            raise ValueError("give either the master key or a wrap key")
        self._wrap_key = wrap_key if wrap_key is not None else master.derive(SUBKEY_OBJECT_WRAP)  # type: ignore[union-attr]

    def encoder(self, raw: BinaryIO) -> Encoder:
        return _EncryptingWriter(raw, self._wrap_key)

    def reader(self, raw: BinaryIO) -> BinaryIO:
        return io.BufferedReader(_DecryptingReader(raw, self._wrap_key), buffer_size=CHUNK)


class KeyedNaming:
    """File name = HMAC-SHA-256(name key, content SHA-256); journals hold sealed SHA-256s."""

    def __init__(self, master: MasterKey) -> None:
        self._name_key = master.derive(SUBKEY_OBJECT_NAME)
        self._journal_key = master.derive(SUBKEY_JOURNAL)

    def name_for(self, sha256: str) -> str:
        return keyed_hash(self._name_key, bytes.fromhex(sha256))

    def seal(self, sha256: str) -> str:
        return seal(self._journal_key, bytes.fromhex(sha256), b"journal").hex()

    def unseal(self, line: str) -> str | None:
        try:
            return open_sealed(self._journal_key, bytes.fromhex(line), b"journal").hex()
        except (ValueError, DecryptionFailed):
            return None
