"""No traffic nobody asked for: the main flows run with outbound sockets blocked.

The lead extends this with the ingest command; for now: extraction of a
report, evidence store and database writes (plain and encrypted, on SQLite
and the local PostgreSQL), ingest of a local file and of a Telegram export,
testimonies, verify. Also: ``LETOPIS_PROXY`` with a SOCKS5 URL sends the
request through the proxy, hostname and all (no local DNS lookup).
"""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from letopis.crypto import KdfParams, init_store
from letopis.evidence.capture import record_capture
from letopis.evidence.verify import verify_store
from letopis.sources import iter_captures
from letopis.testimony import add_testimony, read_testimony, withdraw
from tests.network.conftest import OutboundAttempt

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "digest-uk.txt"
TELEGRAM = ROOT / "tests" / "sources" / "fixtures" / "telegram_export"
REPORT = ROOT / "tests" / "sources" / "fixtures" / "report.txt"


def test_the_guard_catches_an_attempt(no_outbound: list[str]) -> None:
    with pytest.raises(OutboundAttempt):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)  # TEST-NET: refused before any packet
    with pytest.raises(OutboundAttempt):
        socket.getaddrinfo("example.org", 443)
    no_outbound.clear()  # the attempts above were the point of this test


def test_extraction_makes_no_request(no_outbound: list[str]) -> None:
    from letopis.services.reading import extract_source

    records = extract_source(str(SAMPLE))
    assert records


@pytest.mark.parametrize("encrypt", [False, True])
def test_ingest_store_and_verify_make_no_request(no_outbound: list[str], tmp_path: Path, encrypt: bool) -> None:
    opened = init_store(tmp_path / "data", encrypt=encrypt, passphrase="network test passphrase",
                        kdf=KdfParams.fast()).store
    captures = list(iter_captures(str(REPORT))) + list(iter_captures(str(TELEGRAM)))
    assert len(captures) > 2
    for capture in captures:
        if capture.error is None:
            record_capture(opened.db, opened.objects, capture, collector="t")
    if encrypt:
        testimony = add_testimony(opened, [REPORT], consent="internal", recorded_by="t")
        assert read_testimony(opened, testimony.id, role="analyst").text
        withdraw(opened, testimony.id, actor="t")
    assert verify_store(opened.db, opened.objects) == []
    opened.close()


