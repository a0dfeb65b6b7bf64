from __future__ import annotations

import gzip
import io
from datetime import UTC, datetime

import httpx
from warcio.archiveiterator import ArchiveIterator

from letopis.sources import HttpxFetcher, iter_captures
from letopis.sources.fetcher import PROXY_ENV

from .conftest import assert_provenance


def respond(status, body=b"", headers=None):
    """A response streamed like a real transport's (``content=`` would be pre-read by httpx)."""
    return httpx.Response(status, headers=headers or {}, stream=httpx.ByteStream(body))


def fetcher_for(handler, **kw):
    return HttpxFetcher(transport=httpx.MockTransport(handler), **kw)


def caps(url, fetcher):
    out = list(iter_captures(url, fetcher=fetcher))
    for c in out:
        assert_provenance(c)
    return out


def warc_records(capture):
    [warc] = [a for a in capture.artefacts if a.role == "warc"]
    assert warc.media_type == "application/warc"
    assert warc.data[:2] == b"\x1f\x8b"  # gzip
    out = []
    for rec in ArchiveIterator(io.BytesIO(warc.data)):
        out.append((rec.rec_type, rec.rec_headers.get_header("WARC-Target-URI"),
                    rec.http_headers.get_statuscode() if rec.http_headers and rec.rec_type == "response" else None,
                    rec.content_stream().read()))
    return out


def test_page_200(fixtures):
    html = (fixtures / "article.html").read_bytes()
    seen = {}

    def handler(request):
        seen["ua"] = request.headers["user-agent"]
        return respond(200, html, {"Content-Type": "text/html; charset=utf-8"})

    [c] = caps("https://news.example.org/a/1.html", fetcher_for(handler))
    assert c.source_kind == "url" and c.error is None
    assert c.locator == c.final_url == "https://news.example.org/a/1.html"
    assert c.method == "http GET" and "httpx/" in c.tool
    assert c.title == "Затримання у Харкові"
    assert c.published == datetime(2025, 10, 30, 14, 22, 1, tzinfo=UTC)
    assert c.metadata["http_status"] == "200"
    assert seen["ua"].startswith("letopis/0.1.0")
    [orig] = [a for a in c.artefacts if a.role == "original"]
    assert orig.data == html
    recs = warc_records(c)
    assert [r[0] for r in recs] == ["warcinfo", "request", "response"]
    assert recs[2][1] == "https://news.example.org/a/1.html" and recs[2][2] == "200"
    assert recs[2][3] == html


def test_redirect_followed():
    def handler(request):
        if request.url.path == "/old":
            return respond(301, b"", {"Location": "https://news.example.org/new"})
        return respond(200, "Новий текст".encode(), {"Content-Type": "text/plain"})

    [c] = caps("https://news.example.org/old", fetcher_for(handler))
    assert c.error is None
    assert c.locator == "https://news.example.org/old"
    assert c.final_url == "https://news.example.org/new"
    assert c.text == "Новий текст"
    assert "301 https://news.example.org/old" in c.metadata["redirects"]
    recs = warc_records(c)
    assert [(r[0], r[2]) for r in recs if r[0] == "response"] == [("response", "301"), ("response", "200")]


def test_redirect_loop_fails():
    def handler(request):
        return respond(302, b"", {"Location": str(request.url)})

    [c] = caps("https://x.example.org/loop", fetcher_for(handler))
    assert "redirect loop" in c.error


def test_http_404():
    def handler(request):
        return respond(404, b"not here")

    [c] = caps("https://news.example.org/gone", fetcher_for(handler))
    assert c.error == "HTTP 404" and c.text is None
    assert any(a.role == "warc" for a in c.artefacts)


def test_timeout():
    def handler(request):
        raise httpx.ReadTimeout("slow", request=request)

    [c] = caps("https://slow.example.org/", fetcher_for(handler))
    assert c.error == "timed out after 20 s"
    assert c.artefacts == ()


def test_network_error():
    def handler(request):
        raise httpx.ConnectError("refused", request=request)

    [c] = caps("https://down.example.org/", fetcher_for(handler))
    assert c.error.startswith("network error")


