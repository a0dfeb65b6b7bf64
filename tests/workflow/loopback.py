"""HTTP servers on 127.0.0.1 for ingest tests: one that answers from a table, one that drips its headers."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serving(routes: Mapping[str, tuple[int, str, bytes]], *, unsized: Collection[str] = ()) -> Iterator[str]:
    """Serve ``path -> (status, content type, body)``; yields the base URL. Paths in ``unsized`` are answered
    without a ``Content-Length`` (HTTP/1.0: the body ends when the connection closes)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            status, ctype, body = routes.get(self.path, (404, "text/plain", b"not here"))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            if self.path not in unsized:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def dripping(interval: float = 0.5, *, total: float = 60.0) -> Iterator[str]:
    """A server that sends its status line and headers one byte every ``interval`` seconds (for ``total`` at most)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()

    def drip(conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            ends = time.monotonic() + total
            header = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 100_000
            for byte in header:
                if stop.is_set() or time.monotonic() > ends:
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:  # the client gave up
                    return
                time.sleep(interval)

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow"
    finally:
        stop.set()
        thread.join()
        listener.close()
