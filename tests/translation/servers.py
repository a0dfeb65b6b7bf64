"""Real HTTP servers on the loopback standing in for a LibreTranslate server and an OpenAI-compatible endpoint:
each records what it was sent and answers with a "translation" tagged by the target language (or, told so,
with an error, something that is not JSON, or JSON without a translation)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Fake:
    url: str
    requests: list[tuple[str, dict[str, str], Any]] = field(default_factory=list)  # path, headers, JSON body
    mode: str = "ok"  # ok | error | not_json | empty


def translated(text: str, target: str) -> str:
    return f"[{target}] {text}"


def _answer(kind: str, body: Any) -> Any:
    if kind == "libretranslate":
        return {"translatedText": translated(body["q"], body["target"])}
    target = body["messages"][0]["content"].split(" into ")[1].split(".")[0]
    code = {"English": "en", "Ukrainian": "uk", "Russian": "ru"}[target]
    return {"id": "x", "object": "chat.completion", "model": body["model"],
            "choices": [{"index": 0, "message": {"role": "assistant", "content": translated(
                body["messages"][1]["content"], code)}, "finish_reason": "stop"}]}


@contextmanager
def fake_server(kind: str) -> Iterator[Fake]:
    """``kind``: "libretranslate" (``POST /translate``) or "openai" (``POST /v1/chat/completions``)."""
    fake = Fake("")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the standard library's name
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"null")
            fake.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            expected = "/translate" if kind == "libretranslate" else "/v1/chat/completions"
            if fake.mode == "error" or self.path != expected:
                self._send(500 if fake.mode == "error" else 404, b'{"error": "no"}')
            elif fake.mode == "not_json":
                self._send(200, b"<html>a proxy's page</html>")
            elif fake.mode == "empty":
                self._send(200, b"{}")
            else:
                self._send(200, json.dumps(_answer(kind, body), ensure_ascii=False).encode())

        def _send(self, status: int, data: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}" + ("/v1" if kind == "openai" else "")
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def closed_port_url() -> str:
    """An address on the loopback where nothing listens."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
