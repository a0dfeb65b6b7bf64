"""The one way the translation backends talk to their server: a JSON ``POST``, answered by JSON, within the
settings' limits (``proxy``, ``timeout_s``; no proxy or redirect from elsewhere), any failure one line."""

from __future__ import annotations

import json
import time
from typing import Any

from letopis._version import __version__
from letopis.translation import TranslationError

__all__ = ["JsonClient"]

_MAX_ANSWER = 4 << 20  # a translation of a quote is a few kB


class JsonClient:
    """Posts JSON to one server; :meth:`post` gives the answer's JSON or raises :class:`TranslationError`."""

    def __init__(self, *, proxy: str | None, timeout: float, key: str | None = None,
                 key_header: str = "Authorization") -> None:
        import httpx

        from letopis.sources.deadline import deadline_transport

        self.timeout = timeout
        transport, self._deadline = deadline_transport(proxy)
        headers = {"Content-Type": "application/json", "Accept": "application/json",
                   "User-Agent": f"letopis/{__version__}"}
        if key and key_header == "Authorization":
            headers["Authorization"] = f"Bearer {key}"
        self._client = httpx.Client(transport=transport, timeout=httpx.Timeout(timeout), trust_env=False,
                                    follow_redirects=False, headers=headers)

    def post(self, url: str, payload: dict[str, Any]) -> Any:
        import httpx

        try:
            with self._deadline.until(time.monotonic() + 6 * self.timeout), \
                    self._client.stream("POST", url, json=payload) as answer:
                body = bytearray()
                for chunk in answer.iter_bytes():
                    body += chunk
                    if len(body) > _MAX_ANSWER:
                        raise TranslationError(f"{url} answered more than {_MAX_ANSWER} bytes")
                status = answer.status_code
        except httpx.TimeoutException:
            raise TranslationError(f"{url} did not answer in time") from None
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as error:
            first = str(error).splitlines()[0] if str(error) else ""
            raise TranslationError(f"cannot reach {url} ({type(error).__name__}{': ' + first if first else ''})") \
                from None
        if status != 200:
            raise TranslationError(f"{url} answered HTTP {status}")
        try:
            return json.loads(bytes(body).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise TranslationError(f"{url} answered something that is not JSON") from None

    def close(self) -> None:
        self._client.close()
