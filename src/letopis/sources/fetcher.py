"""HTTP transport for URL sources.

:class:`Fetcher` is the swappable part: anything with ``tool`` and
``fetch(url)`` works. :class:`HttpxFetcher` is the real one (httpx, timeouts,
redirects followed hop by hop, a size cap, ``$LETOPIS_PROXY``, a clear
User-Agent); tests give it an ``httpx.MockTransport``.

Every hop is kept as an :class:`Exchange` with the body exactly as received
(still content-encoded), so the WARC written from it is faithful; the
decoded body of the final response is decompressed under the size cap.

A body larger than the cap is not read past it: the exchange keeps the bytes
received up to the cap, marked ``truncated``, and the fetch ends there (no
redirect is followed from it) with a :class:`FetchResult` whose ``error``
says so: the refused capture keeps that much as evidence.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from letopis._version import __version__
from letopis.errors import FetchError, SourceError
from letopis.sources.limits import bounded_decompress, human_size, resolve_max_bytes, too_large
from letopis.sources.provenance import package_version, tool_string, utc_now

if TYPE_CHECKING:
    from letopis.sources.deadline import DeadlineBackend

log = logging.getLogger(__name__)

PROXY_ENV = "LETOPIS_PROXY"
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_REDIRECTS = 10
USER_AGENT = f"letopis/{__version__} (offline evidence archiver) httpx/{package_version('httpx')}"


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and its response, as sent and received."""

    url: str
    method: str
    request_headers: tuple[tuple[str, str], ...]
    http_version: str
    status: int
    reason: str
    response_headers: tuple[tuple[str, str], ...]
    raw_body: bytes              # as received: de-chunked, still content-encoded
    started_at: datetime
    finished_at: datetime
    truncated: bool = False      # the body went past the size cap: raw_body is its first cap bytes

    def header(self, name: str) -> str | None:
        name = name.lower()
        for k, v in self.response_headers:
            if k.lower() == name:
                return v
        return None


@dataclass(frozen=True)
class FetchResult:
    url: str                       # as asked
    final_url: str                 # after redirects
    exchanges: tuple[Exchange, ...] = field(default_factory=tuple)  # one per hop; the last is final
    body: bytes = b""              # final body, content-decoded
    tool: str = ""
    error: str | None = None       # the final body could not be read (over the cap, truncated gzip ...)

    @property
    def final(self) -> Exchange:
        return self.exchanges[-1]

    @property
    def truncated(self) -> bool:
        """The final body went past the size cap and was cut there (``error`` says so)."""
        return self.final.truncated

    @property
    def status(self) -> int:
        return self.final.status

    @property
    def content_type(self) -> str | None:
        return self.final.header("content-type")


@runtime_checkable
class Fetcher(Protocol):
    tool: str

    def fetch(self, url: str) -> FetchResult:
        """GET ``url`` following redirects; raise :class:`FetchError` when no response is had."""
        ...


