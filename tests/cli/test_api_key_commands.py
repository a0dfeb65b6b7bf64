"""`letopis user key add/list/revoke`: keys made, shown once, listed without their secret, revoked (SQLite)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from typing import Any

import pytest

from tests.cli.conftest import letopis  # noqa: F401 - a fixture, used by name

Run = Callable[..., Any]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_key_is_shown_once_stored_hashed_listed_and_revoked(letopis: Run) -> None:  # noqa: F811
    letopis("user", "add", "anna", "--role", "editor", "--password-stdin", stdin=b"anna's long password\n")
    made = letopis("user", "key", "add", "anna", "--role", "viewer", "--label", "nightly export")
    key = made.stdout.decode().strip()
    assert re.fullmatch(r"ltp_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}", key), key
    assert "API key 1 of anna (viewer, nightly export)" in made.stderr.decode()
    prefix = key.split("_")[1]
    rows = [line.split("\t") for line in letopis("user", "key", "list").stdout.decode().splitlines()]
    assert [row[:5] for row in rows] == [["1", "anna", "viewer", "nightly export", f"ltp_{prefix}_…"]]
    assert rows[0][6:] == ["never used", "active"]
    database = next(letopis.data.glob("*.sqlite3"))  # type: ignore[attr-defined]
    with sqlite3.connect(database) as connection:
        stored = connection.execute("SELECT prefix, secret_sha256 FROM api_keys").fetchall()
    assert stored[0][0] == prefix and key.split("_", 2)[2] not in stored[0][1]  # only the hash is kept
    assert letopis("user", "key", "revoke", "1").stdout.decode() == "revoked API key 1 of anna (nightly export)\n"
    assert letopis("user", "key", "list", "anna").stdout.decode().split("\t")[-1].startswith("revoked ")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_bad_key_requests_are_one_line_and_a_non_zero_exit(letopis: Run) -> None:  # noqa: F811
    letopis("user", "add", "petro", "--role", "viewer", "--password-stdin", stdin=b"petro's password\n")
    cases = [
        (("user", "key", "add", "petro", "--role", "editor"),
         "letopis: error: a key of 'petro' (viewer) cannot be editor: a key's role is at most its owner's"),
        (("user", "key", "add", "ghost"), "letopis: error: no account named 'ghost'"),
        (("user", "key", "add", "petro", "--role", "boss"), "letopis: error: unknown role 'boss': one of viewer, "
                                                          "editor, admin"),
        (("user", "key", "revoke", "9"), "letopis: error: no API key 9"),
        (("user", "key", "list", "ghost"), "letopis: error: no account named 'ghost'"),
    ]
    for args, message in cases:
        proc = letopis(*args, check=False)
        assert proc.returncode == 2 and proc.stderr.decode().strip().splitlines() == [message], args
