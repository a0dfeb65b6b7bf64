"""`letopis user`: accounts added, listed, changed and removed from the command line (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.cli.conftest import letopis  # noqa: F401 - a fixture, used by name

Run = Callable[..., Any]


def _error_line(proc: Any) -> str:
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 1, lines
    assert proc.returncode == 2
    return str(lines[0])


def test_add_list_role_passwd_totp_remove(letopis: Run) -> None:  # noqa: F811
    assert letopis("user", "add", "anna", "--role", "admin", "--password-stdin",
                   stdin=b"anna's long password\n").stdout.decode() == "added anna (admin)\n"
    letopis("user", "add", "петро", "--role", "viewer", "--password-stdin", stdin=b"petro's password\n")
    listed = letopis("user", "list")
    rows = [line.split("\t") for line in listed.stdout.decode().splitlines()]
    assert [(row[0], row[1], row[2]) for row in rows] == [("anna", "admin", "-"), ("петро", "viewer", "-")]
    assert listed.stderr.decode().strip() == "2 account(s)"
    assert letopis("user", "role", "петро", "editor").stdout.decode() == "петро is now editor\n"
    assert letopis("user", "passwd", "петро", "--password-stdin",
                   stdin=b"a new long password\n").stdout.decode() == "password of петро changed\n"
    totp = letopis("user", "totp", "anna").stdout.decode().splitlines()
    assert totp[0].startswith("otpauth://totp/Letopis:anna?secret=") and totp[1].startswith("secret: ")
    assert totp[1].removeprefix("secret: ") in totp[0]
    assert "anna\tadmin\ttotp\t" in letopis("user", "list").stdout.decode()
    letopis("user", "totp", "anna", "--off")
    assert "anna\tadmin\t-\t" in letopis("user", "list").stdout.decode()
    assert letopis("user", "remove", "петро").stdout.decode() == "removed петро\n"
    assert [line.split("\t")[0] for line in letopis("user", "list").stdout.decode().splitlines()] == ["anna"]


def test_bad_input_is_one_line_and_a_non_zero_exit(letopis: Run) -> None:  # noqa: F811
    letopis("user", "add", "anna", "--role", "admin", "--password-stdin", stdin=b"anna's long password\n")
    cases = [
        (("user", "add", "anna", "--role", "editor", "--password-stdin"), b"another password\n",
         "letopis: error: an account named 'anna' exists already"),
        (("user", "add", "boris", "--role", "boss", "--password-stdin"), b"boris's password\n",
         "letopis: error: unknown role 'boss': one of viewer, editor, admin"),
        (("user", "add", "boris", "--role", "editor", "--password-stdin"), b"short\n",
         "letopis: error: a password needs at least 8 characters"),
        (("user", "add", "bad name", "--role", "editor", "--password-stdin"), b"a long password\n",
         "letopis: error: account name 'bad name': 1 to 64 letters, digits, '.', '_', '-' or '@'"),
        (("user", "add", "boris", "--role", "editor", "--password-stdin"), b"",
         "letopis: error: --password-stdin: standard input is empty"),
        (("user", "add", "boris", "--role", "editor"), b"",
         "letopis: error: no terminal to ask for the password: use --password-stdin"),
        (("user", "role", "anna", "nobody"), None,
         "letopis: error: unknown role 'nobody': one of viewer, editor, admin"),
        (("user", "role", "anna", "viewer"), None,
         "letopis: error: 'anna' is the only admin: add another admin before you change its role"),
        (("user", "remove", "anna"), None,
         "letopis: error: 'anna' is the only admin: add another admin before you remove it"),
        (("user", "remove", "ghost"), None, "letopis: error: no account named 'ghost'"),
        (("user", "passwd", "ghost", "--password-stdin"), b"a long password\n",
         "letopis: error: no account named 'ghost'"),
        (("user", "totp", "ghost"), None, "letopis: error: no account named 'ghost'"),
    ]
    for args, stdin, message in cases:
        assert _error_line(letopis(*args, stdin=stdin, check=False)) == message, args
    assert [line.split("\t")[:2] for line in letopis("user", "list").stdout.decode().splitlines()] == [
        ["anna", "admin"]]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_first_admin_is_made_once_with_a_generated_password(letopis: Run) -> None:  # noqa: F811
    made = letopis("user", "first-admin").stdout.decode()
    assert made.startswith("first admin: admin  password: ")
    password = made.split("password: ")[1].split()[0]
    assert len(password) >= 16
    again = letopis("user", "first-admin")
    assert again.stdout == b"" and "accounts exist already" in again.stderr.decode()
    from letopis.config import load_config
    from letopis.services import accounts
    from letopis.services.accounts import AttemptLimiter
    from letopis.services.workspace import open_workspace

    workspace = open_workspace(load_config({"data": str(letopis.data)}))  # type: ignore[attr-defined]
    try:
        login = accounts.check_password(workspace, "admin", password, limiter=AttemptLimiter())
        assert login.account.is_admin and not login.needs_code
    finally:
        workspace.close()
