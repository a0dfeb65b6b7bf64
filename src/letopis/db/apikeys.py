"""API keys of the web app's accounts: the ``api_keys`` rows (no rule here: :mod:`letopis.services.apikeys`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from letopis.db.models import ApiKey, User
from letopis.db.types import utc_now

__all__ = ["add_key", "find_by_prefix", "keys_of", "get_key"]


def add_key(session: Session, user: User, label: str, prefix: str, secret_sha256: str, role: str) -> ApiKey:
    key = ApiKey(user_id=user.id, label=label, prefix=prefix, secret_sha256=secret_sha256, role=role,
                 created_at=utc_now())
    session.add(key)
    session.flush()
    return key


def find_by_prefix(session: Session, prefix: str) -> tuple[ApiKey, User] | None:
    row = session.execute(select(ApiKey, User).join(User, User.id == ApiKey.user_id)
                          .where(ApiKey.prefix == prefix)).one_or_none()
    return None if row is None else (row[0], row[1])


def keys_of(session: Session, user_id: int | None = None) -> list[tuple[ApiKey, User]]:
    """Every key (or one account's), with its owner, oldest first."""
    statement = select(ApiKey, User).join(User, User.id == ApiKey.user_id).order_by(ApiKey.id)
    if user_id is not None:
        statement = statement.where(ApiKey.user_id == user_id)
    return [(key, user) for key, user in session.execute(statement)]


def get_key(session: Session, key_id: int) -> ApiKey | None:
    return session.get(ApiKey, key_id)
