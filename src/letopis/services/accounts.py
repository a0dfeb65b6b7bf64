"""Accounts of the web app: who may read, edit and review, and who manages the accounts.

Three roles: a ``viewer`` reads; an ``editor`` also edits incidents and decides
reviews; an ``admin`` also manages the accounts. Passwords are hashed with
argon2id (``argon2-cffi``); an optional second factor is a TOTP secret
(``pyotp``), sealed under its own data key when the store is encrypted, as the
testimony fields are. The command line (``letopis user``) and the web app call
these functions only.

Logging in is :func:`check_password` (and :func:`check_code` for an account
with a second factor), guarded by an :class:`AttemptLimiter`: after nine wrong
passwords or codes for one name, or from one client, within a minute, the
next attempt is refused (:class:`~letopis.errors.TooManyAttempts`) even when
it is right. A web session names the account and its ``session_epoch``;
:func:`end_sessions` (logout, a new password, a new second factor) moves the
epoch on, which ends every session of the account.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.orm import Session

from letopis.crypto.fields import FieldCipher, field_aad
from letopis.crypto.primitives import SUBKEY_WEB_SESSION
from letopis.db import users as rows
from letopis.db.models import USER_ROLES, User
from letopis.errors import AccountError, LoginRefused, TooManyAttempts
from letopis.services.workspace import Workspace

__all__ = [
    "ROLES", "Account", "Login", "TotpSetup", "AttemptLimiter", "MIN_PASSWORD", "MAX_FAILURES",
    "add_user", "list_users", "remove_user", "set_role", "set_password", "enable_totp", "disable_totp",
    "first_admin", "count_users", "admins_without_totp", "check_password", "check_code", "session_account",
    "end_sessions", "session_secret", "account_view",
]

ROLES = USER_ROLES  # viewer < editor < admin
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
MAX_FAILURES = 9  # wrong passwords (or codes) within WINDOW_S; the next attempt is refused
WINDOW_S = 60.0
ISSUER = "Letopis"
SECRET_FILE = "web-session.key"

_NAME = re.compile(r"[\w.@-]{1,64}")
_hasher = PasswordHasher()  # argon2id with the library's recommended parameters
_DUMMY_HASH = _hasher.hash("not a password of anyone")  # compared against when a name is unknown (same time)


@dataclass(frozen=True)
class Account:
    """An account as the faces see it (never the hash or the secret)."""

    id: int
    name: str
    role: str
    totp: bool
    created_at: datetime
    updated_at: datetime
    session_epoch: int

    @property
    def can_edit(self) -> bool:
        return self.role in ("editor", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Login:
    """A right password: the account, and whether a TOTP code must follow before a session starts."""

    account: Account
    needs_code: bool


@dataclass(frozen=True)
class TotpSetup:
    secret: str  # base32, for typing into an authenticator app
    uri: str  # otpauth://totp/…, for a QR code


class AttemptLimiter:
    """Wrong passwords per name and per client over the last ``window`` seconds (in memory, thread-safe)."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: float = WINDOW_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._max = max_failures
        self._window = window
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _keys(self, name: str, client: str | None) -> list[str]:
        keys = [f"name:{name.casefold()}"]
        if client:
            keys.append(f"client:{client}")
        return keys

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] >= self._window:
            times.popleft()
        return times

    def check(self, name: str, client: str | None) -> None:
        """Refuse (:class:`TooManyAttempts`) when the name or the client has used up its wrong attempts."""
        with self._lock:
            now = self._clock()
            if any(len(self._recent(key, now)) >= self._max for key in self._keys(name, client)):
                raise TooManyAttempts("too many wrong passwords for this name or from this address: "
                                      "wait a minute and try again")

    def failed(self, name: str, client: str | None) -> None:
        with self._lock:
            now = self._clock()
            if len(self._failures) > 10_000:  # forget the quiet keys so the table stays small
                for key in [k for k, v in self._failures.items() if not v or now - v[-1] >= self._window]:
                    del self._failures[key]
            for key in self._keys(name, client):
                self._recent(key, now).append(now)


# ------------------------------------------------------------------ managing accounts


def _view(user: User) -> Account:
    return Account(id=user.id, name=user.name, role=user.role, totp=user.totp_secret is not None,
                   created_at=user.created_at, updated_at=user.updated_at, session_epoch=user.session_epoch)


