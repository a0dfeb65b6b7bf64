"""One overall deadline for everything a fetch does on the network.

httpx's timeouts are per operation: a server that sends one byte a second
never lets a read time out, headers included, so a URL could stay open
forever. :class:`DeadlineBackend` wraps httpcore's network backend: every
connect, read and write of the calling thread gets at most the time left
before the deadline the fetcher set (:meth:`DeadlineBackend.until`), and fails
with a timeout once it has passed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from contextlib import contextmanager
from typing import Any

import httpcore

__all__ = ["DeadlineBackend", "deadline_transport"]


class DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner
        self._local = threading.local()

    @contextmanager
    def until(self, deadline: float):
        """Network operations of this thread end by ``deadline`` (``time.monotonic()``) inside the block."""
        self._local.deadline = deadline
        try:
            yield
        finally:
            self._local.deadline = None

    def passed(self) -> bool:
        deadline = getattr(self._local, "deadline", None)
        return deadline is not None and time.monotonic() >= deadline

    def bound(self, timeout: float | None, error: type[Exception]) -> float | None:
        """``timeout`` cut to the time left; ``error`` when none is."""
        deadline = getattr(self._local, "deadline", None)
        if deadline is None:
            return timeout
        left = deadline - time.monotonic()
        if left <= 0:
            raise error("the fetch's overall deadline passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(host, port, self.bound(timeout, httpcore.ConnectTimeout),
                                         local_address, socket_options)
        return _DeadlineStream(stream, self)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(path, self.bound(timeout, httpcore.ConnectTimeout),
                                                 socket_options)
        return _DeadlineStream(stream, self)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, backend: DeadlineBackend) -> None:
        self._inner = inner
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._backend.bound(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._backend.bound(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        timeout = self._backend.bound(timeout, httpcore.ConnectTimeout)
        inner = self._inner.start_tls(ssl_context, server_hostname, timeout)
        return _DeadlineStream(inner, self._backend)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


def deadline_transport(proxy: str | None):
    """An ``httpx.HTTPTransport`` (through ``proxy`` if given) whose network backend is a :class:`DeadlineBackend`."""
    import httpx

    transport = httpx.HTTPTransport(proxy=proxy, trust_env=False)
    # httpx offers no way to pass a network backend: set it on the pool it made
    # (ConnectionPool, HTTPProxy and SOCKSProxy all hand theirs to each connection).
    pool: Any = transport._pool
    backend = DeadlineBackend(pool._network_backend)
    pool._network_backend = backend
    return transport, backend
