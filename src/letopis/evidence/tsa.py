"""Asking a time-stamping authority for an RFC 3161 token over HTTP (``letopis log anchor`` with ``tsa_url``).

The one network request of anchoring, made only when the setting ``tsa_url``
names an authority: a ``POST`` of a ``TimeStampReq`` (RFC 3161 §3.4), through
the ``proxy`` setting when one is set (no other proxy is read from the
environment), ended by the same overall deadline as a URL fetch
(:mod:`letopis.sources.deadline`). The answer is checked as the receipt will
be later (:func:`letopis.evidence.timestamp.check_token`), so a token that
would not verify is never written.
"""

from __future__ import annotations

import logging
import secrets
import time
from typing import Any

from letopis._version import __version__
from letopis.errors import TimestampError
from letopis.evidence.timestamp import Stamp, check_token, timestamp_request, token_of_response

__all__ = ["request_token"]

log = logging.getLogger(__name__)

_MAX_ANSWER = 1 << 20  # a token with its certificates is a few kB


def request_token(url: str, digest: bytes, *, proxy: str | None, timeout: float,
                  trusted: Any = None) -> tuple[bytes, Stamp]:
    """A checked token stamping ``digest``, and what it says; :class:`TimestampError` (one line) otherwise."""
    import httpx

    from letopis.sources.deadline import deadline_transport

    nonce = secrets.randbits(63)
    transport, deadline = deadline_transport(proxy)
    if proxy:
        log.info("asking the time-stamping authority through the configured proxy")
    headers = {"Content-Type": "application/timestamp-query", "Accept": "application/timestamp-reply",
               "User-Agent": f"letopis/{__version__}"}
    with httpx.Client(transport=transport, timeout=httpx.Timeout(timeout), trust_env=False,
                      follow_redirects=False) as client, deadline.until(time.monotonic() + 6 * timeout):
        try:
            with client.stream("POST", url, content=timestamp_request(digest, nonce), headers=headers) as answer:
                if answer.status_code != 200:
                    raise TimestampError(f"{url} answered HTTP {answer.status_code}")
                body = bytearray()
                for chunk in answer.iter_bytes():
                    body += chunk
                    if len(body) > _MAX_ANSWER:
                        raise TimestampError(f"{url} answered more than {_MAX_ANSWER} bytes: not a token")
        except httpx.TimeoutException:
            raise TimestampError(f"{url} did not answer in time") from None
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as error:
            first = str(error).splitlines()[0] if str(error) else ""
            raise TimestampError(f"cannot reach {url} ({type(error).__name__}{': ' + first if first else ''})") \
                from None
    token = token_of_response(bytes(body), nonce)
    return token, check_token(token, digest, trusted)