class HttpxFetcher:
    """The real fetcher. One instance keeps one ``httpx.Client``; call :meth:`close` when done."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        total_timeout: float | None = None,
        max_bytes: int | None = None,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        proxy: str | None = None,
        user_agent: str = USER_AGENT,
        transport=None,
    ) -> None:
        import httpx

        self.timeout = timeout
        self.total_timeout = total_timeout if total_timeout is not None else timeout * 6
        self.max_bytes = resolve_max_bytes(max_bytes)
        self.max_redirects = max_redirects
        self.tool = tool_string("httpx")
        proxy = proxy if proxy is not None else (os.environ.get(PROXY_ENV) or None)
        kwargs: dict[str, Any] = dict(
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate",
                     "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                               "application/xml;q=0.9,application/pdf,text/plain;q=0.8,*/*;q=0.5"},
            trust_env=False,  # only $LETOPIS_PROXY decides about proxies
        )
        self._deadline: DeadlineBackend | None = None
        if transport is None:
            from letopis.sources.deadline import deadline_transport

            transport, self._deadline = deadline_transport(proxy)
            if proxy:
                log.info("fetching through the configured proxy")
        kwargs["transport"] = transport
        self._client = httpx.Client(**kwargs)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpxFetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _timed_out(self, deadline: float) -> FetchError:
        if time.monotonic() >= deadline:
            return FetchError(f"timed out after {self.total_timeout:g} s (whole response)")
        return FetchError(f"timed out after {self.timeout:g} s")

    def fetch(self, url: str) -> FetchResult:
        """GET ``url``; every hop, headers included, ends by one deadline (``total_timeout``)."""
        deadline = time.monotonic() + self.total_timeout
        if self._deadline is None:  # a caller's transport: the deadline is checked between body chunks
            return self._fetch(url, deadline)
        with self._deadline.until(deadline):
            return self._fetch(url, deadline)

    def _fetch(self, url: str, deadline: float) -> FetchResult:
        import httpx

        exchanges: list[Exchange] = []
        try:
            request = self._client.build_request("GET", url)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
            raise FetchError(f"invalid URL: {exc}") from None
        seen = {str(request.url)}
        while True:
            started = utc_now()
            try:
                response = self._client.send(request, stream=True)
            except httpx.TimeoutException:
                raise self._timed_out(deadline) from None
            except httpx.UnsupportedProtocol as exc:
                raise FetchError(f"unsupported URL scheme: {exc}") from None
            except httpx.HTTPError as exc:
                first_line = str(exc).splitlines()[0] if str(exc) else ""
                raise FetchError(f"network error: {type(exc).__name__}: {first_line}".rstrip(": ")) from None
            try:
                raw, predecoded, truncated = self._read_raw(response, deadline)
            finally:
                response.close()
            headers = tuple(response.headers.multi_items())
            if predecoded:
                # The transport handed over an already-read (decoded) body:
                # say so rather than claim an encoding the bytes no longer have.
                headers = tuple(
                    ("X-Letopis-Decoded-Content-Encoding", v) if k.lower() == "content-encoding"
                    else (k, str(len(raw))) if k.lower() == "content-length"
                    else (k, v)
                    for k, v in headers)
            exchanges.append(Exchange(
                url=str(request.url),
                method=request.method,
                request_headers=tuple(request.headers.multi_items()),
                http_version=response.http_version or "HTTP/1.1",
                status=response.status_code,
                reason=response.reason_phrase or "",
                response_headers=headers,
                raw_body=raw,
                started_at=started,
                finished_at=utc_now(),
                truncated=truncated,
            ))
            if truncated:  # kept as far as the cap, as evidence of what was refused; not followed further
                return FetchResult(url=url, final_url=exchanges[-1].url, exchanges=tuple(exchanges), tool=self.tool,
                                   error=f"{too_large('response', self.max_bytes)}: the first "
                                         f"{human_size(len(raw))} kept, marked truncated")
            nxt = response.next_request if response.has_redirect_location else None
            if nxt is None:
                break
            if len(exchanges) > self.max_redirects:
                raise FetchError(f"too many redirects (more than {self.max_redirects})")
            if str(nxt.url) in seen:
                raise FetchError(f"redirect loop at {nxt.url}")
            seen.add(str(nxt.url))
            request = nxt
        final = exchanges[-1]
        try:
            body = self._decode(final)
        except SourceError as exc:  # a response was had: it is kept, with the reason it cannot be read
            return FetchResult(url=url, final_url=final.url, exchanges=tuple(exchanges), tool=self.tool,
                               error=str(exc))
        return FetchResult(url=url, final_url=final.url, exchanges=tuple(exchanges), body=body, tool=self.tool)

    def _read_raw(self, response, deadline: float) -> tuple[bytes, bool, bool]:
        """(body as received, whether the transport had already content-decoded it, whether it was cut at the cap).

        A body over the cap (whatever its ``Content-Length`` says) is read up to the cap and no further."""
        import httpx

        if response.is_stream_consumed and hasattr(response, "_content"):
            body = response.content
            return body[: self.max_bytes], True, len(body) > self.max_bytes

        buf = bytearray()
        try:
            for chunk in response.iter_raw():
                buf += chunk
                if len(buf) > self.max_bytes:
                    del buf[self.max_bytes:]
                    return bytes(buf), False, True
                if time.monotonic() > deadline:
                    raise FetchError(f"timed out after {self.total_timeout:g} s (whole response)")
        except httpx.TimeoutException:
            raise self._timed_out(deadline) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"network error while reading: {type(exc).__name__}") from None
        return bytes(buf), False, False

    def _decode(self, exchange: Exchange) -> bytes:
        encoding = (exchange.header("content-encoding") or "").strip().lower()
        if not encoding or encoding == "identity":
            return exchange.raw_body
        body = exchange.raw_body
        for enc in reversed([e.strip() for e in encoding.split(",") if e.strip()]):
            if enc == "identity":
                continue
            if enc not in ("gzip", "x-gzip", "deflate"):
                raise FetchError(f"unsupported content-encoding {enc!r}")
            body = bounded_decompress([body], enc, self.max_bytes, what="decoded response")
        return body
