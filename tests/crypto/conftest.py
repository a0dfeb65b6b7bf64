from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from letopis.crypto.store import OpenStore
from tests.crypto.support import make_encrypted, postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None (SQLCipher in the data directory) or a fresh PostgreSQL URL."""
    if request.param == "sqlite":
        yield None
    else:
        yield from postgres_database(request)


@pytest.fixture
def encrypted(tmp_path: Path, backend_url: str | None) -> Iterator[tuple[OpenStore, str]]:
    """An encrypted store (data dir ``tmp_path/data``) and its recovery key."""
    store, recovery = make_encrypted(tmp_path / "data", backend_url)
    try:
        yield store, recovery
    finally:
        store.close()
