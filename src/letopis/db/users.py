"""Accounts of the web app: the ``users`` rows (no rule here: :mod:`letopis.services.accounts` holds them)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from letopis.db.models import DataKey, User
from letopis.db.types import utc_now

__all__ = ["find_user", "get_user", "list_users", "add_user", "remove_user", "drop_key", "count_users", "touch"]


def find_user(session: Session, name: str) -> User | None:
    return session.scalars(select(User).where(User.name == name)).one_or_none()


def get_user(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))


def count_users(session: Session, role: str | None = None) -> int:
    query = select(func.count()).select_from(User)
    if role is not None:
        query = query.where(User.role == role)
    return int(session.scalar(query) or 0)


def add_user(session: Session, name: str, role: str, password_hash: str, session_epoch: int) -> User:
    now = utc_now()
    user = User(name=name, role=role, password_hash=password_hash, session_epoch=session_epoch, created_at=now,
                updated_at=now)
    session.add(user)
    session.flush()
    return user


def remove_user(session: Session, user: User) -> None:
    """Delete the row and the data key its TOTP secret was sealed with (the secret is then unrecoverable)."""
    key_id = user.totp_key_id
    session.delete(user)
    session.flush()
    drop_key(session, key_id)


def drop_key(session: Session, key_id: int | None) -> None:
    if key_id is not None:
        key = session.get(DataKey, key_id)
        if key is not None:
            session.delete(key)
            session.flush()


def touch(user: User) -> None:
    user.updated_at = utc_now()