def account_view(user: User) -> Account:
    """The account as the faces see it (for :mod:`letopis.services.apikeys`, which acts as an account)."""
    return _view(user)


def _check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise AccountError(f"account name {name!r}: 1 to 64 letters, digits, '.', '_', '-' or '@'")
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    return role


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"a password has at most {MAX_PASSWORD} characters")
    return password


def _existing(session: Session, name: str) -> User:
    user = rows.find_user(session, name)
    if user is None:
        raise AccountError(f"no account named {name!r}")
    return user


def add_user(ws: Workspace, name: str, role: str, password: str) -> Account:
    """A new account; a name already taken, an unknown role or a short password is an :class:`AccountError`."""
    _check_name(name)
    _check_role(role)
    hashed = _hasher.hash(_check_password(password))
    with ws.db.session() as session:
        if rows.find_user(session, name) is not None:
            raise AccountError(f"an account named {name!r} exists already")
        # A random first epoch: SQLite may give a removed account's number to a new one, whose sessions
        # must not be the old account's.
        return _view(rows.add_user(session, name, role, hashed, secrets.randbelow(2**30)))


def list_users(ws: Workspace) -> list[Account]:
    with ws.db.session(readonly=True) as session:
        return [_view(user) for user in rows.list_users(session)]


def count_users(ws: Workspace) -> int:
    with ws.db.session(readonly=True) as session:
        return rows.count_users(session)


def _keep_an_admin(session: Session, user: User, what: str) -> None:
    if user.role == "admin" and rows.count_users(session, "admin") <= 1:
        raise AccountError(f"{user.name!r} is the only admin: add another admin before you {what}")


def remove_user(ws: Workspace, name: str) -> None:
    """Delete the account (its sessions end; its name stays in the edit history and the custody log)."""
    with ws.db.session() as session:
        user = _existing(session, name)
        _keep_an_admin(session, user, "remove it")
        rows.remove_user(session, user)


def set_role(ws: Workspace, name: str, role: str) -> Account:
    _check_role(role)
    with ws.db.session() as session:
        user = _existing(session, name)
        if role != "admin":
            _keep_an_admin(session, user, "change its role")
        user.role = role
        rows.touch(user)
        return _view(user)


def set_password(ws: Workspace, name: str, password: str) -> None:
    """A new password; every session of the account ends."""
    hashed = _hasher.hash(_check_password(password))
    with ws.db.session() as session:
        user = _existing(session, name)
        user.password_hash = hashed
        user.session_epoch += 1
        rows.touch(user)


def first_admin(ws: Workspace, name: str = "admin") -> tuple[Account, str] | None:
    """When there is no account at all: an admin ``name`` with a generated password (returned once), else None."""
    if count_users(ws):
        return None
    password = secrets.token_urlsafe(12)
    return add_user(ws, name, "admin", password), password


def admins_without_totp(ws: Workspace) -> list[str]:
    return [a.name for a in list_users(ws) if a.is_admin and not a.totp]


# ------------------------------------------------------------------ the second factor


def _pyotp() -> Any:
    try:
        import pyotp
    except ImportError:
        raise AccountError("a second factor needs the 'web' extra (pyotp): pip install 'letopis[web]'") from None
    return pyotp


def enable_totp(ws: Workspace, name: str) -> TotpSetup:
    """A new TOTP secret for the account (replacing any old one); every session of the account ends."""
    pyotp = _pyotp()

    secret = pyotp.random_base32()
    with ws.db.session() as session:
        user = _existing(session, name)
        old_key = user.totp_key_id
        user.totp_key_id, user.totp_secret = _seal(ws, session, user, secret)
        user.totp_step = None
        user.session_epoch += 1
        rows.touch(user)
        session.flush()
        rows.drop_key(session, old_key)
    uri = pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=ISSUER)
    return TotpSetup(secret=secret, uri=uri)


def disable_totp(ws: Workspace, name: str) -> None:
    with ws.db.session() as session:
        user = _existing(session, name)
        old_key = user.totp_key_id
        user.totp_key_id, user.totp_secret, user.totp_step = None, None, None
        rows.touch(user)
        session.flush()
        rows.drop_key(session, old_key)


