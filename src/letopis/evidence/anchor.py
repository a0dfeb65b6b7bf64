"""Anchoring the custody log: a small receipt of its head, kept elsewhere, that proves later that the log
still holds that entry (``letopis log anchor`` / ``letopis log verify --anchor``; see ``docs/verify.md``).

The chain alone cannot show that its newest entries were removed, or that its tail was rewritten and
re-hashed; a receipt made before can. A receipt is JSON::

    {"format": "letopis-anchor", "version": 1, "seq": 812, "hash": "<64 hex>",
     "at": "<the entry's time>", "anchored_at": "<when the receipt was made>"}

With a time-stamping authority configured (``tsa_url``) it also holds an
RFC 3161 token of the head's hash (:mod:`letopis.evidence.timestamp`)::

    "rfc3161": {"token": "<base64 DER>", "tsa_url": "…", "gen_time": "…", "tsa": "CN=…"}

Only ``token`` is relied on; the other fields repeat what it says, for people.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from letopis.db.models import CustodyEntry
from letopis.db.types import format_utc, utc_now
from letopis.errors import TimestampError, UsageError
from letopis.evidence.custody import head
from letopis.evidence.problems import Problem
from letopis.evidence.timestamp import Stamp, check_token

__all__ = ["Receipt", "make_receipt", "read_receipt", "check_receipt", "check_receipt_stamp", "RECEIPT_FORMAT"]

TIMESTAMP_FIELD = "rfc3161"

RECEIPT_FORMAT = "letopis-anchor"
_VERSION = 1
_MAX_BYTES = 1 << 20


@dataclass(frozen=True)
class Receipt:
    seq: int
    hash: str
    at: str
    anchored_at: str
    extra: dict[str, Any]  # e.g. an RFC 3161 timestamp token

    def as_json(self) -> dict[str, Any]:
        return {"format": RECEIPT_FORMAT, "version": _VERSION, "seq": self.seq, "hash": self.hash, "at": self.at,
                "anchored_at": self.anchored_at, **self.extra}

    def stamped(self, token: bytes, stamp: Stamp, url: str) -> Receipt:
        """This receipt with an RFC 3161 token of its hash."""
        field = {"token": base64.b64encode(token).decode("ascii"), "tsa_url": url,
                 "gen_time": format_utc(stamp.gen_time), "tsa": stamp.tsa}
        return replace(self, extra={**self.extra, TIMESTAMP_FIELD: field})

    @property
    def stamped_token(self) -> bytes | None:
        """The RFC 3161 token the receipt holds; None without one; :class:`TimestampError` when unreadable."""
        field = self.extra.get(TIMESTAMP_FIELD)
        if field is None:
            return None
        token = field.get("token") if isinstance(field, dict) else None
        if not isinstance(token, str):
            raise TimestampError(f"the receipt's {TIMESTAMP_FIELD} field holds no token")
        try:
            return base64.b64decode(token, validate=True)
        except (binascii.Error, ValueError):
            raise TimestampError("the receipt's token is not base64") from None


def make_receipt(session: Session, now: datetime | None = None) -> Receipt:
    last = head(session)
    if last is None:
        raise UsageError("the custody log is empty: nothing to anchor yet")
    return Receipt(last.seq, last.hash, format_utc(last.at), format_utc(now or utc_now()), {})


def read_receipt(path: Path) -> Receipt:
    """Parse a receipt file; a clear :class:`UsageError` when it is not one."""
    try:
        raw = path.read_bytes()[: _MAX_BYTES + 1]
    except OSError as error:
        raise UsageError(f"cannot read the receipt {path}: {error.strerror or type(error).__name__}") from None
    try:
        if len(raw) > _MAX_BYTES:
            raise ValueError("too large")
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != RECEIPT_FORMAT:
            raise ValueError("not a Letopis anchor receipt")
        seq, digest = data["seq"], data["hash"]
        if not isinstance(seq, int) or seq < 1 or not isinstance(digest, str) or len(digest) != 64:
            raise ValueError("seq or hash malformed")
        bytes.fromhex(digest)
        known = {"format", "version", "seq", "hash", "at", "anchored_at"}
        return Receipt(seq, digest, str(data.get("at", "")), str(data.get("anchored_at", "")),
                       {k: v for k, v in data.items() if k not in known})
    except (ValueError, KeyError, UnicodeDecodeError) as error:
        raise UsageError(f"{path} is not a valid anchor receipt ({error})") from None


def check_receipt(session: Session, receipt: Receipt) -> list[Problem]:
    """The log must still hold the anchored entry, unchanged (run with the chain check)."""
    subject = f"anchor seq {receipt.seq}"
    entry = session.scalar(select(CustodyEntry).where(CustodyEntry.seq == receipt.seq))
    if entry is None:
        newest = head(session)
        have = 0 if newest is None else newest.seq
        return [Problem("anchor-missing", subject,
                        f"the log ends at seq {have}: entries anchored on {receipt.anchored_at} were removed")]
    if entry.hash != receipt.hash:
        return [Problem("anchor-mismatch", subject,
                        f"the entry's hash is {entry.hash[:16]}…, the receipt holds {receipt.hash[:16]}…: "
                        "the log was rewritten from this entry or before")]
    return []


def check_receipt_stamp(receipt: Receipt, trusted: Any = None) -> tuple[list[Problem], Stamp | None]:
    """Check the receipt's RFC 3161 token offline against its hash (and ``trusted``, a CA certificate, if given):
    (problems, what the token says). A receipt without a token has nothing to check."""
    try:
        token = receipt.stamped_token
        if token is None:
            return [], None
        return [], check_token(token, bytes.fromhex(receipt.hash), trusted)
    except TimestampError as error:
        return [Problem("anchor-timestamp", f"anchor seq {receipt.seq}", str(error))], None
