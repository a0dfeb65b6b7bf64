"""Inputs that used to be misread or refused without their bytes (issue 13), at the sources stage."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import httpx
import pytest

from letopis.errors import SourceError
from letopis.sources import HttpxFetcher, iter_captures
from letopis.sources.limits import bounded_decompress
from letopis.sources.sniff import classify
from letopis.sources.text_decode import decode_text
from tests.workflow.loopback import dripping

from .conftest import assert_provenance

UK = "30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці та посадили їх у бус.\n"
RU = "30 октября в Харькове сотрудники ТЦК задержали двух мужчин на остановке и посадили их в бус.\n"


def test_pdf_magic_must_be_at_the_start():
    assert classify(b"Notes: a PDF starts with %PDF-1.7\n" + UK.encode(), name="notes.txt") == "text"
    assert classify(b"%PDF-1.4\n%...", name="x.txt") == "pdf"
    assert classify(b"\r\n %PDF-1.4\n", name=None) == "pdf"


@pytest.mark.parametrize("doctype", [
    b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://x/rss-0.91.dtd">',
    b'<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>',
    b"<!doctype feed>",
])
def test_a_feed_with_a_doctype_is_a_feed(doctype):
    data = b'<?xml version="1.0"?>\n<!-- made by hand -->\n' + doctype + b'\n<rss version="2.0"><channel/></rss>'
    assert classify(data, name=None) == "feed"
    assert classify(data, content_type="text/html") == "feed"


def test_html_with_a_doctype_is_not_a_feed():
    assert classify(b"<!DOCTYPE html><html><body><p>feed me</p></body></html>", name=None) == "html"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_told_by_its_nuls(encoding):
    decoded = decode_text((UK + RU + "English words too, 2025.\n").encode(encoding))
    assert decoded.text.startswith(UK) and decoded.encoding == encoding
    assert "no BOM" in decoded.method


@pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"\x00" * 64, b"ab\x00cd\x00\x00e", b"\x00a" * 3 + b"\x00"])
def test_binary_with_nuls_is_still_refused(data):
    with pytest.raises(SourceError, match="binary content"):
        decode_text(data)


@pytest.mark.parametrize(("text", "encoding", "declared"), [
    (UK, "cp1251", "windows-1252"),
    (UK, "cp1251", "koi8-r"),
    (RU, "koi8_r", "windows-1251"),
    (RU, "cp1251", "iso-8859-5"),
])
def test_a_declared_charset_that_reads_as_mojibake_loses(text, encoding, declared):
    decoded = decode_text((text * 3).encode(encoding), declared)
    assert decoded.text == text * 3
    assert decoded.method.endswith("reads as mojibake)"), decoded.method


@pytest.mark.parametrize(("text", "encoding", "declared"), [
    (UK, "cp1251", "windows-1251"),
    (RU, "koi8_r", "koi8-r"),
    ("Café, naïve façade, déjà vu — the usual Western text.", "cp1252", "windows-1252"),
])
def test_a_true_declared_charset_is_kept(text, encoding, declared):
    decoded = decode_text(text.encode(encoding), declared)
    assert decoded.text == text and decoded.method.endswith("decode (declared)")


def test_truncated_gzip_and_deflate_fail():
    whole = gzip.compress((UK * 300).encode())
    with pytest.raises(SourceError, match="truncated gzip data"):
        bounded_decompress([whole[: len(whole) // 2]], "gzip", 10**7)
    packed = zlib.compress((UK * 300).encode())
    with pytest.raises(SourceError, match="truncated deflate data"):
        bounded_decompress([packed[:-10]], "deflate", 10**7)
    assert bounded_decompress([whole], "gzip", 10**7) == (UK * 300).encode()
    assert bounded_decompress([whole + gzip.compress(b"more")], "gzip", 10**7).endswith(b"more")


def test_truncated_gzip_file_fails_and_keeps_its_bytes(tmp_path):
    whole = gzip.compress((UK * 300).encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(whole[:200])
    [capture] = iter_captures(str(path))
    assert_provenance(capture)
    assert capture.error is not None and capture.error.startswith("truncated gzip data")
    [original] = capture.artefacts
    assert original.role == "original" and original.data == path.read_bytes()


def test_truncated_gzip_over_http_keeps_the_exchange():
    packed = gzip.compress((UK * 300).encode())[:300]

    def handler(request):
        return httpx.Response(200, headers={"Content-Type": "text/plain", "Content-Encoding": "gzip"},
                              stream=httpx.ByteStream(packed))

    [capture] = iter_captures("https://cut.example.org/", fetcher=HttpxFetcher(transport=httpx.MockTransport(handler)))
    assert capture.error is not None and capture.error.startswith("truncated gzip data")
    roles = {a.role: a for a in capture.artefacts}
    assert set(roles) == {"warc", "original"} and roles["original"].data == packed


def test_dripping_headers_meet_the_overall_deadline():
    with dripping(0.2) as url, HttpxFetcher(timeout=0.5, total_timeout=1.5) as fetcher:
        [capture] = iter_captures(url, fetcher=fetcher)
    assert capture.error == "timed out after 1.5 s (whole response)"


def _export(tmp_path: Path, big: int) -> Path:
    (tmp_path / "files").mkdir()
    with (tmp_path / "files" / "big.bin").open("wb") as fh:
        fh.truncate(big)
    (tmp_path / "files" / "small.txt").write_bytes(b"small")
    messages = [{"id": 5, "type": "message", "date": "2025-10-30T10:00:00", "date_unixtime": "1761818400",
                 "text": UK, "file": "files/big.bin"},
                {"id": 6, "type": "message", "date": "2025-10-30T10:00:00", "date_unixtime": "1761818400",
                 "text": UK, "file": "files/small.txt"}]
    (tmp_path / "result.json").write_text(json.dumps({"name": "c", "type": "public_channel", "id": 9,
                                                      "messages": messages}), encoding="utf-8")
    return tmp_path


def test_telegram_media_over_the_cap_are_failures_of_their_own(tmp_path):
    export = _export(tmp_path, 4096)
    captures = list(iter_captures(str(export), max_bytes=1000))
    by_locator = {c.locator: c for c in captures}
    message = by_locator["telegram:9/5"]
    assert message.error is None and message.text == UK
    assert [a.role for a in message.artefacts] == ["original"]
    assert message.metadata["media_too_large"] == "big.bin (4 kB)"
    failure = by_locator["telegram:9/5#media:big.bin"]
    assert_provenance(failure)
    assert failure.error == "media file of 4 kB is larger than the 1000 bytes cap: not kept"
    assert failure.parent == "telegram:9/5" and failure.artefacts == ()
    assert [a.name for a in by_locator["telegram:9/6"].artefacts if a.role == "media"] == ["small.txt"]
    assert len(captures) == 4  # export, two messages, one failure
