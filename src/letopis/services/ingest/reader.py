"""The reading end of the ingest pipeline: the ingest stage in a thread, captures out in order."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable
from datetime import date
from typing import Any

from letopis.sources import Fetcher, iter_captures

READ_AHEAD = 256  # captures queued by the reader thread

END = object()  # what get() returns after the last capture


class Reader(threading.Thread):
    """Runs the ingest stage in a thread; captures come out of :meth:`get` in order."""

    def __init__(self, sources: Iterable[str], fetcher: Fetcher | None, published: date | None,
                 max_bytes: int | None) -> None:
        super().__init__(name="letopis-reader", daemon=True)
        self._sources = sources
        self._fetcher = fetcher
        self._published = published
        self._max_bytes = max_bytes
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=READ_AHEAD)
        self._stop = threading.Event()
        self.error: BaseException | None = None
        self.skipped: list[tuple[str, str]] = []  # (path, reason) of what folder walks left out; read after END

    def run(self) -> None:
        try:
            for source in self._sources:
                for capture in iter_captures(source, fetcher=self._fetcher, published=self._published,
                                             max_bytes=self._max_bytes, skip=self._skip):
                    if not self._put(capture):
                        return
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread, raised there
            self.error = exc
        self._put(END)

    def _skip(self, path: str, reason: str) -> None:
        self.skipped.append((path, reason))

    def _put(self, value: Any) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(value, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def get(self, timeout: float | None) -> Any:
        """The next capture, :data:`END`, or None when nothing came within ``timeout``."""
        try:
            if timeout is not None and timeout <= 0:
                return self._queue.get_nowait()
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            return None

    def stop(self) -> None:
        self._stop.set()
