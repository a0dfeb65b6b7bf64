"""Signed session cookies and the CSRF token of each session.

A session cookie holds ``kind|account id|epoch|issued at|session id``, base64,
then a dot and an HMAC-SHA-256 of it under the app's session key
(:func:`letopis.services.accounts.session_secret`). Nothing secret is in it;
a changed byte breaks the signature. ``kind`` is ``s`` for a session and ``t``
for the few minutes between a right password and the TOTP code. A session
ends when it is older than the ``session_hours`` setting, or when the
account's epoch moved on (logout, a new password or second factor, the
account removed). The CSRF token is an HMAC of the session id: one per
session, nothing stored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Ticket", "Signer", "COOKIE", "PENDING_COOKIE", "PENDING_S"]

COOKIE = "letopis_session"
PENDING_COOKIE = "letopis_login"
PENDING_S = 300  # seconds between a right password and the TOTP code


@dataclass(frozen=True)
class Ticket:
    kind: str
    user_id: int
    epoch: int
    issued: int
    sid: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    """Issues and reads signed tickets; ``clock`` is seconds since the epoch (a test can move it)."""

    def __init__(self, secret: bytes, clock: Callable[[], float] = time.time) -> None:
        self._secret = secret
        self._clock = clock

    def _mac(self, payload: bytes) -> str:
        return _b64(hmac.new(self._secret, payload, hashlib.sha256).digest())

    def issue(self, kind: str, user_id: int, epoch: int) -> str:
        payload = f"{kind}|{user_id}|{epoch}|{int(self._clock())}|{secrets.token_urlsafe(16)}".encode("ascii")
        return f"{_b64(payload)}.{self._mac(payload)}"

    def read(self, value: str | None, kind: str, max_age: float) -> Ticket | None:
        """The ticket in a cookie value, if it is signed by this app, of ``kind`` and younger than ``max_age``."""
        if not value or value.count(".") != 1:
            return None
        body, mac = value.split(".")
        try:
            payload = _unb64(body)
        except ValueError:
            return None
        if not hmac.compare_digest(self._mac(payload), mac):
            return None
        try:
            found_kind, user_id, epoch, issued, sid = payload.decode("ascii").split("|")
            ticket = Ticket(found_kind, int(user_id), int(epoch), int(issued), sid)
        except ValueError:
            return None
        now = self._clock()
        if ticket.kind != kind or not ticket.issued - 60 <= now < ticket.issued + max_age:
            return None
        return ticket

    def csrf_token(self, ticket: Ticket) -> str:
        return self._mac(f"csrf|{ticket.sid}".encode("ascii"))
