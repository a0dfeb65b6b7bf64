"""Helpers shared by the crypto and testimony tests: encrypted stores on both backends, file greps."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from letopis.crypto import KdfParams, init_store
from letopis.crypto.store import OpenStore
from letopis.model import Artefact, Capture

PASSPHRASE = "correct horse battery staple"
FAST = KdfParams.fast()
T0 = datetime(2025, 11, 2, 9, 0, tzinfo=UTC)


def postgres_database(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh PostgreSQL database URL (dropped afterwards), via the root conftest's admin fixture."""
    import psycopg
    from psycopg import sql

    from tests.conftest import _psycopg_kwargs

    admin = request.getfixturevalue("postgres_admin_url")
    name = f"letopis_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(**_psycopg_kwargs(admin), autocommit=True) as connection:
        create = sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(sql.Identifier(name))
        connection.execute(create)
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(**_psycopg_kwargs(admin), autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def make_encrypted(data_dir: Path, database_url: str | None) -> tuple[OpenStore, str]:
    result = init_store(data_dir, encrypt=True, passphrase=PASSPHRASE, database_url=database_url, kdf=FAST)
    assert result.recovery_key is not None
    return result.store, result.recovery_key


def report_capture(locator: str, body: str, *, title: str | None = None) -> Capture:
    data = body.encode("utf-8")
    return Capture(
        source_kind="file", locator=locator, started_at=T0, finished_at=T0, method="read file",
        tool="letopis/test",
        artefacts=(Artefact("original", "text/plain; charset=utf-8", data=data, name="report.txt"),),
        text=body, text_method="decode utf-8", title=title,
    )


def needles(sentence: str) -> dict[str, bytes]:
    """The sentence, every run of five consecutive words, its SHA-256 hex (any case)."""
    words = sentence.split()
    found: dict[str, bytes] = {"sentence": sentence.encode("utf-8")}
    for i in range(len(words) - 4):
        found[f"words {i}-{i + 4}"] = " ".join(words[i : i + 5]).encode("utf-8")
    digest = hashlib.sha256(sentence.encode("utf-8")).hexdigest()
    found["sha256"] = digest.encode("ascii")
    found["SHA256"] = digest.upper().encode("ascii")
    found["sha256-raw"] = bytes.fromhex(digest)
    return found


def grep_tree(root: Path, patterns: dict[str, bytes]) -> list[str]:
    """``file: pattern`` for every file under ``root`` that contains a pattern (also in UTF-16/normalised forms)."""
    hits: list[str] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        lowered = data.lower()
        for label, pattern in patterns.items():
            variants = {pattern, pattern.lower()}
            try:
                variants.add(pattern.decode("utf-8").encode("utf-16-le"))
            except UnicodeDecodeError:
                pass
            if any(v and (v in data or v in lowered) for v in variants):
                hits.append(f"{path.relative_to(root)}: {label}")
    return hits


def python_dump(engine: Any) -> bytes:
    """Every value of every table, as a dump would show it."""
    from sqlalchemy import MetaData, select

    meta = MetaData()
    meta.reflect(engine)
    out: list[bytes] = []
    with engine.connect() as connection:
        for table in meta.sorted_tables:
            for row in connection.execute(select(table)):
                for value in row:
                    if isinstance(value, (bytes, memoryview)):
                        out.append(bytes(value))
                    else:
                        out.append(str(value).encode("utf-8"))
    return b"\n".join(out)



def sqlcipher_plain_pages(path: Path, key: bytes, page_size: int = 4096, reserve: int = 80) -> bytes:
    """Decrypt every page of a SQLCipher 4 file (raw key), live or free: what a forensic reader with the key sees."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    data = path.read_bytes() if path.exists() else b""
    out: list[bytes] = []
    for i in range(len(data) // page_size):
        page = data[i * page_size : (i + 1) * page_size]
        start = 16 if i == 0 else 0
        iv = page[page_size - reserve : page_size - reserve + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out.append(decryptor.update(page[start : page_size - reserve]) + decryptor.finalize())
    return b"".join(out)


def sqlcipher_wal_pages(path: Path, key: bytes, page_size: int = 4096, reserve: int = 80) -> bytes:
    """Decrypt every page image in a SQLCipher WAL file (32-byte header, then 24-byte frame header + page)."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    data = path.read_bytes() if path.exists() else b""
    out: list[bytes] = []
    offset = 32
    while offset + 24 + page_size <= len(data):
        page_number = int.from_bytes(data[offset : offset + 4], "big")
        page = data[offset + 24 : offset + 24 + page_size]
        start = 16 if page_number == 1 else 0
        iv = page[page_size - reserve : page_size - reserve + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out.append(decryptor.update(page[start : page_size - reserve]) + decryptor.finalize())
        offset += 24 + page_size
    return b"".join(out)