def test_feed_url(fixtures):
    rss = (fixtures / "feed_rss.xml").read_bytes()

    def handler(request):
        return respond(200, rss, {"Content-Type": "application/rss+xml"})

    feed, *items = caps("https://news.example.org/rss", fetcher_for(handler))
    assert feed.source_kind == "feed" and feed.locator == "https://news.example.org/rss"
    roles = sorted(a.role for a in feed.artefacts)
    assert roles == ["original", "warc"]
    assert [a for a in feed.artefacts if a.role == "original"][0].data == rss
    assert len(items) == 2
    assert all(i.parent == feed.locator and i.source_kind == "feed_item" for i in items)


def test_feed_sniffed_under_generic_content_type(fixtures):
    atom = (fixtures / "feed_atom.xml").read_bytes()

    def handler(request):
        return respond(200, atom, {"Content-Type": "text/html"})

    out = caps("https://monitor.example.org/feed", fetcher_for(handler))
    assert out[0].source_kind == "feed" and len(out) == 3


def test_pdf_url(fixtures):
    pdf = (fixtures / "report.pdf").read_bytes()

    def handler(request):
        return respond(200, pdf, {"Content-Type": "application/pdf"})

    [c] = caps("https://docs.example.org/r.pdf", fetcher_for(handler))
    assert c.source_kind == "url" and "Kharkiv" in c.text


def test_gzip_encoding_decoded_and_kept_raw_in_warc():
    body = "Стислий текст сторінки.".encode()
    packed = gzip.compress(body)

    def handler(request):
        return respond(200, packed, {"Content-Type": "text/plain; charset=utf-8", "Content-Encoding": "gzip"})

    [c] = caps("https://z.example.org/t.txt", fetcher_for(handler))
    assert c.text == "Стислий текст сторінки."
    resp = [r for r in warc_records(c) if r[0] == "response"][0]
    # warcio decodes content-encoding when reading back; either form is the same text
    assert resp[3] in (packed, body)


def test_gzip_bomb_over_http():
    packed = gzip.compress(b"A" * (8 * 1024 * 1024), compresslevel=9)

    def handler(request):
        return respond(200, packed, {"Content-Type": "text/plain", "Content-Encoding": "gzip"})

    [c] = caps("https://bomb.example.org/", fetcher_for(handler, max_bytes=1024 * 1024))
    assert c.error == "decoded response larger than the 1 MB cap"


def test_response_too_large_is_kept_up_to_the_cap_marked_truncated():
    body = bytes(range(256)) * 20

    def handler(request):
        return respond(200, body, {"Content-Type": "text/plain"})

    [c] = caps("https://big.example.org/", fetcher_for(handler, max_bytes=1000))
    assert c.error == "response larger than the 1000 bytes cap: the first 1000 bytes kept, marked truncated"
    [original] = [a for a in c.artefacts if a.role == "original"]
    assert original.data == body[:1000] and original.name == "first 1000 bytes of the response"
    assert c.metadata["truncated"] == "length" and c.metadata["read_bytes"] == 1000
    [warc] = [a for a in c.artefacts if a.role == "warc"]
    [(marked, payload)] = [(r.rec_headers.get_header("WARC-Truncated"), r.content_stream().read())
                           for r in ArchiveIterator(io.BytesIO(warc.data)) if r.rec_type == "response"]
    assert marked == "length" and payload == body[:1000]


def test_invalid_url_fails_cleanly():
    def handler(request):  # pragma: no cover - never reached
        return httpx.Response(200)

    [c] = caps("http://", fetcher_for(handler))
    assert c.error is not None


def test_proxy_from_environment(monkeypatch):
    monkeypatch.setenv(PROXY_ENV, "http://127.0.0.1:9")
    # The proxy lives in the fetcher's own transport (which carries the overall deadline);
    # tests/network proves requests really go through it.
    import httpcore

    f = HttpxFetcher()
    try:
        assert isinstance(f._client._transport._pool, httpcore.HTTPProxy), "proxy pool expected"
    finally:
        f.close()
    monkeypatch.delenv(PROXY_ENV)
    g = HttpxFetcher()
    try:
        assert type(g._client._transport._pool) is httpcore.ConnectionPool
    finally:
        g.close()


def test_pre_read_mock_response_still_works():
    """Responses built with ``content=`` arrive already read and decoded; they are accepted."""
    def handler(request):
        return httpx.Response(200, headers={"Content-Type": "text/plain; charset=utf-8",
                                            "Content-Encoding": "gzip"}, content=gzip.compress("Текст".encode()))

    [c] = caps("https://pre.example.org/", fetcher_for(handler))
    assert c.error is None and c.text == "Текст"