def _seal(ws: Workspace, session: Session, user: User, secret: str) -> tuple[int | None, bytes]:
    if ws.master is None:
        return None, secret.encode("ascii")
    cipher = FieldCipher(ws.master)
    key_row, key = cipher.new_data_key(session, "totp")
    return key_row.id, cipher.seal_text(key, secret, field_aad("users", "totp_secret", user.id))


def _secret(ws: Workspace, session: Session, user: User) -> str:
    assert user.totp_secret is not None
    if user.totp_key_id is None:
        return user.totp_secret.decode("ascii")
    if ws.master is None:
        raise AccountError(f"{user.name!r}: the second factor is sealed and this store is opened without its key")
    cipher = FieldCipher(ws.master)
    key = cipher.data_key(session, user.totp_key_id)
    if key is None:
        raise AccountError(f"{user.name!r}: the second factor's key is gone; set a new one with `letopis user totp`")
    return cipher.open_text(key, user.totp_secret, field_aad("users", "totp_secret", user.id))


# ------------------------------------------------------------------ logging in


def check_password(ws: Workspace, name: str, password: str, *, limiter: AttemptLimiter,
                   client: str | None = None) -> Login:
    """The account when ``password`` is its own, else :class:`LoginRefused` (one message for every reason)."""
    limiter.check(name, client)
    with ws.db.session() as session:
        user = rows.find_user(session, name)
        right = _verify(user.password_hash if user is not None else None, password)  # same work for any name
        if user is None or not right:
            limiter.failed(name, client)
            raise LoginRefused("wrong name or password")
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        account = _view(user)
    if account.is_admin and ws.config.admin_totp and not account.totp:
        raise LoginRefused(f"an admin needs a second factor here: run `letopis user totp {name}` first")
    return Login(account, needs_code=account.totp)


def _verify(hashed: str | None, password: str) -> bool:
    try:
        return _hasher.verify(hashed or _DUMMY_HASH, password) and hashed is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def check_code(ws: Workspace, user_id: int, epoch: int, code: str, *, limiter: AttemptLimiter,
               client: str | None = None, now: float | None = None) -> Account:
    """The account when ``code`` is its current TOTP code (this step or the one before or after, never twice)."""
    pyotp = _pyotp()

    with ws.db.session() as session:
        user = rows.get_user(session, user_id)
        if user is None or user.session_epoch != epoch or user.totp_secret is None:
            raise LoginRefused("this login has expired: enter the name and password again")
        limiter.check(user.name, client)
        totp = pyotp.TOTP(_secret(ws, session, user))
        moment = time.time() if now is None else now
        for offset in (0, -1, 1):
            step = int(moment) // totp.interval + offset
            if hmac.compare_digest(totp.generate_otp(step), code.strip()) and (user.totp_step is None
                                                                               or step > user.totp_step):
                user.totp_step = step
                return _view(user)
        name = user.name
    limiter.failed(name, client)
    raise LoginRefused("wrong code")


def session_account(ws: Workspace, user_id: int, epoch: int) -> Account | None:
    """The account a session names, while the session is still valid (the account exists, same epoch)."""
    with ws.db.session(readonly=True) as session:
        user = rows.get_user(session, user_id)
        if user is None or user.session_epoch != epoch:
            return None
        return _view(user)


def end_sessions(ws: Workspace, user_id: int) -> None:
    """End every session of the account (logout)."""
    with ws.db.session() as session:
        user = rows.get_user(session, user_id)
        if user is not None:
            user.session_epoch += 1


def session_secret(ws: Workspace) -> bytes:
    """The key that signs the web app's session cookies.

    Derived from the master key when the store is encrypted (nothing on disk);
    otherwise ``web-session.key`` in the data directory, created (readable by the
    owner only) on first start. Deleting the file ends every session.
    """
    if ws.master is not None:
        return ws.master.derive(SUBKEY_WEB_SESSION)
    path: Path = ws.config.data / SECRET_FILE
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        try:
            secret = bytes.fromhex(path.read_text(encoding="ascii").strip())
        except (ValueError, UnicodeDecodeError):
            secret = b""
        if len(secret) < 32:
            raise AccountError(f"{path}: not a session key (delete it; a new one is made at the next start)") from None
        return secret
    secret = secrets.token_bytes(32)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(secret.hex() + "\n")
    return secret
