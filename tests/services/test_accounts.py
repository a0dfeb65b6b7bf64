"""The accounts service: argon2 hashes, the attempt limiter, TOTP codes, sealed secrets, the session key."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from letopis.config import load_config
from letopis.db.models import DataKey, User
from letopis.errors import AccountError, LoginRefused, TooManyAttempts
from letopis.services import accounts
from letopis.services.accounts import AttemptLimiter
from letopis.services.workspace import Workspace, init_workspace

pyotp = pytest.importorskip("pyotp")
PASSWORD = "a long enough password"


@pytest.fixture
def plain(tmp_path: Path) -> Iterator[Workspace]:
    workspace, _, _ = init_workspace(load_config({"data": str(tmp_path / "data")}))
    try:
        yield workspace
    finally:
        workspace.close()


@pytest.fixture
def encrypted(tmp_path: Path, database_url: str) -> Iterator[Workspace]:
    """An encrypted store: SQLCipher, or PostgreSQL (where only the sealed fields are encrypted)."""
    from tests.crypto.support import make_encrypted

    url = None if database_url.startswith("sqlite") else database_url
    opened, _ = make_encrypted(tmp_path / "data", url)
    workspace = Workspace(load_config({"data": str(tmp_path / "data"), "database_url": url}), opened)
    try:
        yield workspace
    finally:
        workspace.close()


def _row(workspace: Workspace, name: str) -> Any:
    with workspace.db.session(readonly=True) as session:
        return session.scalars(select(User).where(User.name == name)).one()


def test_passwords_are_stored_as_argon2id_hashes_and_checked(plain: Workspace) -> None:
    accounts.add_user(plain, "anna", "editor", PASSWORD)
    stored = _row(plain, "anna").password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    limiter = AttemptLimiter()
    assert accounts.check_password(plain, "anna", PASSWORD, limiter=limiter).account.name == "anna"
    for name, password in (("anna", "wrong password"), ("nobody", PASSWORD)):
        with pytest.raises(LoginRefused, match="^wrong name or password$"):
            accounts.check_password(plain, name, password, limiter=limiter)


def test_the_limiter_counts_per_name_and_per_client_within_a_minute() -> None:
    now = [1000.0]
    limiter = AttemptLimiter(clock=lambda: now[0])
    for _ in range(9):
        limiter.check("anna", "10.0.0.1")
        limiter.failed("anna", "10.0.0.1")
    for name, client in (("anna", "10.0.0.2"), ("ANNA", None), ("boris", "10.0.0.1")):
        with pytest.raises(TooManyAttempts):
            limiter.check(name, client)
    limiter.check("boris", "10.0.0.2")  # neither the name nor the client has failed
    now[0] += 59.0
    with pytest.raises(TooManyAttempts):
        limiter.check("anna", None)
    now[0] += 1.0  # a minute after the failures
    limiter.check("anna", "10.0.0.1")


def test_a_totp_code_is_accepted_once_in_its_window(plain: Workspace) -> None:
    accounts.add_user(plain, "anna", "admin", PASSWORD)
    before = _row(plain, "anna").session_epoch
    setup = accounts.enable_totp(plain, "anna")
    assert setup.uri.startswith("otpauth://totp/Letopis:anna?secret=" + setup.secret)
    row = _row(plain, "anna")
    assert row.session_epoch == before + 1  # sessions from before the second factor end
    login = accounts.check_password(plain, "anna", PASSWORD, limiter=AttemptLimiter())
    assert login.needs_code
    totp = pyotp.TOTP(setup.secret)
    at = 1_800_000_000.0
    limiter = AttemptLimiter()
    with pytest.raises(LoginRefused, match="wrong code"):
        accounts.check_code(plain, row.id, row.session_epoch, totp.at(at - 120), limiter=limiter, now=at)
    assert accounts.check_code(plain, row.id, row.session_epoch, totp.at(at - 30), limiter=limiter, now=at).is_admin
    with pytest.raises(LoginRefused):  # the same code again
        accounts.check_code(plain, row.id, row.session_epoch, totp.at(at - 30), limiter=limiter, now=at)
    accounts.check_code(plain, row.id, row.session_epoch, totp.at(at), limiter=limiter, now=at)
    with pytest.raises(LoginRefused, match="expired"):  # a login begun before a new password
        accounts.check_code(plain, row.id, row.session_epoch - 1, totp.at(at + 30), limiter=limiter, now=at)


def test_on_an_encrypted_store_the_totp_secret_is_sealed_and_shredded_with_the_account(encrypted: Workspace) -> None:
    accounts.add_user(encrypted, "anna", "admin", PASSWORD)
    accounts.add_user(encrypted, "boris", "admin", PASSWORD)
    secret = accounts.enable_totp(encrypted, "anna").secret
    row = _row(encrypted, "anna")
    assert row.totp_key_id is not None and secret.encode() not in row.totp_secret
    code = pyotp.TOTP(secret).now()
    assert accounts.check_code(encrypted, row.id, row.session_epoch, code, limiter=AttemptLimiter()).name == "anna"
    accounts.enable_totp(encrypted, "anna")  # a new secret: the old key goes
    with encrypted.db.session(readonly=True) as session:
        assert session.get(DataKey, row.totp_key_id) is None
        key_id = _row(encrypted, "anna").totp_key_id
        assert session.get(DataKey, key_id) is not None
    accounts.remove_user(encrypted, "anna")
    with encrypted.db.session(readonly=True) as session:
        assert session.get(DataKey, key_id) is None
    assert accounts.session_secret(encrypted) == accounts.session_secret(encrypted)
    assert not (encrypted.config.data / accounts.SECRET_FILE).exists()  # derived from the master key


def test_the_session_key_is_made_once_readable_by_its_owner_only(plain: Workspace) -> None:
    first = accounts.session_secret(plain)
    path = plain.config.data / accounts.SECRET_FILE
    assert len(first) == 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert accounts.session_secret(plain) == first
    path.write_text("damaged\n")
    with pytest.raises(AccountError, match="not a session key"):
        accounts.session_secret(plain)


def test_the_last_admin_stays(plain: Workspace) -> None:
    accounts.add_user(plain, "anna", "admin", PASSWORD)
    accounts.add_user(plain, "boris", "admin", PASSWORD)
    accounts.set_role(plain, "anna", "editor")
    with pytest.raises(AccountError, match="only admin"):
        accounts.remove_user(plain, "boris")
    assert accounts.first_admin(plain) is None
    assert [a.name for a in accounts.list_users(plain) if a.is_admin] == ["boris"]
