"""API keys for scripts: ``Authorization: Bearer ltp_…`` on ``/api`` acts as the key's owner, with the key's role.

A key is ``ltp_`` + a 12-character prefix (which finds its row) + ``_`` + 43
characters of secret (32 random bytes). It is shown once, when made; only the
SHA-256 of the secret is stored (a random 256-bit secret needs no slow
password hash, and each request checks one). A key's role may not be above
its owner's when it is made, and at each use it is capped by the owner's
current role (a demoted owner's keys are demoted too). A revoked key is
refused; so is a key whose owner was removed (its keys go with it). What a
key does is recorded under its owner's name, like the owner's own edits.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from letopis.db import apikeys as rows, users as user_rows
from letopis.db.models import ApiKey, User
from letopis.db.types import utc_now
from letopis.errors import AccountError
from letopis.services.accounts import ROLES, Account, account_view
from letopis.services.workspace import Workspace

__all__ = ["ApiKeyView", "NewKey", "add_key", "list_keys", "revoke_key", "key_account", "PREFIX"]

PREFIX = "ltp_"
_LABEL = re.compile(r"[\w .@-]{1,64}")
_KEY = re.compile(r"ltp_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})")
_USED_EVERY_S = 60
_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@dataclass(frozen=True)
class ApiKeyView:
    """A key as a list shows it: never its secret."""

    id: int
    owner: str
    label: str
    prefix: str
    role: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class NewKey:
    key: ApiKeyView
    secret: str  # the whole key, shown once


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def _key_view(key: ApiKey, owner: User) -> ApiKeyView:
    return ApiKeyView(key.id, owner.name, key.label, key.prefix, key.role, key.created_at, key.last_used_at,
                      key.revoked_at)


def add_key(ws: Workspace, owner: str, *, role: str | None = None, label: str | None = None) -> NewKey:
    """A new key for the account ``owner``, with ``role`` (default: the owner's), never above the owner's role."""
    label = (label or "script").strip()
    if not _LABEL.fullmatch(label):
        raise AccountError(f"key label {label!r}: 1 to 64 letters, digits, spaces, '.', '_', '-' or '@'")
    with ws.db.session() as session:
        user = user_rows.find_user(session, owner)
        if user is None:
            raise AccountError(f"no account named {owner!r}")
        role = role or user.role
        if role not in ROLES:
            raise AccountError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
        if ROLES.index(role) > ROLES.index(user.role):
            raise AccountError(f"a key of {owner!r} ({user.role}) cannot be {role}: a key's role is at most its "
                               "owner's")
        prefix = "".join(secrets.choice(_ALNUM) for _ in range(12))
        secret = secrets.token_urlsafe(32)
        key = rows.add_key(session, user, label, prefix, _digest(secret), role)
        return NewKey(_key_view(key, user), f"{PREFIX}{prefix}_{secret}")


def list_keys(ws: Workspace, owner: str | None = None) -> list[ApiKeyView]:
    with ws.db.session(readonly=True) as session:
        user_id = None
        if owner is not None:
            user = user_rows.find_user(session, owner)
            if user is None:
                raise AccountError(f"no account named {owner!r}")
            user_id = user.id
        return [_key_view(key, user) for key, user in rows.keys_of(session, user_id)]


def revoke_key(ws: Workspace, key_id: int) -> ApiKeyView:
    """Refuse the key from now on (kept in the list, with when it was revoked)."""
    with ws.db.session() as session:
        key = rows.get_key(session, key_id)
        if key is None:
            raise AccountError(f"no API key {key_id}")
        if key.revoked_at is None:
            key.revoked_at = utc_now()
        owner = user_rows.get_user(session, key.user_id)
        assert owner is not None  # the key goes with its owner
        return _key_view(key, owner)


def key_account(ws: Workspace, presented: str) -> Account | None:
    """The account a presented key acts as (its role the lower of the key's and the owner's), or None when the
    key is malformed, unknown, wrong or revoked."""
    match = _KEY.fullmatch(presented.strip())
    if match is None:
        return None
    prefix, secret = match.groups()
    with ws.db.session() as session:
        found = rows.find_by_prefix(session, prefix)
        if found is None:
            hmac.compare_digest(_digest(secret), _digest(""))  # the same work for an unknown prefix
            return None
        key, owner = found
        if not hmac.compare_digest(_digest(secret), key.secret_sha256) or key.revoked_at is not None:
            return None
        now = utc_now()
        if key.last_used_at is None or (now - key.last_used_at).total_seconds() >= _USED_EVERY_S:
            key.last_used_at = now  # a write a minute at most, not one per request
        role = min(key.role, owner.role, key=ROLES.index)
        account = account_view(owner)
    return Account(account.id, account.name, role, account.totp, account.created_at, account.updated_at,
                   account.session_epoch)