def test_postgresql_on_loopback_is_allowed(
    no_outbound: list[str], tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from tests.crypto.support import postgres_database

    urls = postgres_database(request)
    url = next(urls)
    try:
        opened = init_store(tmp_path / "data", encrypt=True, passphrase="network test passphrase",
                            database_url=url, kdf=KdfParams.fast()).store
        for capture in iter_captures(str(REPORT)):
            record_capture(opened.db, opened.objects, capture, collector="t")
        opened.close()
    finally:
        next(urls, None)


class _Socks5Server:
    """A one-shot SOCKS5 proxy on 127.0.0.1 that answers the tunnelled HTTP request itself."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.sock.settimeout(10)
        self.port = self.sock.getsockname()[1]
        self.requested: tuple[str, int] | None = None
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _recv(self, conn: socket.socket, n: int) -> bytes:
        data = b""
        while len(data) < n:
            more = conn.recv(n - len(data))
            if not more:
                raise ConnectionError("closed")
            data += more
        return data

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn:
            _version, n_methods = self._recv(conn, 2)
            self._recv(conn, n_methods)
            conn.sendall(b"\x05\x00")
            _v, _cmd, _rsv, atyp = self._recv(conn, 4)
            if atyp == 3:
                host = self._recv(conn, self._recv(conn, 1)[0]).decode()
            elif atyp == 1:
                host = socket.inet_ntoa(self._recv(conn, 4))
            else:
                host = socket.inet_ntop(socket.AF_INET6, self._recv(conn, 16))
            port = int.from_bytes(self._recv(conn, 2), "big")
            self.requested = (host, port)
            conn.sendall(b"\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00")
            request = b""
            while b"\r\n\r\n" not in request:
                request += conn.recv(4096)
            body = b"through the proxy"
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
                         b"Connection: close\r\n\r\n%s" % (len(body), body))


def test_socks_proxy_from_letopis_proxy_carries_the_request(
    no_outbound: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("socksio", reason="SOCKS proxies need httpx[socks] (socksio)")
    from letopis.sources.fetcher import HttpxFetcher

    proxy = _Socks5Server()
    monkeypatch.setenv("LETOPIS_PROXY", f"socks5://127.0.0.1:{proxy.port}")
    with HttpxFetcher(timeout=5) as fetcher:
        result = fetcher.fetch("http://reports.example.invalid/page")
    proxy.thread.join(5)
    assert result.body == b"through the proxy"
    assert proxy.requested == ("reports.example.invalid", 80)  # the name went to the proxy: no local DNS lookup


def test_the_commands_make_no_request(no_outbound: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The main flows through the real CLI (in process, so the guard sees every socket)."""
    from click.testing import CliRunner

    from letopis.cli import main

    monkeypatch.setenv("LETOPIS_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("LETOPIS_DATABASE_URL", raising=False)
    runner = CliRunner()
    for args in (["init"], ["ingest", str(ROOT / "samples"), str(TELEGRAM), "--published", "2025-11-03"],
                 ["incidents"], ["show", "1"], ["verify"], ["log", "verify"],
                 ["extract", str(ROOT / "samples" / "digest-en.txt"), "--published", "2025-11-03"]):
        result = runner.invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)
    assert no_outbound == []


def test_ingest_of_a_url_uses_the_proxy_of_the_settings_file(
    no_outbound: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`proxy` in the data directory's letopis.toml reaches the fetcher of `letopis ingest`."""
    pytest.importorskip("socksio", reason="SOCKS proxies need httpx[socks] (socksio)")
    from click.testing import CliRunner

    from letopis.cli import main

    monkeypatch.setenv("LETOPIS_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("LETOPIS_DATABASE_URL", raising=False)
    monkeypatch.delenv("LETOPIS_PROXY", raising=False)
    runner = CliRunner()
    assert runner.invoke(main, ["init"], catch_exceptions=False).exit_code == 0
    proxy = _Socks5Server()
    with (tmp_path / "data" / "letopis.toml").open("a", encoding="utf-8") as settings:
        settings.write(f'proxy = "socks5://127.0.0.1:{proxy.port}"\ntimeout_s = 5\n')
    result = runner.invoke(main, ["ingest", "http://reports.example.invalid/page"], catch_exceptions=False)
    proxy.thread.join(5)
    assert result.exit_code == 0, result.output
    assert "sources: 1 new" in result.output
    assert proxy.requested == ("reports.example.invalid", 80)


def test_anchoring_asks_an_authority_only_when_tsa_url_names_one(no_outbound: list[str], tmp_path: Path) -> None:
    """`log anchor` with tsa_url unset opens no socket at all; with it, the one request goes where it says."""
    from letopis.config import load_config, with_overrides
    from letopis.services.verify import anchor_log, verify_evidence
    from letopis.services.workspace import init_workspace, open_workspace
    from tests.evidence.tsa_server import make_authority, serving

    config = load_config({"data": tmp_path / "data"})
    init_workspace(config)[0].close()
    workspace = open_workspace(config)
    opened: list[object] = []
    real_socket = socket.socket.__init__

    def count(self: socket.socket, *args: object, **kwargs: object) -> None:
        opened.append(args)
        real_socket(self, *args, **kwargs)  # type: ignore[arg-type]

    try:
        verify_evidence(workspace)  # the verify entry: a head to anchor
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(socket.socket, "__init__", count)
            plain = anchor_log(workspace, tmp_path / "plain.json")
        assert opened == [] and plain.stamp is None and plain.warning is None
        with serving(make_authority()) as tsa:
            workspace.config = with_overrides(config, tsa_url=tsa.url)
            stamped = anchor_log(workspace, tmp_path / "stamped.json")
        assert stamped.warning is None and stamped.stamp is not None and len(tsa.requests) == 1
    finally:
        workspace.close()


def test_machine_translation_goes_through_the_proxy_of_the_settings(no_outbound: list[str], tmp_path: Path) -> None:
    """The translation server is asked through `proxy` (host name and all); the proxy's answer is not a
    translation, so the text stays untranslated with one warning."""
    pytest.importorskip("socksio", reason="SOCKS proxies need httpx[socks] (socksio)")
    from letopis.config import load_config, with_overrides
    from letopis.services.translation import open_translator

    proxy = _Socks5Server()
    config = with_overrides(load_config({"data": tmp_path / "data"}), proxy=f"socks5://127.0.0.1:{proxy.port}",
                            translate_url="http://translate.example.invalid", timeout_s=5)
    translator = open_translator(config)
    assert translator is not None
    warned: list[str] = []
    translator.warn = warned.append
    assert translator.translate("Чоловіка затримали.", "uk", "en") is None
    translator.close()
    proxy.thread.join(5)
    assert proxy.requested == ("translate.example.invalid", 80)
    assert len(warned) == 1 and "not JSON" in warned[0]
